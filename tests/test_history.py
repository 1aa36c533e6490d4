"""History: every create, change and delete of every model is recorded with who, when and
why; the admin shows it field by field; any earlier version can be restored, and the restore
is recorded too. Synthetic records only."""

import pytest
from django.db import models
from django.urls import reverse

from cooperation import history
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
from cooperation.tabular import package_version
from tests.adminform import change_form

# Per model: a change to make, as (field, new value).
CHANGES = {
    Institution: ("name", "Synthetic, renamed"),
    Source: ("title", "Synthetic source, retitled"),
    Citation: ("locator", "p. 9"),
    TrainingCohort: ("place", "Synthetic place"),
    EquipmentDonation: ("unit", "boxes"),
    Pledge: ("unit", "officers"),
    ReportedFigure: ("unit", "people"),
}


def history_url(obj) -> str:
    return reverse(f"admin:cooperation_{obj._meta.model_name}_history", args=[obj.pk])


@pytest.mark.parametrize("model", CHANGES, ids=lambda model: model.__name__)
def test_every_model_records_create_change_and_delete_with_who_and_why(
    model, one_of_each_kind, reviewer_account, source
):
    if model is Institution:
        obj = Institution.objects.create(public_id="mx-synthetic", country="MX", name="Synthetic", kind="other")
    elif model is Source:
        obj = Source.objects.create(
            public_id="T77", title="Synthetic", publisher="X", url="https://example.org/77", language="es", kind="news"
        )
    else:
        obj = model.objects.first()
    field, value = CHANGES[model]
    setattr(obj, field, value)
    obj._history_user = reviewer_account
    with history.recording("Synthetic reason for the change."):
        obj.save()
    obj._history_user = reviewer_account
    pk = obj.pk
    obj.delete()
    rows = list(model.history.filter(id=pk).order_by("history_date", "history_id"))
    assert [row.history_type for row in rows] == ["+", "~", "-"]
    changed = rows[1]
    assert (changed.history_user, changed.history_change_reason) == (
        reviewer_account,
        "Synthetic reason for the change.",
    )
    assert getattr(changed, field) == value
    assert [change.label for change in history.field_changes(model, rows[0], rows[1])] == [
        str(model._meta.get_field(field).verbose_name)
    ]


def test_deleting_a_record_records_its_citations_going_with_it(one_of_each_kind):
    cohort = one_of_each_kind["cohort"]
    pk = cohort.pk
    cohort.delete()
    assert Citation.history.filter(cohort_id=pk, history_type="-").count() == 1


def test_the_admin_shows_who_changed_what_and_why(reviewer_client, reviewer_account, cohort):
    url = reverse("admin:cooperation_trainingcohort_change", args=[cohort.pk])
    data = change_form(reviewer_client, url, "trainingcohort")
    data |= {"place": "Temamatla", "change_reason": "Synthetic: the release names the place."}
    data["citations-0-locator"] = "p. 3"
    assert reviewer_client.post(url, data).status_code == 302
    page = reviewer_client.get(history_url(cohort)).content.decode()
    latest = page[page.index('class="history-change"') :]
    latest = latest[: latest.index("</tr>")]
    assert "reviewer-one" in latest
    assert "Synthetic: the release names the place." in latest
    assert "place: <del>—</del> → <ins>Temamatla</ins>" in latest
    assert "citation T-F1: changed" in latest
    assert "locator: <del>—</del> → <ins>p. 3</ins>" in latest
    # The record and its citation saved by one form are one change, with one reason.
    rows = history.history_rows(TrainingCohort, cohort.pk)
    assert rows[-1].change_set == rows[-2].change_set
    assert {row.history_change_reason for row in rows[-2:]} == {"Synthetic: the release names the place."}


