"""The downloads page and its files: every data set and chart table as CSV, CSV for Excel and
XLSX, and the whole data set as a zip. Published records only, complete, spreadsheet-safe,
named with the data version. Synthetic data only (see conftest.py and dashboard_data.py)."""

import codecs
import csv
import hashlib
import io
import json
import re
import zipfile

import frictionless
import openpyxl
import pytest

from cooperation import citing
from cooperation.api.downloads import header as api_header
from cooperation.datasets import DATASETS, DATASETS_BY_NAME, FIGURE_DATASETS
from cooperation.models import Citation, Institution, Source, Status, TrainingCohort
from cooperation.tabular import FORMULA_TRIGGERS, format_timestamp, import_files, write_package
from tests.dashboard_data import build_world

NAMES = [dataset.name for dataset in DATASETS]
FLAVOURS = ("csv", "excel", "xlsx")
API_LISTS = ("institutions", "sources", "cohorts", "donations", "pledges", "reported-figures")
DEFAULT_QUERY = "donor_country=MX&recipient_country=HT"
CHART_TABLES = [
    ("cumulative", "series"),
    ("cumulative", "announced"),
    ("cumulative", "pledges"),
    ("per-year", "per-year"),
    ("donations", "donations"),
    ("comparison", "announced"),
]


def url(name: str, flavour: str) -> str:
    return {
        "csv": f"/downloads/{name}.csv",
        "excel": f"/downloads/{name}-excel.csv",
        "xlsx": f"/downloads/{name}.xlsx",
    }[flavour]


def chart_url(chart: str, table: str, flavour: str, query: str = DEFAULT_QUERY) -> str:
    suffix = {"csv": ".csv", "excel": "-excel.csv", "xlsx": ".xlsx"}[flavour]
    return f"/charts/{chart}/{table}{suffix}?{query}"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def fetch(client, address: str, status: int = 200, **headers):
    response = client.get(address, headers=headers)
    assert response.status_code == status, response.content[:300] if not response.streaming else address
    return response, body(response)


def rows_of(flavour: str, data: bytes) -> list[list[str]]:
    """The Data rows, as text, however the file is made (numbers as their CSV spelling)."""
    if flavour == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(data))["Data"]
        return [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    text = data.decode("utf-8-sig" if flavour == "excel" else "utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def records(client, name: str, flavour: str) -> dict[str, dict[str, str]]:
    """A downloaded data set's rows by identifier, each cell by its column."""
    header, *rows = rows_of(flavour, fetch(client, url(name, flavour))[1])
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


def readme_of(data: bytes) -> dict[str, str]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))["README"]
    return {label: text for label, text in sheet.iter_rows(values_only=True) if label}


def every_text_cell(flavour: str, data: bytes) -> list[str]:
    if flavour != "xlsx":
        return [cell for row in rows_of(flavour, data) for cell in row]
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells), "a cell is stored as a formula"
    return [cell.value for cell in cells if isinstance(cell.value, str)]


def version_day() -> str:
    return citing.version_date(citing.data_version())


@pytest.fixture
def hostile(every_kind_of_record, cohort, source):
    """Synthetic: a published cohort whose text cells carry every formula trigger and a
    control character that XML cannot hold."""
    record = TrainingCohort.objects.create(
        public_id="cohort-synthetic-hostile",
        status=Status.PUBLISHED,
        provider=cohort.provider,
        recipient=cohort.recipient,
        year=2025,
        trainees=12,
        programme='=HYPERLINK("http://example.org","x")',
        place="\tPétion-Ville",
        notes="\r=1+1",
        unit="soldiers",
    )
    Citation.objects.create(
        public_id="T-F9",
        source=source,
        cohort=record,
        excerpt="@SUM(1+1) synthetic\x0cpage two",
        stated_value=12,
        qualifier="exact",
        locator="+p. 9",
    )
    return record


# --- Every data set, three flavours ------------------------------------------------------------


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("name", NAMES)
def test_every_data_set_downloads_with_the_api_columns_and_a_versioned_name(
    client, every_kind_of_record, name, flavour
):
    response, data = fetch(client, url(name, flavour))

    suffix = {"csv": ".csv", "excel": "-excel.csv", "xlsx": ".xlsx"}[flavour]
    assert response["Content-Disposition"] == f'attachment; filename="mexico-haiti-{name}-{version_day()}{suffix}"'
    rows = rows_of(flavour, data)
    assert rows[0] == [getattr(column, "name", column) for column in api_header(DATASETS_BY_NAME[name])]
    model = DATASETS_BY_NAME[name].model
    published = model.objects.published() if hasattr(model.objects, "published") else model.objects.all()
    assert sorted(row[0] for row in rows[1:]) == sorted(published.values_list("public_id", flat=True))


