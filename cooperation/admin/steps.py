"""The workflow's steps in the admin: one action per step on the list, one button per step
on a record's page (``figure_change_form.html`` posts the same actions for one record)."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext
from django.utils.translation import gettext_lazy as _

from cooperation import history, workflow


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=history.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Kept in each record's history, e.g. “The ministry retracted the figure in its release of 2025-09-01.”"
        ),
    )


class WorkflowActions:
    """Mixed into a figure record's ModelAdmin."""

    actions = ["submit", "send_back", "publish", "withdraw", "reopen"]

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user, self.model)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        steps = []
        if obj is not None:
            for step in workflow.STEPS:
                allowed = (
                    self.has_publish_permission(request)
                    if step.permission == "publish"
                    else super().has_change_permission(request, obj)
                )
                if obj.status in step.sources and allowed:
                    steps.append(step)
        context["workflow_steps"] = steps
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _take_step(self, request, queryset, step_name: str, reason: str = ""):
        done, refused = [], []
        for record in queryset:
            try:
                workflow.take_step(record, step_name, request.user, reason=reason)
            except workflow.WorkflowError as error:
                refused.append(f"{record}: {error.message}")
            else:
                done.append(record)
        step = workflow.STEPS_BY_NAME[step_name]
        if done:
            self.message_user(
                request,
                ngettext("%(step)s: done for %(count)s record.", "%(step)s: done for %(count)s records.", len(done))
                % {"step": step.label, "count": len(done)},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                _("%(step)s: refused for %(records)s") % {"step": step.label, "records": "; ".join(refused)},
                messages.ERROR,
            )
        return self._back(request, queryset)

    def _back(self, request, queryset):
        """From a record's own page, back to it; from the list, the list."""
        if request.POST.get("_from_record") and len(queryset) == 1:
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[queryset[0].pk])
            )
        return None

    @admin.action(description=gettext_lazy("Submit selected records for review"), permissions=["change"])
    def submit(self, request, queryset):
        return self._take_step(request, queryset, "submit")

    @admin.action(description=gettext_lazy("Send selected records back to draft"), permissions=["change"])
    def send_back(self, request, queryset):
        return self._take_step(request, queryset, "send_back")

    @admin.action(description=gettext_lazy("Publish selected records"), permissions=["publish"])
    def publish(self, request, queryset):
        return self._take_step(request, queryset, "publish")

    @admin.action(description=gettext_lazy("Withdraw selected records (asks for a reason)"), permissions=["publish"])
    def withdraw(self, request, queryset):
        form = WithdrawForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            return self._take_step(request, queryset, "withdraw", form.cleaned_data["reason"])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Withdraw published records"),
            "subtitle": None,
            "opts": self.model._meta,
            "records": list(queryset),
            "form": form,
            "from_record": request.POST.get("_from_record", ""),
        }
        return TemplateResponse(request, "admin/cooperation/withdraw.html", context)

    @admin.action(description=gettext_lazy("Reopen selected withdrawn records as drafts"), permissions=["publish"])
    def reopen(self, request, queryset):
        return self._take_step(request, queryset, "reopen")
