"""Files for spreadsheet users: CSV for Excel and XLSX.

Excel opens a UTF-8 CSV as a legacy code page unless the file starts with a byte-order
mark, which turns "Cap-Haïtien" into "Cap-HaÃ¯tien"; the Excel flavour adds the mark
and nothing else. The XLSX workbook has three sheets: Data, Sources and README. Text
cells are neutralised like the CSV's and written as typed strings, so a value that
starts with ``=`` is never stored as a formula. XML, and so XLSX, cannot hold control
characters other than tab, line feed and carriage return (a form feed copied from a PDF,
say): each is written as U+FFFD, the replacement character, instead of failing the file.
"""

import codecs
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from cooperation.datasets import Column
from cooperation.tabular.cells import neutralise_cell
from cooperation.tabular.csvfiles import iter_csv_lines

# Stands in for a character that an XLSX file cannot hold.
REPLACEMENT_CHARACTER = "\ufffd"


def _text(value) -> str:
    """Text as a spreadsheet may hold it: storable, then neutralised."""
    return neutralise_cell(ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT_CHARACTER, str(value)))


def iter_excel_csv_lines(header: Sequence[Column] | Sequence[str], rows: Iterable[Sequence]) -> Iterator[bytes]:
    """``iter_csv_lines`` with a UTF-8 byte-order mark in front, for Excel."""
    yield codecs.BOM_UTF8
    yield from iter_csv_lines(header, rows)


def _is_text(value, column: Column | None) -> bool:
    if column is not None:
        return column.is_text
    return isinstance(value, str)


def _cell_value(value, column: Column | None):
    """A number stays a number (so spreadsheets can sum it); text is neutralised."""
    if value is None or value == "":
        return None
    if _is_text(value, column):
        return _text(value)
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    try:
        number = Decimal(text)
    except ArithmeticError:
        return _text(text)
    return int(number) if number == number.to_integral_value() else float(number)


def _row(sheet, values: Sequence, columns: Sequence[Column | None], bold: bool = False) -> list:
    cells = []
    for value, column in zip(values, columns, strict=True):
        cell = WriteOnlyCell(sheet, value=_cell_value(value, column))
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never "f" (formula), whatever the text
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def write_xlsx(
    out,
    *,
    header: Sequence[Column] | Sequence[str],
    rows: Iterable[Sequence],
    sources: Iterable[Sequence] = (),
    readme: Iterable[tuple[str, str]] = (),
) -> int:
    """Writes the workbook to ``out`` (a path or a binary file) and returns the number of data rows.

    ``sources`` are rows of (id, title, publisher, URL, published); ``readme`` is
    (label, text) pairs. The workbook is written in openpyxl's write-only mode, so
    memory does not grow with the rows.
    """
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet("Data")
    columns = [item if isinstance(item, Column) else None for item in header]
    names = [getattr(item, "name", item) for item in header]
    data.append(_row(data, names, [None] * len(names), bold=True))
    count = 0
    for values in rows:
        data.append(_row(data, values, columns))
        count += 1

    source_sheet = workbook.create_sheet("Sources")
    source_header = ["id", "title", "publisher", "url", "published"]
    source_sheet.append(_row(source_sheet, source_header, [None] * 5, bold=True))
    for values in sources:
        source_sheet.append(_row(source_sheet, [str(value or "") for value in values], [None] * 5))

    readme_sheet = workbook.create_sheet("README")
    for label, text in readme:
        readme_sheet.append(_row(readme_sheet, [str(label), str(text)], [None, None]))
    workbook.save(out)
    return count
