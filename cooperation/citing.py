"""How to cite the tracker: the whole data set, a chart with its filters, or one figure.

Each ``Reference`` reads as plain text and as BibTeX, with the same parts: title,
publisher, the data version (the time of the latest published change,
``data_version``), a permalink and the access date. The chart template, the record
page, the downloads page and the files' README sheets all build their citations here.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from cooperation.tabular import LICENCE, PACKAGE_TITLE, format_timestamp, package_version

PUBLISHER = PACKAGE_TITLE
KEY_PREFIX = "mexico-haiti"

# LaTeX's special characters, as BibTeX text must spell them.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(character) for character in _BIBTEX_ESCAPES))
# What a URL must not carry inside a BibTeX field: braces, backslashes and spaces.
_URL_UNSAFE = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20", "\n": "%0A", "\r": "%0D", "\t": "%09"}


def data_version() -> datetime:
    """The version of the public data: the time of the latest published change."""
    return package_version(published_only=True)


def version_date(version: datetime) -> str:
    """``2026-11-28``: the day of a data version (UTC), as file names carry it."""
    return version.astimezone(UTC).date().isoformat()


def bibtex_text(text: str) -> str:
    """Text for a BibTeX field: LaTeX's special characters escaped, on one line."""
    text = " ".join(str(text).split())
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX_ESCAPES[match.group(0)], text)


def bibtex_url(url: str) -> str:
    return "".join(_URL_UNSAFE.get(character, character) for character in url)


def bibtex_key(*parts: str) -> str:
    """``mexico-haiti-cumulative-2026-11-28``: letters, digits and hyphens only."""
    text = "-".join(part for part in (KEY_PREFIX, *parts) if part)
    return re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9-]", "-", text)).strip("-")


@dataclass(frozen=True)
class Reference:
    """One thing to cite. ``details`` qualify the title (a chart's filters, a figure's
    number); ``kind`` says what it is ("data set", "chart", "figure")."""

    key: str
    title: str
    kind: str
    version: datetime
    permalink: str
    accessed: date
    details: list[str] = field(default_factory=list)
    publisher: str = PUBLISHER

    @property
    def version_label(self) -> str:
        """``2026-11-28T09:30:00Z``."""
        return format_timestamp(self.version)

    @property
    def accessed_label(self) -> str:
        return dateformat.format(self.accessed, "j F Y")

    @property
    def text(self) -> str:
        """Publisher. “Title” (kind; details). Data version …. Licence. Permalink (accessed …)."""
        qualifiers = "; ".join([self.kind, *self.details])
        return " ".join(
            [
                f"{self.publisher}.",
                f"“{self.title}” ({qualifiers}).",
                _("Data version %(version)s.") % {"version": self.version_label},
                f"{LICENCE['name']}.",
                self.permalink,
                "(" + _("accessed %(date)s") % {"date": self.accessed_label} + ").",
            ]
        )

    @property
    def bibtex(self) -> str:
        """A ``@misc`` entry (every BibTeX style knows it); biblatex also reads ``version``
        and ``urldate``, and ``note`` repeats both for the styles that do not."""
        note = "; ".join(
            [
                self.kind,
                *self.details,
                _("data version %(version)s") % {"version": self.version_label},
                _("accessed %(date)s") % {"date": self.accessed.isoformat()},
            ]
        )
        fields = [
            ("title", "{" + bibtex_text(self.title) + "}"),
            ("author", "{" + bibtex_text(self.publisher) + "}"),
            ("publisher", "{" + bibtex_text(self.publisher) + "}"),
            ("year", str(self.version.astimezone(UTC).year)),
            ("version", bibtex_text(self.version_label)),
            ("url", bibtex_url(self.permalink)),
            ("urldate", self.accessed.isoformat()),
            ("note", bibtex_text(note[:1].upper() + note[1:])),
        ]
        width = max(len(name) for name, _value in fields)
        lines = [f"  {name.ljust(width)} = {{{value}}}," for name, value in fields]
        return "@misc{" + self.key + ",\n" + "\n".join(lines) + "\n}"


def _accessed(accessed: date | None) -> date:
    return accessed or timezone.localdate()


def for_dataset(permalink: str, version: datetime, accessed: date | None = None, *, dataset=None) -> Reference:
    """The whole data set, or one of its tables (a ``cooperation.datasets.Dataset``)."""
    if dataset is None:
        key, title, kind = "data", _("Mexico–Haiti security cooperation data"), _("data set")
    else:
        key, title, kind = dataset.name, str(dataset.title), _("data table")
    return Reference(
        key=bibtex_key(key, version_date(version)),
        title=title,
        kind=kind,
        version=version,
        permalink=permalink,
        accessed=_accessed(accessed),
    )


def for_chart(
    title: str, slug: str, filters: str, permalink: str, version: datetime, accessed: date | None = None
) -> Reference:
    """A chart as it was shown: ``filters`` describes its selection, and the permalink keeps it."""
    return Reference(
        key=bibtex_key(slug, version_date(version)),
        title=title,
        kind=_("chart"),
        version=version,
        permalink=permalink,
        accessed=_accessed(accessed),
        details=[_("selection: %(filters)s") % {"filters": filters}] if filters else [],
    )


def for_figure(dataset, record, permalink: str, version: datetime, accessed: date | None = None) -> Reference:
    """One figure record: its data set and identifier, with its headline number."""
    headline = record.headline_display()
    return Reference(
        key=bibtex_key(record.public_id, version_date(version)),
        title=f"{dataset.title}: {record.public_id}",
        kind=_("figure"),
        version=version,
        permalink=permalink,
        accessed=_accessed(accessed),
        details=[headline] if headline and headline != "—" else [],
    )
