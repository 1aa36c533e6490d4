from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

from cooperation.roles import sync_roles


class Command(BaseCommand):
    help = "Create the editor and reviewer groups again, or reset their permissions to the documented ones."

    def handle(self, *args, verbosity, **options):
        # Permissions are made after migrations; on a fresh database make sure they exist first.
        create_permissions(apps.get_app_config("cooperation"), verbosity=0)
        counts = sync_roles(Group, Permission)
        if verbosity >= 1:
            summary = ", ".join(f"{name}: {count} permissions" for name, count in counts.items())
            self.stdout.write(f"Roles set: {summary}.")
