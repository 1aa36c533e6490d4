"""The Atom feed of changes to published figures (``/feeds/changes/``), read from the history.

A change is public when the figure record is published before or after it:

- published: the record becomes published (new, or again after a withdrawal);
- corrected: a published record, or one of its citations, changes and it stays published;
- withdrawn: a published record leaves the published data (withdrawn, or any other status);
- deleted: a published record is deleted.

Whatever happens to a record while it is a draft or in review never appears. Each entry
says what changed, field by field (``history.timeline``), and the reason given for it.
The feed holds the latest ``FEED_ENTRIES`` changes; its ETag and Last-Modified follow the
data version, so a feed reader that asks again gets 304 until something changes.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cooperation import citing, datasets, history
from cooperation.models import Citation, Status
from cooperation.views.downloads import not_modified, stamp

FEED_ENTRIES = 50
# The rendered feed is kept this long for a given data version: reading the history costs
# hundreds of queries, and the feed cannot change until the data version does.
FEED_CACHE_SECONDS = 3600
PUBLISHED, CORRECTED, WITHDRAWN, DELETED = "published", "corrected", "withdrawn", "deleted"
KIND_LABELS = {
    PUBLISHED: gettext_lazy("Published"),
    CORRECTED: gettext_lazy("Corrected"),
    WITHDRAWN: gettext_lazy("Withdrawn"),
    DELETED: gettext_lazy("Deleted"),
}
# A record's state after a change that deleted it.
_GONE = "-"
# Names the entries of this feed, whatever the host it is served from.
_GUID_NAMESPACE = uuid.UUID("5b0e7f0e-3c1d-4a52-9d8e-6a1f2c9b7e41")


@dataclass
class PublicChange:
    """One change to a published figure record, as the feed shows it."""

    kind: str
    dataset: datasets.Dataset
    pk: int
    public_id: str  # as it was after the change
    headline: str  # the headline number after the change (before it, for a deletion)
    change: history.Change
    link: str = ""

    @property
    def date(self) -> datetime:
        return self.change.date

    @property
    def guid(self) -> str:
        return f"urn:uuid:{uuid.uuid5(_GUID_NAMESPACE, f'{self.dataset.name}/{self.pk}/{self.change.change_set}')}"

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def summary(self) -> str:
        names = {"data_set": self.dataset.title, "id": self.public_id, "figure": self.headline}
        return {
            PUBLISHED: _("%(data_set)s %(id)s is published: %(figure)s."),
            CORRECTED: _("%(data_set)s %(id)s is corrected; it now reads %(figure)s."),
            WITHDRAWN: _("%(data_set)s %(id)s (%(figure)s) is withdrawn: it is no longer part of the published data."),
            DELETED: _("%(data_set)s %(id)s (%(figure)s) is deleted: it is no longer part of the published data."),
        }[self.kind] % names


def _change_key(row) -> uuid.UUID:
    """The change a history row belongs to, as ``history.timeline`` groups them."""
    return row.change_set or uuid.UUID(int=row.history_id)


def _kind(before: str | None, after: str | None) -> str | None:
    if after == Status.PUBLISHED:
        return CORRECTED if before == Status.PUBLISHED else PUBLISHED
    if before == Status.PUBLISHED:
        return DELETED if after == _GONE else WITHDRAWN
    return None


def record_changes(dataset: datasets.Dataset, pk: int) -> list[PublicChange]:
    """The public changes of one figure record, newest first."""
    model = dataset.model
    # The record's own history row in each change, in order (None: only citations changed).
    order: list[uuid.UUID] = []
    record_rows: dict[uuid.UUID, object] = {}
    for row in history.history_rows(model, pk):
        key = _change_key(row)
        if key not in record_rows:
            order.append(key)
            record_rows[key] = None
        if row.instance_type is model:
            record_rows[key] = row
    described = {change.change_set: change for change in history.timeline(model, pk)}
    found = []
    status, state = None, None
    for key in order:
        row = record_rows[key]
        before = status
        if row is not None:
            status = _GONE if row.history_type == "-" else row.status
            # A deletion row holds the record as it was: it names what was deleted.
            state = row
        kind = _kind(before, status)
        change = described.get(key)
        if kind is None or change is None or state is None or (kind == CORRECTED and not change.entries):
            continue
        found.append(
            PublicChange(
                kind=kind,
                dataset=dataset,
                pk=pk,
                public_id=state.public_id,
                headline=state.instance.headline_display(),
                change=change,
            )
        )
    return found[::-1]


def _candidates() -> list[tuple[datetime, datasets.Dataset, int]]:
    """Every record that is or was published, with the time of its latest history row or its
    citations' (never earlier than its latest public change), latest first."""
    latest: dict[tuple[str, int], datetime] = {}
    for dataset in datasets.FIGURE_DATASETS:
        model = dataset.model
        ever = model.history.filter(status=Status.PUBLISHED).order_by().values("id")
        key = f"{model.CITATION_FIELD}_id"
        own = model.history.filter(id__in=ever).order_by().values("id").annotate(latest=Max("history_date"))
        cited = (
            Citation.history.filter(**{f"{key}__in": ever}).order_by().values(key).annotate(latest=Max("history_date"))
        )
        for pk, when in [(row["id"], row["latest"]) for row in own] + [(row[key], row["latest"]) for row in cited]:
            name = (dataset.name, pk)
            latest[name] = max(latest.get(name, when), when)
    return sorted(
        ((when, datasets.DATASETS_BY_NAME[name], pk) for (name, pk), when in latest.items()),
        key=lambda item: item[0],
        reverse=True,
    )


