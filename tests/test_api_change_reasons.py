"""A correction to a published record says why, through the API as in the admin."""

from rest_framework.test import APIClient

from cooperation.models import TrainingCohort

URL = "/api/v1/cohorts/cohort-synthetic-2024/"


def _reviewer_client(reviewer_account, **headers) -> APIClient:
    client = APIClient()
    client.force_login(reviewer_account)
    if headers:
        client.credentials(**headers)
    return client


def test_changing_a_published_record_without_a_reason_is_refused_naming_the_header(cohort, reviewer_account):
    response = _reviewer_client(reviewer_account).patch(URL, {"place": "Synthetic place"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["X-Change-Reason"]
    assert TrainingCohort.objects.get(pk=cohort.pk).place == ""


def test_changing_a_published_record_with_a_reason_records_it(cohort, reviewer_account):
    client = _reviewer_client(reviewer_account, HTTP_X_CHANGE_REASON="Synthetic: a second source names the place.")
    response = client.patch(URL, {"place": "Synthetic place"}, format="json")
    assert response.status_code == 200, response.content
    cohort.refresh_from_db()
    assert cohort.place == "Synthetic place"
    assert cohort.history.first().history_change_reason == "Synthetic: a second source names the place."


def test_a_draft_changes_without_a_reason(cohort, reviewer_account):
    TrainingCohort.objects.filter(pk=cohort.pk).update(status="draft")
    response = _reviewer_client(reviewer_account).patch(URL, {"place": "Synthetic place"}, format="json")
    assert response.status_code == 200, response.content
