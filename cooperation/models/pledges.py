"""Promises of training, equipment or money."""

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.models.common import (
    CURRENCY_HELP,
    DATE_HELP,
    PRECISION_HELP,
    quantity_and_money_constraints,
    validate_currency,
    validate_money,
)
from cooperation.models.figures import CoveredPeriod, FigureRecord, period_constraints, record_constraints
from cooperation.models.references import Institution
from cooperation.partialdates import (
    DatePrecision,
    display_partial_date,
    precision_is_consistent,
)


class PledgeKind(models.TextChoices):
    TRAINING = "training", _("training of personnel")
    EQUIPMENT = "equipment", _("equipment")
    FUNDING = "funding", _("funding")


class Pledge(CoveredPeriod, FigureRecord):
    YEAR_LOOKUP = "announced__year"
    CITATION_FIELD = "pledge"
    SEARCH_FIELDS = ("description",)
    PUBLIC_ID_PREFIX = "pledge"
    HEADLINE_FIELDS = ("quantity", "amount")

    donor = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="pledges_made", verbose_name=_("donor")
    )
    recipient = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="pledges_received", verbose_name=_("recipient")
    )
    kind = models.CharField(
        _("what is promised"),
        max_length=16,
        choices=PledgeKind.choices,
        help_text=_("e.g. training of personnel for “will train 150 Haitian military personnel”."),
    )
    description = models.TextField(
        _("description"), help_text=_("e.g. “Mexican Army will train 150 Haitian military personnel in Mexico”.")
    )
    announced = models.DateField(_("announced"), null=True, blank=True, help_text=DATE_HELP)
    announced_precision = models.CharField(
        _("announced precision"), max_length=5, choices=DatePrecision.choices, blank=True, help_text=PRECISION_HELP
    )
    quantity = models.PositiveIntegerField(
        _("quantity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Personnel or items promised, e.g. 150. Empty when none is stated."),
    )
    unit = models.CharField(
        _("unit"), max_length=40, blank=True, help_text=_("e.g. soldiers, police_officers, vehicles.")
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Money promised, e.g. 15000000."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[validate_currency], help_text=CURRENCY_HELP
    )

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        # Publishing and withdrawing is the reviewer's step (``cooperation.workflow``).
        permissions = [("publish_pledge", _("Can publish and withdraw pledges"))]
        ordering = ["announced", "public_id"]
        constraints = record_constraints(
            "pledge",
            [
                *quantity_and_money_constraints("pledge", "amount"),
                models.CheckConstraint(
                    condition=precision_is_consistent("announced"), name="cooperation_pledge_announced_precision"
                ),
                *period_constraints("pledge"),
            ],
        )

    def record_year(self):
        for value in (self.period_start, self.announced):
            if value:
                return value.year
        return None

    def when_display(self) -> str:
        return display_partial_date(self.announced, self.announced_precision)

    def clean(self):
        validate_money(self.amount, self.currency)
        self.clean_period()

    def get_absolute_url(self) -> str:
        return reverse("record-detail", args=["pledges", self.public_id])
