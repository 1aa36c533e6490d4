"""Groups of personnel trained."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.models.common import DATE_HELP, PRECISION_HELP, end_not_before_start, positive_or_unknown
from cooperation.models.figures import FigureRecord, record_constraints
from cooperation.models.references import Institution
from cooperation.partialdates import (
    DatePrecision,
    display_period,
    precision_is_consistent,
)


class CohortStage(models.TextChoices):
    COMPLETED = "completed", _("completed training")
    IN_TRAINING = "in_training", _("in training")
    SELECTED = "selected", _("selected or expected, not yet reported trained")


class PersonnelUnit(models.TextChoices):
    PERSONNEL = "personnel", _("personnel (unspecified or mixed)")
    SOLDIERS = "soldiers", _("soldiers")
    POLICE_OFFICERS = "police_officers", _("police officers")
    RECRUITS = "recruits", _("recruits")
    CADETS = "cadets", _("cadets")
    INSTRUCTORS = "instructors", _("instructors")


class TrainingCohort(FigureRecord):
    DONOR_FIELD = "provider"
    YEAR_LOOKUP = "year"
    CITATION_FIELD = "cohort"
    SEARCH_FIELDS = ("programme", "place")
    PUBLIC_ID_PREFIX = "cohort"
    HEADLINE_FIELDS = ("trainees",)

    provider = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="cohorts_provided",
        verbose_name=_("provider"),
        help_text=_(
            "Who trained them, e.g. SEDENA. Use the country-level institution when a source says only “Mexico”."
        ),
    )
    recipient = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="cohorts_received",
        verbose_name=_("recipient"),
        help_text=_("The force the trainees belong to, e.g. FAd'H or PNH."),
    )
    programme = models.CharField(
        _("programme or course"), max_length=300, blank=True, help_text=_("e.g. “drone-piloting course”.")
    )
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("e.g. “Temamatla, Mexico”."))
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_(
            "Year of the training, as a source dates it, e.g. 2025. Empty when no source dates the group: "
            "it then appears in tables but not in per-year charts."
        ),
    )
    start = models.DateField(_("start"), null=True, blank=True, help_text=DATE_HELP)
    start_precision = models.CharField(
        _("start precision"), max_length=5, choices=DatePrecision.choices, blank=True, help_text=PRECISION_HELP
    )
    end = models.DateField(_("end"), null=True, blank=True, help_text=DATE_HELP)
    end_precision = models.CharField(
        _("end precision"), max_length=5, choices=DatePrecision.choices, blank=True, help_text=PRECISION_HELP
    )
    trainees = models.PositiveIntegerField(
        _("personnel trained"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("The headline number, one that a citation states, e.g. 143. Empty when no source gives a number."),
    )
    women = models.PositiveIntegerField(
        _("women"),
        null=True,
        blank=True,
        help_text=_("Only where a source states it for the same group, e.g. 15. Never more than the total."),
    )
    unit = models.CharField(
        _("who"),
        max_length=32,
        choices=PersonnelUnit.choices,
        default=PersonnelUnit.PERSONNEL,
        help_text=_("Who the sources say was trained, e.g. soldiers for FAd'H troops, police officers for PNH."),
    )
    stage = models.CharField(
        _("stage"),
        max_length=16,
        choices=CohortStage.choices,
        default=CohortStage.COMPLETED,
        help_text=_("What the sources report about the group: trained, in training, or only selected/expected."),
    )

    class Meta:
        verbose_name = _("training cohort")
        verbose_name_plural = _("training cohorts")
        # Publishing and withdrawing is the reviewer's step (``cooperation.workflow``).
        permissions = [("publish_trainingcohort", _("Can publish and withdraw training cohorts"))]
        ordering = ["year", "public_id"]
        constraints = record_constraints(
            "cohort",
            [
                models.CheckConstraint(
                    condition=positive_or_unknown("trainees"), name="cooperation_cohort_trainees_positive"
                ),
                models.CheckConstraint(
                    condition=Q(women__isnull=True) | Q(trainees__isnull=True) | Q(women__lte=models.F("trainees")),
                    name="cooperation_cohort_women_not_above_trainees",
                ),
                models.CheckConstraint(
                    condition=end_not_before_start("start", "end"), name="cooperation_cohort_end_not_before_start"
                ),
                models.CheckConstraint(
                    condition=Q(year__isnull=True) | Q(year__gte=1900, year__lte=2100),
                    name="cooperation_cohort_year_plausible",
                ),
                models.CheckConstraint(
                    condition=precision_is_consistent("start"), name="cooperation_cohort_start_precision"
                ),
                models.CheckConstraint(
                    condition=precision_is_consistent("end"), name="cooperation_cohort_end_precision"
                ),
            ],
        )
        indexes = [models.Index(fields=["status", "year"], name="coop_cohort_status_year")]

    def record_year(self):
        return self.year

    def when_display(self) -> str:
        return self.period_display or (str(self.year) if self.year else "")

    def clean(self):
        errors = {}
        if self.women is not None and self.trainees is not None and self.women > self.trainees:
            errors["women"] = _(
                "The number of women (%(women)s) cannot be above the number trained (%(trainees)s)."
            ) % {
                "women": self.women,
                "trainees": self.trainees,
            }
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end cannot be before the start.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse("record-detail", args=["cohorts", self.public_id])

    @property
    def period_display(self) -> str:
        return display_period(self.start, self.start_precision, self.end, self.end_precision)
