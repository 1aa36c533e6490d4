"""Filters of the API lists (the FilterSets the pages share): each filter, ordering, and
400 for every invalid value, never a 500. Synthetic records only."""

import pytest

from cooperation.filters import CohortFilterSet
from cooperation.models import Citation, EquipmentDonation, Institution, Status, TrainingCohort


@pytest.fixture
def police(db):
    return Institution.objects.create(
        public_id="ht-pnh", country="HT", name="Police nationale d'Haïti", short_name="PNH", kind="police"
    )


@pytest.fixture
def canada(db):
    return Institution.objects.create(
        public_id="ca-rcmp", country="CA", name="Royal Canadian Mounted Police", short_name="RCMP", kind="police"
    )


@pytest.fixture
def cohorts(make_cohort, police, canada):
    """Synthetic: four cohorts across years, providers and recipients."""
    make_cohort(year=2018, trainees=30, programme="Synthetic basic course")
    make_cohort(year=2021, trainees=50, recipient=police, place="Temamatla")
    make_cohort(year=2024, trainees=70, provider=canada, recipient=police, notes="Synthetic «Pétion-Ville» note")
    make_cohort(year=None, trainees=20)
    Citation.objects.filter(cohort__year=2021).update(excerpt="Synthetic: 50 agents de la PNH formés à Temamatla.")


def ids(client, query):
    response = client.get(f"/api/v1/cohorts/?{query}")
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["0001", "0002", "0003", "0004"]),
        ("year_min=2021", ["0002", "0003"]),
        ("year_max=2021", ["0001", "0002"]),
        ("year_min=2019&year_max=2023", ["0002"]),
        ("year_min=2018&year_max=2018", ["0001"]),
        ("donor_country=mx", ["0001", "0002", "0004"]),
        ("donor_country=CA", ["0003"]),
        ("recipient_country=HT", ["0001", "0002", "0003", "0004"]),
        ("recipient_country=CA", []),
        ("provider=SEDENA", ["0001", "0002", "0004"]),
        ("provider=mx-sedena", ["0001", "0002", "0004"]),
        ("provider=rcmp", ["0003"]),
        ("recipient=PNH", ["0002", "0003"]),
        ("recipient=ht-fadh", ["0001", "0004"]),
        ("q=basic", ["0001"]),
        ("q=temamatla", ["0002"]),
        ("q=agents de la PNH", ["0002"]),
        ("q=Pétion", ["0003"]),
        ("q=cohort-synthetic-0004", ["0004"]),
        ("q=100%", []),
        ("stage=completed", ["0001", "0002", "0003", "0004"]),
        ("stage=selected", []),
        ("ordering=-year", ["0003", "0002", "0001", "0004"]),
        ("ordering=year", ["0001", "0002", "0003", "0004"]),
        ("ordering=-trainees", ["0003", "0002", "0001", "0004"]),
        ("ordering=-id", ["0004", "0003", "0002", "0001"]),
        ("year_min=1900&year_min=2024", ["0003"]),
        ("unknown_parameter=1", ["0001", "0002", "0003", "0004"]),
        ("year_min=&provider=", ["0001", "0002", "0003", "0004"]),
    ],
)
def test_cohort_filters(anonymous, cohorts, query, expected):
    assert ids(anonymous, query) == [f"cohort-synthetic-{number}" for number in expected]


def test_undated_cohorts_sort_last_either_way(anonymous, cohorts):
    assert ids(anonymous, "ordering=year")[-1] == ids(anonymous, "ordering=-year")[-1] == "cohort-synthetic-0004"


def test_donations_filter_by_category_and_donor(anonymous, one_of_each_kind, canada, police):
    EquipmentDonation.objects.create(
        public_id="donation-synthetic-rcmp",
        status=Status.PUBLISHED,
        donor=canada,
        recipient=police,
        category="vehicles",
        description="Synthetic trucks",
    )
    assert [row["id"] for row in anonymous.get("/api/v1/donations/?category=vehicles").json()["results"]] == [
        "donation-synthetic-rcmp"
    ]
    assert [row["id"] for row in anonymous.get("/api/v1/donations/?donor=SEDENA").json()["results"]] == [
        "donation-synthetic"
    ]
    assert anonymous.get("/api/v1/donations/?provider=SEDENA").json()["count"] == 2  # not a donations filter


