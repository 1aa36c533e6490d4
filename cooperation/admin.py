from django.contrib import admin
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from cooperation.models import (
    Citation,
    EquipmentDonation,
    Institution,
    Pledge,
    ReportedFigure,
    Source,
    TrainingCohort,
)

admin.site.site_header = _("Mexico–Haiti security cooperation: data entry")
admin.site.site_title = _("Cooperation data admin")


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["public_id", "name", "short_name", "country", "kind"]
    list_filter = ["kind", "country"]
    search_fields = ["public_id", "name", "short_name"]
    ordering = ["country", "name"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    # Addresses typed without a scheme are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["public_id", "title", "publisher", "published_display", "language", "kind"]
    list_filter = ["kind", "language", "published_precision"]
    search_fields = ["public_id", "title", "publisher", "url", "citations__excerpt"]
    fieldsets = [
        (None, {"fields": ["public_id", "title", "publisher", "url", "archived_url", "language", "kind"]}),
        (_("Publication date"), {"fields": ["published", "published_precision"]}),
        (_("Notes"), {"fields": ["notes"]}),
    ]

    @admin.display(description=_("published"), ordering="published")
    def published_display(self, source):
        return source.published_display or "—"


class CitationFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        # After validation each form's instance carries its cleaned values, and the
        # record (self.instance) carries the main form's: the model rules can run
        # before anything is saved.
        kept = [form.instance for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        self.instance.check_citations(kept)


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


class FigureRecordAdmin(admin.ModelAdmin):
    """What every figure record's admin shares: status, identity, citations, search in excerpts."""

    list_filter = ["status"]
    search_fields = ["public_id", "notes", "citations__excerpt", "citations__source__title"]
    readonly_fields = ["created", "updated"]
    list_select_related = True
    show_facets = admin.ShowFacets.NEVER

    def get_inlines(self, request, obj):
        return [CitationInline.for_record(self.model)]

    @admin.display(description=_("citations"))
    def citation_count(self, record):
        return len(record.citations.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("citations")


@admin.register(TrainingCohort)
class TrainingCohortAdmin(FigureRecordAdmin):
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
    list_filter = ["status", "stage", "year", "provider__country", "recipient", "provider"]
    search_fields = [*FigureRecordAdmin.search_fields, "programme", "place"]
    autocomplete_fields = ["provider", "recipient"]
    fieldsets = [
        (None, {"fields": ["public_id", "status", ("provider", "recipient"), "programme", "place"]}),
        (_("When"), {"fields": ["year", ("start", "start_precision"), ("end", "end_precision")]}),
        (_("How many"), {"fields": [("trainees", "women"), "unit", "stage"]}),
        (_("Notes"), {"fields": ["notes", ("created", "updated")]}),
    ]


@admin.register(EquipmentDonation)
class EquipmentDonationAdmin(FigureRecordAdmin):
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
    list_filter = ["status", "category", "donor__country", "recipient", "donor"]
    search_fields = [*FigureRecordAdmin.search_fields, "description"]
    autocomplete_fields = ["donor", "recipient"]
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": ["public_id", "status", ("donor", "recipient"), "category", "description"]}),
        (_("When"), {"fields": [("date", "date_precision")]}),
        (_("How much"), {"fields": [("quantity", "unit"), ("value", "currency")]}),
        (_("Notes"), {"fields": ["notes", ("created", "updated")]}),
    ]

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, donation):
        return donation.date_display or "—"


@admin.register(Pledge)
class PledgeAdmin(FigureRecordAdmin):
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
    list_filter = ["status", "kind", "donor__country", "recipient", "donor"]
    search_fields = [*FigureRecordAdmin.search_fields, "description"]
    autocomplete_fields = ["donor", "recipient"]
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
        (_("Notes"), {"fields": ["notes", ("created", "updated")]}),
    ]


@admin.register(ReportedFigure)
class ReportedFigureAdmin(FigureRecordAdmin):
    list_display = ["public_id", "stated_on", "donor", "recipient", "measure", "value", "unit", "currency", "status"]
    list_filter = ["status", "measure", "donor__country", "recipient", "donor"]
    search_fields = [*FigureRecordAdmin.search_fields, "description"]
    autocomplete_fields = ["donor", "recipient"]
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
        (_("Notes"), {"fields": ["notes", ("created", "updated")]}),
    ]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["public_id", "record_display", "source", "stated_value", "stated_unit", "qualifier"]
    list_filter = ["qualifier", "source__kind", "source__language"]
    search_fields = ["public_id", "excerpt", "source__title", "source__publisher", "notes"]
    autocomplete_fields = ["source", "cohort", "donation", "pledge", "reported_figure"]
    list_select_related = ["source", "cohort", "donation", "pledge", "reported_figure"]

    @admin.display(description=_("record"))
    def record_display(self, citation):
        return citation.record or "—"
