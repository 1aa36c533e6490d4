"""Browse pages (/data/<data set>/, /sources/) and the source, institution, record and
methodology pages: the API's filters and meaning, sorting, paging, sources on every row,
CSV links that answer the rows listed, and 400 for bad filters."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation.models import Citation, Status, TrainingCohort
from tests.dashboard_data import build_world

DATASETS = ("cohorts", "donations", "pledges", "reported-figures")


@pytest.fixture
def world(mexico_army, haiti_army, source):
    return build_world(mexico_army, haiti_army, source)


def listed_ids(html: str) -> list[str]:
    """The record identifiers in the rows of the page's table, in order."""
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', body)


def api_ids(client, dataset: str, query: str) -> list[str]:
    response = client.get(f"/api/v1/{dataset}/?{query}&limit=1000")
    assert response.status_code == 200
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("dataset", "query"),
    [
        ("cohorts", ""),
        ("cohorts", "provider=SEDENA"),
        ("cohorts", "year_min=2020&year_max=2021"),
        ("cohorts", "recipient=PNH&ordering=-trainees"),
        ("cohorts", "stage=in_training"),
        ("cohorts", "donor_country=mx&recipient_country=ht&ordering=year"),
        ("cohorts", "q=synthetic"),
        ("donations", "category=vehicles"),
        ("donations", "donor=ca-rcmp"),
        ("donations", "ordering=-date"),
        ("pledges", "kind=training&year_min=2021"),
        ("reported-figures", "measure=personnel_trained&ordering=-value"),
        ("reported-figures", "donor_country=MX"),
    ],
)
def test_a_browse_page_lists_what_the_api_lists_for_the_same_query(client, anonymous, world, dataset, query):
    response = client.get(f"/data/{dataset}/?{query}")
    assert response.status_code == 200
    assert listed_ids(response.content.decode()) == api_ids(anonymous, dataset, query)


@pytest.mark.parametrize("dataset", DATASETS)
def test_every_row_shows_its_sources(client, world, dataset):
    html = client.get(f"/data/{dataset}/").content.decode()
    rows = html[html.index("<tbody>") : html.index("</tbody>")].split("<tr>")[1:]
    assert rows
    for row in rows:
        assert 'href="/sources/T0' in row


def test_drafts_are_not_listed(client, world):
    html = client.get("/data/cohorts/").content.decode()
    assert "cohort-dash-draft" not in html
    assert "cohort-dash-2019" in html


def test_the_csv_link_downloads_every_row_listed(client, world):
    html = client.get("/data/cohorts/?provider=SEDENA&ordering=-year").content.decode()
    link = re.search(r'href="([^"]+)" data-csv="list"', html).group(1).replace("&amp;", "&")
    assert link == "/api/v1/cohorts/?provider=SEDENA&ordering=-year&format=csv"
    response = client.get(link)
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert [row["id"] for row in csv.DictReader(io.StringIO(body))] == listed_ids(html)


def test_columns_sort_both_ways_and_say_so(client, world):
    ascending = client.get("/data/cohorts/?ordering=trainees").content.decode()
    descending = client.get("/data/cohorts/?ordering=-trainees").content.decode()
    assert listed_ids(ascending)[0] == "cohort-dash-undated"  # 5
    assert listed_ids(descending)[0] == "cohort-dash-canada"  # 100
    assert 'aria-sort="ascending"' in ascending and 'aria-sort="descending"' in descending
    # The header link keeps the filters and turns the order around.
    filtered = client.get("/data/cohorts/?provider=SEDENA&ordering=trainees").content.decode()
    assert 'href="?provider=SEDENA&amp;ordering=-trainees"' in filtered


def test_pages_of_fifty_with_links_that_keep_the_filters(client, world, mexico_army, haiti_army, source):
    cohorts = TrainingCohort.objects.bulk_create(
        TrainingCohort(
            public_id=f"cohort-page-{number:03d}",
            provider=mexico_army,
            recipient=haiti_army,
            year=2000,
            trainees=number + 1,
            status=Status.PUBLISHED,
        )
        for number in range(60)
    )
    Citation.objects.bulk_create(
        Citation(
            public_id=f"T-P{n:03d}",
            source=source,
            cohort=c,
            excerpt="Synthetic.",
            stated_value=n + 1,
            qualifier="exact",
        )
        for n, c in enumerate(cohorts)
    )
    first = client.get("/data/cohorts/?year_max=2000").content.decode()
    second = client.get("/data/cohorts/?year_max=2000&page=2").content.decode()
    assert len(listed_ids(first)) == 50 and len(listed_ids(second)) == 10
    assert "60 records" in first and "page 1 of 2" in first
    assert 'href="?year_max=2000&amp;page=2" rel="next"' in first
    # A page number out of range shows the last page, never an error.
    assert client.get("/data/cohorts/?year_max=2000&page=99").status_code == 200
    assert client.get("/data/cohorts/?page=abc").status_code == 200


