"""The resources of /api/v1/: JSON shapes, pages, drafts, writes validated by the models.

Synthetic records only (see conftest.py)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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

SEDENA = {"id": "mx-sedena", "name": "Secretaría de la Defensa Nacional", "short_name": "SEDENA", "country": "MX"}
FADH = {"id": "ht-fadh", "name": "Forces Armées d'Haïti", "short_name": "FAd'H", "country": "HT"}
T01 = {
    "id": "T01",
    "title": "Synthetic test source",
    "publisher": "Test Gazette",
    "url": "https://example.org/synthetic-test-source",
    "published": None,
}


def citation(public_id, value, excerpt):
    return {
        "id": public_id,
        "source": T01,
        "excerpt": excerpt,
        "stated_value": value,
        "stated_unit": "",
        "qualifier": "exact",
        "locator": "",
    }


COHORT = {
    "id": "cohort-synthetic-2024",
    "status": "published",
    "provider": SEDENA,
    "recipient": FADH,
    "programme": "",
    "place": "",
    "year": 2024,
    "start": None,
    "start_precision": None,
    "end": None,
    "end_precision": None,
    "trainees": 40,
    "women": None,
    "unit": "soldiers",
    "stage": "completed",
    "notes": "",
    "citations": [citation("T-F1", 40, "Synthetic: 40 soldiers trained.")],
}


def test_cohort_list_is_a_page_of_whole_records(anonymous, cohort):
    response = anonymous.get("/api/v1/cohorts/")
    assert response.status_code == 200
    assert response.json() == {"count": 1, "next": None, "previous": None, "results": [COHORT]}


def test_cohort_detail_carries_dates_with_their_precision(anonymous, cohort):
    cohort.start, cohort.start_precision = datetime.date(2024, 7, 1), "month"
    cohort.end, cohort.end_precision = datetime.date(2024, 9, 30), "day"
    cohort.save()
    response = anonymous.get("/api/v1/cohorts/cohort-synthetic-2024/")
    assert response.status_code == 200
    assert response.json() == COHORT | {
        "start": "2024-07",
        "start_precision": "month",
        "end": "2024-09-30",
        "end_precision": "day",
    }


def test_every_figure_resource_names_its_main_number_and_citations(anonymous, one_of_each_kind):
    donation = anonymous.get("/api/v1/donations/donation-synthetic/").json()
    assert donation == {
        "id": "donation-synthetic",
        "status": "published",
        "donor": SEDENA,
        "recipient": FADH,
        "date": None,
        "date_precision": None,
        "category": "protective_gear",
        "description": "Synthetic helmets",
        "quantity": 100,
        "unit": "items",
        "value": None,
        "currency": "",
        "notes": "",
        "citations": [citation("T-F2", 100, "Synthetic excerpt stating 100.")],
    }
    pledge = anonymous.get("/api/v1/pledges/pledge-synthetic/").json()
    assert pledge == {
        "id": "pledge-synthetic",
        "status": "published",
        "donor": SEDENA,
        "recipient": FADH,
        "kind": "training",
        "description": "Synthetic promise to train 60",
        "announced": None,
        "announced_precision": None,
        "period_start": None,
        "period_start_precision": None,
        "period_end": None,
        "period_end_precision": None,
        "quantity": 60,
        "unit": "soldiers",
        "amount": None,
        "currency": "",
        "notes": "",
        "citations": [citation("T-F3", 60, "Synthetic excerpt stating 60.")],
    }
    reported = anonymous.get("/api/v1/reported-figures/reported-synthetic/").json()
    assert reported == {
        "id": "reported-synthetic",
        "status": "published",
        "donor": SEDENA,
        "recipient": FADH,
        "measure": "personnel_trained",
        "description": "Synthetic claim: 90 trained",
        "value": 90,
        "unit": "personnel",
        "currency": "",
        "period_start": None,
        "period_start_precision": None,
        "period_end": None,
        "period_end_precision": None,
        "stated_on": None,
        "stated_on_precision": None,
        "notes": "",
        "citations": [citation("T-F4", 90, "Synthetic excerpt stating 90.")],
    }


def test_decimals_are_json_numbers(anonymous, one_of_each_kind):
    donation = one_of_each_kind["donation"]
    donation.value, donation.currency = Decimal("645000.50"), "USD"
    donation.save()
    assert anonymous.get("/api/v1/donations/donation-synthetic/").json()["value"] == 645000.5


def test_institutions_and_sources_are_resources_too(anonymous, cohort):
    assert anonymous.get("/api/v1/institutions/").json()["results"] == [
        FADH | {"kind": "armed_forces"},
        SEDENA | {"kind": "armed_forces"},
    ]
    assert anonymous.get("/api/v1/sources/T01/").json() == T01 | {
        "archived_url": "",
        "published_precision": None,
        "language": "en",
        "kind": "news",
        "notes": "",
    }


def test_drafts_are_hidden_from_anonymous_clients_and_shown_to_staff(anonymous, viewer, editor, cohort):
    TrainingCohort.objects.filter(pk=cohort.pk).update(status=Status.DRAFT)
    assert anonymous.get("/api/v1/cohorts/").json()["count"] == 0
    assert anonymous.get("/api/v1/cohorts/cohort-synthetic-2024/").status_code == 404
    assert viewer.get("/api/v1/cohorts/cohort-synthetic-2024/").status_code == 404
    assert editor.get("/api/v1/cohorts/cohort-synthetic-2024/").json()["status"] == "draft"
    assert anonymous.get("/api/v1/cohorts/?status=draft").json()["count"] == 0


def test_pages_are_100_by_default_and_at_most_1000(anonymous, make_cohort):
    for _ in range(3):
        make_cohort()
    page = anonymous.get("/api/v1/cohorts/?limit=2").json()
    assert page["count"] == 3
    assert [row["id"] for row in page["results"]] == ["cohort-synthetic-0001", "cohort-synthetic-0002"]
    assert page["next"] == "http://testserver/api/v1/cohorts/?limit=2&offset=2"
    second = anonymous.get(page["next"]).json()
    assert [row["id"] for row in second["results"]] == ["cohort-synthetic-0003"]
    from cooperation.api.pagination import Pagination

    assert (Pagination.default_limit, Pagination.max_limit) == (100, 1000)
    far = anonymous.get("/api/v1/cohorts/?offset=999999999999999999999")
    assert far.status_code == 200
    assert far.json()["results"] == []
    assert anonymous.get("/api/v1/cohorts/?limit=&offset=").json()["count"] == 3


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("limit=0", {"limit": ["Enter a whole number from 1 to 1000."]}),
        ("limit=1001", {"limit": ["Enter a whole number from 1 to 1000."]}),
        ("limit=99999999999999999999999", {"limit": ["Enter a whole number from 1 to 1000."]}),
        ("limit=ten", {"limit": ["Enter a whole number."]}),
        ("offset=-1", {"offset": ["Enter a whole number of at least 0."]}),
        ("offset=null", {"offset": ["Enter a whole number."]}),
    ],
)
def test_a_page_outside_the_limits_answers_400(anonymous, cohort, query, errors):
    response = anonymous.get(f"/api/v1/cohorts/?{query}")
    assert response.status_code == 400
    assert response.json() == errors


# --- Writes ----------------------------------------------------------------------------

NEW_COHORT = {
    "provider": "mx-sedena",
    "recipient": "ht-fadh",
    "programme": "Synthetic course «Pétion-Ville»",
    "year": 2025,
    "start": "2025-07",
    "trainees": 143,
    "women": 15,
    "unit": "soldiers",
    "status": "published",
    "citations": [
        {"source": "T01", "excerpt": "Synthetic: 150 left Haiti.", "stated_value": 150, "qualifier": "approximate"},
        {"source": "T01", "excerpt": "Synthetic: 143 graduated.", "stated_value": 143, "qualifier": "exact"},
    ],
}


def test_creating_a_cohort_saves_it_with_its_citations(editor, source, mexico_army, haiti_army, settings):
    # A record created as published is its creator's own change: only without the
    # second-reviewer rule (test_workflow.py) may one request create and publish it.
    settings.REQUIRE_SECOND_REVIEWER = False
    response = editor.post("/api/v1/cohorts/", NEW_COHORT, format="json")
    assert response.status_code == 201, response.json()
    stored = TrainingCohort.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/cohorts/{stored.public_id}/"
    assert (stored.public_id, stored.trainees, stored.women, stored.start, stored.start_precision) == (
        "cohort-2025-sedena-fadh",
        143,
        15,
        datetime.date(2025, 7, 1),
        "month",
    )
    assert [(c.public_id, c.stated_value, c.qualifier) for c in stored.citations.order_by("public_id")] == [
        ("C0001", Decimal("150.00"), "approximate"),
        ("C0002", Decimal("143.00"), "exact"),
    ]
    assert response.json() == editor.get(f"/api/v1/cohorts/{stored.public_id}/").json()


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        (
            {"trainees": 140},
            {
                "citations": [
                    "The headline number 140 is not stated by any citation (citations state: 143, 150). "
                    "Choose a number a source states."
                ]
            },
        ),
        (
            {"citations": []},
            {
                "citations": [
                    "The headline number 143 is not stated by any citation (citations state: —). "
                    "Choose a number a source states.",
                    "A published record needs at least one citation with an excerpt.",
                ]
            },
        ),
        ({"women": 200}, {"women": ["The number of women (200) cannot be above the number trained (143)."]}),
        ({"year": 1800}, {"year": ["Ensure this value is greater than or equal to 1900."]}),
        ({"provider": "mx-nowhere"}, {"provider": ["No institution has the identifier “mx-nowhere”."]}),
        ({"provider": 7}, {"provider": ["Expected an identifier (a string), got int."]}),
        ({"start": "2025-02-30"}, {"start": ["Enter a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-07."]}),
        ({"trainees": 10**12}, {"trainees": ["Ensure this value is less than or equal to 2147483647."]}),
        ({"stage": "graduated"}, {"stage": ['"graduated" is not a valid choice.']}),
        ({"notes": "a\x00b"}, {"notes": ["Null characters are not allowed."]}),
        (
            {"citations": [{"source": "T01", "excerpt": " ", "stated_value": 143, "qualifier": "exact"}]},
            {"citations": {"0": {"excerpt": ["This field may not be blank."]}}},
        ),
        (
            {"citations": [{"source": "T01", "excerpt": "Synthetic: 143.", "stated_value": 143}]},
            {"citations": {"0": {"qualifier": ["Say how the source states the number (exact, about, at least…)."]}}},
        ),
    ],
)
def test_invalid_writes_answer_400_with_field_errors_and_save_nothing(editor, source, cohort, change, errors):
    response = editor.post("/api/v1/cohorts/", NEW_COHORT | change, format="json")
    assert response.status_code == 400
    assert response.json() == errors
    assert TrainingCohort.objects.count() == 1
    assert Citation.objects.count() == 1


def test_a_citation_identifier_of_another_record_is_refused(editor, one_of_each_kind):
    body = NEW_COHORT | {"citations": [NEW_COHORT["citations"][1] | {"id": "T-F2"}]}
    response = editor.post("/api/v1/cohorts/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"citations": {"0": {"id": ["Another record's citation has this identifier."]}}}


def test_put_replaces_the_citations_and_keeps_those_it_names(editor, cohort):
    body = editor.get("/api/v1/cohorts/cohort-synthetic-2024/").json()
    body["provider"], body["recipient"] = "mx-sedena", "ht-fadh"
    body["citations"] = [
        {"id": "T-F1", "source": "T01", "excerpt": "Synthetic: 40 soldiers, corrected.", "stated_value": 40},
        {"source": "T01", "excerpt": "Synthetic: about 45.", "stated_value": 45, "qualifier": "approximate"},
    ]
    body["citations"][0]["qualifier"] = "exact"
    response = editor.put("/api/v1/cohorts/cohort-synthetic-2024/", body, format="json")
    assert response.status_code == 200, response.json()
    stored = TrainingCohort.objects.get(pk=cohort.pk)
    assert [(c.public_id, c.excerpt) for c in stored.citations.order_by("public_id")] == [
        ("C0001", "Synthetic: about 45."),
        ("T-F1", "Synthetic: 40 soldiers, corrected."),
    ]


def test_patch_changes_only_what_it_sends_and_checks_the_stored_citations(editor, cohort):
    response = editor.patch("/api/v1/cohorts/cohort-synthetic-2024/", {"place": "Temamatla"}, format="json")
    assert response.status_code == 200
    assert TrainingCohort.objects.get(pk=cohort.pk).place == "Temamatla"
    assert Citation.objects.filter(cohort=cohort).count() == 1
    refused = editor.patch("/api/v1/cohorts/cohort-synthetic-2024/", {"trainees": 41}, format="json")
    assert refused.status_code == 400
    assert list(refused.json()) == ["citations"]
    assert TrainingCohort.objects.get(pk=cohort.pk).trainees == 40


def test_the_identifier_cannot_be_changed(editor, cohort):
    response = editor.patch("/api/v1/cohorts/cohort-synthetic-2024/", {"id": "cohort-renamed"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"id": ["The identifier of a record cannot be changed."]}


def test_a_record_and_its_citations_are_saved_together_or_not_at_all(editor, cohort, monkeypatch):
    def fail(self, *args, **kwargs):
        raise RuntimeError("synthetic failure while saving a citation")

    monkeypatch.setattr(Citation, "save", fail)
    body = {
        "place": "Synthetic place",
        "citations": [{"source": "T01", "excerpt": "Synthetic: 40.", "stated_value": 40}],
    }
    body["citations"][0]["qualifier"] = "exact"
    editor.raise_request_exception = False
    response = editor.patch("/api/v1/cohorts/cohort-synthetic-2024/", body, format="json")
    assert response.status_code == 500
    stored = TrainingCohort.objects.get(pk=cohort.pk)
    assert stored.place == ""
    assert list(stored.citations.values_list("public_id", flat=True)) == ["T-F1"]


def test_deleting_a_record_deletes_its_citations(editor, cohort):
    assert editor.delete("/api/v1/cohorts/cohort-synthetic-2024/").status_code == 204
    assert not TrainingCohort.objects.exists()
    assert not Citation.objects.exists()


def test_an_institution_in_use_cannot_be_deleted(editor, cohort):
    response = editor.delete("/api/v1/institutions/mx-sedena/")
    assert response.status_code == 409
    assert response.json() == {"detail": "Other records refer to this one, so it cannot be deleted."}
    assert Institution.objects.filter(public_id="mx-sedena").exists()


def test_institutions_and_sources_are_validated_by_their_models(editor, db):
    bad = editor.post("/api/v1/institutions/", {"id": "zz-x", "country": "ZZ", "name": "X", "kind": "police"})
    assert bad.status_code == 400
    assert bad.json() == {"country": ["“ZZ” is not an ISO 3166-1 alpha-2 country code such as MX or HT."]}
    good = editor.post(
        "/api/v1/sources/",
        {
            "id": "T09",
            "title": "Synthetic «source»",
            "publisher": "Synthetic",
            "url": "https://example.org/synthetic-9",
            "published": "2025-07",
            "language": "fr",
            "kind": "news",
        },
    )
    assert good.status_code == 201, good.json()
    stored = Source.objects.get(public_id="T09")
    assert (stored.published, stored.published_precision) == (datetime.date(2025, 7, 1), "month")


def test_every_figure_resource_accepts_a_create(editor, source, mexico_army, haiti_army):
    cite = {"source": "T01", "excerpt": "Synthetic excerpt.", "qualifier": "exact"}
    bodies = {
        "donations": {
            "donor": None,
            "recipient": "ht-fadh",
            "date": "2025-03-04",
            "category": "vehicles",
            "description": "Synthetic trucks",
            "quantity": 4,
            "value": "120000.5",
            "currency": "USD",
            "citations": [cite | {"stated_value": 4}],
        },
        "pledges": {
            "donor": "mx-sedena",
            "recipient": "ht-fadh",
            "kind": "training",
            "description": "Synthetic promise",
            "announced": "2025",
            "period_start": "2025",
            "period_end": "2026-12",
            "quantity": 150,
            "citations": [cite | {"stated_value": 150}],
        },
        "reported-figures": {
            "donor": "mx-sedena",
            "recipient": "ht-fadh",
            "measure": "personnel_trained",
            "description": "Synthetic total",
            "value": 912,
            "stated_on": "2025-08-23",
            "citations": [cite | {"stated_value": 912}],
        },
    }
    for resource, body in bodies.items():
        response = editor.post(f"/api/v1/{resource}/", body, format="json")
        assert response.status_code == 201, (resource, response.json())
    donation = EquipmentDonation.objects.get()
    assert (donation.donor, donation.value, donation.date_precision) == (None, Decimal("120000.50"), "day")
    pledge = Pledge.objects.get()
    assert (pledge.period_end, pledge.period_end_precision) == (datetime.date(2026, 12, 1), "month")
    assert ReportedFigure.objects.get().value == Decimal("912.00")


# --- Query counts -----------------------------------------------------------------------


def _bulk(count, mexico_army, haiti_army, source):
    """Synthetic rows of every figure data set, each with two citations."""
    cohorts = TrainingCohort.objects.bulk_create(
        TrainingCohort(
            public_id=f"cohort-bulk-{n:04d}",
            status=Status.PUBLISHED,
            provider=mexico_army,
            recipient=haiti_army,
            year=2000 + n % 25,
            trainees=n + 1,
        )
        for n in range(count)
    )
    donations = EquipmentDonation.objects.bulk_create(
        EquipmentDonation(
            public_id=f"donation-bulk-{n:04d}",
            status=Status.PUBLISHED,
            donor=mexico_army,
            recipient=haiti_army,
            category="other",
            description="Synthetic",
        )
        for n in range(count)
    )
    pledges = Pledge.objects.bulk_create(
        Pledge(
            public_id=f"pledge-bulk-{n:04d}",
            status=Status.PUBLISHED,
            donor=mexico_army,
            recipient=haiti_army,
            kind="training",
            description="Synthetic",
        )
        for n in range(count)
    )
    reported = ReportedFigure.objects.bulk_create(
        ReportedFigure(
            public_id=f"reported-bulk-{n:04d}",
            status=Status.PUBLISHED,
            donor=mexico_army,
            recipient=haiti_army,
            measure="personnel_trained",
            description="Synthetic",
            value=n + 1,
        )
        for n in range(count)
    )
    citations = []
    for field, records in (
        ("cohort", cohorts),
        ("donation", donations),
        ("pledge", pledges),
        ("reported_figure", reported),
    ):
        for record in records:
            for copy in (1, 2):
                citations.append(
                    Citation(
                        public_id=f"T-{field}-{record.public_id}-{copy}",
                        source=source,
                        excerpt="Synthetic excerpt.",
                        **{field: record},
                    )
                )
    Citation.objects.bulk_create(citations)


LISTS = [
    "/api/v1/cohorts/",
    "/api/v1/donations/",
    "/api/v1/pledges/",
    "/api/v1/reported-figures/",
    "/api/v1/institutions/",
    "/api/v1/sources/",
]


@pytest.mark.parametrize("url", LISTS)
def test_a_list_page_needs_as_many_queries_for_200_records_as_for_5(anonymous, mexico_army, haiti_army, source, url):
    def queries(count):
        TrainingCohort.objects.all().delete()
        EquipmentDonation.objects.all().delete()
        Pledge.objects.all().delete()
        ReportedFigure.objects.all().delete()
        _bulk(count, mexico_army, haiti_army, source)
        with CaptureQueriesContext(connection) as captured:
            response = anonymous.get(url + "?limit=1000&recipient=ht-fadh")
            assert response.status_code == 200
        return len(captured)

    few, many = queries(5), queries(200)
    assert few == many
    assert many <= 4


# --- Never a server error ------------------------------------------------------------------

HOSTILE_BODIES = [
    {"year": 99999},
    {"year": -1},
    {"trainees": 0},
    {"women": 10**15},
    {"start": "9999-12-31", "end": "0001"},
    {"start": True},
    {"citations": "not a list"},
    {"citations": [{"source": "T01", "excerpt": "x", "stated_value": "1e20", "qualifier": "exact"}]},
    {"citations": [{"source": "T01", "excerpt": "x", "stated_value": -5, "qualifier": "exact"}]},
    {"citations": [{"source": "T01\x00", "excerpt": "x"}]},
    {"citations": [{"source": "T01", "excerpt": "x", "id": "x" * 300}]},
    {"id": "x" * 300},
    {"id": "not a slug"},
    {"programme": "x" * 10000},
    {"provider": {"id": "mx-sedena"}},
    {"provider": None},
]


@pytest.mark.parametrize("change", HOSTILE_BODIES)
def test_hostile_writes_answer_400_never_500(editor, cohort, change):
    body = {"provider": "mx-sedena", "recipient": "ht-fadh", "year": 2020} | change
    assert editor.post("/api/v1/cohorts/", body, format="json").status_code == 400
    assert editor.patch("/api/v1/cohorts/cohort-synthetic-2024/", change, format="json").status_code == 400


@pytest.mark.parametrize("body", [[], "a string", None, 7])
def test_a_body_that_is_not_an_object_answers_400(editor, cohort, body):
    assert editor.post("/api/v1/cohorts/", body, format="json").status_code == 400


@pytest.mark.parametrize("resource", ["cohorts", "institutions", "sources", "reported-figures"])
@pytest.mark.parametrize("ident", ["%00", "x" * 500, "%F0%9F%92%A5", "..", "a.b", "a%20b", "%25", "a%2Fb"])
def test_an_unknown_identifier_answers_a_json_404(anonymous, editor, cohort, resource, ident):
    for response in (
        anonymous.get(f"/api/v1/{resource}/{ident}/"),
        editor.get(f"/api/v1/{resource}/{ident}/"),
        editor.patch(f"/api/v1/{resource}/{ident}/", {}, format="json"),
        editor.delete(f"/api/v1/{resource}/{ident}/"),
    ):
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


def test_other_addresses_under_api_answer_a_json_404_and_a_missing_slash_redirects(anonymous, db):
    assert anonymous.get("/api/v1/nothing/here/").json() == {"detail": "Not found."}
    assert anonymous.get("/api/").status_code == 404
    missing_slash = anonymous.get("/api/v1/cohorts")
    assert (missing_slash.status_code, missing_slash["Location"]) == (301, "/api/v1/cohorts/")


def test_a_method_no_endpoint_answers_is_405_whatever_the_parameters(editor, cohort):
    response = editor.generic("TRACE", "/api/v1/institutions/?format=csv")
    assert response.status_code == 405
    assert editor.post("/api/v1/cohorts/cohort-synthetic-2024/?format=xml", {}, format="json").status_code == 405


def test_a_body_that_is_not_json_answers_400_with_a_detail(editor, cohort):
    response = editor.generic("POST", "/api/v1/cohorts/", b"\xae{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")
    other = editor.generic("POST", "/api/v1/cohorts/", b"a=b", content_type="application/x-www-form-urlencoded")
    assert other.status_code == 415
