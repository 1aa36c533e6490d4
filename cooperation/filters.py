"""Filters for every data set, shared by the API and the HTML pages.

A permalink and an API query mean the same thing because both read the query string
through these FilterSets. Each filter hands its cleaned value to the query vocabulary
of ``cooperation.models`` (``year_min``, ``donor``, ``search`` …), so the meaning of a
filter is written once, there.

Every value is validated before it reaches the database: an invalid one makes the
FilterSet invalid with an error keyed by the parameter's name (the API answers 400
with that body), never a database error. Unknown parameters are ignored.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from cooperation import models as domain

# Years are bounded so that date lookups such as ``date__year`` never overflow.
YEAR_MIN, YEAR_MAX = 1, 9999
# Short enough that a query string with every parameter at its longest stays within the
# request line a server accepts (gunicorn: 4094 bytes, percent-encoded).
TEXT_MAX_LENGTH = 100
REFERENCE_MAX_LENGTH = 64


# --- Form fields: parse and validate one parameter ------------------------------------


class CountryField(forms.CharField):
    """An ISO 3166-1 alpha-2 code in any case: ``mx`` → ``MX``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 2)
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value).upper()

    def validate(self, value):
        super().validate(value)
        if value and value not in domain.ISO_3166_ALPHA2_CODES:
            raise ValidationError(
                _("“%(value)s” is not an ISO 3166-1 alpha-2 country code such as MX or HT."),
                params={"value": value},
                code="invalid_country",
            )

    def run_validators(self, value):
        # The max_length message is less helpful than the one in validate().
        if value and len(value) == 2:
            super().run_validators(value)


