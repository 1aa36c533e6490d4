"""The Frictionless data package that ``export_data`` writes."""

import hashlib
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from django.db import models
from django.db.models import Max, Value
from django.utils import timezone

from cooperation import datasets
from cooperation.datasets import DATASETS, Dataset
from cooperation.models import FIGURE_MODELS, Citation, Institution, Source, Status
from cooperation.tabular.csvfiles import iter_dataset_csv

# --- The data package -----------------------------------------------------------

PACKAGE_NAME = "mexico-haiti-security-cooperation"
PACKAGE_TITLE = "Mexico–Haiti security cooperation tracker"
PACKAGE_DESCRIPTION = (
    "What Mexico and other partners have done to train and equip Haitian security forces: "
    "training cohorts, equipment donations, pledges and announced totals, each figure with "
    "the public sources that state it, verbatim."
)
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
CITATIONS_NOTE = (
    " record_id names a row of cohorts, donations, pledges or reported-figures, "
    "according to record_type (a polymorphic reference, so it is not a declared foreign key)."
)


# A withdrawn record left the public package when it was withdrawn: its time counts.
_PUBLIC_OR_WITHDRAWN = (Status.PUBLISHED, Status.WITHDRAWN)


def _changed_querysets(published_only: bool) -> Iterator[models.QuerySet]:
    """Every table whose ``updated`` time dates the package's content."""
    for dataset in datasets.FIGURE_DATASETS:
        queryset = dataset.model.objects.all()
        yield queryset.filter(status__in=_PUBLIC_OR_WITHDRAWN) if published_only else queryset
    citations = Citation.objects.all()
    if published_only:
        condition = models.Q()
        for model in FIGURE_MODELS:
            condition |= models.Q(**{f"{model.CITATION_FIELD}__status__in": _PUBLIC_OR_WITHDRAWN})
        citations = citations.filter(condition)
    yield citations
    yield Source.objects.all()


def _history_querysets(published_only: bool) -> Iterator[models.QuerySet]:
    """What only the history dates: deletions, and institutions (which have no ``updated``)."""
    for model in FIGURE_MODELS:
        deleted = model.history.filter(history_type="-")
        yield deleted.filter(status=Status.PUBLISHED) if published_only else deleted
    yield Citation.history.filter(history_type="-")
    yield Source.history.filter(history_type="-")
    yield Institution.history.all()


def _latest(queryset: models.QuerySet, field: str) -> models.QuerySet:
    """``SELECT MAX(field) FROM …``, as a query that can be combined with others."""
    constant = Value(1, output_field=models.IntegerField())
    return queryset.order_by().annotate(one=constant).values("one").annotate(latest=Max(field)).values("latest")


def package_version(published_only: bool = False) -> datetime:
    """The data version: the time of the latest change to what the package holds (a figure
    record, a citation, a source, an institution) or to what it no longer holds (a
    deletion, a withdrawal); now, if there is nothing. One query (a UNION of the maxima),
    so that every page can show it."""
    parts = [_latest(qs, "updated") for qs in _changed_querysets(published_only)]
    parts += [_latest(qs, "history_date") for qs in _history_querysets(published_only)]
    latest = parts[0].union(*parts[1:], all=True).values_list("latest", flat=True)
    return max((value for value in latest if value), default=None) or timezone.now()


def format_timestamp(value: datetime) -> str:
    """``2026-11-28T09:30:00Z``: ISO 8601 in UTC, to the second."""
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def table_schema(dataset: Dataset) -> dict:
    """The Frictionless Table Schema of a data set, from its column declarations."""
    fields = []
    for column in dataset.columns:
        description = str(column.description)
        if column.name == "record_id":
            description += CITATIONS_NOTE
        fields.append(
            {"name": column.name, "type": column.type, "description": description}
            | ({"constraints": column.constraints} if column.constraints else {})
        )
    foreign_keys = [
        {"fields": column.name, "reference": {"resource": column.foreign_key[0], "fields": column.foreign_key[1]}}
        for column in dataset.columns
        if column.foreign_key
    ]
    return {"fields": fields, "missingValues": [""], "primaryKey": "id", "foreignKeys": foreign_keys}


