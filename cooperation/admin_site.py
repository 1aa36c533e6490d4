"""The admin site: Django's, with the import pages and this project's titles.

``cooperation.apps.CooperationAdminConfig`` makes it the default ``admin.site``."""

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _


class CooperationAdminSite(admin.AdminSite):
    site_header = _("Mexico–Haiti security cooperation: data entry")
    site_title = _("Cooperation data admin")
    index_title = _("Data entry")
    index_template = "admin/cooperation/index.html"

    def get_urls(self):
        from cooperation.admin.importing import import_view

        return [
            path("cooperation/import/", self.admin_view(import_view), {"admin_site": self}, name="cooperation_import"),
            *super().get_urls(),
        ]

    def each_context(self, request):
        from cooperation.admin.importing import may_import

        context = super().each_context(request)
        context["may_import"] = request.user.is_authenticated and may_import(request.user)
        return context
