"""The version of a record, for "no edit is lost to a concurrent one".

A client reads a record together with its version; when it writes back it sends the
version it read, and the write is refused if the record has changed since. The API
sends the version as the ``ETag`` and compares it with ``If-Match`` (412 when stale);
an admin form can keep it in a hidden field and compare it the same way.

The version is a digest of everything a reader sees of the record: its data set
columns, its citations and the institutions and sources they name. It changes when
any of them changes, and only then, whatever the database.
"""

import hashlib
import json

from django.db import models

from cooperation import datasets


def _rows(obj: models.Model) -> list[list[str]]:
    dataset = datasets.dataset_for_model(type(obj))
    rows = [[dataset.name, *dataset.export_row(obj)]]
    for column in dataset.columns:
        if column.foreign_key and column.fields:
            related = getattr(obj, column.fields[0])
            if related is not None:
                rows.append([column.name, *datasets.INSTITUTIONS.export_row(related)])
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
    text = json.dumps(_rows(obj), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


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
