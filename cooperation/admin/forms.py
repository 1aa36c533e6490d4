"""Admin forms: the version check shared with the API, the reason for a change, the
workflow's rules on the status, and the warning about a record entered twice."""

import copy

from django import forms
from django.core import signing
from django.forms.models import construct_instance
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation import history, workflow
from cooperation.models import FigureRecord, Status
from cooperation.versions import describe_changes, record_version, snapshot, version_matches, version_of

SNAPSHOT_SALT = "cooperation.admin.snapshot"
# Form fields that are about the save, not about the record.
SAVE_FIELDS = ("edit_version", "edit_snapshot", "change_reason", "save_anyway")


def sign_snapshot(obj) -> str:
    return signing.dumps(snapshot(obj), salt=SNAPSHOT_SALT, compress=True)


def read_snapshot(text: str) -> list | None:
    try:
        return signing.loads(text, salt=SNAPSHOT_SALT)
    except signing.BadSignature:
        return None


class VersionedForm(forms.ModelForm):
    """Remembers the version of the record it was opened on and refuses to save over a
    newer one: ``cooperation.versions.version_matches``, the check behind the API's
    ``If-Match``. The person saving second is told what changed, and keeps their input."""

    edit_version = forms.CharField(required=False, widget=forms.HiddenInput)
    edit_snapshot = forms.CharField(required=False, widget=forms.HiddenInput)
    change_reason = forms.CharField(
        label=gettext_lazy("Reason for this change"),
        required=False,
        max_length=history.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Kept in the record's history. Required to change a published record or to withdraw one, "
            "e.g. “The ministry's release of 2025-07-24 gives 143 graduates, not 150.”"
        ),
    )

    # Set per request by the ModelAdmin (``get_form``).
    request = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial["edit_version"] = record_version(self.instance)
            self.initial["edit_snapshot"] = sign_snapshot(self.instance)

    @property
    def user(self):
        return self.request.user

    def record_changes(self) -> bool:
        """Whether the save changes the record itself (not only its status)."""
        return any(name not in (*SAVE_FIELDS, "status") for name in self.changed_data)

    def clean(self):
        cleaned = super().clean()
        stored = self.instance if self.instance.pk is not None else None
        # Read before the form's values are put on the instance (``_post_clean``): the
        # inline formsets see the same instance and the same facts.
        self.instance._stored_status = getattr(stored, "status", None)
        self.instance._change_reason = cleaned.get("change_reason", "")
        if stored is not None:
            given = cleaned.get("edit_version")
            if given and not version_matches(stored, given):
                self._conflict(stored, given)
        return cleaned

    def _conflict(self, stored, given: str) -> None:
        before = read_snapshot(self.cleaned_data.get("edit_snapshot") or "")
        after = snapshot(stored)
        if before is None or version_of(before) != given:
            listed = format_html("<p>{}</p>", _("What changed cannot be shown; compare with the history."))
        else:
            lines = []
            for change in describe_changes(before, after):
                where = f"{change.where}: " if change.where else ""
                if change.old is None:
                    lines.append(_("%(where)s added") % {"where": change.where})
                elif change.new is None:
                    lines.append(_("%(where)s removed") % {"where": change.where})
                else:
                    lines.append(f"{where}{change.column}: “{change.old}” → “{change.new}”")
            listed = format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((line,) for line in lines)))
        last = history.timeline(type(stored), stored.pk)[:1]
        by = (
            _("last changed by %(user)s at %(time)s")
            % {"user": last[0].user or _("a script"), "time": last[0].date.strftime("%Y-%m-%d %H:%M UTC")}
            if last
            else ""
        )
        message = format_html(
            "{} {}{}",
            _("This record changed since you opened it (%(by)s), so nothing was saved.") % {"by": by}
            if by
            else _("This record changed since you opened it, so nothing was saved."),
            _(
                "Your input is still in the form. Their changes are listed below: take them into "
                "account, then save again to keep your version."
            ),
            listed,
        )
        self.add_error(None, message)
        # The next save is based on the version just shown.
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_version")] = record_version(stored)
        self.data[self.add_prefix("edit_snapshot")] = sign_snapshot(stored)


