"""CSV lines built on the column declarations of ``cooperation.datasets``."""

import csv
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.db import models

from cooperation import datasets
from cooperation.datasets import Column, Dataset
from cooperation.tabular.cells import neutralise_cell

# --- Writing CSV ----------------------------------------------------------------


class _Echo:
    """A file whose ``write`` hands back its argument, so ``csv.writer`` returns each line."""

    def write(self, text: str) -> str:
        return text


def _cell(value, column: Column | None) -> str:
    if value is None:
        return ""
    if column is not None:
        return neutralise_cell(str(value)) if column.is_text else str(value)
    # Without a declaration, the Python type says which cells are numbers.
    if isinstance(value, str):
        return neutralise_cell(value)
    return datasets.format_decimal(value) if isinstance(value, Decimal) else str(value)


def iter_csv_lines(header: Sequence[Column] | Sequence[str], rows: Iterable[Sequence]) -> Iterator[bytes]:
    """Encoded CSV lines, header first: UTF-8 without a byte-order mark, CRLF, minimal quoting.

    ``header`` is either a data set's columns (text columns are neutralised) or plain
    names (then every ``str`` cell is neutralised and numbers are written as they are).
    One line per record, so a streaming response can send them as they come.
    """
    columns = [item if isinstance(item, Column) else None for item in header]
    writer = csv.writer(_Echo())
    yield writer.writerow([neutralise_cell(getattr(item, "name", item)) for item in header]).encode()
    for row in rows:
        yield writer.writerow([_cell(value, column) for value, column in zip(row, columns, strict=True)]).encode()


def iter_dataset_csv(dataset: Dataset, queryset: models.QuerySet | None = None) -> Iterator[bytes]:
    """A data set (or a filtered queryset of it) as CSV lines in the export format."""
    return iter_csv_lines(dataset.columns, datasets.iter_export_rows(dataset, queryset))
