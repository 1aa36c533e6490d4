"""Static files as production serves them: collected under content-hashed names,
compressed, and cached far into the future by whitenoise."""

import pytest
from django.core.management import call_command
from django.template import engines
from django.test import Client, override_settings

MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture
def collected(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield tmp_path


def test_pages_link_hashed_static_files_that_are_compressed_and_cached_for_good(collected):
    url = engines["django"].from_string("{% load static %}{% static 'cooperation/css/site.css' %}").render({})
    assert url != "/static/cooperation/css/site.css"  # the content hash is in the name
    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
    # Reading the body to the end closes the file the way the test client expects.
    assert b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
    assert int(response["Cache-Control"].split("max-age=")[1].split(",")[0]) >= 365 * 24 * 3600


def test_the_vendored_plotly_bundle_is_served_compressed(collected):
    url = (
        engines["django"]
        .from_string("{% load static %}{% static 'cooperation/vendor/plotly-basic-4.1.1.min.js' %}")
        .render({})
    )
    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
    body = b"".join(response.streaming_content)
    assert response["Content-Encoding"] == "gzip"
    assert len(body) < 500_000  # 1.2 MB uncompressed