class FigureRecordForm(VersionedForm):
    """A figure record: the workflow's rules on the status, and the look-alike warning."""

    save_anyway = forms.BooleanField(
        label=gettext_lazy("Save anyway"),
        required=False,
        help_text=gettext_lazy(
            "Tick when the warning above names a record that is a different group with the same numbers."
        ),
    )

    # Fields whose change makes the look-alike check run again on an existing record.
    LOOK_ALIKE_FIELDS = ("provider", "donor", "recipient", "year", "date", "trainees", "quantity", "value")

    def clean(self):
        cleaned = super().clean()
        record = self.instance
        old = record._stored_status
        new = cleaned.get("status", old or Status.DRAFT)
        reason = cleaned.get("change_reason", "")
        changes = self.record_changes()
        record._publishing = new == Status.PUBLISHED and old != Status.PUBLISHED
        record._second_reviewer = workflow.second_reviewer_required(self.user)
        if old is not None:
            try:
                workflow.check_change(self.user, record)
            except workflow.WorkflowError as error:
                self.add_error(None, error.message)
        try:
            workflow.check_step(self.user, record, old, new, reason=reason, changes_content=changes)
        except workflow.WorkflowError as error:
            self.add_error("change_reason" if error.code == "reason" else "status", error.message)
        if old == Status.PUBLISHED and (changes or new != old) and not reason.strip():
            self.add_error(
                "change_reason", _("Say why you change a published record: the reason is kept in its history.")
            )
        self._check_look_alikes(cleaned)
        return cleaned

    def _check_look_alikes(self, cleaned) -> None:
        if "save_anyway" not in self.fields or cleaned.get("save_anyway") or self.errors:
            return
        if self.instance.pk is not None and not set(self.changed_data) & set(self.LOOK_ALIKE_FIELDS):
            return
        candidate = construct_instance(self, copy.copy(self.instance))
        twins = list(candidate.look_alikes()[:5])
        if not twins:
            return
        opts = type(candidate)._meta
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[twin.pk]), twin) for twin in twins),
        )
        self.add_error(
            "save_anyway",
            format_html(
                "{} {} {}",
                _("This looks like a record that already exists:"),
                links,
                _(
                    "(same %(giver)s, recipient, year and number). Add your citation to it instead, or, if "
                    "this is a different group, tick “Save anyway” and save again."
                )
                % {"giver": opts.get_field(candidate.DONOR_FIELD).verbose_name},
            ),
        )


class CitationForm(VersionedForm):
    """A citation on its own: changing one of a published record needs a reviewer and a reason."""

    def clean(self):
        cleaned = super().clean()
        stored = self.instance.record if self.instance.pk is not None else None
        for record in {stored, *(cleaned.get(key) for key in ("cohort", "donation", "pledge", "reported_figure"))}:
            if record is None:
                continue
            try:
                workflow.check_change(self.user, record)
            except workflow.WorkflowError as error:
                self.add_error(None, error.message)
        if (
            stored is not None
            and stored.status == Status.PUBLISHED
            and self.record_changes()
            and not cleaned.get("change_reason", "").strip()
        ):
            self.add_error(
                "change_reason", _("Say why you change a citation of a published record: the reason is kept.")
            )
        return cleaned


def figure_form_for(model) -> type[FigureRecordForm]:
    """Only cohorts and donations warn about look-alikes (the same group entered twice)."""
    if model.__name__ in ("TrainingCohort", "EquipmentDonation"):
        return FigureRecordForm
    return type(f"{model.__name__}Form", (FigureRecordForm,), {"save_anyway": None})


def is_figure(model) -> bool:
    return issubclass(model, FigureRecord)
