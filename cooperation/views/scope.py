"""Filters read from the query string, shared by every page.

The pages read their filters through the API's FilterSets (``cooperation.filters``), so a
page's permalink and an API query with the same query string mean the same thing. This
module adds what only people need: the dashboard's default scope, the canonical query
string of a view, the options of the filter form and readable error messages.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

import pycountry
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation import filters
from cooperation import models as domain
from cooperation.charts import FILTER_NAMES

# What the dashboard shows when the query string names no filter at all: Mexico's
# cooperation with Haiti. Any filter in the query string (even an empty one, as the
# form sends) replaces the defaults, so "every donor" is ``?donor_country=``.
DEFAULT_FILTERS = {"donor_country": "MX", "recipient_country": "HT"}

LABELS = {
    "year_min": gettext_lazy("From year"),
    "year_max": gettext_lazy("To year"),
    "donor_country": gettext_lazy("Donor country"),
    "recipient_country": gettext_lazy("Recipient country"),
    "provider": gettext_lazy("Provider (training institution)"),
    "donor": gettext_lazy("Donor institution"),
    "recipient": gettext_lazy("Recipient institution"),
    "q": gettext_lazy("Text"),
    "stage": gettext_lazy("Stage"),
    "category": gettext_lazy("Category"),
    "kind": gettext_lazy("Kind"),
    "measure": gettext_lazy("Measure"),
    "language": gettext_lazy("Language"),
    "ordering": gettext_lazy("Sort"),
    "status": gettext_lazy("Status"),
    "__all__": gettext_lazy("Filters"),
}


def error_list(errors) -> list[tuple[str, str]]:
    """A FilterSet form's errors as (the parameter and its label, message) pairs."""
    result = []
    for name, messages in errors.items():
        label = LABELS.get(name, name)
        for message in messages:
            result.append((f"{label} ({name})" if name != "__all__" else str(label), str(message)))
    return result


def canonical_query(params: dict[str, str], names=FILTER_NAMES, defaults: dict | None = None) -> str:
    """The query string that reproduces a view: its non-empty filters in a fixed order.
    When that is empty but the page has defaults, one empty filter says "no defaults"."""
    pairs = [(name, params[name]) for name in names if params.get(name)]
    if not pairs and defaults:
        pairs = [(next(iter(defaults)), "")]
    return urlencode(pairs)


@dataclass
class Scope:
    """The dashboard's filters: year range, countries, provider and recipient."""

    params: dict[str, str]
    filterset: filters.TrainingStatsFilterSet
    defaulted: bool

    @classmethod
    def from_query(cls, query) -> "Scope":
        defaulted = not any(name in query for name in FILTER_NAMES)
        source = DEFAULT_FILTERS if defaulted else query
        params = {name: (source.get(name) or "").strip() for name in FILTER_NAMES}
        filterset = filters.TrainingStatsFilterSet(params, queryset=domain.TrainingCohort.objects.published())
        return cls(params=params, filterset=filterset, defaulted=defaulted)

    def is_valid(self) -> bool:
        return self.filterset.is_valid()

    @property
    def errors(self) -> list[tuple[str, str]]:
        return error_list(self.filterset.errors)

    @property
    def cleaned(self) -> dict:
        return self.filterset.form.cleaned_data

    @property
    def query(self) -> str:
        return canonical_query(self.params, defaults=DEFAULT_FILTERS)

    @property
    def valid_params(self) -> dict[str, str]:
        """The filters to carry into links: only those that passed validation."""
        if not self.filterset.is_valid():
            return {}
        return {name: value for name, value in self.params.items() if value}

    def description(self, institutions: dict[str, domain.Institution]) -> str:
        """ "Donor country MX · recipient country HT · 2018–2025", or "all records"."""
        parts = []
        for name in ("donor_country", "provider", "recipient_country", "recipient"):
            value = self.params.get(name)
            if value:
                institution = institutions.get(value.lower())
                shown = str(institution) if institution else value
                parts.append(f"{LABELS[name].lower()}: {shown}")
        low, high = self.params.get("year_min"), self.params.get("year_max")
        if low or high:
            parts.append(f"{low or '…'}–{high or '…'}")
        return " · ".join(parts) if parts else _("all records")


# --- The filter form ------------------------------------------------------------------------


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code) if code else None
    return country.name if country else code


class FormOptions:
    """Options of the filter forms, from one query of the institutions."""

    def __init__(self):
        self.institutions = list(domain.Institution.objects.order_by("country", "short_name", "name"))
        self.by_reference = {}
        for institution in self.institutions:
            self.by_reference[institution.public_id.lower()] = institution
            if institution.short_name:
                self.by_reference.setdefault(institution.short_name.lower(), institution)
        codes = sorted({institution.country for institution in self.institutions if institution.country})
        self.countries = [(code, f"{code} · {country_name(code)}") for code in codes]

    def institution_choices(self) -> list[tuple[str, str]]:
        return [
            (
                institution.public_id,
                f"{institution.short_name or institution.name}"
                + (f" · {institution.name}" if institution.short_name else "")
                + (f" ({institution.country})" if institution.country else ""),
            )
            for institution in self.institutions
        ]

    def field(self, name: str, value: str, *, choices=None) -> dict:
        """One field of a filter form, for ``_filter_form.html``."""
        value = value or ""
        kind = "text"
        options = None
        if name in ("year_min", "year_max"):
            kind = "year"
        elif name in ("donor_country", "recipient_country"):
            kind, options = "select", self.countries
            value = value.upper()
        elif name in ("provider", "donor", "recipient"):
            kind, options = "select", self.institution_choices()
            institution = self.by_reference.get(value.lower())
            value = institution.public_id if institution else value
        elif choices is not None:
            kind, options = "select", [(key, str(label)) for key, label in choices]
        if options is not None and value and value not in {key for key, _label in options}:
            options = [*options, (value, value)]  # an unknown value stays visible, with its error
        return {"name": name, "label": LABELS.get(name, name), "kind": kind, "value": value, "options": options}
