"""Who changed what, when and why, and going back to an earlier version.

django-simple-history keeps one history table per model: every save and delete adds
a row holding the whole record, the user (from ``HistoryRequestMiddleware``), the time
and a reason. This module adds what the admin needs on top:

- ``recording(reason=...)``: everything saved inside gets that reason and one shared
  ``change_set``, so a record saved with its citations reads as one change. Outside it,
  a request is one change, and its reason is ``request.cooperation_change_reason`` (the
  admin's form) or the ``X-Change-Reason`` header (the API).
- ``timeline(model, pk)``: a record's changes, newest first, with a field-level diff,
  its citations' changes merged in.
- ``restore(model, pk, change_set, ...)``: puts a record (and its citations) back as they
  were after that change; the restore is itself a change, recorded with
  ``restored_from``.
"""

import contextlib
import contextvars
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from cooperation.models import Citation, FigureRecord, Status

# Header an API client may send to say why it changes a record.
REASON_HEADER = "X-Change-Reason"
REASON_MAX_LENGTH = 2000
# Fields that change on every save, or that name the row rather than describe it.
NOT_DIFFED = {"id", "created", "updated"}

_reason: contextvars.ContextVar[str | None] = contextvars.ContextVar("history_reason", default=None)
_change_set: contextvars.ContextVar[uuid.UUID | None] = contextvars.ContextVar("history_change_set", default=None)
_restored_from: contextvars.ContextVar[uuid.UUID | None] = contextvars.ContextVar("history_restored", default=None)


@contextlib.contextmanager
def recording(reason: str | None = None, *, restored_from: uuid.UUID | None = None):
    """Everything saved or deleted inside is one change, with this reason."""
    tokens = (
        _reason.set(reason),
        _change_set.set(uuid.uuid4()),
        _restored_from.set(restored_from),
    )
    try:
        yield
    finally:
        for var, token in zip((_reason, _change_set, _restored_from), tokens, strict=True):
            var.reset(token)


def _request():
    return getattr(HistoricalRecords.context, "request", None)


def request_reason(request) -> str:
    reason = getattr(request, "cooperation_change_reason", None)
    if reason is None:
        reason = request.headers.get(REASON_HEADER, "")
    return reason.strip()[:REASON_MAX_LENGTH]


@receiver(pre_create_historical_record)
def _describe_change(sender, history_instance, **kwargs):
    request = _request()
    change_set = _change_set.get()
    if change_set is None and request is not None:
        if not hasattr(request, "_history_change_set"):
            request._history_change_set = uuid.uuid4()
        change_set = request._history_change_set
    history_instance.change_set = change_set or uuid.uuid4()
    history_instance.restored_from = _restored_from.get()
    if not history_instance.history_change_reason:
        reason = _reason.get()
        if reason is None and request is not None:
            reason = request_reason(request)
        history_instance.history_change_reason = reason or None


# --- Reading the history ---------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    """One row of a history table, described."""

    what: str  # "" for the record itself, else e.g. "citation C0001"
    kind: str  # created, changed, deleted
    changes: list[FieldChange]


@dataclass
class Change:
    """Everything saved by one action: a record and the citations saved with it."""

    change_set: uuid.UUID
    date: datetime
    user: object
    reason: str
    restored_from: uuid.UUID | None
    entries: list[Entry] = field(default_factory=list)
    # Whether the record itself exists after this change (a deletion does not).
    record_exists: bool = True

    @property
    def kinds(self) -> set[str]:
        return {entry.kind for entry in self.entries}


KINDS = {"+": gettext_lazy("created"), "~": gettext_lazy("changed"), "-": gettext_lazy("deleted")}


def _display(model_field: models.Field, value, related_cache: dict) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(model_field, models.ForeignKey):
        key = (model_field.related_model, value)
        if key not in related_cache:
            related = model_field.related_model._default_manager.filter(pk=value).first()
            if related is None:  # deleted since: its history still names it
                last = model_field.related_model.history.filter(id=value).first()
                related = last.instance if last else f"#{value}"
            related_cache[key] = str(related)
        return related_cache[key]
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in NOT_DIFFED]


def field_changes(model, old, new, related_cache: dict | None = None) -> list[FieldChange]:
    """The fields that differ between two history rows (``old`` None: every field set)."""
    related_cache = {} if related_cache is None else related_cache
    changes = []
    for model_field in _fields(model):
        before = getattr(old, model_field.attname) if old is not None else None
        after = getattr(new, model_field.attname)
        if before != after and not (old is None and after in (None, "")):
            changes.append(
                FieldChange(
                    str(model_field.verbose_name),
                    _display(model_field, before, related_cache) if old is not None else "",
                    _display(model_field, after, related_cache),
                )
            )
    return changes


def _citation_key(model) -> str | None:
    return model.CITATION_FIELD if issubclass(model, FigureRecord) else None


def history_rows(model, pk):
    """The record's history rows and, for a figure record, its citations', oldest first."""
    rows = list(model.history.filter(id=pk).select_related("history_user"))
    key = _citation_key(model)
    if key:
        # A citation moved to another record keeps its rows from before the move here.
        rows += list(Citation.history.filter(**{f"{key}_id": pk}).select_related("history_user"))
    return sorted(rows, key=lambda row: (row.history_date, row.history_id))


