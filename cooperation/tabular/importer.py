"""The importer: all or nothing, every error reported by file, row and column.

Row numbers count CSV records the way a spreadsheet shows them: the header is row 1
and the first data row is row 2; a line break inside a quoted cell does not shift them.
"""

import codecs
import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DataError, IntegrityError, models, transaction
from django.db.models import Q, UniqueConstraint
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation import datasets
from cooperation.datasets import DATASETS, DATASETS_BY_NAME, Dataset
from cooperation.tabular.cells import restore_cell

# --- Import results ---------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    file: str
    row: int | None  # header 1, first data row 2; None for the file as a whole
    column: str  # "" when the error concerns the whole row or file
    reason: str

    def __str__(self) -> str:
        where = self.file or _("import")
        if self.row is not None:
            where += f": {_('row')} {self.row}"
        if self.column:
            where += f", {_('column')} {self.column}"
        return f"{where}: {self.reason}"


NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"


@dataclass
class RowResult:
    """What importing one row did (or, in a dry run, would do)."""

    file: str
    row: int
    dataset: str
    record_id: str
    status: str = UNCHANGED  # new, changed, unchanged or error
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # column → (stored, imported)
    errors: list[RowError] = field(default_factory=list)

    def fail(self, column: str, reason: str) -> None:
        self.errors.append(RowError(self.file, self.row, column, reason))
        self.status = ERROR


@dataclass
class ImportReport:
    dry_run: bool = False
    rows: list[RowResult] = field(default_factory=list)
    file_errors: list[RowError] = field(default_factory=list)

    @property
    def errors(self) -> list[RowError]:
        return self.file_errors + [error for row in self.rows for error in row.errors]

    def counts(self) -> dict[str, dict[str, int]]:
        """Per data set, in import order: how many rows are new, changed, unchanged, in error."""
        counts = {}
        for row in sorted(self.rows, key=lambda row: DATASETS.index(DATASETS_BY_NAME[row.dataset])):
            tally = counts.setdefault(row.dataset, dict.fromkeys((NEW, CHANGED, UNCHANGED, ERROR), 0))
            tally[row.status] += 1
        return counts

    def summary(self) -> str:
        parts = [
            _("%(dataset)s: %(new)s new, %(changed)s changed, %(unchanged)s unchanged") % {"dataset": name, **tally}
            for name, tally in self.counts().items()
        ]
        return "; ".join(parts) or _("no rows")


class ImportFailed(Exception):
    """Nothing was saved. ``errors`` lists every problem; ``report`` has each row's status."""

    def __init__(self, report: ImportReport):
        self.report = report
        self.errors = report.errors
        count = len(self.errors)
        message = ngettext("%(count)s error; nothing was saved.", "%(count)s errors; nothing was saved.", count)
        super().__init__(f"{message % {'count': count}} {self.errors[0]}")


class _FileError(Exception):
    def __init__(self, error: RowError):
        self.error = error


# --- Reading files ------------------------------------------------------------------


@dataclass
class _Table:
    name: str
    data: bytes
    dataset: Dataset | None = None
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def _files_in(source) -> list[tuple[str, bytes]]:
    """(name, content) of every file: a CSV path, a zip path, a directory or uploaded pairs."""
    if not isinstance(source, str | Path):
        pairs = list(source)
    elif Path(source).is_dir():
        pairs = [(p.name, p.read_bytes()) for p in sorted(Path(source).iterdir()) if p.is_file()]
    else:
        pairs = [(Path(source).name, Path(source).read_bytes())]
    files = []
    for name, data in pairs:
        if name.lower().endswith(".zip"):
            files += _unzip(name, data)
        elif name.lower().endswith((".csv", "datapackage.json")):
            files.append((name, data))
    return files


# A package unpacks to at most this much: an uploaded zip must not be able to fill the memory.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024


