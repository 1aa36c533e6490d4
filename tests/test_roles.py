"""The roles: groups created by a data migration (and by ``sync_roles``) holding real Django
permissions, which the admin and the API both read. One table per door. Synthetic records."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cooperation.models import Institution, Status, TrainingCohort
from cooperation.roles import ROLES
from tests.conftest import WRITE_REASON

VIEW_ADD_CHANGE = {
    f"{action}_{model}"
    for model in (
        "institution",
        "source",
        "citation",
        "trainingcohort",
        "equipmentdonation",
        "pledge",
        "reportedfigure",
    )
    for action in ("view", "add", "change")
}
FIGURES = ("trainingcohort", "equipmentdonation", "pledge", "reportedfigure")
EXPECTED_PERMISSIONS = {
    "editor": VIEW_ADD_CHANGE | {"delete_citation"} | {f"delete_{model}" for model in FIGURES},
    "reviewer": VIEW_ADD_CHANGE
    | {"delete_citation", "delete_institution", "delete_source"}
    | {f"delete_{model}" for model in FIGURES}
    | {f"publish_{model}" for model in FIGURES},
}


def codenames(group) -> set[str]:
    return set(group.permissions.values_list("codename", flat=True))


@pytest.mark.django_db
def test_the_migration_creates_the_groups_with_their_permissions():
    assert {group.name: codenames(group) for group in Group.objects.all()} == EXPECTED_PERMISSIONS
    assert {name: set(codes) for name, codes in ROLES.items()} == EXPECTED_PERMISSIONS


@pytest.mark.django_db
def test_sync_roles_recreates_the_groups_and_resets_their_permissions(capsys):
    Group.objects.get(name="editor").delete()
    reviewer = Group.objects.get(name="reviewer")
    reviewer.permissions.add(Permission.objects.get(codename="delete_user"))
    call_command("sync_roles")
    assert {group.name: codenames(group) for group in Group.objects.all()} == EXPECTED_PERMISSIONS
    assert capsys.readouterr().out == "Roles set: editor: 26 permissions, reviewer: 32 permissions.\n"


# --- The admin --------------------------------------------------------------------------------


@pytest.fixture
def world(cohort, make_cohort):
    """A published cohort (the fixture), a draft, and an institution nothing refers to."""
    make_cohort(public_id="cohort-synthetic-draft", status=Status.DRAFT, year=2023)
    Institution.objects.create(public_id="mx-synthetic-spare", country="MX", name="Synthetic spare", kind="other")


@pytest.fixture
def superuser_client(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "synthetic-pass"))
    return client


@pytest.fixture
def staff_without_role(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("staff", password="synthetic", is_staff=True))
    return client


def admin_url(name, target=None) -> str:
    if target is None:
        return reverse(f"admin:{name}")
    model, public_id = target
    return reverse(f"admin:{name}", args=[model.objects.get(public_id=public_id).pk])


DRAFT = (TrainingCohort, "cohort-synthetic-draft")
PUBLISHED = (TrainingCohort, "cohort-synthetic-2024")
SPARE = (Institution, "mx-synthetic-spare")

# (what, method, url name, target) → status per persona: anonymous, staff without role, editor, reviewer, superuser
ADMIN = [
    ("list cohorts", "get", "cooperation_trainingcohort_changelist", None, (302, 403, 200, 200, 200)),
    ("add a cohort", "get", "cooperation_trainingcohort_add", None, (302, 403, 200, 200, 200)),
    ("open a draft", "get", "cooperation_trainingcohort_change", DRAFT, (302, 403, 200, 200, 200)),
    ("save a published record", "post", "cooperation_trainingcohort_change", PUBLISHED, (302, 403, 403, 200, 200)),
    ("delete a draft", "get", "cooperation_trainingcohort_delete", DRAFT, (302, 403, 200, 200, 200)),
    ("delete a published record", "get", "cooperation_trainingcohort_delete", PUBLISHED, (302, 403, 403, 200, 200)),
    ("delete an institution", "get", "cooperation_institution_delete", SPARE, (302, 403, 403, 200, 200)),
    ("add a source", "get", "cooperation_source_add", None, (302, 403, 200, 200, 200)),
    ("read a history", "get", "cooperation_trainingcohort_history", PUBLISHED, (302, 403, 200, 200, 200)),
    ("list deleted records", "get", "cooperation_trainingcohort_deleted", None, (302, 403, 200, 200, 200)),
    ("import", "get", "cooperation_import", None, (302, 403, 200, 200, 200)),
]
PERSONAS = ("client", "staff_without_role", "editor_client", "reviewer_client", "superuser_client")
ADMIN_TABLE = [
    pytest.param(persona, method, name, target, statuses[index], id=f"{persona}-{what}")
    for what, method, name, target, statuses in ADMIN
    for index, persona in enumerate(PERSONAS)
]


@pytest.mark.parametrize(("persona", "method", "name", "target", "status"), ADMIN_TABLE)
def test_admin_access_table(request, world, persona, method, name, target, status):
    client = request.getfixturevalue(persona)
    # An empty post to a change form is answered (200: the form with its errors) only to those who may change.
    response = getattr(client, method)(admin_url(name, target))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("persona", "actions"),
    [
        ("editor_client", ["submit", "send_back"]),
        ("reviewer_client", ["submit", "send_back", "publish", "withdraw", "reopen"]),
    ],
)
def test_the_workflow_actions_offered_follow_the_role(request, world, persona, actions):
    page = request.getfixturevalue(persona).get(admin_url("cooperation_trainingcohort_changelist"))
    offered = [choice for choice, _label in page.context["action_form"].fields["action"].choices if choice]
    assert offered == ["delete_selected", *actions]


# --- The API ------------------------------------------------------------------------------------


def api(user) -> APIClient:
    client = APIClient(**WRITE_REASON)
    client.force_login(user)
    return client


NEW_DRAFT = {"provider": "mx-sedena", "recipient": "ht-fadh", "year": 2025}
# (what, method, url, body) → status for the editor and the reviewer
API = [
    ("read drafts", "get", "/api/v1/cohorts/cohort-synthetic-draft/", None, (200, 200)),
    ("create a draft", "post", "/api/v1/cohorts/", NEW_DRAFT, (201, 201)),
    ("change a draft", "patch", "/api/v1/cohorts/cohort-synthetic-draft/", {"place": "X"}, (200, 200)),
    ("change a published record", "patch", "/api/v1/cohorts/cohort-synthetic-2024/", {"place": "X"}, (403, 200)),
    ("delete a published record", "delete", "/api/v1/cohorts/cohort-synthetic-2024/", None, (403, 204)),
    ("delete a draft", "delete", "/api/v1/cohorts/cohort-synthetic-draft/", None, (204, 204)),
    ("delete an institution", "delete", "/api/v1/institutions/mx-synthetic-spare/", None, (403, 204)),
    ("rename an institution", "patch", "/api/v1/institutions/mx-synthetic-spare/", {"name": "Renamed"}, (200, 200)),
]
API_TABLE = [
    pytest.param(persona, method, url, body, statuses[index], id=f"{persona}-{what}")
    for what, method, url, body, statuses in API
    for index, persona in enumerate(("editor_account", "reviewer_account"))
]


@pytest.mark.parametrize(("persona", "method", "url", "body", "status"), API_TABLE)
def test_api_access_table(request, world, persona, method, url, body, status):
    client = api(request.getfixturevalue(persona))
    response = getattr(client, method)(url, body, format="json") if body else getattr(client, method)(url)
    assert response.status_code == status, response.content
