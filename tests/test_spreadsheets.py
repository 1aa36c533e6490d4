"""CSV for Excel and XLSX: hostile cells stay inert, accents and line breaks survive.
All values here are synthetic."""

import codecs
import csv
import io

import openpyxl
import pytest

from cooperation.datasets import COHORTS
from cooperation.tabular import iter_csv_lines, iter_excel_csv_lines, write_xlsx

HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd"]
FRIENDLY = ["Cap-Haïtien", "Pétion-Ville", 'a "quoted" word', "two\nlines"]


def _read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_excel_csv_starts_with_a_byte_order_mark_and_plain_csv_does_not():
    rows = [["Cap-Haïtien"]]
    excel = b"".join(iter_excel_csv_lines(["place"], rows))
    plain = b"".join(iter_csv_lines(["place"], rows))
    assert excel.startswith(codecs.BOM_UTF8)
    assert not plain.startswith(codecs.BOM_UTF8)
    assert excel[len(codecs.BOM_UTF8) :] == plain
    assert _read_csv(excel) == [["place"], ["Cap-Haïtien"]]


def test_excel_csv_neutralises_formulas_and_keeps_text_intact():
    lines = b"".join(iter_excel_csv_lines(["text"], [[value] for value in HOSTILE + FRIENDLY]))
    cells = [row[0] for row in _read_csv(lines)[1:]]
    assert cells == ["'" + value for value in HOSTILE] + FRIENDLY


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "synthetic.xlsx"
    count = write_xlsx(
        path,
        header=["text", "number"],
        rows=[[value, 7] for value in HOSTILE + FRIENDLY],
        sources=[["T01", "=bad title", "Gazette", "https://example.org/a", "2025-07"]],
        readme=[("Title", "Synthetic workbook"), ("Rows", "10")],
    )
    assert count == len(HOSTILE + FRIENDLY)
    return openpyxl.load_workbook(path)


def test_xlsx_has_data_sources_and_readme_sheets(workbook):
    assert workbook.sheetnames == ["Data", "Sources", "README"]
    assert [cell.value for cell in workbook["README"]["A"]] == ["Title", "Rows"]
    assert [cell.value for cell in workbook["Sources"][2]] == [
        "T01",
        "'=bad title",
        "Gazette",
        "https://example.org/a",
        "2025-07",
    ]


def test_xlsx_text_cells_are_strings_never_formulas(workbook):
    sheet = workbook["Data"]
    texts = [row[0] for row in sheet.iter_rows(min_row=2)]
    # XML reads a lone carriage return back as a line feed; the apostrophe is what matters.
    expected = ["'" + value.replace("\r", "\n") for value in HOSTILE] + FRIENDLY
    assert [cell.value for cell in texts] == expected
    assert {cell.data_type for cell in texts} == {"s"}


def test_xlsx_numbers_stay_numbers(workbook):
    numbers = [row[1].value for row in workbook["Data"].iter_rows(min_row=2)]
    assert numbers == [7] * len(HOSTILE + FRIENDLY)


def test_xlsx_with_dataset_columns_types_cells_by_column(tmp_path):
    path = tmp_path / "cohorts.xlsx"
    row = [
        "c-1",
        "published",
        "mx-sedena",
        "ht-fadh",
        "=x",
        "",
        "2025",
        "2025-07",
        "",
        "143",
        "15",
        "soldiers",
        "completed",
        "",
    ]
    write_xlsx(path, header=COHORTS.columns, rows=[row])
    values = [cell.value for cell in openpyxl.load_workbook(path)["Data"][2]]
    assert values[4] == "'=x"
    assert values[6] == 2025 and values[9] == 143 and values[10] == 15
    assert values[7] == "2025-07"  # a partial date is text, not a number or a date
