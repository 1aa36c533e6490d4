"""What every model's admin shares: the version check on save, the reason for a change,
and the history page with its restore and deleted-records views."""

import uuid

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation import history, workflow
from cooperation.admin.forms import SAVE_FIELDS, VersionedForm
from cooperation.models import Citation, FigureRecord, Status


class RestoreForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=history.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Kept in the history with the restore. Required for a published record, "
            "e.g. “The correction of 2025-08-02 misread the release; back to 143.”"
        ),
    )

    def __init__(self, *args, reason_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required


class VersionedAdmin(admin.ModelAdmin):
    form = VersionedForm

    # --- The form ------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # modelform_factory made a new class for this request: it may carry the request.
        form.request = request
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in SAVE_FIELDS]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is not None and not self.has_change_permission(request, obj):
            return fieldsets
        saving = [name for name in SAVE_FIELDS if name in self.form.base_fields]
        return [*fieldsets, (_("Saving"), {"fields": saving})]

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and request.method == "POST":
            # The admin saves inside a transaction: lock the row so that the version check
            # and the write see the same version (on PostgreSQL; SQLite writes one at a time).
            obj = self.get_queryset(request).select_for_update(of=("self",)).filter(pk=obj.pk).first()
        return obj

    def save_model(self, request, obj, form, change):
        # Every history row of this request (the record, its citations) carries the reason.
        request.cooperation_change_reason = form.cleaned_data.get("change_reason", "")
        super().save_model(request, obj, form, change)

    # --- History ---------------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("deleted/", wrap(self.deleted_view), name=f"{name}_deleted"),
            path(
                "<path:object_id>/history/<uuid:change_set>/restore/",
                wrap(self.restore_view),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    def _pk(self, object_id):
        try:
            return self.model._meta.pk.to_python(unquote(object_id))
        except Exception:
            raise Http404 from None

    def history_view(self, request, object_id, extra_context=None):
        """Every change of the record (and its citations): who, when, why, what, with a
        restore button on each earlier version. Works for a deleted record too."""
        pk = self._pk(object_id)
        obj = self.model._default_manager.filter(pk=pk).first()
        if not (self.has_view_or_change_permission(request, obj) if obj else self.has_view_permission(request)):
            raise PermissionDenied
        changes = history.timeline(self.model, pk)
        if not changes and obj is None:
            raise Http404
        opts = self.model._meta
        may_restore = self._may_restore(request, obj)
        for index, change in enumerate(changes):
            change.restorable = may_restore and change.record_exists and (index > 0 or obj is None)
        label = str(obj) if obj is not None else self._deleted_label(pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(record)s") % {"record": label},
            "subtitle": None,
            "opts": opts,
            "object": obj,
            "object_id": object_id,
            "record_label": label,
            "changes": changes,
            "restore_url_name": f"admin:{opts.app_label}_{opts.model_name}_restore",
            "deleted": obj is None,
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/cooperation/history.html", context)

    def _deleted_label(self, pk) -> str:
        last = self.model.history.filter(id=pk).first()
        return _("%(record)s (deleted)") % {"record": last.instance if last else pk}

    def _may_restore(self, request, obj) -> bool:
        if obj is None:
            return self.has_add_permission(request) and self.has_change_permission(request)
        return self.has_change_permission(request, obj)

    def restore_view(self, request, object_id, change_set: uuid.UUID):
        pk = self._pk(object_id)
        obj = self.model._default_manager.filter(pk=pk).first()
        if not self._may_restore(request, obj):
            raise PermissionDenied
        change = next((c for c in history.timeline(self.model, pk) if c.change_set == change_set), None)
        if change is None or not change.record_exists:
            raise Http404
        opts = self.model._meta
        record = obj.record if isinstance(obj, Citation) else obj
        published = isinstance(record, FigureRecord) and record.status == Status.PUBLISHED
        form = RestoreForm(request.POST or None, reason_required=published)
        if request.method == "POST" and form.is_valid():
            reason = form.cleaned_data["reason"] or _("Restored the version of %(date)s.") % {
                "date": change.date.strftime("%Y-%m-%d %H:%M UTC")
            }
            try:
                if obj is not None:
                    workflow.check_change(request.user, obj)
                restored = history.restore(self.model, pk, change_set, reason=reason)
            except (history.RestoreError, workflow.WorkflowError) as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    _("%(record)s is back as it was on %(date)s; the restore is in its history.")
                    % {"record": restored, "date": change.date.strftime("%Y-%m-%d %H:%M UTC")},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[restored.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Restore an earlier version"),
            "subtitle": None,
            "opts": opts,
            "object": obj,
            "object_id": object_id,
            "record_label": str(obj) if obj is not None else self._deleted_label(pk),
            "change": change,
            "form": form,
            "keeps_status": isinstance(obj, FigureRecord),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/cooperation/restore.html", context)

    def deleted_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Deleted %(records)s") % {"records": opts.verbose_name_plural},
            "subtitle": None,
            "opts": opts,
            "rows": history.deleted(self.model),
            "history_url_name": f"admin:{opts.app_label}_{opts.model_name}_history",
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/cooperation/deleted.html", context)