class InstitutionReferenceField(forms.CharField):
    """An institution named by its identifier (``mx-sedena``) or short name (``SEDENA``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", REFERENCE_MAX_LENGTH)
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not domain.Institution.objects.matching(value).exists():
            raise ValidationError(
                _("No institution has the identifier or short name “%(value)s”."),
                params={"value": value},
                code="unknown_institution",
            )

    def clean(self, value):
        # Length first, so an over-long value never reaches the database lookup.
        value = self.to_python(value)
        self.run_validators(value)
        self.validate(value)
        return value


class FilterForm(forms.Form):
    """Checks that need two parameters at once."""

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("year_min"), cleaned.get("year_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "year_max",
                ValidationError(
                    _("year_max (%(high)s) is before year_min (%(low)s)."),
                    params={"low": low, "high": high},
                    code="year_range",
                ),
            )
        return cleaned


# --- Filters -----------------------------------------------------------------------------


class DocumentedFilter(django_filters.Filter):
    """A filter that states its OpenAPI schema, with its help text as the description."""

    schema: dict = {}

    def __init__(self, *args, example=None, **kwargs):
        super().__init__(*args, **kwargs)
        schema = dict(self.schema)
        if example is not None:
            schema["example"] = example
        if self.extra.get("help_text"):
            schema["description"] = self.extra["help_text"]
        extend_schema_field(schema)(self)


class YearFilter(DocumentedFilter):
    field_class = forms.IntegerField
    schema = {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX, "example": 2018}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        super().__init__(*args, **kwargs)


class CountryFilter(DocumentedFilter):
    field_class = CountryField
    schema = {"type": "string", "pattern": "^([A-Za-z]{2})?$", "example": "MX"}


class InstitutionFilter(DocumentedFilter):
    field_class = InstitutionReferenceField
    schema = {"type": "string", "maxLength": REFERENCE_MAX_LENGTH, "example": "SEDENA"}


class TextFilter(DocumentedFilter, django_filters.CharFilter):
    schema = {"type": "string", "maxLength": TEXT_MAX_LENGTH}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", TEXT_MAX_LENGTH)
        super().__init__(*args, **kwargs)


class OrderingFilter(django_filters.OrderingFilter):
    """Ordering that is the same on every database and every page.

    Empty values sort last in both directions (SQLite and PostgreSQL disagree by
    default), the identifier breaks ties so that pages never overlap, and without the
    parameter the data set's natural order applies.
    """

    def __init__(self, *args, default: tuple[str, ...] = ("id",), **kwargs):
        self.default = default
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        params = [param for param in (value or ()) if param] or list(self.default)
        ordering = []
        for param in params:
            name = self.get_ordering_value(param)
            expression = F(name.lstrip("-"))
            ordering.append(
                expression.desc(nulls_last=True) if name.startswith("-") else expression.asc(nulls_last=True)
            )
        return qs.order_by(*ordering, "public_id")


def ordering_help(fields: dict[str, str], default: tuple[str, ...]) -> str:
    return format_lazy(
        _(
            "Sort by one or more of {names}, comma-separated; a leading “-” sorts descending. "
            "Empty values come last; ties are broken by id. Default: {default}."
        ),
        names=", ".join(fields.values()),
        default=",".join(default),
    )


# --- FilterSets --------------------------------------------------------------------------


class DataSetFilterSet(django_filters.FilterSet):
    class Meta:
        form = FilterForm
        fields: list[str] = []


def _ordering(fields: dict[str, str], default: tuple[str, ...]) -> OrderingFilter:
    return OrderingFilter(fields=fields, default=default, help_text=ordering_help(fields, default))


def _year_min() -> YearFilter:
    return YearFilter(method="filter_year_min", help_text=_("Only records of this year or later, e.g. 2018."))


def _year_max() -> YearFilter:
    return YearFilter(
        method="filter_year_max", example=2025, help_text=_("Only records of this year or earlier, e.g. 2025.")
    )


def _donor_country() -> CountryFilter:
    return CountryFilter(
        method="filter_donor_country",
        help_text=_("Country of the giving institution (ISO 3166-1 alpha-2, any case), e.g. MX."),
    )


def _recipient_country() -> CountryFilter:
    return CountryFilter(
        method="filter_recipient_country",
        example="HT",
        help_text=_("Country of the receiving institution (ISO 3166-1 alpha-2, any case), e.g. HT."),
    )


def _recipient() -> InstitutionFilter:
    return InstitutionFilter(
        method="filter_recipient",
        example="ht-fadh",
        help_text=_("Receiving institution: its identifier or short name, case-insensitive, e.g. ht-fadh or FAd'H."),
    )


def giver_filter(role: str) -> InstitutionFilter:
    return InstitutionFilter(
        method="filter_donor",
        help_text=format_lazy(
            _("{role}: its identifier or short name, case-insensitive, e.g. mx-sedena or SEDENA."), role=role
        ),
    )


class ScopeFilterSet(DataSetFilterSet):
    """The scope every figure data set shares: years, countries and the receiving
    institution. The giver is ``donor``, or ``provider`` for cohorts (``giver_filter``);
    the year is the data set's own (``YEAR_LOOKUP``)."""

    year_min = _year_min()
    year_max = _year_max()
    donor_country = _donor_country()
    recipient_country = _recipient_country()
    recipient = _recipient()

    def filter_year_min(self, queryset, name, value):
        return queryset.year_min(value)

    def filter_year_max(self, queryset, name, value):
        return queryset.year_max(value)

    def filter_donor_country(self, queryset, name, value):
        return queryset.donor_country(value)

    def filter_recipient_country(self, queryset, name, value):
        return queryset.recipient_country(value)

    def filter_donor(self, queryset, name, value):
        return queryset.donor(value)

    def filter_recipient(self, queryset, name, value):
        return queryset.recipient(value)


class FigureFilterSet(ScopeFilterSet):
    q = TextFilter(
        method="filter_search",
        help_text=_("Text in the record's identifier, description, notes or any citation's verbatim excerpt."),
    )
    status = django_filters.ChoiceFilter(
        choices=domain.Status.choices,
        help_text=_("Publication status. Anonymous clients see published records only, whatever this says."),
    )

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


COHORT_ORDERING = {"public_id": "id", "year": "year", "trainees": "trainees", "start": "start", "end": "end"}
DONATION_ORDERING = {
    "public_id": "id",
    "date": "date",
    "quantity": "quantity",
    "value": "value",
    "category": "category",
}
PLEDGE_ORDERING = {"public_id": "id", "announced": "announced", "period_start": "period_start", "quantity": "quantity"}
REPORTED_ORDERING = {"public_id": "id", "stated_on": "stated_on", "value": "value", "period_end": "period_end"}