def timeline(model, pk) -> list[Change]:
    """The record's changes, newest first, each with what it changed field by field."""
    rows = history_rows(model, pk)
    previous: dict[tuple[type, int], object] = {}
    related_cache: dict = {}
    changes: dict[uuid.UUID, Change] = {}
    exists = False
    for row in rows:
        instance_model = row.instance_type
        key = (instance_model, row.id)
        before = previous.get(key)
        deleted_row = row.history_type == "-"
        entry_changes = [] if deleted_row else field_changes(instance_model, before, row, related_cache)
        previous[key] = row if row.history_type != "-" else None
        what = "" if instance_model is model else f"{instance_model._meta.verbose_name} {row.public_id}"
        change_set = row.change_set or uuid.UUID(int=row.history_id)
        change = changes.get(change_set)
        if change is None:
            change = changes[change_set] = Change(
                change_set=change_set,
                date=row.history_date,
                user=row.history_user,
                reason=row.history_change_reason or "",
                restored_from=row.restored_from,
            )
        change.date = max(change.date, row.history_date)
        change.reason = change.reason or row.history_change_reason or ""
        if instance_model is model:
            exists = row.history_type != "-"
        change.record_exists = exists
        if row.history_type != "~" or entry_changes:
            change.entries.append(Entry(what, str(KINDS[row.history_type]), entry_changes))
    return sorted(changes.values(), key=lambda change: change.date, reverse=True)


def last_change_user_id(record) -> int | None:
    """Who made the latest change to the record or to one of its citations (None: a script)."""
    rows = [type(record).history.filter(id=record.pk).order_by("-history_date", "-history_id").first()]
    key = _citation_key(type(record))
    if key:
        rows.append(
            Citation.history.filter(**{f"{key}_id": record.pk}).order_by("-history_date", "-history_id").first()
        )
    rows = [row for row in rows if row is not None]
    if not rows:
        return None
    return max(rows, key=lambda row: (row.history_date, row.history_id)).history_user_id


def deleted(model, limit: int = 200):
    """The last history row of each record of ``model`` that is deleted, newest first."""
    rows = model.history.filter(history_type="-").exclude(id__in=model._default_manager.values("pk"))
    return list(rows.order_by("-history_date").select_related("history_user")[:limit])


# --- Going back -------------------------------------------------------------------------


class RestoreError(Exception):
    pass


def version_date(model, pk, change_set: uuid.UUID) -> datetime:
    dates = [row.history_date for row in history_rows(model, pk) if row.change_set == change_set]
    if not dates:
        raise RestoreError(_("This version does not exist."))
    return max(dates)


def _state_as_of(history_model, when: datetime, **filters):
    """The latest row of each object up to ``when``, deleted ones left out."""
    rows = history_model.history.filter(history_date__lte=when).latest_of_each()
    return rows.filter(**filters).exclude(history_type="-")


def restore(model, pk, change_set: uuid.UUID, *, reason: str = ""):
    """Puts the record back as it was right after ``change_set``: its fields and, for a
    figure record, its citations (recreating deleted ones, removing later ones). The
    publication status stays as it is now (a deleted record comes back as a draft): the
    workflow, not the history, decides what is public. The model's rules are checked as
    for any save; a record that would break one is left untouched.
    Returns the restored record."""
    when = version_date(model, pk, change_set)
    old = _state_as_of(model, when, id=pk).first()
    if old is None:
        raise RestoreError(_("The record did not exist after this change; choose an earlier one."))
    with transaction.atomic(), recording(reason, restored_from=change_set):
        current = model._default_manager.select_for_update().filter(pk=pk).first()
        record = old.instance
        # Built from a history row: an update of the stored row, unless it is gone.
        record._state.adding = current is None
        if issubclass(model, FigureRecord):
            record.status = current.status if current else Status.DRAFT
            record.created = current.created if current else record.created
        try:
            record.full_clean()
        except ValidationError as error:
            raise RestoreError(" ".join(error.messages)) from None
        record.save()
        key = _citation_key(model)
        if key:
            _restore_citations(record, key, when)
        elif isinstance(record, Citation) and record.record is not None:
            # The cited record's rules (headline stated, publish rule) must still hold.
            try:
                record.record.validate_citations()
            except ValidationError as error:
                raise RestoreError(" ".join(error.messages)) from None
    return record


def _restore_citations(record, key: str, when: datetime) -> None:
    wanted = {row.id: row.instance for row in _state_as_of(Citation, when, **{f"{key}_id": record.pk})}
    for citation in Citation.objects.filter(**{key: record}).exclude(pk__in=wanted):
        citation.delete()
    taken = dict(
        Citation.objects.filter(public_id__in=[c.public_id for c in wanted.values()])
        .exclude(pk__in=wanted)
        .values_list("public_id", "pk")
    )
    stored = set(Citation.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    for citation in wanted.values():
        citation._state.adding = citation.pk not in stored
        if citation.public_id in taken:
            raise RestoreError(
                _("Citation %(id)s cannot come back: another citation now has its identifier.")
                % {"id": citation.public_id}
            )
        try:
            citation.full_clean(exclude=[key])
        except ValidationError as error:
            raise RestoreError(f"{citation.public_id}: {' '.join(error.messages)}") from None
        citation.save()
    try:
        record.validate_citations()
    except ValidationError as error:
        raise RestoreError(" ".join(error.messages)) from None
