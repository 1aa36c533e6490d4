"""Serializer fields for what the domain stores in its own way: dates known to a
precision, numbers that are decimals in the database, and references to institutions
and sources by their public identifier (read back as a short nested object)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cooperation import models as domain
from cooperation import stats
from cooperation.partialdates import DatePrecision, format_partial_date, parse_partial_date

# Longest identifier any model stores; longer input is refused without a database lookup.
REFERENCE_MAX_LENGTH = 100


PARTIAL_DATE_SCHEMA = {
    "type": "string",
    "nullable": True,
    "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
    "example": "2025-07",
    "description": "YYYY, YYYY-MM or YYYY-MM-DD: exactly as precise as the source; null when unknown.",
}
PRECISION_SCHEMA = {
    "type": "string",
    "nullable": True,
    "enum": [*DatePrecision.values, None],
    "readOnly": True,
    "description": "Precision of the date beside it: year, month or day; null when the date is unknown.",
}


@extend_schema_field(PARTIAL_DATE_SCHEMA)
class PartialDateField(serializers.Field):
    """A date and its precision as one ISO 8601 prefix: ``2025``, ``2025-07`` or ``2025-07-24``.

    Reads ``<name>`` and ``<name>_precision`` from the model; writing a prefix sets both.
    ``null`` (or ``""``) means unknown.
    """

    default_error_messages = {"invalid": _("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-07.")}

    def __init__(self, model_field: str, **kwargs):
        self.model_field = model_field
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(source="*", **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        value = getattr(instance, self.model_field)
        return format_partial_date(value, getattr(instance, f"{self.model_field}_precision")) or None

    def validate_empty_values(self, data):
        if data in (None, ""):
            return True, {self.model_field: None, f"{self.model_field}_precision": ""}
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        if not isinstance(data, str | int) or isinstance(data, bool):
            self.fail("invalid")
        try:
            value, precision = parse_partial_date(str(data))
        except ValueError:
            self.fail("invalid")
        return {self.model_field: value, f"{self.model_field}_precision": precision}


@extend_schema_field(PRECISION_SCHEMA)
class PrecisionField(serializers.ReadOnlyField):
    """The precision of a partial date: ``year``, ``month``, ``day``, or ``null`` when the date is unknown."""

    def to_representation(self, value):
        return value or None


class NumberField(serializers.DecimalField):
    """A decimal written as a JSON number: ``912``, not ``"912.00"``; ``7.3``, not ``"7.30"``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("coerce_to_string", False)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return stats.json_number(value)


@extend_schema_field({"type": "string", "format": "iri", "maxLength": 1000, "example": "https://example.org/página"})
class IRIField(serializers.URLField):
    """A URL as sources publish it, accented letters included: an IRI, not always a URI."""


@extend_schema_field(
    {"type": "string", "maxLength": 1000, "example": "https://web.archive.org/web/2025/https://example.org"}
)
class OptionalURLField(serializers.CharField):
    """A URL or the empty string. (Documented as a plain string: the ``oneOf`` that a blank
    ``URLField`` gets in the schema would match an empty string twice for validators that
    do not check formats.)"""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value:
            serializers.URLField().run_validators(value)
        return value


class ReferenceField(serializers.RelatedField):
    """A related row, written as its public identifier and read as a short object."""

    default_error_messages = {
        "does_not_exist": _("No {model} has the identifier “{value}”."),
        "incorrect_type": _("Expected an identifier (a string), got {data_type}."),
        "too_long": _("An identifier has at most {max} characters."),
    }
    model: type = None

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", self.model.objects.all())
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if len(data) > REFERENCE_MAX_LENGTH or "\x00" in data:
            self.fail("too_long", max=REFERENCE_MAX_LENGTH)
        try:
            return self.get_queryset().get(public_id=data)
        except self.model.DoesNotExist:
            self.fail("does_not_exist", model=self.model._meta.verbose_name, value=data)


class InstitutionField(ReferenceField):
    """Written as ``"mx-sedena"``; read as ``{id, name, short_name, country}``."""

    model = domain.Institution

    def to_representation(self, value):
        return stats.institution_summary(value)


class SourceField(ReferenceField):
    """Written as ``"S01"``; read as ``{id, title, publisher, url, published}``."""

    model = domain.Source

    def to_representation(self, value):
        return {
            "id": value.public_id,
            "title": value.title,
            "publisher": value.publisher,
            "url": value.url,
            "published": value.published_iso or None,
        }