class CohortFilterSet(FigureFilterSet):
    provider = giver_filter(_("Training institution"))
    stage = django_filters.ChoiceFilter(
        choices=domain.CohortStage.choices,
        help_text=_("completed, in_training or selected (not yet reported trained)."),
    )
    ordering = _ordering(COHORT_ORDERING, ("year", "id"))

    class Meta(DataSetFilterSet.Meta):
        model = domain.TrainingCohort


class DonationFilterSet(FigureFilterSet):
    donor = giver_filter(_("Giving institution"))
    category = django_filters.ChoiceFilter(
        choices=domain.DonationCategory.choices, help_text=_("Category of what was given.")
    )
    ordering = _ordering(DONATION_ORDERING, ("date", "id"))

    class Meta(DataSetFilterSet.Meta):
        model = domain.EquipmentDonation


class PledgeFilterSet(FigureFilterSet):
    donor = giver_filter(_("Promising institution"))
    kind = django_filters.ChoiceFilter(
        choices=domain.PledgeKind.choices, help_text=_("What is promised: training, equipment or funding.")
    )
    ordering = _ordering(PLEDGE_ORDERING, ("announced", "id"))

    class Meta(DataSetFilterSet.Meta):
        model = domain.Pledge


class ReportedFigureFilterSet(FigureFilterSet):
    donor = giver_filter(_("Institution whose effort the total counts"))
    measure = django_filters.ChoiceFilter(choices=domain.Measure.choices, help_text=_("What the figure measures."))
    ordering = _ordering(REPORTED_ORDERING, ("stated_on", "id"))

    class Meta(DataSetFilterSet.Meta):
        model = domain.ReportedFigure


class InstitutionFilterSet(DataSetFilterSet):
    country = CountryFilter(
        field_name="country", lookup_expr="iexact", help_text=_("ISO 3166-1 alpha-2 country code, e.g. HT.")
    )
    kind = django_filters.ChoiceFilter(choices=domain.InstitutionKind.choices, help_text=_("Kind of institution."))
    q = TextFilter(method="filter_search", help_text=_("Text in the identifier, name or short name."))
    ordering = _ordering({"public_id": "id", "country": "country", "name": "name"}, ("country", "name"))

    class Meta(DataSetFilterSet.Meta):
        model = domain.Institution

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


class SourceFilterSet(DataSetFilterSet):
    kind = django_filters.ChoiceFilter(choices=domain.SourceKind.choices, help_text=_("Kind of document."))
    language = TextFilter(
        field_name="language", lookup_expr="iexact", max_length=8, help_text=_("ISO 639-1 language code, e.g. es.")
    )
    q = TextFilter(method="filter_search", help_text=_("Text in the title, publisher or URL."))
    ordering = _ordering({"public_id": "id", "published": "published", "publisher": "publisher"}, ("id",))

    class Meta(DataSetFilterSet.Meta):
        model = domain.Source

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


class TrainingStatsFilterSet(ScopeFilterSet):
    """The parameters of the training statistics: the scope of a chart.

    ``provider`` names the training institution of cohorts and the giver of the
    announced totals and pledges set against them; the year range applies to each
    data set's own year (the cohort's year, the total's statement date, the pledge's
    announcement). ``scoped`` narrows any figure queryset to the same scope.
    """

    provider = giver_filter(_("Training institution (and giver of the announced totals and pledges)"))

    class Meta(DataSetFilterSet.Meta):
        model = domain.TrainingCohort

    def scoped(self, queryset):
        """A cohort, reported figure or pledge queryset narrowed to this scope (after ``is_valid()``)."""
        return self.filter_queryset(queryset)


FILTERSETS = {
    "institutions": InstitutionFilterSet,
    "sources": SourceFilterSet,
    "cohorts": CohortFilterSet,
    "donations": DonationFilterSet,
    "pledges": PledgeFilterSet,
    "reported-figures": ReportedFigureFilterSet,
}
