"""The figure builders (cooperation.charts) against known synthetic statistics: cumulative
sums, announced-total markers, promised training, the comparison with the itemised
records, donations, and the tables and sources behind each chart.

Every number here is synthetic, chosen so that each sum can be checked by hand.
"""

import json

import pytest

from cooperation import charts, stats
from cooperation.charts.base import PALETTE
from cooperation.models import EquipmentDonation, Pledge, ReportedFigure, TrainingCohort

SEDENA = {"id": "mx-sedena", "name": "Secretaría de la Defensa Nacional", "short_name": "SEDENA", "country": "MX"}
SEMAR = {"id": "mx-semar", "name": "Secretaría de Marina", "short_name": "SEMAR", "country": "MX"}
FADH = {"id": "ht-fadh", "name": "Forces Armées d'Haïti", "short_name": "FAd'H", "country": "HT"}
PNH = {"id": "ht-pnh", "name": "Police nationale d'Haïti", "short_name": "PNH", "country": "HT"}
MEXICO = {"id": "mx-gob", "name": "Gobierno de México", "short_name": "", "country": "MX"}
HAITI = {"id": "ht-gouv", "name": "Gouvernement d'Haïti", "short_name": "", "country": "HT"}


def cited(number, publisher):
    return {
        "id": f"T{number:02d}",
        "title": f"Synthetic source {number}",
        "publisher": publisher,
        "url": f"https://example.org/synthetic-{number}",
        "published": None,
    }


def year(value, sedena, semar, fadh, pnh, cumulative, cohorts):
    return {
        "year": value,
        "trainees": sedena + semar,
        "cumulative": cumulative,
        "cohorts": cohorts,
        "by_provider": {"mx-sedena": sedena, "mx-semar": semar},
        "by_recipient": {"ht-fadh": fadh, "ht-pnh": pnh},
    }


def claim(public_id, value, itemised, stated_on, counted_from, counted_to, sources):
    return {
        "id": public_id,
        "description": f"Synthetic claim {value}",
        "value": value,
        "unit": "personnel",
        "period_start": None,
        "period_end": None,
        "stated_on": stated_on,
        "donor": MEXICO,
        "recipient": HAITI,
        "itemised": itemised,
        "difference": value - itemised,
        "counted_years": {"from": counted_from, "to": counted_to},
        "sources": sources,
    }


def pledge(public_id, promised, delivered, counted_from, counted_to):
    return {
        "id": public_id,
        "description": f"Synthetic promise of {promised}",
        "promised": promised,
        "unit": "soldiers",
        "delivered": delivered,
        "remaining": max(promised - delivered, 0),
        "announced": f"{counted_from}" if counted_from else None,
        "period_start": None,
        "period_end": None,
        "donor": SEDENA,
        "recipient": FADH,
        "counted_years": {"from": counted_from, "to": counted_to},
        "sources": [cited(9, "Promise Post")],
    }


@pytest.fixture
def training():
    """Synthetic training statistics in the shape of ``stats.training_stats``:
    2020: SEDENA 30 (FAd'H); 2021: nothing; 2022: SEDENA 10 + SEMAR 20 (FAd'H 10, PNH 20).
    Cumulative 30, 30, 60; 15 more undated; two claims, one dated and one not."""
    return {
        "series": [
            year(2020, 30, 0, 30, 0, 30, 1),
            year(2021, 0, 0, 0, 0, 30, 0),
            year(2022, 10, 20, 10, 20, 60, 2),
        ],
        "total": {"trainees": 75, "cohorts": 4},
        "undated": {"trainees": 15, "cohorts": 1},
        "not_counted": {
            "in_training": {"trainees": 12, "cohorts": 1},
            "selected": {"trainees": 0, "cohorts": 0},
            "without_number": {"cohorts": 2},
        },
        "institutions": {"ht-fadh": FADH, "ht-pnh": PNH, "mx-sedena": SEDENA, "mx-semar": SEMAR},
        "reported": [
            claim("reported-synthetic-dated", 100, 60, "2022-06-01", 2020, 2022, [cited(5, "Claim Daily")]),
            claim("reported-synthetic-undated", 912, 75, None, None, None, [cited(6, "Undated Weekly")]),
        ],
        "pledges": [
            pledge("pledge-synthetic-current", 50, 20, 2022, None),
            pledge("pledge-synthetic-old", 40, 30, 2020, 2020),
        ],
    }