def _link(change: PublicChange, current: tuple[str, str] | None) -> str:
    """The record's page while it is published (under its current identifier), else its data set's list."""
    if current is not None and current[0] == Status.PUBLISHED:
        return reverse("record-detail", args=[change.dataset.name, current[1]])
    return reverse("browse", args=[change.dataset.name])


def published_changes(limit: int = FEED_ENTRIES) -> list[PublicChange]:
    """The latest ``limit`` public changes to figure records, newest first.

    Records are read latest first and reading stops once no further record can hold a
    change newer than the ones found, so the cost follows ``limit``, not the history."""
    found: list[PublicChange] = []
    for when, dataset, pk in _candidates():
        if len(found) >= limit and when < found[limit - 1].date:
            break
        changes = record_changes(dataset, pk)
        if changes:
            current = dataset.model.objects.filter(pk=pk).values_list("status", "public_id").first()
            for change in changes:
                change.link = _link(change, current)
            found = sorted([*found, *changes], key=lambda change: change.date, reverse=True)
    return found[:limit]


class ChangesFeed(Feed):
    """``/feeds/changes/``: new, corrected, withdrawn and deleted figures, with what changed and why."""

    feed_type = Atom1Feed
    description_template = "cooperation/_feed_entry.html"
    author_name = citing.PUBLISHER
    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        version = citing.data_version()
        unchanged = not_modified(request, version)
        if unchanged is not None:
            return unchanged
        key = f"cooperation:feed:{version.isoformat()}:{get_language()}:{request.get_host()}"
        cached = cache.get(key)
        if cached is None:
            response = super().__call__(request, *args, **kwargs)
            cached = (response.content, response["Content-Type"])
            cache.set(key, cached, FEED_CACHE_SECONDS)
        content, content_type = cached
        return stamp(HttpResponse(content, content_type=content_type), version)

    def title(self):
        return _("Mexico–Haiti security cooperation tracker: changes to published figures")

    def subtitle(self):
        return _(
            "Figures published, corrected, withdrawn or deleted, with what changed and the reason given. "
            "The latest %(count)s changes."
        ) % {"count": FEED_ENTRIES}

    def link(self):
        return reverse("downloads")

    def feed_url(self):
        return reverse("feed-changes")

    def items(self):
        return published_changes()

    def item_title(self, item: PublicChange) -> str:
        figure = f" ({item.headline})" if item.headline and item.headline != "—" else ""
        return f"{item.label}: {item.dataset.title} {item.public_id}{figure}"

    def item_link(self, item: PublicChange) -> str:
        return item.link

    def item_guid(self, item: PublicChange) -> str:
        return item.guid

    def item_pubdate(self, item: PublicChange) -> datetime:
        return item.date

    def item_updateddate(self, item: PublicChange) -> datetime:
        return item.date

    def item_categories(self, item: PublicChange) -> list[str]:
        return [item.kind, item.dataset.name]
