"""No lost edits: the admin's form and the API's If-Match compare the same version
(``cooperation.versions``); the second person to save is told what changed and keeps
their input. Synthetic records only."""

import html

import pytest
from django.urls import reverse

from cooperation.models import Source, Status, TrainingCohort
from cooperation.versions import record_version
from tests.adminform import change_form

DETAIL = "/api/v1/cohorts/cohort-synthetic-2024/"


@pytest.fixture
def draft(cohort):
    """The synthetic cohort as a draft: editors may change it."""
    TrainingCohort.objects.filter(pk=cohort.pk).update(status=Status.DRAFT)
    return cohort


@pytest.fixture
def second_editor_client(db):
    from tests.conftest import _member, _signed_in

    return _signed_in(_member("editor-two", "editor"))


def change_url(obj) -> str:
    return reverse(f"admin:cooperation_{obj._meta.model_name}_change", args=[obj.pk])


def test_the_second_editor_is_told_what_changed_and_keeps_their_input(editor_client, second_editor_client, draft):
    url = change_url(draft)
    first = change_form(editor_client, url, "trainingcohort")
    second = change_form(second_editor_client, url, "trainingcohort")
    assert editor_client.post(url, first | {"place": "Temamatla"}).status_code == 302

    response = second_editor_client.post(url, second | {"place": "Santa Lucía", "programme": "Synthetic course"})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "This record changed since you opened it (last changed by editor-one at" in page
    assert "so nothing was saved. Your input is still in the form." in page
    assert "place: “” → “Temamatla”" in page
    kept = change_form_from(response)
    assert (kept["place"], kept["programme"]) == ("Santa Lucía", "Synthetic course")
    assert TrainingCohort.objects.get(pk=draft.pk).place == "Temamatla"

    # Having seen the changes, the second editor saves again: now on the current version.
    assert second_editor_client.post(url, kept).status_code == 302
    stored = TrainingCohort.objects.get(pk=draft.pk)
    assert (stored.place, stored.programme) == ("Santa Lucía", "Synthetic course")


def change_form_from(response) -> dict:
    from tests.adminform import form_fields

    return form_fields(response.content.decode(), "trainingcohort_form")


def test_a_changed_citation_counts_as_a_change_of_the_record(editor_client, second_editor_client, draft):
    url = change_url(draft)
    first = change_form(editor_client, url, "trainingcohort")
    second = change_form(second_editor_client, url, "trainingcohort")
    first["citations-0-locator"] = "p. 4"
    assert editor_client.post(url, first).status_code == 302
    page = html.unescape(second_editor_client.post(url, second | {"place": "X"}).content.decode())
    assert "citation T-F1: locator: “” → “p. 4”" in page
    assert TrainingCohort.objects.get(pk=draft.pk).place == ""


def test_the_form_carries_the_version_the_api_sends_as_etag(editor_client, editor, draft):
    form = change_form(editor_client, change_url(draft), "trainingcohort")
    etag = editor.get(DETAIL)["ETag"]
    assert f'"{form["edit_version"]}"' == etag
    assert form["edit_version"] == record_version(TrainingCohort.objects.with_related().get(pk=draft.pk))


def test_an_admin_save_makes_the_api_clients_version_stale(editor_client, editor, draft):
    etag = editor.get(DETAIL)["ETag"]
    url = change_url(draft)
    assert (
        editor_client.post(url, change_form(editor_client, url, "trainingcohort") | {"place": "A"}).status_code == 302
    )
    assert editor.patch(DETAIL, {"place": "B"}, format="json", HTTP_IF_MATCH=etag).status_code == 412
    assert TrainingCohort.objects.get(pk=draft.pk).place == "A"


def test_an_api_write_makes_the_open_admin_form_stale(editor_client, editor, draft):
    url = change_url(draft)
    opened = change_form(editor_client, url, "trainingcohort")
    assert editor.patch(DETAIL, {"place": "From the API"}, format="json").status_code == 200
    response = editor_client.post(url, opened | {"place": "From the admin"})
    assert response.status_code == 200
    assert "place: “” → “From the API”" in html.unescape(response.content.decode())
    assert TrainingCohort.objects.get(pk=draft.pk).place == "From the API"


def test_reference_tables_are_protected_too(editor_client, second_editor_client, source):
    url = change_url(source)
    first = change_form(editor_client, url, "source")
    second = change_form(second_editor_client, url, "source")
    assert editor_client.post(url, first | {"publisher": "Synthetic Times"}).status_code == 302
    response = second_editor_client.post(url, second | {"notes": "Synthetic note"})
    assert response.status_code == 200
    assert "publisher: “Test Gazette” → “Synthetic Times”" in html.unescape(response.content.decode())
    assert Source.objects.get(pk=source.pk).notes == ""


def test_a_tampered_snapshot_still_refuses_but_cannot_list_the_changes(editor_client, second_editor_client, draft):
    url = change_url(draft)
    first = change_form(editor_client, url, "trainingcohort")
    second = change_form(second_editor_client, url, "trainingcohort")
    editor_client.post(url, first | {"place": "Temamatla"})
    response = second_editor_client.post(url, second | {"place": "X", "edit_snapshot": "forged"})
    page = html.unescape(response.content.decode())
    assert "What changed cannot be shown; compare with the history." in page
    assert TrainingCohort.objects.get(pk=draft.pk).place == "Temamatla"


def test_a_post_without_a_version_is_not_checked_like_a_write_without_if_match(editor_client, draft):
    url = change_url(draft)
    data = change_form(editor_client, url, "trainingcohort")
    TrainingCohort.objects.filter(pk=draft.pk).update(notes="Changed meanwhile")
    data.pop("edit_version")
    assert editor_client.post(url, data | {"place": "Scripted"}).status_code == 302


def test_two_api_clients_the_second_gets_412(editor, token_client, draft):
    etag = editor.get(DETAIL)["ETag"]
    assert token_client.patch(DETAIL, {"place": "First"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    assert editor.patch(DETAIL, {"place": "Second"}, format="json", HTTP_IF_MATCH=etag).status_code == 412
