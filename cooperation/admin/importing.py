"""Bulk import in the admin: upload → preview of every row → confirm.

The same importer as ``manage.py import_data`` (``cooperation.tabular.import_files``)
runs twice: as a dry run for the preview and for real on confirmation, each all or
nothing. Between the two the upload waits in ``settings.ADMIN_IMPORT_DIR`` under a random
name, named in a signed ticket that also binds it to the user, the options and the
file's digest; it is deleted after the import, and left-overs after an hour.

Imported records arrive as drafts: the status column of the figure files is rewritten
before the importer reads them (new records: draft; records already here: the status
they have). A reviewer may choose to keep the statuses the file gives. An editor's file
may not change a published or withdrawn record; a reviewer's must say why it does.
"""

import csv
import hashlib
import io
import secrets
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation import datasets, history, roles, workflow
from cooperation.tabular import ImportFailed, ImportReport, import_files, read_tables

TICKET_SALT = "cooperation.admin.import"
TICKET_MAX_AGE = 3600  # seconds between the preview and the confirmation
KEEP_FILE_STATUSES, AS_DRAFTS = "file", "draft"


def may_import(user) -> bool:
    """Importing adds and changes rows of every data set."""
    return user.is_active and user.has_perms(
        [f"cooperation.{action}_{model}" for model in roles.DOMAIN_MODELS for action in ("add", "change")]
    )


def may_keep_statuses(user) -> bool:
    return all(workflow.can_publish(user, dataset.model) for dataset in datasets.FIGURE_DATASETS)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "One CSV in the export format (e.g. cohorts.csv, as downloaded from the site or the API) or a "
            "whole data package (.zip from “Download everything” or manage.py export_data)."
        ),
    )
    dataset = forms.ChoiceField(
        label=gettext_lazy("Data set"),
        required=False,
        choices=[("", gettext_lazy("— as the file's name or columns say —"))]
        + [(dataset.name, dataset.title) for dataset in datasets.DATASETS],
        help_text=gettext_lazy("Only for a lone CSV whose name and columns do not say, e.g. “my-rows.csv”."),
    )
    statuses = forms.ChoiceField(
        label=gettext_lazy("Status of the imported records"),
        choices=[
            (AS_DRAFTS, gettext_lazy("New records arrive as drafts; records already here keep their status")),
            (KEEP_FILE_STATUSES, gettext_lazy("Keep the status each row gives (reviewers only)")),
        ],
        initial=AS_DRAFTS,
        required=False,  # unchosen: drafts
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not may_keep_statuses(user):
            del self.fields["statuses"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ADMIN_IMPORT_MAX_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": limit})
        if not upload.name.lower().endswith((".csv", ".zip")):
            raise forms.ValidationError(_("Upload a .csv file or a .zip data package."))
        return upload


class ConfirmForm(forms.Form):
    ticket = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=history.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Kept in the history of every record the import changes. Required when it changes a published "
            "record, e.g. “Corrections from the SRE's 2025 annual report”."
        ),
    )


# --- Keeping the upload between preview and confirmation ------------------------------