def test_api_writes_record_the_user_and_the_reason_header(token_client, cohort):
    token_client.patch(
        "/api/v1/cohorts/cohort-synthetic-2024/",
        {"place": "Santa Lucía"},
        format="json",
        HTTP_X_CHANGE_REASON="Synthetic: a second source names it.",
    )
    row = TrainingCohort.history.filter(id=cohort.pk).first()
    assert (row.history_user.username, row.history_change_reason, row.place) == (
        "script",
        "Synthetic: a second source names it.",
        "Santa Lucía",
    )


# --- Restoring -------------------------------------------------------------------------------


def test_an_earlier_version_is_restored_with_its_citations_and_the_restore_is_recorded(
    reviewer_client, reviewer_account, cohort, source
):
    original = history.timeline(TrainingCohort, cohort.pk)[0]
    # A later change: another number, another citation.
    cohort.trainees, cohort._history_user = 45, reviewer_account
    citation = cohort.citations.get()
    with history.recording("Synthetic: a newer release says 45."):
        citation.stated_value = 45
        citation.save()
        cohort.save()
    restore = reverse("admin:cooperation_trainingcohort_restore", args=[cohort.pk, original.change_set])
    assert "Restore this version" in reviewer_client.get(restore).content.decode()
    refused = reviewer_client.post(restore, {"reason": ""})
    assert "This field is required." in refused.content.decode()  # the record is published
    response = reviewer_client.post(restore, {"reason": "Synthetic: the newer release was a typo."})
    assert response.status_code == 302, response.content.decode()
    stored = TrainingCohort.objects.get(pk=cohort.pk)
    assert (stored.trainees, stored.status) == (40, Status.PUBLISHED)
    assert list(stored.citations.values_list("stated_value", flat=True)) == [40]
    latest = history.timeline(TrainingCohort, cohort.pk)[0]
    assert latest.restored_from == original.change_set
    assert (latest.user, latest.reason) == (reviewer_account, "Synthetic: the newer release was a typo.")
    assert "Restore of an earlier version." in reviewer_client.get(history_url(cohort)).content.decode()


def test_a_deleted_record_comes_back_as_a_draft_with_its_citations(reviewer_client, cohort):
    pk = cohort.pk
    with history.recording("Synthetic: entered twice."):  # one change, as one admin request is
        cohort.delete()
    deleted_list = reviewer_client.get(reverse("admin:cooperation_trainingcohort_deleted")).content.decode()
    assert "cohort-synthetic-2024" in deleted_list
    page = reviewer_client.get(reverse("admin:cooperation_trainingcohort_history", args=[pk]))
    assert page.status_code == 200
    deletion, before = history.timeline(TrainingCohort, pk)[:2]
    assert (deletion.record_exists, before.record_exists) == (False, True)
    url = reverse("admin:cooperation_trainingcohort_restore", args=[pk, before.change_set])
    response = reviewer_client.post(url, {"reason": ""})
    assert response.status_code == 302, response.content.decode()
    stored = TrainingCohort.objects.get(pk=pk)
    assert (stored.public_id, stored.status) == ("cohort-synthetic-2024", Status.DRAFT)
    assert list(stored.citations.values_list("public_id", flat=True)) == ["T-F1"]


def test_a_restore_that_breaks_a_rule_changes_nothing(reviewer_client, cohort, make_cohort):
    pk = cohort.pk
    latest = history.timeline(TrainingCohort, pk)[0]
    cohort.delete()
    make_cohort(public_id="cohort-synthetic-2024")  # its identifier is taken meanwhile
    url = reverse("admin:cooperation_trainingcohort_restore", args=[pk, latest.change_set])
    response = reviewer_client.post(url, {"reason": "Synthetic"})
    assert response.status_code == 200
    assert "Training cohort with this Identifier already exists." in response.content.decode()
    assert not TrainingCohort.objects.filter(pk=pk).exists()


def test_an_editor_may_not_restore_a_published_record(editor_client, cohort):
    cohort.place = "Synthetic"
    cohort.save()
    first = history.timeline(TrainingCohort, cohort.pk)[-1]
    url = reverse("admin:cooperation_trainingcohort_restore", args=[cohort.pk, first.change_set])
    assert editor_client.post(url, {"reason": "Synthetic"}).status_code == 403
    assert TrainingCohort.objects.get(pk=cohort.pk).place == "Synthetic"