@pytest.mark.parametrize("name", API_LISTS)
def test_the_csv_holds_the_same_rows_and_columns_as_the_api_csv(client, anonymous, every_kind_of_record, name):
    _response, data = fetch(client, url(name, "csv"))
    api = body(anonymous.get(f"/api/v1/{name}/?format=csv"))

    assert sorted(rows_of("csv", data)) == sorted(rows_of("csv", api))


def test_the_byte_order_mark_is_in_the_excel_flavour_only(client, every_kind_of_record):
    for name in NAMES:
        _response, plain = fetch(client, url(name, "csv"))
        _response, excel = fetch(client, url(name, "excel"))
        assert not plain.startswith(codecs.BOM_UTF8)
        assert excel.startswith(codecs.BOM_UTF8)
        assert excel[len(codecs.BOM_UTF8) :] == plain


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_formula_payloads_are_neutralised_in_every_file(client, hostile, flavour):
    for name in NAMES:
        _response, data = fetch(client, url(name, flavour))
        live = [cell for cell in every_text_cell(flavour, data) if cell and cell[0] in FORMULA_TRIGGERS]
        assert live == [], name
    hostile = records(client, "cohorts", flavour)["cohort-synthetic-hostile"]
    assert hostile["programme"] == '\'=HYPERLINK("http://example.org","x")'
    assert hostile["place"] == "'\tPétion-Ville"
    assert hostile["trainees"] == "12"  # numbers are left alone
    assert records(client, "citations", flavour)["T-F9"]["locator"] == "'+p. 9"
    assert records(client, "sources", flavour)["T02"]["publisher"] == "'=1+1"


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_accents_quotes_and_line_breaks_survive(client, every_kind_of_record, flavour):
    sources = records(client, "sources", flavour)
    citations = records(client, "citations", flavour)
    institutions = records(client, "institutions", flavour)
    claim = records(client, "reported-figures", flavour)["reported-synthetic-2025"]

    assert sources["T02"]["title"] == 'Synthetic: "Pétion-Ville" briefing,\nsecond line'
    assert citations["T-F4"]["excerpt"] == 'Synthetic: "912" trained,\nsays the release.'
    assert citations["T-F2"]["excerpt"] == "Synthetic: 120 gilets à Cap-Haïtien."
    assert institutions["ht-pnh"]["name"] == "Police nationale d'Haïti"
    assert institutions["ht-fadh"]["short_name"] == "FAd'H"
    assert claim["description"] == "Synthetic total; «citation» with ‘quotes’"
    assert claim["source_titles"] == 'Synthetic: "Pétion-Ville" briefing,\nsecond line'
    # XML (and so XLSX) reads a carriage return as a line feed; the CSV files keep it.
    assert claim["notes"] == ("line one\nline two" if flavour == "xlsx" else "line one\r\nline two")


def test_a_character_xlsx_cannot_hold_is_replaced_and_the_csv_keeps_it(client, hostile):
    assert records(client, "citations", "csv")["T-F9"]["excerpt"] == "'@SUM(1+1) synthetic\x0cpage two"
    assert records(client, "citations", "xlsx")["T-F9"]["excerpt"] == "'@SUM(1+1) synthetic\ufffdpage two"


def test_drafts_never_leak_into_any_file(client, every_kind_of_record):
    draft, draft_citation = "pledge-synthetic-2025", "T-F3"  # the fixture's draft pledge and its citation
    for name in NAMES:
        for flavour in FLAVOURS:
            cells = every_text_cell(flavour, fetch(client, url(name, flavour))[1])
            assert draft not in cells and draft_citation not in cells, (name, flavour)
            assert not any("@x synthetic promise" in cell for cell in cells)
    _response, package = fetch(client, "/downloads/data-package.zip")
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        everything = b"".join(archive.read(member) for member in archive.namelist())
    assert draft.encode() not in everything and b"T-F3" not in everything


# --- XLSX: Data, Sources, README -----------------------------------------------------------------


