"""Equipment, infrastructure and money given."""

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
from cooperation.models.figures import FigureRecord, record_constraints
from cooperation.models.references import Institution
from cooperation.partialdates import (
    DatePrecision,
    display_partial_date,
    precision_is_consistent,
)


class DonationCategory(models.TextChoices):
    PROTECTIVE_GEAR = "protective_gear", _("protective gear")
    VEHICLES = "vehicles", _("vehicles")
    COMMUNICATIONS = "communications", _("communications")
    DRONES = "drones", _("drones")
    WEAPONS = "weapons", _("weapons and ammunition")
    INFRASTRUCTURE = "infrastructure", _("infrastructure (e.g. command centres)")
    FUNDING = "funding", _("funding")
    OTHER = "other", _("other")


class EquipmentDonation(FigureRecord):
    YEAR_LOOKUP = "date__year"
    CITATION_FIELD = "donation"
    SEARCH_FIELDS = ("description",)
    PUBLIC_ID_PREFIX = "donation"
    HEADLINE_FIELDS = ("quantity", "value")

    donor = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="donations_given",
        verbose_name=_("donor"),
        null=True,
        blank=True,
        help_text=_("Who gave it. Empty only when a source names no giver (e.g. a purchase from unnamed companies)."),
    )
    recipient = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="donations_received", verbose_name=_("recipient")
    )
    date = models.DateField(_("date"), null=True, blank=True, help_text=DATE_HELP)
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, blank=True, help_text=PRECISION_HELP
    )
    category = models.CharField(
        _("category"),
        max_length=32,
        choices=DonationCategory.choices,
        help_text=_("e.g. protective gear for helmets and vests, infrastructure for a command centre."),
    )
    description = models.TextField(
        _("description"), help_text=_("What was given, e.g. “1,000 items of personal protective equipment”.")
    )
    quantity = models.PositiveIntegerField(
        _("quantity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many, when a source says, e.g. 1000. Empty when no number is stated — never 0."),
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. items, vehicles, kits."))
    value = models.DecimalField(
        _("monetary value"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Stated monetary value, e.g. 645000."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[validate_currency], help_text=CURRENCY_HELP
    )

    class Meta:
        verbose_name = _("equipment donation")
        verbose_name_plural = _("equipment donations")
        # Publishing and withdrawing is the reviewer's step (``cooperation.workflow``).
        permissions = [("publish_equipmentdonation", _("Can publish and withdraw equipment donations"))]
        ordering = ["date", "public_id"]
        constraints = record_constraints(
            "donation",
            [
                *quantity_and_money_constraints("donation", "value"),
                models.CheckConstraint(
                    condition=precision_is_consistent("date"), name="cooperation_donation_date_precision"
                ),
            ],
        )
        indexes = [models.Index(fields=["status", "date"], name="coop_donation_status_date")]

    def record_year(self):
        return self.date.year if self.date else None

    def when_display(self) -> str:
        return self.date_display

    def clean(self):
        validate_money(self.value, self.currency)

    def get_absolute_url(self) -> str:
        return reverse("record-detail", args=["donations", self.public_id])

    @property
    def date_display(self) -> str:
        return display_partial_date(self.date, self.date_precision)
