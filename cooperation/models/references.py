"""Who gives and receives (institutions), and the public documents that state figures (sources)."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.models.common import DATE_HELP, PRECISION_HELP, HistoryExtras, validate_country
from cooperation.partialdates import (
    DatePrecision,
    display_partial_date,
    format_partial_date,
    precision_is_consistent,
)


class InstitutionKind(models.TextChoices):
    ARMED_FORCES = "armed_forces", _("armed forces")
    POLICE = "police", _("police")
    MINISTRY = "ministry", _("ministry")
    DEVELOPMENT_AGENCY = "development_agency", _("development agency")
    EMBASSY = "embassy", _("embassy")
    GOVERNMENT = "government", _("government")
    INTERNATIONAL_ORGANIZATION = "international_organization", _("international organisation")
    OTHER = "other", _("other")


class InstitutionQuerySet(models.QuerySet):
    def matching(self, reference: str) -> "InstitutionQuerySet":
        """An institution named by its public id ("mx-sedena") or short name ("SEDENA")."""
        return self.filter(Q(public_id__iexact=reference) | Q(short_name__iexact=reference))

    def search(self, text: str) -> "InstitutionQuerySet":
        return self.filter(Q(name__icontains=text) | Q(short_name__icontains=text) | Q(public_id__icontains=text))


class Institution(models.Model):
    public_id = models.SlugField(
        _("identifier"),
        max_length=64,
        help_text=_("Country code and name, e.g. “mx-sedena”, “ht-pnh”; bare for multilateral bodies (“undp”)."),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        validators=[validate_country],
        help_text=_("ISO 3166-1 alpha-2 code, e.g. MX or HT. Empty for multilateral bodies such as UNDP."),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Official name in its own language, e.g. “Secretaría de la Defensa Nacional”."),
    )
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("Acronym used by the sources, e.g. SEDENA, PNH, FAd'H.")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=InstitutionKind.choices)

    objects = InstitutionQuerySet.as_manager()
    history = HistoricalRecords(bases=[HistoryExtras])

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(fields=["public_id"], name="cooperation_institution_public_id_unique"),
            models.CheckConstraint(
                condition=Q(country="") | Exact(Length("country"), 2),
                name="cooperation_institution_country_iso2",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name or self.public_id

    def get_absolute_url(self) -> str:
        return reverse("institution-detail", args=[self.public_id])


class SourceKind(models.TextChoices):
    GOVERNMENT_RELEASE = "government_release", _("government release")
    NEWS = "news", _("news")
    NGO_REPORT = "ngo_report", _("NGO report")
    UN_DOCUMENT = "un_document", _("UN document")
    OTHER = "other", _("other")


class SourceQuerySet(models.QuerySet):
    def search(self, text: str) -> "SourceQuerySet":
        return self.filter(Q(title__icontains=text) | Q(publisher__icontains=text) | Q(url__icontains=text))


class Source(models.Model):
    public_id = models.SlugField(_("identifier"), max_length=64, help_text=_("e.g. “S01”."))
    title = models.CharField(
        _("title"),
        max_length=500,
        help_text=_(
            "Verbatim title. A title that starts with a bracketed tag such as “[lead] …” is a "
            "label built from the page, not a verbatim title."
        ),
    )
    publisher = models.CharField(_("publisher"), max_length=200, help_text=_("e.g. “Le Nouvelliste”, “SRE”."))
    url = models.URLField(
        _("URL"), max_length=1000, help_text=_("Where the document is read, e.g. https://www.gob.mx/sre/prensa/…")
    )
    archived_url = models.URLField(
        _("archived URL"),
        max_length=1000,
        blank=True,
        help_text=_("A copy in a web archive, in case the page moves, e.g. https://web.archive.org/web/2025/…"),
    )
    published = models.DateField(_("published"), null=True, blank=True, help_text=DATE_HELP)
    published_precision = models.CharField(
        _("published date precision"), max_length=5, choices=DatePrecision.choices, blank=True, help_text=PRECISION_HELP
    )
    language = models.CharField(_("language"), max_length=8, help_text=_("ISO 639-1 code, e.g. es, fr, en."))
    kind = models.CharField(_("kind"), max_length=32, choices=SourceKind.choices)
    notes = models.TextField(_("notes"), blank=True)
    # Moves the data version when only a source is corrected (``tabular.package_version``).
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = SourceQuerySet.as_manager()
    # Every create, change and delete, with who, when and why (``cooperation.history``).
    history = HistoricalRecords(bases=[HistoryExtras])

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["public_id"]
        constraints = [
            models.UniqueConstraint(fields=["public_id"], name="cooperation_source_public_id_unique"),
            models.UniqueConstraint(fields=["url"], name="cooperation_source_url_unique"),
            models.CheckConstraint(
                condition=precision_is_consistent("published"), name="cooperation_source_published_precision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.public_id} · {self.publisher}" if self.publisher else str(self.public_id)

    def get_absolute_url(self) -> str:
        return reverse("source-detail", args=[self.public_id])

    @property
    def published_display(self) -> str:
        return display_partial_date(self.published, self.published_precision)

    @property
    def published_iso(self) -> str:
        return format_partial_date(self.published, self.published_precision)