def test_the_xlsx_has_data_sources_and_readme_sheets(client, every_kind_of_record):
    _response, data = fetch(client, url("citations", "xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(data))

    assert workbook.sheetnames == ["Data", "Sources", "README"]
    sources = [row[0] for row in workbook["Sources"].iter_rows(min_row=2, values_only=True)]
    assert sources == ["T01", "T02"]
    readme = readme_of(data)
    version = format_timestamp(citing.data_version())
    assert readme["Rows"] == "4" == str(workbook["Data"].max_row - 1)  # T-F3 cites the draft
    assert version in readme["Data version"]
    assert "CC-BY-4.0" in readme["Licence"]
    assert version in readme["How to cite"] and "http://testserver/downloads/citations.xlsx" in readme["How to cite"]
    assert readme["Title"].endswith("Citations")
    assert readme["excerpt"] == "The verbatim passage that states the figure."
    figures = readme_of(fetch(client, url("cohorts", "xlsx"))[1])
    assert figures["source_ids"].startswith("Identifiers of the sources behind the row")


def test_xlsx_numbers_are_numbers_and_text_is_text(client, every_kind_of_record):
    sheet = openpyxl.load_workbook(io.BytesIO(fetch(client, url("donations", "xlsx"))[1]))["Data"]
    header, row = list(sheet.iter_rows(max_row=2, values_only=True))
    donation = dict(zip(header, row, strict=True))

    assert (donation["quantity"], donation["value"], donation["date"]) == (120, 645000.5, "2025-03-04")


# --- Complete, whatever the size ----------------------------------------------------------------


def test_files_are_complete_whatever_the_number_of_rows(client, cohort, source):
    count = 1203  # more than two chunks of the database reads
    cohorts = TrainingCohort.objects.bulk_create(
        TrainingCohort(
            public_id=f"cohort-synthetic-bulk-{number:05d}",
            status=Status.PUBLISHED,
            provider=cohort.provider,
            recipient=cohort.recipient,
            year=2000 + number % 25,
            trainees=number + 1,
            unit="soldiers",
        )
        for number in range(count)
    )
    Citation.objects.bulk_create(
        Citation(
            public_id=f"T-B{index:05d}",
            source=source,
            cohort=record,
            excerpt="Synthetic.",
            stated_value=record.trainees,
            qualifier="exact",
        )
        for index, record in enumerate(cohorts)
    )
    total = count + 1  # and the fixture's cohort

    for flavour in FLAVOURS:
        response, data = fetch(client, url("cohorts", flavour))
        assert response.streaming
        rows = rows_of(flavour, data)
        assert len(rows) == total + 1
        assert rows[-1][0] == "cohort-synthetic-bulk-01202"
        if flavour == "xlsx":
            assert readme_of(data)["Rows"] == str(total)
    page = client.get("/downloads/").content.decode()
    assert f'<td class="number" data-rows="{total}">' in page


# --- The whole data set --------------------------------------------------------------------------


def test_the_package_is_the_published_export_and_validates(client, every_kind_of_record, tmp_path):
    response, data = fetch(client, "/downloads/data-package.zip")

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="mexico-haiti-data-package-{version_day()}.zip"'
    (tmp_path / "download.zip").write_bytes(data)
    with zipfile.ZipFile(tmp_path / "download.zip") as archive:
        archive.extractall(tmp_path / "package")
        members = {name: archive.read(name) for name in archive.namelist()}
    report = frictionless.validate(str(tmp_path / "package" / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads(members["datapackage.json"])
    assert descriptor["version"] == format_timestamp(citing.data_version())
    for resource in descriptor["resources"]:
        content = members[resource["path"]]
        assert resource["rows"] == len(rows_of("csv", content)) - 1
        assert resource["bytes"] == len(content)
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
    assert {r["name"]: r["rows"] for r in descriptor["resources"]}["pledges"] == 0  # the only pledge is a draft
    readme = members["README.md"].decode()
    assert descriptor["version"] in readme and "| citations.csv | 4 |" in readme


def test_the_downloaded_package_round_trips(client, every_kind_of_record, tmp_path):
    _response, data = fetch(client, "/downloads/data-package.zip")
    (tmp_path / "download.zip").write_bytes(data)
    Citation.objects.all().delete()
    for dataset in FIGURE_DATASETS:
        dataset.model.objects.all().delete()
    Source.objects.all().delete()
    Institution.objects.all().delete()

    import_files(tmp_path / "download.zip")
    write_package(tmp_path / "again.zip", published_only=True)

    def csv_members(path):
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist() if name.endswith(".csv")}

    assert csv_members(tmp_path / "download.zip") == csv_members(tmp_path / "again.zip")


# --- Caching -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address", ["/downloads/cohorts.csv", "/downloads/cohorts.xlsx", "/downloads/data-package.zip"]
)
def test_an_unchanged_file_answers_304_and_a_published_change_gives_a_new_one(client, cohort, address):
    first, _data = fetch(client, address)
    assert first["Last-Modified"]

    again = client.get(address, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304

    cohort.place = "Synthetic place"
    cohort.save()
    changed, _data = fetch(client, address, **{"If-None-Match": first["ETag"]})
    assert changed["ETag"] != first["ETag"]


def test_unknown_files_are_not_found(client, db):
    for address in ("/downloads/nothing.csv", "/downloads/nothing-excel.csv", "/downloads/nothing.xlsx"):
        assert client.get(address).status_code == 404


# --- Chart tables --------------------------------------------------------------------------------


@pytest.fixture
def world(mexico_army, haiti_army, source):
    return build_world(mexico_army, haiti_army, source)


@pytest.mark.parametrize(("chart", "table"), CHART_TABLES)
def test_every_chart_table_downloads_in_three_flavours_with_the_same_rows(client, world, chart, table):
    files = {flavour: fetch(client, chart_url(chart, table, flavour)) for flavour in FLAVOURS}

    tables = {flavour: rows_of(flavour, data) for flavour, (_response, data) in files.items()}
    assert tables["csv"] == tables["excel"] == tables["xlsx"]
    for flavour, (response, _data) in files.items():
        suffix = {"csv": ".csv", "excel": "-excel.csv", "xlsx": ".xlsx"}[flavour]
        assert response["Content-Disposition"] == (
            f'attachment; filename="mexico-haiti-{chart}-{table}-{version_day()}{suffix}"'
        )
    assert not any(cell == "999" for row in tables["csv"] for cell in row)  # the draft cohort


def test_a_chart_table_keeps_its_filters_and_says_so_in_its_readme(client, world):
    everything = rows_of("xlsx", fetch(client, chart_url("cumulative", "series", "xlsx"))[1])
    _response, data = fetch(client, chart_url("cumulative", "series", "xlsx", f"{DEFAULT_QUERY}&year_min=2021"))
    narrowed = rows_of("xlsx", data)

    assert [row[0] for row in narrowed[1:]] == [row[0] for row in everything[1:] if row[0] and int(row[0]) >= 2021]
    readme = readme_of(data)
    assert "2021–…" in readme["How to cite"]
    assert "year_min=2021" in readme["Permalink"] and readme["Permalink"].endswith("#chart-cumulative")
    assert readme["Rows"] == str(len(narrowed) - 1)
    sources = openpyxl.load_workbook(io.BytesIO(data))["Sources"]
    # T01 states only the 2019 cohort, which the filter leaves out.
    assert [row[0] for row in sources.iter_rows(min_row=2, values_only=True)] == ["T02"]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_chart_files_refuse_bad_filters_and_unknown_tables(client, world, flavour):
    assert client.get(chart_url("cumulative", "series", flavour, "year_min=zero")).status_code == 400
    assert client.get(chart_url("cumulative", "nothing", flavour)).status_code == 404
    assert client.get(chart_url("nothing", "series", flavour)).status_code == 404


# --- The page ------------------------------------------------------------------------------------


def test_the_downloads_page_lists_every_data_set_and_chart_table_with_rows_and_version(client, every_kind_of_record):
    page = client.get("/downloads/").content.decode()

    assert len(re.findall(r"<h1[\s>]", page)) == 1
    assert format_timestamp(citing.data_version()) in page
    counts = dict(re.findall(r'<tr id="download-([a-z-]+)">.*?data-rows="(\d+)"', page, re.S))
    assert {name: counts[name] for name in NAMES} == {
        "institutions": "3",
        "sources": "2",
        "cohorts": "1",
        "donations": "1",
        "pledges": "0",
        "reported-figures": "1",
        "citations": "4",
    }
    for name in NAMES:
        for flavour in FLAVOURS:
            assert f'href="{url(name, flavour)}"' in page
    assert 'href="/downloads/data-package.zip"' in page
    assert f"mexico-haiti-data-package-{version_day()}.zip" in page
    assert f'href="/charts/cumulative/series-excel.csv?{DEFAULT_QUERY.replace("&", "&amp;")}"' in page
    assert 'href="/feeds/changes/"' in page
    assert "@misc{mexico-haiti-data-" in page


def test_the_dashboard_shows_the_data_version_and_each_charts_files(client, cohort):
    page = client.get("/").content.decode()

    assert re.search(r'<time datetime="[^"]+">\d+ \w+ \d{4}, \d\d:\d\d UTC</time>', page)
    assert f'href="/charts/per-year/per-year.xlsx?{DEFAULT_QUERY.replace("&", "&amp;")}"' in page
    assert 'href="/downloads/"' in page
