"""The publication workflow: draft → in review → published, published → withdrawn (kept),
through the admin's actions, the admin's form and the API. Synthetic records only."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from rest_framework.test import APIClient

from cooperation.models import Citation, Status, TrainingCohort

DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN = Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED, Status.WITHDRAWN
CHANGELIST = reverse("admin:cooperation_trainingcohort_changelist")


@pytest.fixture
def make_record(mexico_army, haiti_army, source, editor_account):
    """A synthetic cohort of 25 in ``status``, last changed by ``by`` (the editor unless told),
    with a citation stating 25 unless ``cited=False``."""
    numbers = iter(range(1, 100))

    def make(status, *, by=None, cited=True, year=2025):
        number = next(numbers)
        record = TrainingCohort(
            public_id=f"cohort-workflow-{number}",
            status=status,
            provider=mexico_army,
            recipient=haiti_army,
            year=year,
            trainees=25 if cited else None,
        )
        record._history_user = by or editor_account
        record.save()
        if cited:
            citation = Citation(
                public_id=f"T-W{number}", source=source, cohort=record, excerpt="Synthetic: 25.", stated_value=25
            )
            citation.qualifier = "exact"
            citation._history_user = by or editor_account
            citation.save()
        return record

    return make


def status_of(record) -> str:
    return TrainingCohort.objects.get(pk=record.pk).status


def act(client, step, *records, **extra):
    data = {"action": step, "_selected_action": [r.pk for r in records], "index": "0", "select_across": "0"}
    return client.post(CHANGELIST, data | extra)


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "synthetic-pass"))
    return client


# --- Every step, allowed and refused, through the admin's actions --------------------------

STEPS = [
    # (persona, step, status before, status after: unchanged when refused)
    ("editor_client", "submit", DRAFT, IN_REVIEW),
    ("editor_client", "send_back", IN_REVIEW, DRAFT),
    ("editor_client", "publish", IN_REVIEW, IN_REVIEW),
    ("editor_client", "withdraw", PUBLISHED, PUBLISHED),
    ("editor_client", "reopen", WITHDRAWN, WITHDRAWN),
    ("reviewer_client", "submit", DRAFT, IN_REVIEW),
    ("reviewer_client", "send_back", IN_REVIEW, DRAFT),
    ("reviewer_client", "publish", IN_REVIEW, PUBLISHED),
    ("reviewer_client", "publish", DRAFT, PUBLISHED),  # reviewing a draft nobody submitted
    ("reviewer_client", "withdraw", PUBLISHED, WITHDRAWN),
    ("reviewer_client", "reopen", WITHDRAWN, DRAFT),
    # A step from the wrong status is refused, whoever asks.
    ("reviewer_client", "publish", WITHDRAWN, WITHDRAWN),
    ("reviewer_client", "withdraw", IN_REVIEW, IN_REVIEW),
    ("reviewer_client", "submit", PUBLISHED, PUBLISHED),
    ("reviewer_client", "reopen", PUBLISHED, PUBLISHED),
    ("superuser_client", "publish", IN_REVIEW, PUBLISHED),
    ("superuser_client", "withdraw", PUBLISHED, WITHDRAWN),
]


@pytest.mark.parametrize(("persona", "step", "before", "after"), STEPS)
def test_each_step_is_taken_or_refused_by_role(request, make_record, persona, step, before, after):
    record = make_record(before)
    response = act(request.getfixturevalue(persona), step, record, reason="Synthetic: retracted by the source.")
    assert response.status_code == 302
    assert status_of(record) == after


def test_actions_take_many_records_at_once_and_say_which_were_refused(reviewer_client, make_record):
    ready = [make_record(IN_REVIEW), make_record(IN_REVIEW)]
    uncited = make_record(IN_REVIEW, cited=False)
    response = act(reviewer_client, "publish", *ready, uncited)
    assert [status_of(record) for record in [*ready, uncited]] == [PUBLISHED, PUBLISHED, IN_REVIEW]
    shown = [str(message) for message in response.wsgi_request._messages]
    assert shown == [
        "Publish: done for 2 records.",
        f"Publish: refused for {uncited.public_id}: A published record needs at least one citation with an excerpt.",
    ]


def test_withdrawing_asks_for_a_reason_and_keeps_it_in_the_history(reviewer_client, reviewer_account, make_record):
    record = make_record(PUBLISHED)
    asked = act(reviewer_client, "withdraw", record)
    assert asked.status_code == 200
    assert "Withdraw published records" in asked.content.decode()
    assert status_of(record) == PUBLISHED
    act(reviewer_client, "withdraw", record, reason="Synthetic: the ministry retracted the figure.")
    assert status_of(record) == WITHDRAWN
    last = TrainingCohort.history.filter(id=record.pk).first()
    assert (last.history_user, last.history_change_reason) == (
        reviewer_account,
        "Synthetic: the ministry retracted the figure.",
    )
    assert TrainingCohort.objects.filter(pk=record.pk).exists()  # kept, not deleted


def test_the_record_page_offers_the_steps_its_status_allows(editor_client, reviewer_client, make_record):
    record = make_record(IN_REVIEW)
    url = reverse("admin:cooperation_trainingcohort_change", args=[record.pk])
    assert ">Send back to draft<" in editor_client.get(url).content.decode()
    assert ">Publish<" not in editor_client.get(url).content.decode()
    assert ">Publish<" in reviewer_client.get(url).content.decode()
    response = reviewer_client.post(
        CHANGELIST,
        {"action": "publish", "_selected_action": record.pk, "index": "0", "select_across": "0", "_from_record": "1"},
    )
    assert response.status_code == 302
    assert response["Location"] == url
    assert status_of(record) == PUBLISHED


# --- A second pair of eyes ------------------------------------------------------------------


def test_a_reviewer_may_not_publish_a_record_whose_last_change_is_their_own(
    reviewer_client, second_reviewer_client, reviewer_account, make_record
):
    record = make_record(IN_REVIEW, by=reviewer_account)
    response = act(reviewer_client, "publish", record)
    assert status_of(record) == IN_REVIEW
    assert "The last change to this record is your own: another reviewer must publish it." in [
        str(message).split(": ", 2)[-1] for message in response.wsgi_request._messages
    ]
    act(second_reviewer_client, "publish", record)
    assert status_of(record) == PUBLISHED


def test_a_change_to_a_citation_counts_as_the_last_change(reviewer_client, reviewer_account, make_record):
    record = make_record(IN_REVIEW)
    citation = record.citations.get()
    citation.locator, citation._history_user = "p. 2", reviewer_account
    citation.save()
    act(reviewer_client, "publish", record)
    assert status_of(record) == IN_REVIEW


def test_the_second_reviewer_rule_can_be_switched_off(reviewer_client, reviewer_account, make_record, settings):
    settings.REQUIRE_SECOND_REVIEWER = False
    record = make_record(IN_REVIEW, by=reviewer_account)
    act(reviewer_client, "publish", record)
    assert status_of(record) == PUBLISHED


def test_superusers_are_not_held_to_the_second_reviewer_rule(superuser_client, make_record):
    record = make_record(IN_REVIEW, by=User.objects.get(username="root"))
    act(superuser_client, "publish", record)
    assert status_of(record) == PUBLISHED


# --- The status in the admin's form ------------------------------------------------------------


def _post_status(client, record, status, **changes):
    from tests.adminform import change_form

    url = reverse("admin:cooperation_trainingcohort_change", args=[record.pk])
    data = change_form(client, url, "trainingcohort") | {"status": status} | changes
    return client.post(url, data)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (DRAFT, WITHDRAWN),
        (IN_REVIEW, WITHDRAWN),
        (PUBLISHED, DRAFT),
        (PUBLISHED, IN_REVIEW),
        (WITHDRAWN, PUBLISHED),
        (WITHDRAWN, IN_REVIEW),
    ],
)
def test_a_jump_the_workflow_does_not_have_is_refused_in_the_form(reviewer_client, make_record, before, after):
    record = make_record(before)
    response = _post_status(reviewer_client, record, after, change_reason="Synthetic reason.")
    assert response.status_code == 200
    assert "is not a step of the workflow" in response.content.decode()
    assert status_of(record) == before


def test_publishing_in_the_form_changes_nothing_else(reviewer_client, make_record):
    record = make_record(IN_REVIEW)
    refused = _post_status(reviewer_client, record, PUBLISHED, place="Synthetic place")
    assert "Publishing is a step of its own" in refused.content.decode()
    assert status_of(record) == IN_REVIEW
    accepted = _post_status(reviewer_client, record, PUBLISHED)
    assert accepted.status_code == 302
    assert status_of(record) == PUBLISHED


def test_an_editor_may_not_publish_in_the_form(editor_client, make_record):
    record = make_record(IN_REVIEW)
    response = _post_status(editor_client, record, PUBLISHED)
    assert "Only a reviewer may publish a training cohort." in response.content.decode()
    assert status_of(record) == IN_REVIEW


def test_a_new_record_starts_as_a_draft_or_in_review(editor_client, mexico_army, haiti_army, source):
    from tests.adminform import change_form

    url = reverse("admin:cooperation_trainingcohort_add")
    data = change_form(editor_client, url, "trainingcohort") | {
        "provider": mexico_army.pk,
        "recipient": haiti_army.pk,
        "year": "2025",
        "status": PUBLISHED,
    }
    response = editor_client.post(url, data)
    assert "A new record starts as a draft or in review" in response.content.decode()
    assert not TrainingCohort.objects.exists()
    assert editor_client.post(url, data | {"status": IN_REVIEW}).status_code == 302
    assert TrainingCohort.objects.get().status == IN_REVIEW


# --- Who may change and delete what -------------------------------------------------------------


@pytest.mark.parametrize("status", [PUBLISHED, WITHDRAWN])
def test_an_editor_sees_a_published_or_withdrawn_record_read_only(editor_client, make_record, status):
    record = make_record(status)
    url = reverse("admin:cooperation_trainingcohort_change", args=[record.pk])
    page = editor_client.get(url).content.decode()
    assert 'name="place"' not in page  # no editable field
    assert editor_client.post(url, {"place": "Synthetic"}).status_code == 403


def test_changing_a_published_record_needs_a_reason(reviewer_client, reviewer_account, make_record):
    record = make_record(PUBLISHED)
    refused = _post_status(reviewer_client, record, PUBLISHED, place="Temamatla")
    assert "Say why you change a published record" in refused.content.decode()
    assert TrainingCohort.objects.get(pk=record.pk).place == ""
    _post_status(
        reviewer_client, record, PUBLISHED, place="Temamatla", change_reason="Synthetic: the release names it."
    )
    stored = TrainingCohort.objects.get(pk=record.pk)
    assert (stored.place, stored.status) == ("Temamatla", PUBLISHED)
    assert stored.history.first().history_change_reason == "Synthetic: the release names it."


@pytest.mark.parametrize(
    ("persona", "status", "deleted"),
    [
        ("editor_client", DRAFT, True),
        ("editor_client", IN_REVIEW, False),
        ("editor_client", PUBLISHED, False),
        ("reviewer_client", PUBLISHED, True),
    ],
)
def test_who_may_delete_a_record(request, make_record, persona, status, deleted):
    record = make_record(status)
    url = reverse("admin:cooperation_trainingcohort_delete", args=[record.pk])
    response = request.getfixturevalue(persona).post(url, {"post": "yes"})
    assert response.status_code == (302 if deleted else 403)
    assert TrainingCohort.objects.filter(pk=record.pk).exists() is not deleted


# --- The API follows the same rules ---------------------------------------------------------------


def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def detail(record) -> str:
    return f"/api/v1/cohorts/{record.public_id}/"


@pytest.mark.parametrize(
    ("persona", "before", "after", "status_code"),
    [
        ("editor_account", DRAFT, IN_REVIEW, 200),
        ("editor_account", IN_REVIEW, DRAFT, 200),
        ("editor_account", IN_REVIEW, PUBLISHED, 403),
        ("editor_account", PUBLISHED, WITHDRAWN, 403),
        ("reviewer_account", IN_REVIEW, PUBLISHED, 200),
        ("reviewer_account", PUBLISHED, WITHDRAWN, 200),
        ("reviewer_account", WITHDRAWN, DRAFT, 200),
        ("reviewer_account", DRAFT, PUBLISHED, 200),
        ("reviewer_account", DRAFT, WITHDRAWN, 400),
        ("reviewer_account", PUBLISHED, DRAFT, 400),
        ("reviewer_account", WITHDRAWN, PUBLISHED, 400),
    ],
)
def test_api_status_changes_follow_the_workflow(request, make_record, persona, before, after, status_code):
    record = make_record(before)
    response = api(request.getfixturevalue(persona)).patch(
        detail(record), {"status": after}, format="json", HTTP_X_CHANGE_REASON="Synthetic reason."
    )
    assert response.status_code == status_code, response.json()
    assert status_of(record) == (after if status_code == 200 else before)


def test_api_refuses_publishing_ones_own_change_and_a_record_without_citation(
    reviewer_account, second_reviewer_account, make_record
):
    own = make_record(IN_REVIEW, by=reviewer_account)
    response = api(reviewer_account).patch(detail(own), {"status": PUBLISHED}, format="json")
    assert response.status_code == 403
    assert response.json() == {
        "detail": "The last change to this record is your own: another reviewer must publish it."
    }
    uncited = make_record(IN_REVIEW, cited=False)
    response = api(second_reviewer_account).patch(detail(uncited), {"status": PUBLISHED}, format="json")
    assert response.status_code == 400
    assert response.json() == {"citations": ["A published record needs at least one citation with an excerpt."]}


def test_api_withdrawal_needs_a_reason_header(reviewer_account, make_record):
    record = make_record(PUBLISHED)
    client = api(reviewer_account)
    refused = client.patch(detail(record), {"status": WITHDRAWN}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"status": ["Say why the record is withdrawn: the reason is kept in its history."]}
    client.patch(detail(record), {"status": WITHDRAWN}, format="json", HTTP_X_CHANGE_REASON="Synthetic: retracted.")
    assert TrainingCohort.history.filter(id=record.pk).first().history_change_reason == "Synthetic: retracted."


def test_api_publishing_with_other_changes_is_refused(reviewer_account, make_record):
    record = make_record(IN_REVIEW)
    client = api(reviewer_account)
    body = client.get(detail(record)).json()
    assert client.patch(detail(record), {"status": PUBLISHED, "place": "X"}, format="json").status_code == 403
    # The whole record sent back unchanged, with the new status, is publishing alone.
    body = {**body, "provider": "mx-sedena", "recipient": "ht-fadh", "status": PUBLISHED}
    body["citations"] = [c | {"source": c["source"]["id"]} for c in body["citations"]]
    assert client.put(detail(record), body, format="json").status_code == 200
    assert status_of(record) == PUBLISHED


@pytest.mark.parametrize(("method", "status_code"), [("patch", 403), ("delete", 403)])
def test_api_editor_may_not_change_or_delete_a_published_record(editor_account, make_record, method, status_code):
    record = make_record(PUBLISHED)
    response = getattr(api(editor_account), method)(detail(record), {"place": "X"}, format="json")
    assert response.status_code == status_code
    assert TrainingCohort.objects.get(pk=record.pk).place == ""


def test_api_creating_a_published_record_needs_a_second_reviewer(reviewer_account, source, mexico_army, haiti_army):
    body = {
        "provider": "mx-sedena",
        "recipient": "ht-fadh",
        "year": 2025,
        "trainees": 5,
        "status": PUBLISHED,
        "citations": [{"source": "T01", "excerpt": "Synthetic: 5.", "stated_value": 5, "qualifier": "exact"}],
    }
    response = api(reviewer_account).post("/api/v1/cohorts/", body, format="json")
    assert response.status_code == 403
    assert (
        api(reviewer_account).post("/api/v1/cohorts/", body | {"status": IN_REVIEW}, format="json").status_code == 201
    )


# --- Withdrawn records leave the public side ------------------------------------------------------


def test_withdrawn_records_vanish_from_the_public_api_and_stay_for_staff(anonymous, reviewer_account, make_record):
    record = make_record(PUBLISHED)
    assert anonymous.get(detail(record)).status_code == 200
    record.status = WITHDRAWN
    record.save()
    assert anonymous.get(detail(record)).status_code == 404
    assert anonymous.get("/api/v1/cohorts/").json()["count"] == 0
    assert record.public_id not in anonymous.get("/api/v1/cohorts/?format=csv").getvalue().decode()
    staff = api(reviewer_account).get(detail(record))
    assert staff.status_code == 200
    assert staff.json()["status"] == WITHDRAWN
