"""List filters of the figure records: by year and by the giver's or recipient's country."""

from django.contrib import admin
from django.utils.translation import gettext_lazy


class YearFilter(admin.SimpleListFilter):
    title = gettext_lazy("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        lookup = model_admin.model.YEAR_LOOKUP
        years = model_admin.model.objects.exclude(**{lookup: None}).values_list(lookup, flat=True)
        return [(str(year), str(year)) for year in sorted(set(years), reverse=True)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{queryset.model.YEAR_LOOKUP: int(self.value())})
        return queryset


def country_filter(role: str):
    """A list filter on the giver's or the recipient's country."""

    class CountryFilter(admin.SimpleListFilter):
        title = gettext_lazy("donor country") if role == "donor" else gettext_lazy("recipient country")
        parameter_name = f"{role}_country"

        def lookups(self, request, model_admin):
            field = model_admin.model.DONOR_FIELD if role == "donor" else "recipient"
            countries = model_admin.model.objects.values_list(f"{field}__country", flat=True).distinct()
            return [(code, code) for code in sorted({c for c in countries if c})]

        def queryset(self, request, queryset):
            if self.value():
                method = queryset.donor_country if role == "donor" else queryset.recipient_country
                return method(self.value())
            return queryset

    return CountryFilter
