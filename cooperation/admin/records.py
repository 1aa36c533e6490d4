"""The admin of every domain model: figure records with their citations and the
publication workflow, and the reference tables (institutions, sources)."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from cooperation import workflow
from cooperation.admin.base import VersionedAdmin
from cooperation.admin.filters import YearFilter, country_filter
from cooperation.admin.forms import CitationForm, figure_form_for
from cooperation.admin.steps import WorkflowActions
from cooperation.models import (
    Citation,
    EquipmentDonation,
    Institution,
    Pledge,
    ReportedFigure,
    Source,
    Status,
    TrainingCohort,
)


@admin.register(Institution)
class InstitutionAdmin(VersionedAdmin):
    list_display = ["public_id", "name", "short_name", "country", "kind"]
    list_filter = ["kind", "country"]
    search_fields = ["public_id", "name", "short_name"]
    ordering = ["country", "name"]


@admin.register(Source)
class SourceAdmin(VersionedAdmin):
    # Addresses typed without a scheme are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["public_id", "title", "publisher", "published_display", "language", "kind"]
    list_filter = ["kind", "language", "published_precision"]
    search_fields = ["public_id", "title", "publisher", "url", "citations__excerpt"]
    date_hierarchy = "published"
    fieldsets = [
        (None, {"fields": ["public_id", "title", "publisher", "url", "archived_url", "language", "kind"]}),
        (_("Publication date"), {"fields": ["published", "published_precision"]}),
        (_("Notes"), {"fields": ["notes"]}),
    ]

    @admin.display(description=_("published"), ordering="published")
    def published_display(self, source):
        return source.published_display or "—"


# --- Citations ----------------------------------------------------------------------------


class CitationFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        record = self.instance
        if self.has_changed():
            # The record's form put these on the shared instance (``FigureRecordForm.clean``).
            if getattr(record, "_stored_status", None) == Status.PUBLISHED and not record._change_reason.strip():
                raise ValidationError(
                    _("Say why you change the citations of a published record (“Reason for this change”, below).")
                )
            if getattr(record, "_publishing", False) and getattr(record, "_second_reviewer", False):
                raise ValidationError(
                    _("Publishing is a step of its own: save the citations first; another reviewer then publishes.")
                )
        # After validation each form's instance carries its cleaned values, and the
        # record (self.instance) carries the main form's: the model rules can run
        # before anything is saved.
        kept = [form.instance for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        record.check_citations(kept)


class CitationInline(admin.StackedInline):
    model = Citation
    formset = CitationFormSet
    extra = 0
    min_num = 0
    autocomplete_fields = ["source"]
    fields = ["public_id", "source", "excerpt", ("stated_value", "stated_unit", "qualifier"), "locator", "notes"]

    @classmethod
    def for_record(cls, model):
        """An inline bound to one kind of record: Citation has one key per kind."""
        return type(f"{model.__name__}CitationInline", (cls,), {"fk_name": model.CITATION_FIELD})

    def _record_editable(self, request, record) -> bool:
        try:
            record is None or workflow.check_change(request.user, record)
        except workflow.WorkflowError:
            return False
        return True

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._record_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._record_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._record_editable(request, obj)


# --- Figure records -----------------------------------------------------------------------


class FigureRecordAdmin(WorkflowActions, VersionedAdmin):
    """What every figure record's admin shares: status and its workflow, citations,
    search in excerpts, filters by year and country, the public page of published ones."""

    search_fields = ["public_id", "notes", "citations__excerpt", "citations__source__title"]
    readonly_fields = ["created", "updated"]
    list_select_related = True
    show_facets = admin.ShowFacets.NEVER
    change_form_template = "admin/cooperation/figure_change_form.html"

    @staticmethod
    def record_filters(*extra):
        return ["status", YearFilter, country_filter("donor"), country_filter("recipient"), *extra]

    def get_inlines(self, request, obj):
        return [CitationInline.for_record(self.model)]

    @admin.display(description=_("citations"))
    def citation_count(self, record):
        return len(record.citations.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("citations")

    # --- Who may do what ---------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        try:
            obj is None or workflow.check_change(request.user, obj)
        except workflow.WorkflowError:
            return False
        return True

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        try:
            obj is None or workflow.check_delete(request.user, obj)
        except workflow.WorkflowError:
            return False
        return True

    def get_view_on_site_url(self, obj=None):
        # Only published records have a public page.
        if obj is None or obj.status != Status.PUBLISHED:
            return None
        return super().get_view_on_site_url(obj)


RECORD_NOTES = (_("Notes"), {"fields": ["notes", ("created", "updated")]})


@admin.register(TrainingCohort)
class TrainingCohortAdmin(FigureRecordAdmin):
    form = figure_form_for(TrainingCohort)
    list_display = [
        "public_id",
        "year",
        "provider",
        "recipient",
        "trainees",
        "women",
        "stage",
        "status",
        "citation_count",
    ]
    list_filter = FigureRecordAdmin.record_filters("stage", "recipient", "provider")
    search_fields = [*FigureRecordAdmin.search_fields, "programme", "place"]
    autocomplete_fields = ["provider", "recipient"]
    date_hierarchy = "start"
    fieldsets = [
        (None, {"fields": ["public_id", "status", ("provider", "recipient"), "programme", "place"]}),
        (_("When"), {"fields": ["year", ("start", "start_precision"), ("end", "end_precision")]}),
        (_("How many"), {"fields": [("trainees", "women"), "unit", "stage"]}),
        RECORD_NOTES,
    ]


@admin.register(EquipmentDonation)
class EquipmentDonationAdmin(FigureRecordAdmin):
    form = figure_form_for(EquipmentDonation)
    list_display = [
        "public_id",
        "date_display",
        "donor",
        "recipient",
        "category",
        "quantity",
        "unit",
        "value",
        "currency",
        "status",
    ]
    list_filter = FigureRecordAdmin.record_filters("category", "recipient", "donor")
    search_fields = [*FigureRecordAdmin.search_fields, "description"]
    autocomplete_fields = ["donor", "recipient"]
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": ["public_id", "status", ("donor", "recipient"), "category", "description"]}),
        (_("When"), {"fields": [("date", "date_precision")]}),
        (_("How much"), {"fields": [("quantity", "unit"), ("value", "currency")]}),
        RECORD_NOTES,
    ]

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, donation):
        return donation.date_display or "—"


@admin.register(Pledge)
class PledgeAdmin(FigureRecordAdmin):
    form = figure_form_for(Pledge)
    list_display = [
        "public_id",
        "announced",
        "donor",
        "recipient",
        "kind",
        "quantity",
        "unit",
        "amount",
        "currency",
        "status",
    ]
    list_filter = FigureRecordAdmin.record_filters("kind", "recipient", "donor")
    search_fields = [*FigureRecordAdmin.search_fields, "description"]
    autocomplete_fields = ["donor", "recipient"]
    date_hierarchy = "announced"
    fieldsets = [
        (None, {"fields": ["public_id", "status", ("donor", "recipient"), "kind", "description"]}),
        (
            _("When"),
            {
                "fields": [
                    ("announced", "announced_precision"),
                    ("period_start", "period_start_precision"),
                    ("period_end", "period_end_precision"),
                ]
            },
        ),
        (_("What is promised"), {"fields": [("quantity", "unit"), ("amount", "currency")]}),
        RECORD_NOTES,
    ]


@admin.register(ReportedFigure)
class ReportedFigureAdmin(FigureRecordAdmin):
    form = figure_form_for(ReportedFigure)
    list_display = ["public_id", "stated_on", "donor", "recipient", "measure", "value", "unit", "currency", "status"]
    list_filter = FigureRecordAdmin.record_filters("measure", "recipient", "donor")
    search_fields = [*FigureRecordAdmin.search_fields, "description"]
    autocomplete_fields = ["donor", "recipient"]
    date_hierarchy = "stated_on"
    fieldsets = [
        (None, {"fields": ["public_id", "status", ("donor", "recipient"), "measure", "description"]}),
        (_("The claim"), {"fields": [("value", "unit", "currency")]}),
        (
            _("When"),
            {
                "fields": [
                    ("period_start", "period_start_precision"),
                    ("period_end", "period_end_precision"),
                    ("stated_on", "stated_on_precision"),
                ]
            },
        ),
        RECORD_NOTES,
    ]


@admin.register(Citation)
class CitationAdmin(VersionedAdmin):
    form = CitationForm
    list_display = ["public_id", "record_display", "source", "stated_value", "stated_unit", "qualifier"]
    list_filter = ["qualifier", "source__kind", "source__language"]
    search_fields = ["public_id", "excerpt", "source__title", "source__publisher", "notes"]
    autocomplete_fields = ["source", "cohort", "donation", "pledge", "reported_figure"]
    list_select_related = ["source", "cohort", "donation", "pledge", "reported_figure"]

    @admin.display(description=_("record"))
    def record_display(self, citation):
        return citation.record or "—"

    def _record_editable(self, request, citation) -> bool:
        try:
            citation is None or citation.record is None or workflow.check_change(request.user, citation.record)
        except workflow.WorkflowError:
            return False
        return True

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._record_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._record_editable(request, obj)
