"""The version of a record, for "no edit is lost to a concurrent one".

A client reads a record together with its version; when it writes back it sends the
version it read, and the write is refused if the record has changed since. The API
sends the version as the ``ETag`` and compares it with ``If-Match`` (412 when stale);
the admin change form keeps it in a hidden field and compares it the same way
(``version_matches``), and shows what changed (``describe_changes``).

The version is a digest of everything a reader sees of the record: its data set
columns, its citations and the institutions and sources they name. It changes when
any of them changes, and only then, whatever the database.
"""

import hashlib
import json
from dataclasses import dataclass

from django.db import models

from cooperation import datasets


def snapshot(obj: models.Model) -> list[list[str]]:
    """What a reader sees of ``obj``, as rows of text: the record's own data set row, the
    institutions it names, then each citation with its source. ``record_version`` is a
    digest of these rows; ``describe_changes`` compares two of them."""
    return _rows(obj)


def _rows(obj: models.Model) -> list[list[str]]:
    dataset = datasets.dataset_for_model(type(obj))
    rows = [[dataset.name, *dataset.export_row(obj)]]
    for column in dataset.columns:
        if column.foreign_key and column.fields:
            related = getattr(obj, column.fields[0])
            if related is not None:
                referred = datasets.DATASETS_BY_NAME[column.foreign_key[0]]
                rows.append([column.name, *referred.export_row(related)])
    if hasattr(obj, "citations") and obj.pk is not None and dataset in datasets.FIGURE_DATASETS:
        for citation in sorted(obj.citations.all(), key=lambda c: c.public_id):
            rows.append(["citation", *datasets.CITATIONS.export_row(citation)])
            rows.append(["source", *datasets.SOURCES.export_row(citation.source)])
    return rows


def record_version(obj: models.Model) -> str:
    """A short digest that changes whenever what a reader sees of ``obj`` changes.

    Reads the record's citations and their sources: prefetch them
    (``FigureQuerySet.with_related``) to keep it to no extra query.
    """
    return version_of(_rows(obj))


def version_of(rows: list[list[str]]) -> str:
    """The version of a ``snapshot``: the same digest ``record_version`` gives."""
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Change:
    """One difference between two snapshots: ``where`` names the row (the record itself is
    empty, else e.g. "citation T-F1", "source S01", "provider"), ``column`` the cell."""

    where: str
    column: str
    old: str | None  # None: the row is new
    new: str | None  # None: the row is gone


def _columns(kind: str) -> list[str]:
    if kind in datasets.DATASETS_BY_NAME:
        return datasets.DATASETS_BY_NAME[kind].column_names
    names = {"citation": datasets.CITATIONS, "source": datasets.SOURCES}
    return (names.get(kind) or datasets.INSTITUTIONS).column_names


def describe_changes(before: list[list[str]], after: list[list[str]]) -> list[Change]:
    """Every cell that differs between two snapshots of one record, row by row.

    Rows are matched by their kind and identifier, so a citation added, removed or
    edited reads as such, and an institution renamed reads as a change of the column
    that names it.
    """

    def keyed(rows):
        found = {}
        for index, row in enumerate(rows):
            kind, values = row[0], row[1:]
            where = "" if index == 0 else (f"{kind} {values[0]}" if kind in ("citation", "source") else kind)
            found.setdefault(where, (kind, values))
        return found

    old_rows, new_rows = keyed(before), keyed(after)
    changes = []
    for where in [*old_rows, *(key for key in new_rows if key not in old_rows)]:
        old, new = old_rows.get(where), new_rows.get(where)
        if old is None or new is None:
            _kind, values = new or old
            changes.append(Change(where, "", None if old is None else values[0], None if new is None else values[0]))
            continue
        for column, old_value, new_value in zip(_columns(old[0]), old[1], new[1], strict=False):
            if old_value != new_value:
                changes.append(Change(where, column, old_value, new_value))
    return changes


def parse_etags(header: str) -> list[str]:
    """``W/"a", "b"`` → ``["a", "b"]``; ``*`` → ``["*"]``. Weak and strong compare alike."""
    tags = []
    for part in header.split(","):
        part = part.strip()
        if part.startswith("W/"):
            part = part[2:]
        if part:
            tags.append(part.strip('"'))
    return tags


def version_matches(obj: models.Model, expected: str) -> bool:
    """True when ``expected`` (a version, or an ``If-Match`` header value) names the current version."""
    tags = parse_etags(expected)
    return "*" in tags or record_version(obj) in tags