def _export_queryset(dataset: Dataset, published_only: bool) -> models.QuerySet:
    queryset = dataset.export_queryset()
    # Institutions and sources are reference tables: they are public whatever the status.
    return queryset.published() if published_only and hasattr(queryset, "published") else queryset


def _write_resource(archive: zipfile.ZipFile, dataset: Dataset, published_only: bool, stamp: tuple) -> dict:
    """Streams one CSV into the archive, measuring it on the way."""
    digest, size, lines = hashlib.sha256(), 0, 0
    info = zipfile.ZipInfo(f"{dataset.name}.csv", date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w") as out:
        for line in iter_dataset_csv(dataset, _export_queryset(dataset, published_only)):
            out.write(line)
            digest.update(line)
            size += len(line)
            lines += 1
    return {
        "profile": "tabular-data-resource",
        "name": dataset.name,
        "path": info.filename,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": size,
        "hash": f"sha256:{digest.hexdigest()}",
        "rows": lines - 1,
        "schema": table_schema(dataset),
    }


def package_descriptor(resources: list[dict], version: datetime, created: datetime) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": PACKAGE_DESCRIPTION,
        "version": format_timestamp(version),
        "created": format_timestamp(created),
        "licenses": [LICENCE],
        "resources": resources,
    }


def _markdown_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def package_readme(descriptor: dict) -> str:
    """The README of the package: what it is, licence, how to cite, and every column."""
    version = descriptor["version"]
    lines = [
        f"# {PACKAGE_TITLE}: data package",
        "",
        PACKAGE_DESCRIPTION,
        "",
        f"- Version: {version} (the time of the latest change to a figure record)",
        f"- Created: {descriptor['created']}",
        f"- Licence: [{LICENCE['title']} ({LICENCE['name']})]({LICENCE['path']})",
        "",
        "## How to cite",
        "",
        f"{PACKAGE_TITLE}. Data package, version {version}. Licensed under {LICENCE['name']}.",
        "",
        "Cite the original sources too: every figure links to them through citations.csv.",
        "",
        "## Files",
        "",
        "UTF-8 without a byte-order mark, comma-separated, first row the header. An empty cell is "
        "unknown, never zero. Dates are YYYY, YYYY-MM or YYYY-MM-DD: exactly as precise as the source. "
        "A text cell that starts with = + - @, a tab or a carriage return has one leading apostrophe "
        "added so that spreadsheets do not run it as a formula; `import_data` removes it. "
        "`datapackage.json` describes the files as a Frictionless Data Package.",
        "",
        "| file | rows | contents |",
        "| --- | --- | --- |",
        *(f"| {r['path']} | {r['rows']} | {_markdown_cell(r['description'])} |" for r in descriptor["resources"]),
    ]
    for resource in descriptor["resources"]:
        rows = f"{resource['rows']} row" + ("" if resource["rows"] == 1 else "s")
        lines += ["", f"### {resource['path']} ({rows})", "", "| column | type | meaning |"]
        lines.append("| --- | --- | --- |")
        lines += [
            f"| {f['name']} | {f['type']} | {_markdown_cell(f['description'])} |" for f in resource["schema"]["fields"]
        ]
    return "\n".join(lines) + "\n"


def write_package(path: str | Path, *, published_only: bool = False) -> dict:
    """Writes the zip data package and returns its ``datapackage.json`` descriptor.

    The CSV files hold every row in identifier order, so the same database always
    gives the same bytes; ``published_only`` leaves out draft and withdrawn records
    and their citations (for public downloads).
    """
    version = package_version(published_only)
    created = timezone.now()
    # Member timestamps are the data version, not the clock, so unchanged data gives unchanged members.
    stamp = version.astimezone(UTC).timetuple()[:6]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        resources = [_write_resource(archive, dataset, published_only, stamp) for dataset in DATASETS]
        descriptor = package_descriptor(resources, version, created)
        text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
        archive.writestr(zipfile.ZipInfo("datapackage.json", date_time=stamp), text)
        archive.writestr(zipfile.ZipInfo("README.md", date_time=stamp), package_readme(descriptor))
    return descriptor
