"""Sign-in throttling (django-axes) fitted to this project."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.utils.translation import gettext as _


class LoginAttemptsBackend(AxesStandaloneBackend):
    """Refuses a locked-out user name and address before any password is checked.

    Every sign-in form passes the request; a call without one (the test client's
    ``login``, scripts) has no address to count, so it is left to the next backend
    instead of failing outright as the stock axes backend does.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The client address, read like the API throttle reads it (DRF ``NUM_PROXIES``):
    behind N trusted proxies, the N-th address from the end of X-Forwarded-For."""
    proxies = settings.API_NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies and forwarded:
        addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets (HTTP 429): what happened and when to try again."""
    from axes.helpers import get_cool_off, get_failure_limit
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
        "site_header": _("Mexico–Haiti security cooperation: data entry"),
    }
    return render(request, "admin/lockout.html", context, status=429)
