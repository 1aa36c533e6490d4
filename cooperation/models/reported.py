"""Announced totals: claims by a source, as of a date, about a period and scope."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.models.common import DATE_HELP, PRECISION_HELP, validate_currency
from cooperation.models.figures import CoveredPeriod, FigureRecord, period_constraints, record_constraints
from cooperation.models.references import Institution
from cooperation.partialdates import (
    DatePrecision,
    display_partial_date,
    precision_is_consistent,
)


class Measure(models.TextChoices):
    PERSONNEL_TRAINED = "personnel_trained", _("personnel trained")
    EQUIPMENT_ITEMS = "equipment_items", _("equipment items given")
    FUNDING = "funding", _("funding provided")


class ReportedFigure(CoveredPeriod, FigureRecord):
    """An announced total: a claim by a source, as of a date, about a period and scope."""

    YEAR_LOOKUP = "stated_on__year"
    CITATION_FIELD = "reported_figure"
    SEARCH_FIELDS = ("description",)
    PUBLIC_ID_PREFIX = "reported"
    HEADLINE_FIELDS = ("value",)

    donor = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="figures_as_donor",
        verbose_name=_("donor scope"),
        help_text=_("Whose effort the total counts, e.g. “Government of Mexico” for “trained by Mexico”."),
    )
    recipient = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="figures_as_recipient",
        verbose_name=_("recipient scope"),
        help_text=_("Who the total counts, e.g. FAd'H, or “Government of Haiti” for unspecified Haitian personnel."),
    )
    measure = models.CharField(
        _("what it measures"),
        max_length=32,
        choices=Measure.choices,
        help_text=_("e.g. personnel trained for “Mexico has trained 912 Haitian personnel since 2018”."),
    )
    description = models.TextField(
        _("description"), help_text=_("e.g. “Cumulative Haitian personnel trained by Mexico since 2018”.")
    )
    value = models.DecimalField(
        _("claimed value"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("The number claimed, as a source states it, e.g. 912."),
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. personnel, soldiers, kits."))
    currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        validators=[validate_currency],
        help_text=_("ISO 4217 code, only when the figure is money, e.g. USD."),
    )
    stated_on = models.DateField(_("stated on"), null=True, blank=True, help_text=DATE_HELP)
    stated_on_precision = models.CharField(
        _("stated on precision"), max_length=5, choices=DatePrecision.choices, blank=True, help_text=PRECISION_HELP
    )

    class Meta:
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        # Publishing and withdrawing is the reviewer's step (``cooperation.workflow``).
        permissions = [("publish_reportedfigure", _("Can publish and withdraw reported figures"))]
        ordering = ["stated_on", "public_id"]
        constraints = record_constraints(
            "reported",
            [
                models.CheckConstraint(condition=Q(value__gt=0), name="cooperation_reported_value_positive"),
                models.CheckConstraint(
                    condition=(Q(measure=Measure.FUNDING) & Exact(Length("currency"), 3))
                    | (~Q(measure=Measure.FUNDING) & Q(currency="")),
                    name="cooperation_reported_money_has_currency",
                ),
                *period_constraints("reported"),
                models.CheckConstraint(
                    condition=precision_is_consistent("stated_on"), name="cooperation_reported_stated_on_precision"
                ),
            ],
        )

    def record_year(self):
        return self.stated_on.year if self.stated_on else None

    def when_display(self) -> str:
        return display_partial_date(self.stated_on, self.stated_on_precision)

    def clean(self):
        if self.measure == Measure.FUNDING and not self.currency:
            raise ValidationError({"currency": _("A funding figure needs its ISO 4217 currency.")})
        if self.measure != Measure.FUNDING and self.currency:
            raise ValidationError({"currency": _("Only a funding figure has a currency.")})
        self.clean_period()

    def get_absolute_url(self) -> str:
        return reverse("record-detail", args=["reported-figures", self.public_id])
