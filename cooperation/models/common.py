"""What the models share: help texts, validators, database conditions, status vocabularies."""

import pycountry
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

ISO_4217_CODES = frozenset(currency.alpha_3 for currency in pycountry.currencies)
ISO_3166_ALPHA2_CODES = frozenset(country.alpha_2 for country in pycountry.countries)

PUBLIC_ID_HELP = _(
    "Stable public identifier, kept across export and import. Lower case letters, digits "
    "and hyphens, e.g. “cohort-2025-sedena-fadh-basic”. Left empty, one is made from the record."
)


DATE_HELP = _(
    "As precise as a source says, with the precision beside it: “July 2025” is 2025-07-01 with precision "
    "“month”; “2025” alone is 2025-01-01 with precision “year”."
)
PRECISION_HELP = _("How precise the date beside it is: year, month or day. Required with a date, empty without.")
STATUS_HELP = _(
    "Draft → in review (an editor submits it) → published (a reviewer publishes it; only published records "
    "are public) → withdrawn (kept, with a reason)."
)

# Fields that hold money and therefore come with a currency.
MONEY_FIELDS = ("value", "amount")


def validate_currency(value: str) -> None:
    if value and value not in ISO_4217_CODES:
        raise ValidationError(
            _("“%(value)s” is not an ISO 4217 currency code such as USD, CAD or EUR."),
            params={"value": value},
            code="invalid_currency",
        )


def validate_country(value: str) -> None:
    if value and value not in ISO_3166_ALPHA2_CODES:
        raise ValidationError(
            _("“%(value)s” is not an ISO 3166-1 alpha-2 country code such as MX or HT."),
            params={"value": value},
            code="invalid_country",
        )


def money_has_currency(value_field: str) -> Q:
    """A monetary value comes with a three-letter currency, and a currency only with a value."""
    return Q(**{f"{value_field}__isnull": True, "currency": ""}) | (
        Q(**{f"{value_field}__isnull": False}) & Exact(Length("currency"), 3)
    )


def positive_or_unknown(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": 0})


def quantity_and_money_constraints(prefix: str, money_field: str) -> list[models.CheckConstraint]:
    """A count above zero when known, money above zero when known, money only with a
    currency: what donations and pledges both promise the database."""
    return [
        models.CheckConstraint(
            condition=positive_or_unknown("quantity"), name=f"cooperation_{prefix}_quantity_positive"
        ),
        models.CheckConstraint(
            condition=positive_or_unknown(money_field), name=f"cooperation_{prefix}_{money_field}_positive"
        ),
        models.CheckConstraint(
            condition=money_has_currency(money_field), name=f"cooperation_{prefix}_{money_field}_currency"
        ),
    ]


def end_not_before_start(start: str, end: str) -> Q:
    return Q(**{f"{start}__isnull": True}) | Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": models.F(start)})


class HistoryExtras(models.Model):
    """What each row of a history table carries besides the record's fields, who, when
    and why (``cooperation.history``): the change it belongs to, so that a record and its
    citations saved by one form read as one change, and the change a restore brought back."""

    change_set = models.UUIDField(_("change"), null=True, blank=True, db_index=True)
    restored_from = models.UUIDField(_("restored from"), null=True, blank=True)

    class Meta:
        abstract = True


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Qualifier(models.TextChoices):
    EXACT = "exact", _("exact")
    APPROXIMATE = "approximate", _("approximate")
    AT_LEAST = "at_least", _("at least")
    TARGET = "target", _("target")
    DENIED = "denied", _("denied")


CURRENCY_HELP = _("ISO 4217 code of the monetary value, e.g. USD, CAD, EUR. Required with a value, empty without.")


def validate_money(value, currency: str) -> None:
    if value is not None and not currency:
        raise ValidationError({"currency": _("A monetary value needs its ISO 4217 currency.")})
    if value is None and currency:
        raise ValidationError({"currency": _("A currency is given without a monetary value.")})