@pytest.mark.parametrize(
    ("resource", "query", "count"),
    [
        ("pledges", "kind=training&donor=SEDENA&recipient=FAd'H", 1),
        ("pledges", "kind=funding", 0),
        ("reported-figures", "measure=personnel_trained&q=claim", 1),
        ("reported-figures", "donor_country=HT", 0),
        ("institutions", "country=mx", 1),
        ("institutions", "q=haïti", 1),
        ("institutions", "kind=police", 0),
        ("sources", "q=gazette&kind=news&language=EN", 1),
    ],
)
def test_every_list_has_its_filters(anonymous, one_of_each_kind, resource, query, count):
    response = anonymous.get(f"/api/v1/{resource}/?{query}")
    assert response.status_code == 200
    assert response.json()["count"] == count


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("year_min=abc", {"year_min": ["Enter a whole number."]}),
        ("year_min=2020.5", {"year_min": ["Enter a whole number."]}),
        ("year_min=-5", {"year_min": ["Ensure this value is greater than or equal to 1."]}),
        ("year_max=99999999999999999999999", {"year_max": ["Ensure this value is less than or equal to 9999."]}),
        ("year_min=2025&year_max=2018", {"year_max": ["year_max (2018) is before year_min (2025)."]}),
        ("donor_country=MEX", {"donor_country": ["“MEX” is not an ISO 3166-1 alpha-2 country code such as MX or HT."]}),
        (
            "recipient_country=ZZ",
            {"recipient_country": ["“ZZ” is not an ISO 3166-1 alpha-2 country code such as MX or HT."]},
        ),
        (
            "recipient_country=1",
            {"recipient_country": ["“1” is not an ISO 3166-1 alpha-2 country code such as MX or HT."]},
        ),
        ("provider=nobody", {"provider": ["No institution has the identifier or short name “nobody”."]}),
        ("recipient=" + "x" * 65, {"recipient": ["Ensure this value has at most 64 characters (it has 65)."]}),
        ("q=" + "x" * 101, {"q": ["Ensure this value has at most 100 characters (it has 101)."]}),
        ("q=a%00b", {"q": ["Null characters are not allowed."]}),
        ("provider=a%00b", {"provider": ["Null characters are not allowed."]}),
        ("stage=graduated", {"stage": ["Select a valid choice. graduated is not one of the available choices."]}),
        ("ordering=secret", {"ordering": ["Select a valid choice. secret is not one of the available choices."]}),
        ("ordering=year,-nope", {"ordering": ["Select a valid choice. -nope is not one of the available choices."]}),
        ("format=xml", {"format": ["Unknown format “xml”: use json or csv."]}),
    ],
)
def test_invalid_values_answer_400_naming_the_parameter(anonymous, cohorts, query, errors):
    response = anonymous.get(f"/api/v1/cohorts/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == errors


NASTY_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "1e400",
    "9" * 400,
    "-" + "9" * 40,
    "NaN",
    "null",
    "%00",
    "%FF%FE",
    "%F0%9F%92%A5",
    "'; DROP TABLE cooperation_trainingcohort; --",
    "%25%5F",
    "=1+1",
    "x" * 5000,
    "Ha%C3%AFti",
    "2020,2021",
]
PARAMETERS = {
    "cohorts": [
        "year_min",
        "year_max",
        "donor_country",
        "recipient_country",
        "provider",
        "recipient",
        "q",
        "stage",
        "status",
        "ordering",
        "format",
        "limit",
        "offset",
    ],
    "donations": ["donor", "category"],
    "pledges": ["donor", "kind"],
    "reported-figures": ["donor", "measure"],
    "institutions": ["country", "kind", "q", "ordering"],
    "sources": ["kind", "language", "q", "ordering"],
    "stats/training": [
        "year_min",
        "year_max",
        "donor_country",
        "recipient_country",
        "provider",
        "recipient",
        "table",
        "format",
    ],
}


@pytest.mark.parametrize("resource", PARAMETERS)
def test_no_value_of_any_parameter_makes_a_server_error(anonymous, cohorts, resource):
    for parameter in PARAMETERS[resource]:
        for value in NASTY_VALUES:
            response = anonymous.get(f"/api/v1/{resource}/?{parameter}={value}")
            assert response.status_code in (200, 400), (parameter, value, response.status_code)
            if response.status_code == 400:
                assert response["Content-Type"] == "application/json"
                assert parameter in response.json(), (parameter, value, response.json())


def test_the_filterset_serves_pages_too(cohorts):
    """The dashboard and browse pages use the same FilterSet with the page's query string."""
    filterset = CohortFilterSet({"provider": "SEDENA", "year_min": "2020"}, queryset=TrainingCohort.objects.published())
    assert filterset.is_valid()
    assert [cohort.public_id for cohort in filterset.qs] == ["cohort-synthetic-0002"]
    invalid = CohortFilterSet({"year_min": "soon"}, queryset=TrainingCohort.objects.published())
    assert not invalid.is_valid()
    assert invalid.errors == {"year_min": ["Enter a whole number."]}
