"""The OpenAPI schema: it validates without a warning (as CI runs it), documents every
parameter, response and error, and the API's real answers conform to it. The docs page
serves its assets from our own static files. Synthetic records only."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import referencing
from django.contrib.staticfiles import finders

PROJECT = Path(__file__).resolve().parent.parent
LISTS = ["institutions", "sources", "cohorts", "donations", "pledges", "reported-figures"]
SHARED_FILTERS = {"year_min", "year_max", "donor_country", "recipient_country", "recipient", "q", "status", "ordering"}
OWN_FILTERS = {
    "institutions": {"country", "kind", "q", "ordering"},
    "sources": {"kind", "language", "q", "ordering"},
    "cohorts": SHARED_FILTERS | {"provider", "stage"},
    "donations": SHARED_FILTERS | {"donor", "category"},
    "pledges": SHARED_FILTERS | {"donor", "kind"},
    "reported-figures": SHARED_FILTERS | {"donor", "measure"},
}


@pytest.fixture(scope="module")
def schema():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_spectacular_command_validates_the_schema_without_warnings(tmp_path):
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "api.yaml"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "openapi: 3.0" in (tmp_path / "api.yaml").read_text()


def test_the_schema_is_served_as_json(anonymous, db):
    response = anonymous.get("/api/schema/?format=json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["info"]["title"] == "Mexico-Haiti security cooperation tracker API"
    expected = {f"/api/v1/{name}/" for name in LISTS} | {f"/api/v1/{name}/{{id}}/" for name in LISTS}
    assert set(document["paths"]) == expected | {"/api/v1/stats/training/"}


@pytest.mark.parametrize("resource", LISTS)
def test_every_list_documents_its_filters_csv_and_errors(schema, resource):
    operation = schema["paths"][f"/api/v1/{resource}/"]["get"]
    parameters = {parameter["name"] for parameter in operation["parameters"]}
    assert parameters >= OWN_FILTERS[resource] | {"format", "limit", "offset", "If-None-Match"}
    assert all(parameter.get("description") for parameter in operation["parameters"])
    responses = operation["responses"]
    assert set(responses["200"]["content"]) == {"application/json", "text/csv"}
    assert set(responses) >= {"200", "304", "400", "401", "406", "429"}
    assert responses["400"]["content"]["application/json"]["schema"]["type"] == "object"
    assert set(responses["200"]["headers"]) == {"ETag"}
    assert set(responses["429"]["headers"]) == {"Retry-After"}


@pytest.mark.parametrize("resource", LISTS)
def test_every_write_documents_its_conditions_and_errors(schema, resource):
    detail = schema["paths"][f"/api/v1/{resource}/{{id}}/"]
    for method in ("put", "patch"):
        assert {"If-Match"} <= {parameter["name"] for parameter in detail[method]["parameters"]}
        assert set(detail[method]["responses"]) >= {"200", "400", "401", "403", "404", "412", "429"}
    assert set(detail["delete"]["responses"]) >= {"204", "401", "403", "404", "409", "412"}
    assert set(detail["get"]["responses"]) >= {"200", "304", "404"}
    create = schema["paths"][f"/api/v1/{resource}/"]["post"]
    assert set(create["requestBody"]["content"]) == {"application/json"}
    assert set(create["responses"]) >= {"201", "400", "401", "403", "429"}


def test_statistics_document_their_parameters_and_shape(schema):
    operation = schema["paths"]["/api/v1/stats/training/"]["get"]
    parameters = {parameter["name"] for parameter in operation["parameters"]}
    assert parameters == {
        "year_min",
        "year_max",
        "donor_country",
        "recipient_country",
        "provider",
        "recipient",
        "table",
        "format",
        "If-None-Match",
    }
    assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/csv"}


# --- The answers conform to the schema -----------------------------------------------------


def _json_schema(node):
    """OpenAPI 3.0 → JSON Schema: ``nullable`` becomes a null alternative, boolean exclusive bounds numbers."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _json_schema(value) for key, value in node.items()}
    for bound, limit in (("exclusiveMaximum", "maximum"), ("exclusiveMinimum", "minimum")):
        if node.get(bound) is True:
            node[bound] = node.pop(limit)
        elif node.get(bound) is False:
            del node[bound]
    if node.pop("nullable", False):
        if "type" in node and "enum" not in node and not any(key in node for key in ("oneOf", "allOf", "$ref")):
            node["type"] = [node["type"], "null"]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    return node


