"""Throttling of anonymous clients, at the rate ``DJANGO_API_ANON_THROTTLE`` sets."""

import math

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, reading its rate when asked (so that a changed setting
    applies at once) and promising a whole number of seconds in ``Retry-After``."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def wait(self):
        wait = super().wait()
        return None if wait is None else max(1, math.ceil(wait))
