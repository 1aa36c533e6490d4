"""Who may do what through the API: one table of (persona, method, endpoint) → status.

The personas are defined in conftest.py. Synthetic records only."""

import pytest
from django.middleware.csrf import get_token
from rest_framework.test import APIClient

from cooperation.models import Institution, Source, Status, TrainingCohort

CITE = {"source": "T01", "excerpt": "Synthetic excerpt.", "qualifier": "exact"}
NEW = {
    "institutions": {"id": "mx-synthetic-new", "country": "MX", "name": "Synthetic", "kind": "police"},
    "sources": {
        "id": "T50",
        "title": "Synthetic",
        "publisher": "Synthetic",
        "url": "https://example.org/synthetic-new",
        "language": "es",
        "kind": "news",
    },
    "cohorts": {
        "provider": "mx-sedena",
        "recipient": "ht-fadh",
        "year": 2025,
        "trainees": 5,
        "citations": [CITE | {"stated_value": 5}],
    },
    "donations": {
        "recipient": "ht-fadh",
        "category": "other",
        "description": "Synthetic",
        "citations": [CITE | {"qualifier": ""}],
    },
    "pledges": {"donor": "mx-sedena", "recipient": "ht-fadh", "kind": "training", "description": "Synthetic"},
    "reported-figures": {
        "donor": "mx-sedena",
        "recipient": "ht-fadh",
        "measure": "personnel_trained",
        "description": "Synthetic",
        "value": 90,
        "citations": [CITE | {"stated_value": 90}],
    },
}
# The record each detail request addresses; the institution and source are not referred to, so they may be deleted.
DETAIL = {
    "institutions": "mx-synthetic-spare",
    "sources": "T99",
    "cohorts": "cohort-synthetic-2024",
    "donations": "donation-synthetic",
    "pledges": "pledge-synthetic",
    "reported-figures": "reported-synthetic",
}
CHANGE = {
    "institutions": {"name": "Synthetic, renamed"},
    "sources": {"notes": "Synthetic note"},
    "cohorts": {"place": "Synthetic place"},
    "donations": {"unit": "items"},
    "pledges": {"unit": "soldiers"},
    "reported-figures": {"unit": "personnel"},
}

ALLOWED = {"GET list": 200, "GET detail": 200, "POST": 201, "PUT": 200, "PATCH": 200, "DELETE": 204}
READ_ONLY = {"GET list": 200, "GET detail": 200, "POST": 403, "PUT": 403, "PATCH": 403, "DELETE": 403}
EXPECTED = {
    "anonymous": READ_ONLY | {"POST": 401, "PUT": 401, "PATCH": 401, "DELETE": 401},
    "viewer": READ_ONLY,
    "editor": ALLOWED,
    "token_client": ALLOWED,
}
TABLE = [
    (persona, action, resource, status)
    for persona, statuses in EXPECTED.items()
    for action, status in statuses.items()
    for resource in NEW
]


@pytest.fixture
def world(one_of_each_kind):
    Institution.objects.create(public_id="mx-synthetic-spare", country="MX", name="Synthetic spare", kind="other")
    Source.objects.create(
        public_id="T99",
        title="Synthetic spare source",
        publisher="Synthetic",
        url="https://example.org/synthetic-spare",
        language="en",
        kind="other",
    )


def writable(representation: dict) -> dict:
    """A record's JSON as a client sends it back: related rows by their identifier."""
    body = {}
    for name, value in representation.items():
        if isinstance(value, dict):
            value = value["id"]
        elif name == "citations":
            value = [citation | {"source": citation["source"]["id"]} for citation in value]
        body[name] = value
    return body


def call(client, action, resource):
    detail = f"/api/v1/{resource}/{DETAIL[resource]}/"
    if action == "GET list":
        return client.get(f"/api/v1/{resource}/")
    if action == "GET detail":
        return client.get(detail)
    if action == "POST":
        return client.post(f"/api/v1/{resource}/", NEW[resource], format="json")
    if action == "PUT":
        current = client.get(detail)
        assert current.status_code == 200
        return client.put(detail, writable(current.json()) | CHANGE[resource], format="json")
    if action == "PATCH":
        return client.patch(detail, CHANGE[resource], format="json")
    return client.delete(detail)


@pytest.mark.parametrize(("persona", "action", "resource", "status"), TABLE)
def test_access_table(request, world, persona, action, resource, status):
    response = call(request.getfixturevalue(persona), action, resource)
    assert response.status_code == status, response.content


@pytest.mark.parametrize("persona", EXPECTED)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_statistics_are_read_only(request, world, persona, method):
    client = request.getfixturevalue(persona)
    assert client.get("/api/v1/stats/training/").status_code == 200
    assert getattr(client, method)("/api/v1/stats/training/", {}, format="json").status_code == 405


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 404), ("viewer", 404), ("editor", 200), ("token_client", 200)]
)
def test_drafts_are_for_staff_only(request, world, persona, status):
    TrainingCohort.objects.update(status=Status.DRAFT)
    client = request.getfixturevalue(persona)
    assert client.get("/api/v1/cohorts/cohort-synthetic-2024/").status_code == status
    assert client.get("/api/v1/cohorts/").json()["count"] == (1 if status == 200 else 0)


def test_anonymous_writes_are_asked_for_credentials(anonymous, world):
    response = anonymous.post("/api/v1/cohorts/", NEW["cohorts"], format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_a_wrong_token_is_refused_even_for_reading(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get("/api/v1/cohorts/").status_code == 401


def test_a_session_write_needs_the_csrf_token(editor_user, world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor_user)
    refused = client.post("/api/v1/cohorts/", NEW["cohorts"], format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    page = client.get("/api/v1/cohorts/")
    token = get_token(page.wsgi_request)
    client.cookies["csrftoken"] = token
    accepted = client.post("/api/v1/cohorts/", NEW["cohorts"], format="json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201
    assert TrainingCohort.objects.filter(public_id=accepted.json()["id"]).exists()
