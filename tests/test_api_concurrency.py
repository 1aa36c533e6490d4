"""Conditional requests: ETags, 304 for unchanged reads, 412 for writes based on a stale
version, so no edit is lost to a concurrent one. Synthetic records only."""

import pytest

from cooperation.models import Citation, Institution, Source, TrainingCohort
from cooperation.versions import parse_etags, record_version, version_matches

DETAIL = "/api/v1/cohorts/cohort-synthetic-2024/"


def test_a_detail_carries_the_records_version_as_its_etag(anonymous, cohort):
    response = anonymous.get(DETAIL)
    stored = TrainingCohort.objects.with_related().get(pk=cohort.pk)
    assert response["ETag"] == f'"{record_version(stored)}"'


@pytest.mark.parametrize(
    "url", [DETAIL, "/api/v1/cohorts/", "/api/v1/cohorts/?year_min=2020", "/api/v1/stats/training/", "/api/v1/sources/"]
)
def test_an_unchanged_answer_is_304_without_a_body(anonymous, one_of_each_kind, url):
    first = anonymous.get(url)
    etag = first["ETag"]
    again = anonymous.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304
    assert anonymous.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        lambda: TrainingCohort.objects.update(place="Synthetic place"),
        lambda: Citation.objects.filter(public_id="T-F1").update(excerpt="Synthetic: forty trained."),
        lambda: Source.objects.update(title="Synthetic source, retitled"),
        lambda: Institution.objects.filter(public_id="ht-fadh").update(short_name="FAdH"),
    ],
)
def test_the_etag_changes_with_anything_the_reader_sees(anonymous, one_of_each_kind, change):
    detail, listing = anonymous.get(DETAIL)["ETag"], anonymous.get("/api/v1/cohorts/")["ETag"]
    change()
    assert anonymous.get(DETAIL, HTTP_IF_NONE_MATCH=detail).status_code == 200
    assert anonymous.get("/api/v1/cohorts/", HTTP_IF_NONE_MATCH=listing).status_code == 200
    assert anonymous.get(DETAIL)["ETag"] != detail


def test_the_statistics_etag_changes_with_the_numbers(anonymous, one_of_each_kind):
    etag = anonymous.get("/api/v1/stats/training/")["ETag"]
    TrainingCohort.objects.update(trainees=41)
    assert anonymous.get("/api/v1/stats/training/", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_write_based_on_a_stale_version_is_refused_with_412(editor, cohort, method):
    read = editor.get(DETAIL)
    stale = read["ETag"]
    TrainingCohort.objects.update(place="Changed by someone else")
    body = read.json() | {"provider": "mx-sedena", "recipient": "ht-fadh", "place": "Mine"}
    body["citations"] = [c | {"source": c["source"]["id"]} for c in body["citations"]]
    response = getattr(editor, method)(DETAIL, body, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert response.json() == {
        "detail": "The record changed since you read it. Read it again (GET), apply your change to the new "
        "version and send its ETag in If-Match."
    }
    assert TrainingCohort.objects.get(pk=cohort.pk).place == "Changed by someone else"


def test_two_editors_the_second_is_told_instead_of_overwriting(editor, token_client, cohort):
    etag_one = editor.get(DETAIL)["ETag"]
    etag_two = token_client.get(DETAIL)["ETag"]
    assert etag_one == etag_two
    first = editor.patch(DETAIL, {"place": "Temamatla"}, format="json", HTTP_IF_MATCH=etag_one)
    assert first.status_code == 200
    assert first["ETag"] != etag_one
    assert first["ETag"] == editor.get(DETAIL)["ETag"]
    second = token_client.patch(DETAIL, {"place": "Santa Lucía"}, format="json", HTTP_IF_MATCH=etag_two)
    assert second.status_code == 412
    assert TrainingCohort.objects.get(pk=cohort.pk).place == "Temamatla"
    retried = token_client.patch(DETAIL, {"place": "Santa Lucía"}, format="json", HTTP_IF_MATCH=first["ETag"])
    assert retried.status_code == 200
    assert TrainingCohort.objects.get(pk=cohort.pk).place == "Santa Lucía"


def test_writes_without_if_match_or_with_a_star_go_through(editor, cohort):
    assert editor.patch(DETAIL, {"place": "A"}, format="json").status_code == 200
    assert editor.patch(DETAIL, {"place": "B"}, format="json", HTTP_IF_MATCH="*").status_code == 200
    assert TrainingCohort.objects.get(pk=cohort.pk).place == "B"


def test_a_stale_delete_is_refused_too(editor, cohort):
    stale = editor.get(DETAIL)["ETag"]
    TrainingCohort.objects.update(notes="Synthetic change")
    assert editor.delete(DETAIL, HTTP_IF_MATCH=stale).status_code == 412
    assert TrainingCohort.objects.filter(pk=cohort.pk).exists()
    assert editor.delete(DETAIL, HTTP_IF_MATCH=editor.get(DETAIL)["ETag"]).status_code == 204


def test_the_version_check_is_one_function_others_can_call(cohort):
    """The admin's concurrent-edit check compares the same version."""
    stored = TrainingCohort.objects.with_related().get(pk=cohort.pk)
    version = record_version(stored)
    assert version_matches(stored, version)
    assert version_matches(stored, f'W/"{version}"')
    assert not version_matches(stored, "stale")
    assert parse_etags('W/"a", "b" ,*') == ["a", "b", "*"]
    Citation.objects.filter(cohort=cohort).update(stated_value=40, locator="p. 2")
    assert not version_matches(TrainingCohort.objects.with_related().get(pk=cohort.pk), version)
