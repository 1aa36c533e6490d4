"""Training statistics against known synthetic fixtures: per-year series with zero-filled
years, cumulative sums, what is and is not counted, announced totals and pledges against
the itemised records, all aggregated in SQL."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation import stats
from cooperation.models import Citation, Institution, Pledge, ReportedFigure, Status, TrainingCohort


def _institution(public_id, country, name, short_name, kind):
    return Institution.objects.create(public_id=public_id, country=country, name=name, short_name=short_name, kind=kind)


@pytest.fixture
def world(mexico_army, haiti_army, source):
    """Synthetic records, numbers chosen so every sum below can be checked by hand."""
    semar = _institution("mx-semar", "MX", "Secretaría de Marina", "SEMAR", "armed_forces")
    mexico = _institution("mx-gob", "MX", "Gobierno de México", "", "government")
    haiti = _institution("ht-gouv", "HT", "Gouvernement d'Haïti", "", "government")
    police = _institution("ht-pnh", "HT", "Police nationale d'Haïti", "PNH", "police")
    canada = _institution("ca-rcmp", "CA", "Royal Canadian Mounted Police", "RCMP", "police")
    sedena, fadh = mexico_army, haiti_army
    cohorts = [
        # (provider, recipient, year, trainees, stage, status)
        (sedena, fadh, 2018, 30, "completed", "published"),
        (semar, police, 2018, 20, "completed", "published"),
        (sedena, police, 2020, 25, "completed", "published"),
        (canada, police, 2020, 100, "completed", "published"),
        (semar, fadh, 2022, 40, "completed", "published"),
        (sedena, fadh, None, 15, "completed", "published"),
        (sedena, fadh, 2022, 50, "in_training", "published"),
        (sedena, fadh, 2023, 60, "selected", "published"),
        (sedena, fadh, 2022, None, "completed", "published"),
        (sedena, fadh, 2022, 999, "completed", "draft"),
    ]
    for number, (provider, recipient, year, trainees, stage, status) in enumerate(cohorts, start=1):
        cohort = TrainingCohort.objects.create(
            public_id=f"cohort-stats-{number:02d}",
            provider=provider,
            recipient=recipient,
            year=year,
            trainees=trainees,
            stage=stage,
            status=status,
        )
        _cite(source, cohort, trainees)
    claims = [
        # (id, donor, recipient, measure, value, period_start, stated_on, status)
        (
            "reported-stats-mexico",
            mexico,
            haiti,
            "personnel_trained",
            912,
            datetime.date(2018, 1, 1),
            datetime.date(2025, 8, 23),
            "published",
        ),
        ("reported-stats-sedena", sedena, fadh, "personnel_trained", 45, None, datetime.date(2021, 1, 1), "published"),
        ("reported-stats-kits", sedena, fadh, "equipment_items", 7, None, datetime.date(2021, 1, 1), "published"),
        ("reported-stats-draft", sedena, fadh, "personnel_trained", 5, None, datetime.date(2021, 1, 1), "draft"),
    ]
    for public_id, donor, recipient, measure, value, start, stated_on, status in claims:
        figure = ReportedFigure.objects.create(
            public_id=public_id,
            donor=donor,
            recipient=recipient,
            measure=measure,
            description=f"Synthetic claim {value}",
            value=value,
            unit="personnel",
            period_start=start,
            period_start_precision="year" if start else "",
            stated_on=stated_on,
            stated_on_precision="day" if stated_on and stated_on.day != 1 else ("year" if stated_on else ""),
            status=status,
        )
        _cite(source, figure, value)
    promises = [
        # (id, donor, recipient, kind, quantity, announced, period_start, period_end)
        (
            "pledge-stats-mexico",
            mexico,
            haiti,
            "training",
            100,
            datetime.date(2019, 1, 1),
            datetime.date(2020, 1, 1),
            datetime.date(2022, 1, 1),
        ),
        ("pledge-stats-sedena", sedena, fadh, "training", 10, datetime.date(2022, 5, 1), None, None),
        ("pledge-stats-kit", sedena, fadh, "equipment", 3, datetime.date(2022, 5, 1), None, None),
    ]
    for public_id, donor, recipient, kind, quantity, announced, start, end in promises:
        pledge = Pledge.objects.create(
            public_id=public_id,
            donor=donor,
            recipient=recipient,
            kind=kind,
            description=f"Synthetic promise of {quantity}",
            quantity=quantity,
            announced=announced,
            announced_precision="month" if announced.month != 1 else "year",
            period_start=start,
            period_start_precision="year" if start else "",
            period_end=end,
            period_end_precision="year" if end else "",
            status=Status.PUBLISHED,
        )
        _cite(source, pledge, quantity)


def _cite(source, record, value):
    Citation.objects.create(
        source=source,
        excerpt=f"Synthetic excerpt stating {value}.",
        stated_value=value,
        qualifier="exact" if value is not None else "",
        **{record.CITATION_FIELD: record},
    )


SEDENA = {"id": "mx-sedena", "name": "Secretaría de la Defensa Nacional", "short_name": "SEDENA", "country": "MX"}
SEMAR = {"id": "mx-semar", "name": "Secretaría de Marina", "short_name": "SEMAR", "country": "MX"}
RCMP = {"id": "ca-rcmp", "name": "Royal Canadian Mounted Police", "short_name": "RCMP", "country": "CA"}
FADH = {"id": "ht-fadh", "name": "Forces Armées d'Haïti", "short_name": "FAd'H", "country": "HT"}
PNH = {"id": "ht-pnh", "name": "Police nationale d'Haïti", "short_name": "PNH", "country": "HT"}
MEXICO = {"id": "mx-gob", "name": "Gobierno de México", "short_name": "", "country": "MX"}
HAITI = {"id": "ht-gouv", "name": "Gouvernement d'Haïti", "short_name": "", "country": "HT"}
T01 = {
    "id": "T01",
    "title": "Synthetic test source",
    "publisher": "Test Gazette",
    "url": "https://example.org/synthetic-test-source",
    "published": None,
}


def year(year, trainees, cumulative, cohorts, by_provider, by_recipient):
    return {
        "year": year,
        "trainees": trainees,
        "cumulative": cumulative,
        "cohorts": cohorts,
        "by_provider": by_provider,
        "by_recipient": by_recipient,
    }


def providers(rcmp=0, sedena=0, semar=0):
    return {"ca-rcmp": rcmp, "mx-sedena": sedena, "mx-semar": semar}


def recipients(fadh=0, pnh=0):
    return {"ht-fadh": fadh, "ht-pnh": pnh}


REPORTED_MEXICO = {
    "id": "reported-stats-mexico",
    "description": "Synthetic claim 912",
    "value": 912,
    "unit": "personnel",
    "period_start": "2018",
    "period_end": None,
    "stated_on": "2025-08-23",
    "donor": MEXICO,
    "recipient": HAITI,
    # Every Mexican institution's completed, dated cohorts for any Haitian force, 2018–2025.
    "itemised": 30 + 20 + 25 + 40,
    "difference": 912 - 115,
    "counted_years": {"from": 2018, "to": 2025},
    "sources": [T01],
}
REPORTED_SEDENA = {
    "id": "reported-stats-sedena",
    "description": "Synthetic claim 45",
    "value": 45,
    "unit": "personnel",
    "period_start": None,
    "period_end": None,
    "stated_on": "2021",
    "donor": SEDENA,
    "recipient": FADH,
    "itemised": 30,
    "difference": 15,
    "counted_years": {"from": None, "to": 2021},
    "sources": [T01],
}
PLEDGE_MEXICO = {
    "id": "pledge-stats-mexico",
    "description": "Synthetic promise of 100",
    "promised": 100,
    "unit": "",
    "delivered": 25 + 40,
    "remaining": 35,
    "announced": "2019",
    "period_start": "2020",
    "period_end": "2022",
    "donor": MEXICO,
    "recipient": HAITI,
    "counted_years": {"from": 2020, "to": 2022},
    "sources": [T01],
}
PLEDGE_SEDENA = {
    "id": "pledge-stats-sedena",
    "description": "Synthetic promise of 10",
    "promised": 10,
    "unit": "",
    "delivered": 0,
    "remaining": 10,
    "announced": "2022-05",
    "period_start": None,
    "period_end": None,
    "donor": SEDENA,
    "recipient": FADH,
    "counted_years": {"from": 2022, "to": None},
    "sources": [T01],
}


def test_the_whole_payload_for_anonymous_readers(anonymous, world):
    response = anonymous.get("/api/v1/stats/training/")
    assert response.status_code == 200
    assert response.json() == {
        "series": [
            year(2018, 50, 50, 2, providers(sedena=30, semar=20), recipients(fadh=30, pnh=20)),
            year(2019, 0, 50, 0, providers(), recipients()),
            year(2020, 125, 175, 2, providers(rcmp=100, sedena=25), recipients(pnh=125)),
            year(2021, 0, 175, 0, providers(), recipients()),
            year(2022, 40, 215, 1, providers(semar=40), recipients(fadh=40)),
        ],
        "total": {"trainees": 230, "cohorts": 6},
        "undated": {"trainees": 15, "cohorts": 1},
        "not_counted": {
            "in_training": {"trainees": 50, "cohorts": 1},
            "selected": {"trainees": 60, "cohorts": 1},
            "without_number": {"cohorts": 1},
        },
        "institutions": {"ca-rcmp": RCMP, "ht-fadh": FADH, "ht-pnh": PNH, "mx-sedena": SEDENA, "mx-semar": SEMAR},
        "reported": [REPORTED_SEDENA, REPORTED_MEXICO],
        "pledges": [PLEDGE_MEXICO, PLEDGE_SEDENA],
    }


def test_the_series_ends_where_the_total_minus_the_undated_does(anonymous, world):
    data = anonymous.get("/api/v1/stats/training/").json()
    assert data["series"][-1]["cumulative"] + data["undated"]["trainees"] == data["total"]["trainees"]
    cumulative = 0
    for item in data["series"]:
        cumulative += item["trainees"]
        assert item["cumulative"] == cumulative
        assert sum(item["by_provider"].values()) == sum(item["by_recipient"].values()) == item["trainees"]


def test_staff_see_drafts_counted(editor, world):
    data = editor.get("/api/v1/stats/training/").json()
    assert data["series"][-1] == year(2022, 1039, 1214, 2, providers(semar=40, sedena=999), recipients(fadh=1039))
    assert [row["id"] for row in data["reported"]] == [
        "reported-stats-draft",
        "reported-stats-sedena",
        "reported-stats-mexico",
    ]
    pledge = next(row for row in data["pledges"] if row["id"] == "pledge-stats-sedena")
    assert (pledge["delivered"], pledge["remaining"]) == (999, 0)


def test_years_inside_the_range_without_cohorts_appear_with_zero(anonymous, world):
    data = anonymous.get("/api/v1/stats/training/?year_min=2015&year_max=2019").json()
    nobody = {"mx-sedena": 0, "mx-semar": 0}
    assert data["series"] == [
        year(2015, 0, 0, 0, nobody, recipients()),
        year(2016, 0, 0, 0, nobody, recipients()),
        year(2017, 0, 0, 0, nobody, recipients()),
        year(2018, 50, 50, 2, {"mx-sedena": 30, "mx-semar": 20}, recipients(fadh=30, pnh=20)),
        year(2019, 0, 50, 0, nobody, recipients()),
    ]
    assert data["total"] == {"trainees": 50, "cohorts": 2}
    assert data["undated"] == {"trainees": 0, "cohorts": 0}  # an undated cohort is in no year range
    assert data["reported"] == []  # the totals in scope were stated in 2021 and 2025
    assert [row["id"] for row in data["pledges"]] == ["pledge-stats-mexico"]


@pytest.mark.parametrize(
    ("query", "series", "reported", "pledges"),
    [
        (
            "provider=SEDENA",
            [(2018, 30, 30), (2019, 0, 30), (2020, 25, 55)],
            ["reported-stats-sedena"],
            ["pledge-stats-sedena"],
        ),
        ("donor_country=ca", [(2020, 100, 100)], [], []),
        ("recipient=PNH", [(2018, 20, 20), (2019, 0, 20), (2020, 125, 145)], [], []),
        ("recipient_country=HT&year_min=2022", [(2022, 40, 40)], ["reported-stats-mexico"], ["pledge-stats-sedena"]),
        ("year_min=2030", [(2030, 0, 0)], [], []),
        ("year_min=1&year_max=9999", None, None, None),
    ],
)
def test_the_filters_narrow_every_part(anonymous, world, query, series, reported, pledges):
    data = anonymous.get(f"/api/v1/stats/training/?{query}").json()
    if series is None:  # the widest range is kept to the years a cohort may have
        assert (data["series"][0]["year"], data["series"][-1]["year"], len(data["series"])) == (1900, 2100, 201)
        assert data["series"][-1]["cumulative"] == 215
        return
    assert [(item["year"], item["trainees"], item["cumulative"]) for item in data["series"]] == series
    assert [row["id"] for row in data["reported"]] == reported
    assert [row["id"] for row in data["pledges"]] == pledges


def test_an_empty_database_gives_empty_statistics(anonymous, db):
    data = anonymous.get("/api/v1/stats/training/").json()
    assert data["series"] == [] and data["reported"] == [] and data["pledges"] == []
    assert data["total"] == {"trainees": 0, "cohorts": 0}


def test_invalid_parameters_answer_400(anonymous, world):
    response = anonymous.get("/api/v1/stats/training/?year_min=2025&year_max=2018&provider=nobody")
    assert response.status_code == 400
    assert response.json() == {
        "year_max": ["year_max (2018) is before year_min (2025)."],
        "provider": ["No institution has the identifier or short name “nobody”."],
    }


def test_the_function_aggregates_in_sql_in_a_fixed_number_of_queries(world, mexico_army, haiti_army):
    def run():
        with CaptureQueriesContext(connection) as captured:
            result = stats.training_stats(
                TrainingCohort.objects.published(), ReportedFigure.objects.published(), Pledge.objects.published()
            )
        return result, captured

    first, few = run()
    TrainingCohort.objects.bulk_create(
        TrainingCohort(
            public_id=f"cohort-stats-bulk-{n:03d}",
            provider=mexico_army,
            recipient=haiti_army,
            year=2018 + n % 5,
            trainees=1,
            status=Status.PUBLISHED,
        )
        for n in range(300)
    )
    second, many = run()
    assert len(few) == len(many) == 7
    assert second["total"]["trainees"] == first["total"]["trainees"] + 300
    grouped = next(q["sql"] for q in many.captured_queries if "GROUP BY" in q["sql"])
    assert "SUM(" in grouped


def test_the_statistics_as_tables(world):
    data = stats.training_stats(
        TrainingCohort.objects.published(),
        ReportedFigure.objects.published(),
        Pledge.objects.published(),
        year_min=2019,
        year_max=2020,
    )
    header, rows = stats.stats_table(data, "series")
    assert header == [
        "year",
        "trainees",
        "cumulative",
        "cohorts",
        "provider:ca-rcmp",
        "provider:mx-sedena",
        "recipient:ht-pnh",
    ]
    assert rows == [[2019, 0, 0, 0, 0, 0, 0], [2020, 125, 125, 2, 100, 25, 125]]
    header, rows = stats.stats_table(data, "reported")
    assert header[:6] == ["id", "description", "donor", "recipient", "period_start", "period_end"]
    assert [row[0] for row in rows] == ["reported-stats-sedena", "reported-stats-mexico"]
    with pytest.raises(ValueError, match="unknown table"):
        stats.stats_table(data, "nothing")


def test_pages_get_the_same_numbers_as_the_api_for_the_same_query(anonymous, world):
    """The dashboard validates its query string with the same FilterSet and calls the same function."""
    from django.contrib.auth.models import AnonymousUser

    from cooperation.filters import TrainingStatsFilterSet

    query = {"provider": "SEDENA", "year_min": "2018"}
    filterset = TrainingStatsFilterSet(query, queryset=TrainingCohort.objects.all())
    assert filterset.is_valid()
    page = stats.training_stats_in_scope(filterset, AnonymousUser())
    assert page == anonymous.get("/api/v1/stats/training/", query).json()