@pytest.fixture
def series_sources():
    """``stats.series_sources`` rows for the synthetic cohorts: one source per cohort, one shared."""
    rows = [
        ("cohort-a", 2020, "mx-sedena", "ht-fadh", 30, cited(1, "First Gazette")),
        ("cohort-b", 2022, "mx-sedena", "ht-fadh", 10, cited(2, "Second Gazette")),
        ("cohort-c", 2022, "mx-semar", "ht-pnh", 20, cited(2, "Second Gazette")),
        ("cohort-c", 2022, "mx-semar", "ht-pnh", 20, cited(3, "Third Gazette")),
    ]
    return [
        {
            "public_id": public_id,
            "year": year_,
            "provider__public_id": provider,
            "recipient__public_id": recipient,
            "trainees": trainees,
            **{f"source_{key}": value for key, value in cited.items()},
            "source_id": cited["id"],
        }
        for public_id, year_, provider, recipient, trainees, cited in rows
    ]


@pytest.fixture
def links(db):
    return charts.Links({"donor_country": "MX", "recipient_country": "HT", "status": "ignored"})


def traces_named(figure, name):
    return [trace for trace in figure["data"] if trace.get("name") == name]


def test_the_cumulative_line_is_the_running_sum_of_the_years(training, series_sources, links):
    chart = charts.cumulative_chart(training, series_sources, links)
    (total,) = traces_named(chart.figure, "All itemised records")
    assert total["x"] == ["2020", "2021", "2022"]
    assert list(total["y"]) == [30, 30, 60]
    sedena, semar = traces_named(chart.figure, "SEDENA")[0], traces_named(chart.figure, "SEMAR")[0]
    # Stacked by provider: each provider's own running sum, and the stack tops out at the total.
    assert list(sedena["y"]) == [30, 30, 40]
    assert list(semar["y"]) == [0, 0, 20]
    assert [a + b for a, b in zip(sedena["y"], semar["y"], strict=True)] == list(total["y"])
    assert sedena["stackgroup"] == semar["stackgroup"]
    # Most trained first, in Okabe–Ito colours.
    assert [trace["name"] for trace in chart.figure["data"][:2]] == ["SEDENA", "SEMAR"]
    assert sedena["line"]["color"] == PALETTE[0]


def test_hover_names_the_sources_and_a_click_opens_the_records(training, series_sources, links):
    chart = charts.cumulative_chart(training, series_sources, links)
    semar = traces_named(chart.figure, "SEMAR")[0]
    hover_2022, address_2022, trained_2022 = semar["customdata"][2]
    assert "[2] Second Gazette" in hover_2022 and "[3] Third Gazette" in hover_2022
    assert trained_2022 == 20
    assert address_2022.startswith("/data/cohorts/?")
    for part in ("year_min=2022", "year_max=2022", "provider=mx-semar", "stage=completed", "donor_country=MX"):
        assert part in address_2022
    assert "status" not in address_2022  # only the dashboard's own filters are carried
    assert "%{customdata[0]}" in semar["hovertemplate"]
    assert semar["customdata"][1][0] == "No source states a number here."


def test_announced_totals_are_labelled_markers_with_date_and_source(training, series_sources, links):
    chart = charts.cumulative_chart(training, series_sources, links)
    (markers,) = traces_named(chart.figure, "Announced totals")
    assert markers["x"] == ["2022", "date not stated"]
    assert list(markers["y"]) == [100, 912]
    # Labelled with the value and the numbers of its sources in the chart's list.
    numbers = {entry.id: entry.number for entry in chart.sources}
    assert markers["text"] == [f"100 [{numbers['T05']}]", f"912 [{numbers['T06']}]"]
    assert markers["mode"] == "markers+text"
    dated, undated = markers["customdata"]
    assert "[5] Claim Daily" in dated[0] and dated[1] == "/data/reported-figures/reported-synthetic-dated/"
    assert dated[2] == "2022-06-01"
    assert undated[2] == "date not stated" and "[6] Undated Weekly" in undated[0]
    # The undated column comes last on the axis, after every year.
    assert chart.figure["layout"]["xaxis"]["categoryarray"] == ["2020", "2021", "2022", "date not stated"]


