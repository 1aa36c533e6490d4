"""Anonymous clients are throttled (DJANGO_API_ANON_THROTTLE): 429 with Retry-After.

The rate is lowered per test with override_settings; the cache that counts requests
is emptied before every test (conftest.py)."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from cooperation.settings import envrate


def rate(value):
    return override_settings(REST_FRAMEWORK=settings.REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": {"anon": value}})


def test_the_default_rate_is_generous():
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"] == settings.API_ANON_THROTTLE
    assert envrate("DJANGO_API_ANON_THROTTLE_UNSET_IN_TESTS", "1000/hour") == "1000/hour"


def test_too_many_anonymous_requests_answer_429_with_retry_after(anonymous, cohort):
    with rate("3/minute"):
        statuses = [anonymous.get(url).status_code for url in ("/api/v1/cohorts/", "/api/v1/stats/training/")]
        statuses.append(anonymous.get("/api/v1/cohorts/?format=csv").status_code)
        refused = anonymous.get("/api/v1/cohorts/cohort-synthetic-2024/")
    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Request was throttled.")


def test_csv_requests_are_refused_in_json_when_throttled(anonymous, cohort):
    with rate("1/hour"):
        anonymous.get("/api/v1/cohorts/")
        refused = anonymous.get("/api/v1/cohorts/?format=csv")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert int(refused["Retry-After"]) > 60


def test_signed_in_clients_are_not_throttled(token_client, viewer, cohort):
    with rate("1/minute"):
        for client in (token_client, viewer):
            assert [client.get("/api/v1/cohorts/").status_code for _ in range(3)] == [200, 200, 200]


def test_off_switches_throttling_off(anonymous, cohort):
    with rate(None):
        assert {anonymous.get("/api/v1/cohorts/").status_code for _ in range(5)} == {200}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1000/hour", "1000/hour"), (" 20/Minute ", "20/minute"), ("off", None), ("OFF", None), ("", "1000/hour")],
)
def test_the_rate_setting_reads(monkeypatch, raw, expected):
    monkeypatch.setenv("DJANGO_API_ANON_THROTTLE", raw)
    assert envrate("DJANGO_API_ANON_THROTTLE", "1000/hour") == expected


@pytest.mark.parametrize("raw", ["1000", "1000/week", "0/hour", "-1/hour", "many/hour", "1000 per hour"])
def test_a_malformed_rate_stops_the_app(monkeypatch, raw):
    monkeypatch.setenv("DJANGO_API_ANON_THROTTLE", raw)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_API_ANON_THROTTLE"):
        envrate("DJANGO_API_ANON_THROTTLE", "1000/hour")