def _directory() -> Path:
    directory = Path(settings.ADMIN_IMPORT_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def _sweep(directory: Path) -> None:
    """Removes uploads older than a ticket lives: never confirmed."""
    limit = time.time() - TICKET_MAX_AGE
    for path in directory.glob("*.upload"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


def keep_upload(data: bytes, *, name: str, user, dataset: str, statuses: str) -> str:
    directory = _directory()
    _sweep(directory)
    token = secrets.token_urlsafe(24)
    path = directory / f"{token}.upload"
    path.touch(mode=0o600)
    path.write_bytes(data)
    payload = {
        "token": token,
        "name": Path(name).name[:200],
        "user": user.pk,
        "dataset": dataset,
        "statuses": statuses,
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    return signing.dumps(payload, salt=TICKET_SALT)


class TicketError(Exception):
    pass


def read_ticket(ticket: str, user) -> tuple[dict, bytes]:
    try:
        payload = signing.loads(ticket, salt=TICKET_SALT, max_age=TICKET_MAX_AGE)
    except signing.SignatureExpired:
        raise TicketError(_("The preview is more than an hour old: upload the file again.")) from None
    except signing.BadSignature:
        raise TicketError(_("This preview cannot be confirmed: upload the file again.")) from None
    if payload.get("user") != user.pk:
        raise TicketError(_("This preview belongs to someone else: upload the file again."))
    path = _directory() / f"{payload['token']}.upload"
    try:
        data = path.read_bytes()
    except OSError:
        raise TicketError(_("The uploaded file is gone (already imported?): upload it again.")) from None
    if hashlib.sha256(data).hexdigest() != payload["sha256"]:
        raise TicketError(_("The uploaded file changed since the preview: upload it again."))
    return payload, data


def discard_upload(payload: dict) -> None:
    (_directory() / f"{payload['token']}.upload").unlink(missing_ok=True)


# --- Running the importer ---------------------------------------------------------------


@dataclass
class Outcome:
    report: ImportReport
    # Rows that change a published or withdrawn record.
    guarded: list = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.report.errors)


def _unpacked(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The files the importer would read, as (name, bytes): the members of a zip."""
    if not name.lower().endswith(".zip"):
        return [(name, data)]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            (Path(member.filename).name, archive.read(member))
            for member in archive.infolist()
            if member.filename.endswith((".csv", ".json"))
            and "__MACOSX" not in member.filename
            and not Path(member.filename).name.startswith(".")
        ]


def _records_per_row(tables) -> dict[tuple[str, int], list[tuple[str, str]]]:
    """(file, row) → the figure records, as (data set, id), that the row changes: its own
    record, or for a citation the record it names and the one it belongs to now."""
    citation_ids = [
        cells[table.header.index("id")].strip()
        for table in tables
        if table.dataset is datasets.CITATIONS
        for _number, cells in table.rows
        if len(cells) == len(table.header)
    ]
    belongs_to = {}
    stored = datasets.CITATIONS.model.objects.filter(public_id__in=citation_ids)
    for citation in stored.select_related("cohort", "donation", "pledge", "reported_figure"):
        if citation.record is not None:
            dataset = datasets.dataset_for_model(type(citation.record))
            belongs_to[citation.public_id] = (dataset.name, citation.record.public_id)
    records = {}
    for table in tables:
        for number, cells in table.rows:
            if len(cells) != len(table.header):
                continue  # the importer reports it
            values = dict(zip(table.header, (cell.strip() for cell in cells), strict=True))
            if table.dataset in datasets.FIGURE_DATASETS:
                records[(table.name, number)] = [(table.dataset.name, values["id"])]
            elif table.dataset is datasets.CITATIONS:
                named = datasets.RECORD_TYPES.get(values["record_type"])
                keys = [(named.name, values["record_id"])] if named else []
                records[(table.name, number)] = keys + (
                    [belongs_to[values["id"]]] if values["id"] in belongs_to else []
                )
    return records


def _stored_statuses(keys) -> dict[tuple[str, str], str]:
    """(data set, record id) → the status stored now, for the records that exist."""
    wanted: dict[str, set[str]] = {}
    for name, public_id in keys:
        wanted.setdefault(name, set()).add(public_id)
    statuses = {}
    for name, ids in wanted.items():
        model = datasets.DATASETS_BY_NAME[name].model
        for public_id, status in model.objects.filter(public_id__in=ids).values_list("public_id", "status"):
            statuses[(name, public_id)] = status
    return statuses


def _as_drafts(table, statuses) -> bytes:
    """The table's CSV with each status cell set to draft, or to the stored record's status.
    Skipped lines are written back as blank records, so row numbers stay the file's."""
    index = table.header.index("status")
    rows = dict(table.rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    for number in range(2, max(rows, default=1) + 1):
        cells = list(rows.get(number, []))
        if len(cells) > index:
            record_id = cells[table.header.index("id")].strip() if "id" in table.header else ""
            cells[index] = statuses.get((table.dataset.name, record_id), workflow.DRAFT)
        writer.writerow(cells)
    return out.getvalue().encode()


def run_import(data: bytes, *, name: str, dataset: str, statuses: str, user, reason: str, dry_run: bool) -> Outcome:
    """The importer on the uploaded file, with the admin's rules; nothing is saved if any
    row is wrong or, for an editor, if the file changes a published record."""
    files = [(name, data)]
    tables, file_errors = read_tables(files, dataset or None)
    records = _records_per_row(tables) if not file_errors else {}
    stored = _stored_statuses({key for keys in records.values() for key in keys})
    guarded = {row for row, keys in records.items() if any(stored.get(key) in workflow.GUARDED for key in keys)}
    if not file_errors and statuses != KEEP_FILE_STATUSES:
        rewritten = {t.name: _as_drafts(t, stored) for t in tables if t.dataset in datasets.FIGURE_DATASETS}
        files = [(member, rewritten.get(member, content)) for member, content in _unpacked(name, data)]
    editor = not may_keep_statuses(user)
    with transaction.atomic(), history.recording(reason or _("Imported from %(file)s") % {"file": name}):
        try:
            report = import_files(files, dry_run=dry_run, dataset=dataset or None)
        except ImportFailed as failure:
            report = failure.report
        touched = [row for row in report.rows if row.status in ("new", "changed") and (row.file, row.row) in guarded]
        for row in touched if editor else []:
            row.fail(
                "", _("changes %(id)s, which is published or withdrawn: only a reviewer may") % {"id": row.record_id}
            )
        if report.errors:
            transaction.set_rollback(True)
    return Outcome(report, touched)


# --- The pages --------------------------------------------------------------------------


def import_view(request, admin_site):
    if not may_import(request.user):
        raise PermissionDenied
    context = {
        **admin_site.each_context(request),
        "title": _("Import data"),
        "subtitle": None,
        "max_mb": settings.ADMIN_IMPORT_MAX_MB,
    }
    if request.method == "POST" and "ticket" in request.POST:
        return _confirm(request, admin_site, context)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        options = {
            "dataset": form.cleaned_data.get("dataset", ""),
            "statuses": form.cleaned_data.get("statuses") or AS_DRAFTS,
        }
        ticket = keep_upload(data, name=upload.name, user=request.user, **options)
        outcome = run_import(data, name=upload.name, user=request.user, reason="", dry_run=True, **options)
        return _preview(request, context, outcome, ConfirmForm(initial={"ticket": ticket}), upload.name, options)
    return TemplateResponse(request, "admin/cooperation/import.html", {**context, "form": form})


def _preview(request, context, outcome: Outcome, confirm: ConfirmForm, name: str, options: dict):
    return TemplateResponse(
        request,
        "admin/cooperation/import_preview.html",
        {
            **context,
            "title": _("Import data: preview"),
            "file_name": name,
            "report": outcome.report,
            "counts": outcome.report.counts(),
            "guarded": outcome.guarded,
            "confirm": confirm,
            "as_drafts": options["statuses"] != KEEP_FILE_STATUSES,
        },
    )


def _confirm(request, admin_site, context):
    confirm = ConfirmForm(request.POST)
    if not confirm.is_valid():
        messages.error(request, _("This preview cannot be confirmed: upload the file again."))
        return HttpResponseRedirect(reverse("admin:cooperation_import"))
    try:
        payload, data = read_ticket(confirm.cleaned_data["ticket"], request.user)
    except TicketError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(reverse("admin:cooperation_import"))
    options = {"dataset": payload["dataset"], "statuses": payload["statuses"]}
    reason = confirm.cleaned_data["reason"]
    outcome = run_import(data, name=payload["name"], user=request.user, reason=reason, dry_run=True, **options)
    if outcome.guarded and not reason.strip() and not outcome.failed:
        confirm.add_error("reason", _("This file changes published records: say why."))
        return _preview(request, context, outcome, confirm, payload["name"], options)
    if not outcome.failed:
        outcome = run_import(data, name=payload["name"], user=request.user, reason=reason, dry_run=False, **options)
    if outcome.failed:
        # The database changed since the preview: show the new one, nothing was saved.
        return _preview(request, context, outcome, confirm, payload["name"], options)
    discard_upload(payload)
    messages.success(
        request,
        _("Imported %(file)s: %(summary)s.") % {"file": payload["name"], "summary": outcome.report.summary()},
    )
    return HttpResponseRedirect(reverse("admin:index"))