def test_promised_training_is_a_dashed_projection_from_the_itemised_total(training, series_sources, links):
    chart = charts.cumulative_chart(training, series_sources, links)
    (projection,) = traces_named(chart.figure, "Promised training (projection)")
    # From the cumulative total of the year before the promise (2021: 30) up by 50, over 2022.
    assert (projection["x"], list(projection["y"])) == (["2021", "2022"], [30, 80])
    assert projection["line"]["dash"] == "dash"
    assert projection["customdata"][0][1] == "/data/pledges/pledge-synthetic-current/"
    # The 2020 promise ended before the last year of the records: only in the table.
    assert [row.cells[0] for row in chart.table("pledges").rows] == [
        "pledge-synthetic-current",
        "pledge-synthetic-old",
    ]


def test_the_cumulative_chart_says_what_it_leaves_out(training, series_sources, links):
    chart = charts.cumulative_chart(training, series_sources, links)
    assert chart.summary[0] == (
        "According to itemised records, 60 personnel completed training from 2020 to 2022 in cohorts with a year."
    )
    assert "By provider: SEDENA 40, SEMAR 20." in chart.summary
    assert chart.notes[:3] == [
        "15 personnel in 1 completed cohort without a year are part of the total of 75 but are not drawn by year.",
        "Not counted as trained: 12 personnel in 1 cohort still in training.",
        "Not counted: 2 completed cohorts for which no source gives a number.",
    ]


def test_the_series_table_and_its_csv_carry_the_sources_of_each_year(training, series_sources, links):
    chart = charts.cumulative_chart(training, series_sources, links)
    table = chart.table("series")
    assert table.csv_header() == [
        "year",
        "trainees",
        "cumulative",
        "cohorts",
        "provider:mx-sedena",
        "provider:mx-semar",
        "source_ids",
        "source_titles",
        "source_urls",
    ]
    rows = table.csv_rows()
    assert rows[0] == [2020, 30, 30, 1, 30, 0, "T01", "Synthetic source 1", "https://example.org/synthetic-1"]
    assert rows[1] == [2021, 0, 30, 0, 0, 0, "", "", ""]
    assert rows[2][:6] == [2022, 30, 60, 2, 10, 20]
    assert rows[2][6] == "T02 | T03"
    assert table.rows[1].link is None  # nothing to open for a year without cohorts
    # The numbered list says which records each source states.
    listed = {entry.id: [public_id for public_id, _url in entry.records] for entry in chart.sources}
    assert listed["T02"] == ["cohort-b", "cohort-c"]
    assert listed["T05"] == ["reported-synthetic-dated"]


def test_the_comparison_sets_each_claim_beside_its_itemised_sum(training, links):
    chart = charts.comparison_chart(training, links)
    announced, itemised = chart.figure["data"]
    assert list(announced["y"]) == list(itemised["y"]) == ["reported-synthetic-dated", "reported-synthetic-undated"]
    assert list(announced["x"]) == [100, 912]
    assert list(itemised["x"]) == [60, 75]
    assert [row[2] for row in announced["customdata"]] == ["+40", "+837"]
    assert itemised["customdata"][0][1] == "/data/reported-figures/reported-synthetic-dated/#itemised"
    labels = [annotation["text"] for annotation in chart.figure["layout"]["annotations"]]
    assert labels[0].startswith("100 announced on 2022-06-01")
    assert labels[1].startswith("912 announced, date not stated")
    assert [row.cells[-2:] for row in chart.table("announced").rows] == [[60, 40], [75, 837]]
    assert "2 above that sum, 0 below it, 0 equal." in chart.summary[1]
    assert chart.figure["narrow"]["annotations"][1]["text"].count("<br>") == 2


def test_per_year_bars_split_each_year_by_recipient(training, series_sources, links):
    chart = charts.per_year_chart(training, series_sources, links)
    bars = {trace["name"]: list(trace["y"]) for trace in chart.figure["data"]}
    assert bars == {"FAd'H": [30, 0, 10], "PNH": [0, 0, 20]}
    assert chart.figure["layout"]["barmode"] == "stack"
    assert [row.cells for row in chart.tables[0].rows] == [[2020, 30, 0, 30], [2021, 0, 0, 0], [2022, 10, 20, 30]]
    assert "the most personnel trained in one year: 30 in 2020" in chart.summary[0]