def _unzip(name: str, data: bytes) -> list[tuple[str, bytes]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if m.filename.endswith((".csv", ".json"))]
            # zipfile never reads past a member's declared size, so the sum is a true bound.
            if sum(member.file_size for member in members) > MAX_UNZIPPED_BYTES:
                reason = _("unpacks to more than %(size)s MB") % {"size": MAX_UNZIPPED_BYTES // 2**20}
                raise _FileError(RowError(name, None, "", reason))
            return [(Path(m.filename).name, archive.read(m)) for m in members if "__MACOSX" not in m.filename]
    except zipfile.BadZipFile:
        raise _FileError(RowError(name, None, "", _("is not a readable zip file"))) from None


def _dataset_from_name(name: str) -> Dataset | None:
    """``cohorts.csv`` and ``mexico-haiti-cohorts-2026-11-28.csv`` both name the cohorts."""
    stem = Path(name).stem.lower()
    found = [
        dataset
        for dataset in DATASETS
        if re.search(r"(^|[-_.])" + dataset.name.replace("-", "[-_]") + r"($|[-_.])", stem)
    ]
    return found[0] if len(found) == 1 else None


def _dataset_from_header(header: list[str]) -> Dataset | None:
    """The data set sharing most columns with the header, when one clearly does."""
    overlap = [len(set(header) & set(dataset.column_names)) for dataset in DATASETS]
    best = max(overlap)
    winners = [dataset for dataset, count in zip(DATASETS, overlap, strict=True) if count == best]
    return winners[0] if len(winners) == 1 and best > len(winners[0].columns) / 2 else None


def _package_names(files: list[tuple[str, bytes]]) -> dict[str, Dataset]:
    """File name → data set, from the resources of a ``datapackage.json`` if there is one."""
    for name, data in files:
        if name.endswith("datapackage.json"):
            try:
                resources = json.loads(data.decode("utf-8-sig")).get("resources", [])
            except (ValueError, AttributeError):
                raise _FileError(RowError(name, None, "", _("is not valid JSON"))) from None
            return {
                Path(str(r.get("path", ""))).name: DATASETS_BY_NAME[r.get("name")]
                for r in resources
                if isinstance(r, dict) and r.get("name") in DATASETS_BY_NAME
            }
    return {}


def _locate(prefix: str) -> tuple[int, str]:
    """Row and column where text that decoded correctly up to ``prefix`` breaks off."""
    try:
        records = list(csv.reader(io.StringIO(prefix + "x", newline="")))
    except csv.Error:
        return prefix.count("\n") + 1, ""
    row = len(records)
    header = records[0] if records else []
    index = len(records[-1]) - 1 if records else 0
    return row, header[index].strip() if row > 1 and index < len(header) else ""


def _decode(name: str, data: bytes) -> str:
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        row, column = _locate(data[: error.start].decode("utf-8"))
        reason = _("is not UTF-8: byte 0x%(byte)02x cannot be read. Save the file as “CSV UTF-8”.") % {
            "byte": data[error.start]
        }
        raise _FileError(RowError(name, row, column, reason)) from None


def _parse(table: _Table) -> None:
    reader = csv.reader(io.StringIO(_decode(table.name, table.data), newline=""))
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if number == 1:
                table.header = [cell.strip() for cell in cells]
            elif any(cell.strip() for cell in cells):  # blank lines are skipped, but still counted
                table.rows.append((number, cells))
    except csv.Error as error:
        reason = _("cannot be read as CSV: %(error)s") % {"error": error}
        raise _FileError(RowError(table.name, number + 1, "", reason)) from None
    if not table.header:
        raise _FileError(RowError(table.name, 1, "", _("is empty: the first row must name the columns")))


def _header_errors(table: _Table) -> list[RowError]:
    dataset, header = table.dataset, table.header
    errors = [
        RowError(table.name, 1, name, _("is missing: %(dataset)s files need every column") % {"dataset": dataset.name})
        for name in dataset.column_names
        if name not in header
    ]
    for name in header:
        if name not in dataset.column_names:
            reason = _("is not a column of %(dataset)s (expected %(columns)s)")
            errors.append(
                RowError(
                    table.name, 1, name, reason % {"dataset": dataset.name, "columns": ", ".join(dataset.column_names)}
                )
            )
        elif header.count(name) > 1:
            errors.append(RowError(table.name, 1, name, _("appears more than once in the header")))
    return list(dict.fromkeys(errors))


def read_tables(source, dataset: str | None = None) -> tuple[list[_Table], list[RowError]]:
    """Every CSV of ``source`` decoded, parsed, matched to its data set and put in import order."""
    errors = []
    if dataset and dataset not in DATASETS_BY_NAME:
        reason = _("%(name)s is not a data set (one of %(names)s)") % {
            "name": dataset,
            "names": ", ".join(DATASETS_BY_NAME),
        }
        return [], [RowError("", None, "", reason)]
    try:
        # Hidden files are editor and macOS leftovers such as ._cohorts.csv.
        files = [(name, data) for name, data in _files_in(source) if not Path(name).name.startswith(".")]
        by_package = _package_names(files)
    except _FileError as failure:
        return [], [failure.error]
    except OSError as error:
        return [], [RowError(str(source), None, "", _("cannot be read: %(error)s") % {"error": error.strerror})]
    tables = []
    for name, data in files:
        if not name.lower().endswith(".csv"):
            continue
        table = _Table(name, data)
        try:
            _parse(table)
        except _FileError as failure:
            errors.append(failure.error)
            continue
        table.dataset = (
            DATASETS_BY_NAME.get(dataset or "")
            or by_package.get(name)
            or _dataset_from_name(name)
            or _dataset_from_header(table.header)
        )
        if table.dataset is None:
            reason = _("cannot tell which data set this is: name it like cohorts.csv (one of %(names)s)")
            errors.append(RowError(name, 1, "", reason % {"names": ", ".join(DATASETS_BY_NAME)}))
        elif any(other.dataset is table.dataset for other in tables):
            errors.append(
                RowError(name, None, "", _("a second file for %(dataset)s") % {"dataset": table.dataset.name})
            )
        elif header_errors := _header_errors(table):
            errors += header_errors
        else:
            tables.append(table)
    if not tables and not errors:
        errors.append(RowError(str(source) if isinstance(source, str | Path) else "", None, "", _("holds no CSV file")))
    return sorted(tables, key=lambda table: DATASETS.index(table.dataset)), errors


# --- Importing rows ---------------------------------------------------------------

# Where a citation rule's error points: on the record's own row, and on a citation row.
RULE_COLUMNS = {
    "headline_not_stated": (None, "stated_value"),  # None: the column holding the headline number
    "published_without_citation": ("status", "record_id"),
}


# Until the models name the fields holding their headline number (first non-empty wins).
def _headline_column(dataset: Dataset, record) -> str:
    field = record.headline_field()
    return (dataset.column_for_field(field) or "") if field else ""


def _constraint_column(dataset: Dataset, message: str) -> str:
    """The column a violated database constraint named in ``message`` is about: the last
    one it reads (women rather than trainees, end rather than start)."""
    for constraint in sorted(dataset.model._meta.constraints, key=lambda c: -len(c.name)):
        if constraint.name in message:
            fields = set(getattr(constraint, "fields", ()))
            if getattr(constraint, "condition", None) is not None:
                fields |= Q(constraint.condition).referenced_base_fields
            columns = [column.name for column in dataset.columns if fields & set(column.fields)]
            return columns[-1] if columns else ""
    return ""


def _unique_errors(obj, exclude: list[str]) -> Iterator[tuple[str, list[str]]]:
    for constraint in obj._meta.constraints:
        if isinstance(constraint, UniqueConstraint):
            try:
                constraint.validate(type(obj), obj, exclude=set(exclude))
            except ValidationError as error:
                yield constraint.fields[-1], error.messages


def _validation_messages(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Importer:
    def __init__(self, report: ImportReport):
        self.report = report
        self.touched: dict[tuple[type, int], RowResult] = {}  # figure records whose citation rules to check

    def run(self, tables: list[_Table]) -> None:
        for table in tables:
            self.import_table(table)
        self.check_citation_rules()

    def stored(self, dataset: Dataset, ids: list[str]) -> dict[str, models.Model]:
        found = {}
        for chunk in _chunks(ids):
            found.update({obj.public_id: obj for obj in dataset.export_queryset().filter(public_id__in=chunk)})
        return found

    def import_table(self, table: _Table) -> None:
        dataset, header = table.dataset, table.header
        id_index = header.index("id")
        ids = [cells[id_index].strip() for _number, cells in table.rows if len(cells) > id_index]
        stored, first_row = self.stored(dataset, ids), {}
        for number, cells in table.rows:
            values = dict(zip(header, cells, strict=False))
            record_id = values.get("id", "").strip()
            result = RowResult(table.name, number, dataset.name, record_id)
            self.report.rows.append(result)
            if len(cells) != len(header):
                reason = _("has %(cells)s cells; the header has %(columns)s") % {
                    "cells": len(cells),
                    "columns": len(header),
                }
                result.fail("", reason)
            elif record_id and record_id in first_row:
                result.fail(
                    "id", _("%(id)s appears twice: also row %(row)s") % {"id": record_id, "row": first_row[record_id]}
                )
            else:
                first_row.setdefault(record_id, number)
                text = {column.name: values[column.name] for column in dataset.columns}
                self.import_row(dataset, text, stored.get(record_id), result)

    def import_row(self, dataset: Dataset, cells: dict[str, str], stored, result: RowResult) -> None:
        obj = stored or dataset.model()
        before = dataset.export_row(stored) if stored else None
        old_record = stored.record if stored is not None and dataset is datasets.CITATIONS else None
        failed = self.apply(dataset, obj, cells, result)
        if not failed and stored is not None and dataset.export_row(obj) == before:
            return  # identical to what is stored: not saved, so its timestamp stays
        self.clean(dataset, obj, failed, result)
        if result.errors:
            return
        after = dataset.export_row(obj)
        if before is not None:
            result.changes = {
                name: (old, new)
                for name, old, new in zip(dataset.column_names, before, after, strict=True)
                if old != new
            }
        self.save(dataset, obj, result)
        if result.errors:
            return
        result.status = NEW if stored is None else CHANGED
        if dataset is datasets.CITATIONS:
            for record in (old_record, obj.record):
                if record is not None:
                    self.touched.setdefault((type(record), record.pk), result)
        elif dataset in datasets.FIGURE_DATASETS:
            self.touched[(type(obj), obj.pk)] = result

    def apply(self, dataset: Dataset, obj, cells: dict[str, str], result: RowResult) -> list[str]:
        """Sets the row's cells on the object; returns the model fields that could not be set."""
        cells = {
            column.name: restore_cell(cells[column.name]) if column.is_text else cells[column.name]
            for column in dataset.columns
        }
        failed = []
        for column in dataset.columns:
            if column.name in datasets.CITATION_RECORD_COLUMNS:
                continue
            try:
                column.apply(obj, cells[column.name])
            except ValueError as error:
                result.fail(column.name, str(error))
                failed += column.fields
        if dataset is datasets.CITATIONS:
            try:
                datasets.apply_citation_record(obj, cells)
            except ValueError as error:
                known_type = cells["record_type"].strip() in datasets.RECORD_TYPES
                result.fail("record_id" if known_type else "record_type", str(error))
                failed += dataset.column("record_type").fields
        return failed

    def clean(self, dataset: Dataset, obj, failed: list[str], result: RowResult) -> None:
        """The model's own validation, each message put back on the column it concerns.

        Check constraints are left to the database, which enforces them on save anyway
        (Django would spend a query per constraint per row); unique constraints are
        checked here so that their errors name the column on every database.
        """
        try:
            obj.full_clean(exclude=failed, validate_constraints=False)
            messages = {}
        except ValidationError as error:
            messages = _validation_messages(error)
        for field_name, texts in _unique_errors(obj, failed):
            messages.setdefault(field_name, []).extend(texts)
        already = {error.column for error in result.errors}
        for field_name, texts in messages.items():
            column = dataset.column_for_field(field_name) or ""
            if column not in already:  # the model restating what a cell already failed on
                result.fail(column, " ".join(texts))

    def save(self, dataset: Dataset, obj, result: RowResult) -> None:
        # A savepoint, so that a refused row leaves the import's transaction usable
        # and the remaining rows can still be checked.
        try:
            with transaction.atomic():
                obj.save()
        except (IntegrityError, DataError) as error:
            reason = _("breaks a rule of the database: %(error)s") % {"error": error}
            result.fail(_constraint_column(dataset, str(error)), reason)

    def check_citation_rules(self) -> None:
        """Headline stated by a citation, published only with an excerpt: checked once every row is in."""
        for model in {model for model, _pk in self.touched}:
            pks = [pk for touched_model, pk in self.touched if touched_model is model]
            for chunk in _chunks(pks):
                for record in model.objects.filter(pk__in=chunk).prefetch_related("citations"):
                    self.check_record(record, self.touched[(model, record.pk)])

    def check_record(self, record, result: RowResult) -> None:
        try:
            record.validate_citations()
        except ValidationError as error:
            dataset = datasets.dataset_for_model(type(record))
            own_row = result.dataset == dataset.name
            for problem in error.error_list:
                own_column, citation_column = RULE_COLUMNS.get(problem.code, ("", ""))
                column = (own_column or _headline_column(dataset, record)) if own_row else citation_column
                reason = " ".join(problem.messages)
                result.fail(column, reason if own_row else f"{record.public_id}: {reason}")


def import_files(source, *, dry_run: bool = False, dataset: str | None = None) -> ImportReport:
    """Imports one CSV or a data package, all or nothing.

    ``source``: a path to a ``.csv``, a ``.zip`` data package or a directory of CSV
    files, or uploaded ``(file name, bytes)`` pairs. ``dataset`` names the data set of
    a lone CSV whose name and header do not tell. Rows are matched on ``id``: a new id
    is created, a known one updated, an identical row left alone; nothing is deleted.

    Returns the report; raises ``ImportFailed`` (carrying the same report, with each
    row's status) if any row is wrong, and then nothing is saved. With ``dry_run``,
    nothing is saved either way.
    """
    tables, file_errors = read_tables(source, dataset)
    report = ImportReport(dry_run=dry_run, file_errors=file_errors)
    try:
        with transaction.atomic():
            _Importer(report).run(tables)
            if dry_run or report.errors:
                transaction.set_rollback(True)
    except IntegrityError as error:  # constraints PostgreSQL defers to the commit
        report.file_errors.append(
            RowError("", None, "", _("the database refused the import: %(error)s") % {"error": error})
        )
    if report.errors:
        raise ImportFailed(report)
    return report