def test_the_history_page_answers_only_those_who_may_see_the_record(client, django_user_model, cohort):
    client.force_login(django_user_model.objects.create_user("nobody", password="synthetic", is_staff=True))
    assert client.get(history_url(cohort)).status_code == 403


# --- The data version -------------------------------------------------------------------------

HISTORY_MODELS = (Institution, Source, Citation, TrainingCohort, EquipmentDonation, Pledge, ReportedFigure)


@pytest.fixture
def an_hour_ago(one_of_each_kind):
    """The synthetic records, with every timestamp an hour back: "now" is clearly later."""
    from datetime import timedelta

    for model in HISTORY_MODELS:
        if model is not Institution:
            model.objects.update(updated=models.F("updated") - timedelta(hours=1))
        model.history.update(history_date=models.F("history_date") - timedelta(hours=1))
    return one_of_each_kind


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda records: Citation.objects.get(public_id="T-F1").save(), id="a citation edited"),
        pytest.param(lambda records: Source.objects.get(public_id="T01").save(), id="a source edited"),
        pytest.param(lambda records: records["donation"].delete(), id="a published record deleted"),
        pytest.param(lambda records: Citation.objects.get(public_id="T-F3").delete(), id="a citation deleted"),
        pytest.param(
            lambda records: Institution.objects.create(public_id="ca-x", country="CA", name="X", kind="other"),
            id="an institution added",
        ),
        pytest.param(lambda records: TrainingCohort.objects.get().save(), id="a record edited"),
    ],
)
def test_the_data_version_moves_with_any_change_to_what_the_package_holds(an_hour_ago, change):
    before = {published: package_version(published) for published in (False, True)}
    change(an_hour_ago)
    assert all(package_version(published) > before[published] for published in (False, True))


def test_withdrawing_moves_the_public_data_version(an_hour_ago):
    before = package_version(published_only=True)
    cohort = an_hour_ago["cohort"]
    cohort.status = Status.WITHDRAWN
    cohort.save()
    assert package_version(published_only=True) > before


def test_a_change_to_a_draft_leaves_the_public_data_version_alone(an_hour_ago):
    pledge = an_hour_ago["pledge"]
    Pledge.objects.filter(pk=pledge.pk).update(status=Status.DRAFT)  # a draft all along
    Pledge.history.filter(id=pledge.pk).update(status=Status.DRAFT)
    before = package_version(published_only=True)
    Pledge.objects.get(pk=pledge.pk).save()
    assert package_version(published_only=True) == before


def test_a_citation_restored_on_its_own_keeps_its_records_rules(reviewer_client, cohort):
    citation = cohort.citations.get()
    first = history.timeline(Citation, citation.pk)[-1]
    with history.recording("Synthetic: a second source, same number."):
        citation.locator = "p. 7"
        citation.save()
    url = reverse("admin:cooperation_citation_restore", args=[citation.pk, first.change_set])
    assert "This field is required." in reviewer_client.post(url, {"reason": ""}).content.decode()
    assert reviewer_client.post(url, {"reason": "Synthetic: wrong page."}).status_code == 302
    assert Citation.objects.get(pk=citation.pk).locator == ""
    # A version whose number the record's headline no longer matches cannot come back.
    with history.recording("Synthetic"):
        citation.refresh_from_db()
        citation.stated_value, citation.qualifier = 41, "exact"
        citation.save()
    forty_one = history.timeline(Citation, citation.pk)[0]
    with history.recording("Synthetic"):
        citation.stated_value = 40
        citation.save()
    url = reverse("admin:cooperation_citation_restore", args=[citation.pk, forty_one.change_set])
    response = reviewer_client.post(url, {"reason": "Synthetic"})
    assert "The headline number 40 is not stated by any citation" in response.content.decode()
    assert Citation.objects.get(pk=citation.pk).stated_value == 40