@pytest.mark.parametrize("dataset", DATASETS)
def test_browse_queries_do_not_grow_with_records(client, world, dataset, mexico_army, haiti_army, source):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/data/{dataset}/?donor_country=MX").status_code == 200
        return len(captured)

    few = count()
    cohorts = TrainingCohort.objects.bulk_create(
        TrainingCohort(
            public_id=f"cohort-more-{n:03d}",
            provider=mexico_army,
            recipient=haiti_army,
            year=2001,
            trainees=1,
            status=Status.PUBLISHED,
        )
        for n in range(120)
    )
    Citation.objects.bulk_create(
        Citation(
            public_id=f"T-M{n:03d}", source=source, cohort=c, excerpt="Synthetic.", stated_value=1, qualifier="exact"
        )
        for n, c in enumerate(cohorts)
    )
    assert count() == few <= 6


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/data/cohorts/?year_min=abc", "From year (year_min)"),
        ("/data/cohorts/?provider=nobody", "No institution has the identifier or short name “nobody”."),
        ("/data/donations/?category=rockets", "Category (category)"),
        ("/data/pledges/?year_min=2025&year_max=2000", "year_max (2000) is before year_min (2025)."),
        ("/data/reported-figures/?ordering=nonsense", "Sort (ordering)"),
        ("/data/cohorts/?recipient_country=%00", "Recipient country (recipient_country)"),
        ("/sources/?kind=rumour", "Kind (kind)"),
    ],
)
def test_invalid_filters_answer_a_clear_400_page(client, world, url, message):
    response = client.get(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert "These filters could not be applied" in html and message in html


def test_unknown_data_sets_are_not_found(client, world):
    assert client.get("/data/nonsense/").status_code == 404


def test_the_sources_page_lists_each_source_with_the_figures_it_states(client, world):
    html = client.get("/sources/?ordering=-published").content.decode()
    assert listed_ids(html) == ["T02", "T01"]  # T01 has no date: it sorts last
    assert 'href="/api/v1/sources/?ordering=-published&amp;format=csv"' in html
    figures = re.findall(r'<td class="number">(\d+)</td>', html)
    # T02 states two cohorts and two announced totals (its draft cohort is not counted).
    assert figures == ["4", "9"]
    assert client.get("/sources/?language=es").content.decode().count('<th scope="row">') == 1


def test_a_source_page_lists_every_figure_it_states_with_a_csv(client, world):
    html = client.get("/sources/T02/").content.decode()
    for record in ("cohort-dash-2021-fadh", "reported-dash-mexico", "reported-dash-sedena"):
        assert record in html
    assert "cohort-dash-draft" not in html
    response = client.get("/sources/T02.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "citation",
        "record_type",
        "record_id",
        "stated_value",
        "stated_unit",
        "qualifier",
        "locator",
        "excerpt",
    ]
    assert {row[2] for row in rows[1:]} == {
        "cohort-dash-2021-fadh",
        "cohort-dash-2021-pnh",
        "reported-dash-mexico",
        "reported-dash-sedena",
    }
    assert client.get("/sources/nothing/").status_code == 404


def test_an_institution_page_lists_records_given_and_received_with_links(client, world):
    html = client.get("/institutions/ht-pnh/").content.decode()
    assert "cohort-dash-2021-pnh" in html and "cohort-dash-canada" in html
    assert 'href="/data/cohorts/?recipient=ht-pnh"' in html
    assert 'href="/api/v1/cohorts/?recipient=ht-pnh&amp;format=csv"' in html
    assert 'href="/api/v1/donations/?donor=ht-pnh&amp;format=csv"' in html


def test_an_announced_total_lists_the_itemised_records_it_is_compared_with(client, world):
    html = client.get("/data/reported-figures/reported-dash-mexico/").content.decode()
    itemised = html[html.index('id="itemised"') :]
    # Mexico (a government: every Mexican institution) → Haiti, from 2019: 30 + 20 + 10.
    for cohort in ("cohort-dash-2019", "cohort-dash-2021-fadh", "cohort-dash-2021-pnh"):
        assert cohort in itemised
    assert "cohort-dash-canada" not in itemised and "cohort-dash-undated" not in itemised
    assert "<strong>60</strong>" in itemised


def test_the_methodology_says_what_counts_and_when_the_data_changed(client, world):
    html = client.get("/methodology/").content.decode()
    for heading in ("What counts as trained", "Cumulative totals", "Announced totals against the itemised records"):
        assert heading in html
    assert "Dates known to the year, the month or the day" in html
    assert "Reporting an error" in html
    assert "The published records last changed on" in html
