from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Mexico–Haiti security cooperation")

    def ready(self):
        # Connects the signal that gives every history row its reason and change.
        from cooperation import history  # noqa: F401


class CooperationAdminConfig(admin_apps.AdminConfig):
    """The admin, with the site that adds the import pages (``cooperation.admin_site``)."""

    # Named in INSTALLED_APPS; never picked for "cooperation" itself.
    default = False

    default_site = "cooperation.admin_site.CooperationAdminSite"