def test_donations_are_counted_as_records_and_the_undated_reported_apart(links):
    donations = {
        "series": [
            {"year": 2024, "records": 2, "by_category": {"vehicles": 2, "drones": 0}},
            {"year": 2025, "records": 1, "by_category": {"vehicles": 0, "drones": 1}},
        ],
        "undated": {"records": 3, "by_category": {"vehicles": 1, "drones": 2}},
        "total": {"records": 6},
        "categories": ["vehicles", "drones"],
    }
    donation_sources = [
        {
            "public_id": "donation-synthetic-1",
            "date__year": 2024,
            "category": "vehicles",
            "source_id": "T07",
            "source_title": "Synthetic source 7",
            "source_publisher": "Vehicle Herald",
            "source_url": "https://example.org/synthetic-7",
            "source_published": "2024",
        }
    ]
    chart = charts.donations_chart(donations, donation_sources, links)
    bars = {trace["name"]: list(trace["y"]) for trace in chart.figure["data"]}
    assert bars == {"vehicles": [2, 0], "drones": [0, 1]}
    assert "[1] Vehicle Herald" in chart.figure["data"][0]["customdata"][0][0]
    assert "/data/donations/?" in chart.figure["data"][0]["customdata"][0][1]
    assert "category=vehicles" in chart.figure["data"][0]["customdata"][0][1]
    assert [row.cells for row in chart.tables[0].rows] == [[2024, 2, 0, 2], [2025, 0, 1, 1], ["", 1, 2, 3]]
    assert chart.summary[0] == "6 equipment donations are recorded in this selection."
    assert chart.notes[0].startswith("3 donations have no date in their sources")


def test_an_empty_selection_draws_empty_charts_that_say_so(links):
    empty = {
        "series": [],
        "total": {"trainees": 0, "cohorts": 0},
        "undated": {"trainees": 0, "cohorts": 0},
        "not_counted": {
            "in_training": {"trainees": 0, "cohorts": 0},
            "selected": {"trainees": 0, "cohorts": 0},
            "without_number": {"cohorts": 0},
        },
        "institutions": {},
        "reported": [],
        "pledges": [],
    }
    for chart in (
        charts.cumulative_chart(empty, [], links),
        charts.per_year_chart(empty, [], links),
        charts.comparison_chart(empty, links),
    ):
        assert chart.empty
        assert chart.summary
        json.dumps(chart.figure)  # plain JSON for json_script


def test_the_figure_is_small_plain_json_with_a_narrow_layout(training, series_sources, links):
    chart = charts.cumulative_chart(training, series_sources, links)
    text = json.dumps(chart.figure)
    # No plotly default template (several kilobytes) travels with each chart.
    assert chart.figure["layout"]["template"] == {"data": {"scatter": [{"type": "scatter"}]}}
    assert set(chart.figure) == {"data", "layout", "narrow", "narrow_traces"}
    # On a phone the announced totals are labelled with their value only.
    (index,) = chart.figure["narrow_traces"]
    assert chart.figure["data"][int(index)]["name"] == "Announced totals"
    assert chart.figure["narrow_traces"][index] == {"text": ["100", "912"]}
    assert chart.figure["layout"]["dragmode"] is False
    assert len(text) < 20_000


@pytest.fixture
def scene(make_cohort, mexico_army, haiti_army, source):
    """Synthetic cohorts in the database: 2019 (10), 2021 (20 + 5), undated (7)."""
    for year_, trainees in ((2019, 10), (2021, 20), (2021, 5), (None, 7)):
        make_cohort(year=year_, trainees=trainees)
    EquipmentDonation.objects.create(
        public_id="donation-synthetic-scene",
        status="published",
        donor=mexico_army,
        recipient=haiti_army,
        category="drones",
        description="Synthetic drones",
        quantity=3,
        unit="drones",
        date="2021-05-01",
        date_precision="month",
    )


def test_charts_drawn_from_the_database_reach_the_statistics_totals(scene):
    cohorts = TrainingCohort.objects.published()
    data = stats.training_stats(cohorts, ReportedFigure.objects.published(), Pledge.objects.published())
    links = charts.Links({})
    chart = charts.cumulative_chart(data, stats.series_sources(cohorts), links)
    (total,) = traces_named(chart.figure, "All itemised records")
    assert (total["x"], list(total["y"])) == (["2019", "2020", "2021"], [10, 10, 35])
    assert list(total["y"])[-1] + data["undated"]["trainees"] == data["total"]["trainees"] == 42
    assert {entry.publisher for entry in chart.sources} == {"Test Gazette"}
    donations = stats.donation_stats(EquipmentDonation.objects.published())
    drawn = charts.donations_chart(
        donations, stats.record_sources(EquipmentDonation.objects.published(), "date__year", "category"), links
    )
    assert drawn.figure["data"][0]["x"] == ["2021"] and list(drawn.figure["data"][0]["y"]) == [1]
