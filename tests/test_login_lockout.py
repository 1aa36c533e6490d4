"""Sign-in attempts to the admin are counted (django-axes): too many failures for one user
name from one address pause signing in, with a page that says so and for how long."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

LOGIN = reverse("admin:login")
PASSWORD = "synthetic-correct-password"


@pytest.fixture
def staff_user(db):
    return User.objects.create_user("ana", password=PASSWORD, is_staff=True)


def sign_in(client, username="ana", password=PASSWORD, address="198.51.100.7", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address, **headers
    )


def fail(client, times, **kwargs):
    return [sign_in(client, password="wrong", **kwargs) for _ in range(times)]


def test_the_limit_and_pause_come_from_the_settings():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_failures_below_the_limit_show_the_usual_error(client, staff_user):
    for response in fail(client, settings.AXES_FAILURE_LIMIT - 1):
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    assert sign_in(client).status_code == 302


def test_too_many_failures_pause_signing_in_with_a_clear_message(client, staff_user):
    *before, last = fail(client, settings.AXES_FAILURE_LIMIT)
    assert all(response.status_code == 200 for response in before)
    assert last.status_code == 429
    page = last.content.decode()
    assert "<h1>Sign-in paused</h1>" in page
    assert "After 5 failed sign-in attempts, signing in with this user name from your address is paused." in page
    assert "Try again in 15 minutes." in page
    # Even the right password is refused during the pause.
    refused = sign_in(client)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_pause_concerns_one_user_name_from_one_address(client, staff_user):
    User.objects.create_user("ben", password=PASSWORD, is_staff=True)
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert sign_in(Client(), username="ben").status_code == 302
    assert sign_in(Client(), address="203.0.113.9").status_code == 302


def test_a_successful_sign_in_starts_the_count_again(client, staff_user):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client).status_code == 302
    other = Client()
    assert all(response.status_code == 200 for response in fail(other, settings.AXES_FAILURE_LIMIT - 1))


def test_behind_a_proxy_the_forwarded_address_is_counted(settings, staff_user):
    settings.API_NUM_PROXIES = 1
    fail(Client(), settings.AXES_FAILURE_LIMIT, address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    # Another client behind the same proxy is not paused; the same one is.
    assert sign_in(Client(), address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 302
    assert sign_in(Client(), address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429


def test_api_tokens_and_open_sessions_are_not_paused(token_client, cohort):
    script = User.objects.get(username="script")
    script.set_password(PASSWORD)
    script.save()
    fail(Client(), settings.AXES_FAILURE_LIMIT, username="script")
    assert sign_in(Client(), username="script").status_code == 429
    assert token_client.get("/api/v1/cohorts/").status_code == 200
