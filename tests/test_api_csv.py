"""CSV for every list: every matching row, streamed, spreadsheet-safe, equal to the JSON.

Synthetic records only, some with hostile text (formula payloads, accents, quotes,
line breaks) built in code below."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cooperation import datasets
from cooperation.api import downloads
from cooperation.models import (
    Citation,
    EquipmentDonation,
    Institution,
    Pledge,
    ReportedFigure,
    Source,
    Status,
    TrainingCohort,
)
from cooperation.tabular import restore_cell

LISTS = ["institutions", "sources", "cohorts", "donations", "pledges", "reported-figures"]


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline="")))


@pytest.fixture
def hostile(one_of_each_kind, mexico_army, haiti_army, source):
    """Synthetic records whose text tries to run formulas, with accents, quotes and line breaks."""
    police = Institution.objects.create(
        public_id="ht-pnh", country="HT", name="=Police nationale d'Haïti", short_name="@PNH", kind="police"
    )
    second = Source.objects.create(
        public_id="T02",
        title='Synthetic: "Pétion-Ville" briefing,\nsecond line',
        publisher="+Synthetic publisher",
        url="https://example.org/synthetic-briefing",
        published=datetime.date(2025, 7, 1),
        published_precision="month",
        language="fr",
        kind="government_release",
    )
    cohort = TrainingCohort.objects.create(
        public_id="cohort-synthetic-hostile",
        status=Status.PUBLISHED,
        provider=mexico_army,
        recipient=police,
        programme='=HYPERLINK("http://example.org","click")',
        place="Cap-Haïtien\r\nsecond line",
        year=2025,
        start=datetime.date(2025, 7, 1),
        start_precision="month",
        trainees=143,
        women=15,
        notes='-2+3 «synthetic» ‘quotes’, commas, "double quotes"\ttab',
    )
    for number, cited in enumerate((source, second), start=1):
        Citation.objects.create(
            public_id=f"T-H{number}",
            source=cited,
            cohort=cohort,
            excerpt=f"Synthetic: 143 formés ({number}).",
            stated_value=143,
            qualifier="exact",
        )
    donation = EquipmentDonation.objects.create(
        public_id="donation-synthetic-hostile",
        status=Status.PUBLISHED,
        donor=None,
        recipient=police,
        date=datetime.date(2025, 3, 4),
        date_precision="day",
        category="vehicles",
        description="@SUM(1,2) véhicules",
        quantity=4,
        value="645000.50",
        currency="USD",
    )
    Citation.objects.create(
        public_id="T-H3", source=second, donation=donation, excerpt="Synthetic.", stated_value=4, qualifier="exact"
    )
    ReportedFigure.objects.create(
        public_id="reported-synthetic-draft",
        status=Status.DRAFT,
        donor=mexico_army,
        recipient=haiti_army,
        measure="personnel_trained",
        description="Synthetic draft, never in public files",
        value=1,
    )


def test_csv_headers_name_the_data_set_and_the_day(anonymous, cohort):
    response = anonymous.get("/api/v1/cohorts/?format=csv")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="cohorts-{today}.csv"'
    assert read_csv(response) == [
        {
            "id": "cohort-synthetic-2024",
            "status": "published",
            "provider": "mx-sedena",
            "recipient": "ht-fadh",
            "programme": "",
            "place": "",
            "year": "2024",
            "start": "",
            "end": "",
            "trainees": "40",
            "women": "",
            "unit": "soldiers",
            "stage": "completed",
            "notes": "",
            "source_ids": "T01",
            "source_titles": "Synthetic test source",
            "source_urls": "https://example.org/synthetic-test-source",
        }
    ]


def test_accept_text_csv_chooses_csv_too(anonymous, cohort):
    response = anonymous.get("/api/v1/cohorts/", HTTP_ACCEPT="text/csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [row["id"] for row in read_csv(response)] == ["cohort-synthetic-2024"]


@pytest.mark.parametrize("resource", LISTS)
def test_csv_columns_are_the_export_columns_plus_sources(anonymous, hostile, resource):
    dataset = datasets.DATASETS_BY_NAME[resource]
    body = b"".join(anonymous.get(f"/api/v1/{resource}/?format=csv").streaming_content).decode()
    header = body.split("\r\n", 1)[0].split(",")
    sources = ["source_ids", "source_titles", "source_urls"] if dataset in datasets.FIGURE_DATASETS else []
    assert header == dataset.column_names + sources


def _json_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return value["id"]
    if isinstance(value, float):
        return datasets.format_decimal(Decimal(repr(value)))
    return str(value)


@pytest.mark.parametrize("resource", LISTS)
@pytest.mark.parametrize("client_name", ["anonymous", "editor"])
def test_csv_equals_json_row_for_row(request, hostile, resource, client_name):
    client = request.getfixturevalue(client_name)
    records = client.get(f"/api/v1/{resource}/?limit=1000").json()["results"]
    rows = read_csv(client.get(f"/api/v1/{resource}/?format=csv"))
    assert [row["id"] for row in rows] == [record["id"] for record in records]
    text_columns = {column.name for column in datasets.DATASETS_BY_NAME[resource].columns if column.is_text}
    for row, record in zip(rows, records, strict=True):
        for name, cell in row.items():
            if name.startswith("source_"):
                key = {"source_ids": "id", "source_titles": "title", "source_urls": "url"}[name]
                seen = list(dict.fromkeys(citation["source"]["id"] for citation in record["citations"]))
                titles = {c["source"]["id"]: c["source"][key] for c in record["citations"]}
                assert restore_cell(cell) == " | ".join(titles[source] for source in seen)
            else:
                assert (restore_cell(cell) if name in text_columns else cell) == _json_cell(record[name]), name


def test_formula_payloads_are_neutralised_in_text_cells_and_numbers_stay_numbers(anonymous, hostile):
    row = next(r for r in read_csv(anonymous.get("/api/v1/cohorts/?format=csv")) if r["id"].endswith("hostile"))
    assert row["programme"] == '\'=HYPERLINK("http://example.org","click")'
    assert row["notes"].startswith("'-2+3")
    assert (row["trainees"], row["women"], row["year"]) == ("143", "15", "2025")
    donation = next(r for r in read_csv(anonymous.get("/api/v1/donations/?format=csv")) if r["id"].endswith("hostile"))
    assert donation["description"] == "'@SUM(1,2) véhicules"
    assert (donation["value"], donation["quantity"], donation["donor"]) == ("645000.5", "4", "")
    institution = next(r for r in read_csv(anonymous.get("/api/v1/institutions/?format=csv")) if r["id"] == "ht-pnh")
    assert (institution["name"], institution["short_name"]) == ("'=Police nationale d'Haïti", "'@PNH")
    source = next(r for r in read_csv(anonymous.get("/api/v1/sources/?format=csv")) if r["id"] == "T02")
    assert source["publisher"] == "'+Synthetic publisher"


def test_accents_quotes_and_line_breaks_survive(anonymous, hostile):
    row = next(r for r in read_csv(anonymous.get("/api/v1/cohorts/?format=csv")) if r["id"].endswith("hostile"))
    assert row["place"] == "Cap-Haïtien\r\nsecond line"
    assert row["notes"] == '\'-2+3 «synthetic» ‘quotes’, commas, "double quotes"\ttab'
    assert row["source_titles"] == 'Synthetic test source | Synthetic: "Pétion-Ville" briefing,\nsecond line'
    assert row["source_ids"] == "T01 | T02"
    assert row["start"] == "2025-07"


def test_csv_applies_the_filters_and_visibility(anonymous, editor, hostile):
    assert [r["id"] for r in read_csv(anonymous.get("/api/v1/cohorts/?format=csv&recipient=ht-pnh"))] == [
        "cohort-synthetic-hostile"
    ]
    assert [r["id"] for r in read_csv(anonymous.get("/api/v1/reported-figures/?format=csv"))] == ["reported-synthetic"]
    assert [r["id"] for r in read_csv(editor.get("/api/v1/reported-figures/?format=csv"))] == [
        "reported-synthetic",
        "reported-synthetic-draft",
    ]


def test_an_invalid_filter_answers_400_in_json_even_when_csv_is_asked(anonymous, cohort):
    response = anonymous.get("/api/v1/cohorts/?format=csv&year_min=soon")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"year_min": ["Enter a whole number."]}
    detail = anonymous.get("/api/v1/cohorts/cohort-synthetic-2024/?format=csv")
    assert detail.status_code == 400
    assert detail.json() == {"format": ["Only lists and statistics are available as CSV; this answers JSON only."]}


def test_csv_holds_every_row_past_any_page_size(anonymous, mexico_army, haiti_army):
    TrainingCohort.objects.bulk_create(
        TrainingCohort(
            public_id=f"cohort-bulk-{n:05d}",
            status=Status.PUBLISHED,
            provider=mexico_army,
            recipient=haiti_army,
            year=2000 + n % 25,
        )
        for n in range(1005)
    )
    rows = read_csv(anonymous.get("/api/v1/cohorts/?format=csv&limit=10&ordering=id"))
    assert [row["id"] for row in rows] == [f"cohort-bulk-{n:05d}" for n in range(1005)]


def test_csv_is_produced_while_it_is_sent_reading_rows_in_chunks(anonymous, make_cohort, monkeypatch):
    for _ in range(5):
        make_cohort()
    monkeypatch.setattr(downloads, "CHUNK_SIZE", 2)
    with CaptureQueriesContext(connection) as captured:
        response = anonymous.get("/api/v1/cohorts/?format=csv")
        before = len(captured)
        rows = read_csv(response)
    assert len(rows) == 5
    assert before == 0  # nothing read until the body is consumed
    citation_reads = [q for q in captured.captured_queries if "cooperation_citation" in q["sql"]]
    assert len(citation_reads) == 3  # one per chunk of 2 records


def test_statistics_come_as_csv_too(anonymous, one_of_each_kind):
    series = anonymous.get("/api/v1/stats/training/?format=csv")
    assert series["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert series["Content-Disposition"] == f'attachment; filename="training-series-{today}.csv"'
    assert read_csv(series) == [
        {
            "year": "2024",
            "trainees": "40",
            "cumulative": "40",
            "cohorts": "1",
            "provider:mx-sedena": "40",
            "recipient:ht-fadh": "40",
        }
    ]
    reported = read_csv(anonymous.get("/api/v1/stats/training/?format=csv&table=reported"))
    assert [(r["id"], r["value"], r["itemised"], r["difference"]) for r in reported] == [
        ("reported-synthetic", "90", "40", "50")
    ]
    pledges = read_csv(anonymous.get("/api/v1/stats/training/?format=csv&table=pledges"))
    assert [(r["id"], r["promised"], r["delivered"], r["remaining"]) for r in pledges] == [
        ("pledge-synthetic", "60", "40", "20")
    ]
    bad = anonymous.get("/api/v1/stats/training/?format=csv&table=everything")
    assert (bad.status_code, bad.json()) == (400, {"table": ["Choose one of series, reported, pledges."]})


def test_pledges_csv_reads_the_same_columns_as_export_data(anonymous, one_of_each_kind):
    Pledge.objects.update(description="Synthetic\npromise")
    rows = read_csv(anonymous.get("/api/v1/pledges/?format=csv"))
    assert list(rows[0])[: len(datasets.PLEDGES.column_names)] == datasets.PLEDGES.column_names
    assert rows[0]["description"] == "Synthetic\npromise"
