"""Content-Security-Policy header (Django 5.2 has none of its own).

The pages load scripts, styles and data only from the site itself: no inline
``<script>`` and no ``style=`` attribute in the markup (data reaches scripts through
``json_script``), so the policy needs neither ``'unsafe-inline'`` for scripts nor
``'unsafe-eval'`` (the vendored plotly.js basic bundle uses no ``eval``). A view may
widen ``frame-ancestors`` by setting ``response.csp_frame_ancestors`` (the embeds).
"""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if not policy or response.has_header("Content-Security-Policy"):
            return response
        directives = dict(policy)
        ancestors = getattr(response, "csp_frame_ancestors", None)
        if ancestors:
            directives["frame-ancestors"] = ancestors
        response["Content-Security-Policy"] = "; ".join(f"{name} {value}" for name, value in directives.items())
        return response
