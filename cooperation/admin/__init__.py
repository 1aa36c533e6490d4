"""The admin: data entry with the publication workflow, history and restore, the
concurrent-edit check, and bulk import with a preview.

- ``cooperation.admin_site`` (outside this package, so that making the site does not
  register the models twice): the admin site, with the import pages;
- ``forms``: the version check, the reason for a change, the workflow on the status;
- ``base``: what every model's admin shares, the history and restore pages;
- ``records``: the admin of each model and the workflow's actions;
- ``importing``: upload → preview → confirm, with the importer of ``import_data``.
"""

from cooperation.admin import records  # noqa: F401  (registers the models)