def conforms(schema, path, method, status, body):
    document = _json_schema(schema)
    registry = referencing.Registry().with_resource(
        "urn:api",
        referencing.Resource.from_contents(document, default_specification=referencing.jsonschema.DRAFT202012),
    )
    response = schema["paths"][path][method]["responses"][str(status)]["content"]["application/json"]["schema"]
    target = _json_schema(response)
    if "$ref" in target:
        target = {"$ref": "urn:api" + target["$ref"]}
    else:
        target = json.loads(json.dumps(target).replace('"#/components', '"urn:api#/components'))
    jsonschema.Draft202012Validator(target, registry=registry).validate(body)


@pytest.fixture
def published_everything(one_of_each_kind):
    from cooperation.models import Pledge, ReportedFigure, TrainingCohort

    TrainingCohort.objects.update(start="2024-07-01", start_precision="month", women=4)
    Pledge.objects.update(announced="2024-01-01", announced_precision="year")
    ReportedFigure.objects.update(stated_on="2025-08-23", stated_on_precision="day")


@pytest.mark.parametrize("resource", LISTS)
def test_list_and_detail_answers_conform(schema, anonymous, editor, published_everything, resource):
    listing = anonymous.get(f"/api/v1/{resource}/").json()
    conforms(schema, f"/api/v1/{resource}/", "get", 200, listing)
    record_id = listing["results"][0]["id"]
    conforms(
        schema, f"/api/v1/{resource}/{{id}}/", "get", 200, anonymous.get(f"/api/v1/{resource}/{record_id}/").json()
    )
    conforms(schema, f"/api/v1/{resource}/", "get", 400, anonymous.get(f"/api/v1/{resource}/?ordering=nope").json())
    conforms(schema, f"/api/v1/{resource}/{{id}}/", "get", 404, anonymous.get(f"/api/v1/{resource}/nope/").json())
    stale = editor.patch(f"/api/v1/{resource}/{record_id}/", {}, format="json", HTTP_IF_MATCH='"stale"')
    conforms(schema, f"/api/v1/{resource}/{{id}}/", "patch", 412, stale.json())
    invalid = editor.post(f"/api/v1/{resource}/", {"citations": [{"excerpt": ""}]}, format="json")
    conforms(schema, f"/api/v1/{resource}/", "post", 400, invalid.json())
    broken = editor.generic("POST", f"/api/v1/{resource}/", b"{", content_type="application/json")
    conforms(schema, f"/api/v1/{resource}/", "post", 400, broken.json())


def test_statistics_answers_conform(schema, anonymous, published_everything):
    conforms(schema, "/api/v1/stats/training/", "get", 200, anonymous.get("/api/v1/stats/training/").json())
    conforms(
        schema, "/api/v1/stats/training/", "get", 200, anonymous.get("/api/v1/stats/training/?year_min=2030").json()
    )
    conforms(schema, "/api/v1/stats/training/", "get", 400, anonymous.get("/api/v1/stats/training/?year_min=x").json())


# --- The documentation page ------------------------------------------------------------------


def test_the_docs_page_uses_local_assets_only(anonymous, db):
    page = anonymous.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css" in html
    assert "cdn" not in html.lower()
    assert "https://" not in html and "http://" not in html.replace("http://testserver", "")
    script = anonymous.get("/api/docs/?script=")
    assert script.status_code == 200
    assert "/api/schema/" in script.content.decode()
    for asset in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        assert finders.find(f"drf_spectacular_sidecar/swagger-ui-dist/{asset}")
