"""One source stating one figure record's number, in its own words."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.models.cohorts import TrainingCohort
from cooperation.models.common import HistoryExtras, Qualifier, Status, positive_or_unknown
from cooperation.models.donations import EquipmentDonation
from cooperation.models.figures import FigureRecord
from cooperation.models.pledges import Pledge
from cooperation.models.references import Source
from cooperation.models.reported import ReportedFigure

FIGURE_MODELS = (TrainingCohort, EquipmentDonation, Pledge, ReportedFigure)


class CitationQuerySet(models.QuerySet):
    def published(self) -> "CitationQuerySet":
        """Citations of published records."""
        condition = Q()
        for model in FIGURE_MODELS:
            condition |= Q(**{f"{model.CITATION_FIELD}__status": Status.PUBLISHED})
        return self.filter(condition)


class Citation(models.Model):
    """One source stating one figure record's number, in its own words.

    Exactly one of the four record keys is set (a database constraint): a real
    foreign key per kind keeps referential integrity that a generic relation lacks.
    """

    public_id = models.SlugField(_("identifier"), max_length=64, blank=True, help_text=_("e.g. “F031”."))
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="citations",
        verbose_name=_("source"),
        help_text=_("The document that states the figure, by its identifier or title, e.g. S01."),
    )
    cohort = models.ForeignKey(
        TrainingCohort, on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    donation = models.ForeignKey(
        EquipmentDonation, on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, null=True, blank=True, related_name="citations")
    reported_figure = models.ForeignKey(
        ReportedFigure, on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    excerpt = models.TextField(
        _("verbatim excerpt"),
        help_text=_("The passage that states the figure, copied exactly, e.g. “143 soldados haitianos concluyeron…”."),
    )
    stated_value = models.DecimalField(
        _("stated value"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "The number as this source states it, e.g. 150 where another source says 143. Empty when it gives none."
        ),
    )
    stated_unit = models.CharField(_("stated unit"), max_length=40, blank=True, help_text=_("e.g. soldiers, USD."))
    qualifier = models.CharField(
        _("qualifier"),
        max_length=16,
        choices=Qualifier.choices,
        blank=True,
        help_text=_(
            "From the source's own wording: “about” → approximate, “more than” → at least. Empty without a number."
        ),
    )
    locator = models.CharField(
        _("locator"), max_length=200, blank=True, help_text=_("Page or paragraph, e.g. “p. 4, §2”.")
    )
    notes = models.TextField(_("notes"), blank=True)
    # Editing only a citation moves the data version too (``tabular.package_version``).
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = CitationQuerySet.as_manager()
    history = HistoricalRecords(bases=[HistoryExtras])

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["public_id"]
        constraints = [
            models.UniqueConstraint(fields=["public_id"], name="cooperation_citation_public_id_unique"),
            models.CheckConstraint(
                condition=Q(
                    cohort__isnull=False, donation__isnull=True, pledge__isnull=True, reported_figure__isnull=True
                )
                | Q(cohort__isnull=True, donation__isnull=False, pledge__isnull=True, reported_figure__isnull=True)
                | Q(cohort__isnull=True, donation__isnull=True, pledge__isnull=False, reported_figure__isnull=True)
                | Q(cohort__isnull=True, donation__isnull=True, pledge__isnull=True, reported_figure__isnull=False),
                name="cooperation_citation_exactly_one_record",
            ),
            models.CheckConstraint(condition=~Q(excerpt=""), name="cooperation_citation_excerpt_required"),
            models.CheckConstraint(
                condition=positive_or_unknown("stated_value"), name="cooperation_citation_stated_value_positive"
            ),
            models.CheckConstraint(
                condition=Q(stated_value__isnull=True, qualifier="") | Q(stated_value__isnull=False) & ~Q(qualifier=""),
                name="cooperation_citation_qualifier_with_value",
            ),
        ]

    def __str__(self) -> str:
        return self.public_id or str(_("new citation"))

    @property
    def record(self) -> FigureRecord | None:
        return self.cohort or self.donation or self.pledge or self.reported_figure

    def clean(self):
        if not (self.excerpt or "").strip():
            raise ValidationError({"excerpt": _("A citation needs the verbatim excerpt that states the figure.")})
        if self.stated_value is not None and not self.qualifier:
            raise ValidationError({"qualifier": _("Say how the source states the number (exact, about, at least…).")})
        if self.stated_value is None and self.qualifier:
            raise ValidationError({"qualifier": _("A qualifier needs a stated value.")})

    def save(self, *args, **kwargs):
        if not self.public_id:
            self.public_id = _next_citation_id()
        super().save(*args, **kwargs)


def _next_citation_id() -> str:
    """Citations entered after the seed get ``C0001``, ``C0002`` … (the seed keeps its
    researched ``F001`` … identifiers)."""
    numbers = [
        int(public_id[1:])
        for public_id in Citation.objects.filter(public_id__regex=r"^C[0-9]+$").values_list("public_id", flat=True)
    ]
    return f"C{max(numbers, default=0) + 1:04d}"
