from django.contrib.auth.management import create_permissions
from django.db import migrations

from cooperation.roles import sync_roles


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); the groups
    # need them now, including the publish_* ones of migration 0003.
    app_config = apps.get_app_config("cooperation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cooperation", "0003_history_publish_permissions_updated_timestamps"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
