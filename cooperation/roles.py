"""The roles: Django groups holding real Django permissions, read by the admin and the API alike.

- **editor** enters and corrects institutions, sources, records and citations, deletes
  drafts, and submits records for review. Editors never publish, and cannot change a
  record once it is published (``cooperation.workflow``).
- **reviewer** has everything an editor has, deletes, and publishes and withdraws records
  (``publish_<model>``); with ``REQUIRE_SECOND_REVIEWER`` on, not a record whose last
  change is their own.
- **superusers** hold every permission (Django's ``is_superuser``) and are not groups.

A data migration creates the groups; ``python manage.py sync_roles`` creates them again
or puts their permissions back after someone edited them in the admin.
"""

EDITOR, REVIEWER = "editor", "reviewer"

DOMAIN_MODELS = (
    "institution",
    "source",
    "citation",
    "trainingcohort",
    "equipmentdonation",
    "pledge",
    "reportedfigure",
)
FIGURE_MODELS = ("trainingcohort", "equipmentdonation", "pledge", "reportedfigure")

_EDITOR = (
    [f"{action}_{model}" for model in DOMAIN_MODELS for action in ("view", "add", "change")]
    # Deleting a draft record, or a citation of one; the workflow refuses the rest.
    + ["delete_citation"]
    + [f"delete_{model}" for model in FIGURE_MODELS]
)
_REVIEWER = (
    _EDITOR
    + [f"delete_{model}" for model in ("institution", "source")]
    + [f"publish_{model}" for model in FIGURE_MODELS]
)

# Role → the codenames of its permissions, all in the ``cooperation`` app.
ROLES: dict[str, list[str]] = {EDITOR: _EDITOR, REVIEWER: _REVIEWER}


def sync_roles(group_model, permission_model) -> dict[str, int]:
    """Creates each role's group and sets exactly its permissions. Takes the models as
    arguments so that a migration can pass its historical ones. Returns role → count."""
    counts = {}
    for name, codenames in ROLES.items():
        group, _created = group_model.objects.get_or_create(name=name)
        permissions = permission_model.objects.filter(content_type__app_label="cooperation", codename__in=codenames)
        group.permissions.set(permissions)
        counts[name] = permissions.count()
    return counts
