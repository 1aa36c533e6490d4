"""The domain: institutions, sources, figure records and the citations that tie them.

Every figure record (cohort, donation, pledge, reported figure) carries one or more
citations; each citation quotes its source verbatim and gives the number *as that
source states it*. Sources disagree: one real-world group is one record with several
citations, and the record's headline number must be one that a citation states
(``FigureRecord.headline_is_stated``). A number nobody states is ``None``, never 0.
"""

from decimal import Decimal

import pycountry
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.partialdates import (
    DatePrecision,
    display_partial_date,
    display_period,
    format_partial_date,
    precision_is_consistent,
)

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


class FigureQuerySet(models.QuerySet):
    """The filter vocabulary shared by the API, the pages and the statistics."""

    def published(self) -> "FigureQuerySet":
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user) -> "FigureQuerySet":
        if user is not None and user.is_authenticated and user.is_staff:
            return self
        return self.published()

    def _field(self, role: str) -> str:
        return self.model.DONOR_FIELD if role == "donor" else "recipient"

    def year_min(self, year: int) -> "FigureQuerySet":
        return self.filter(**{f"{self.model.YEAR_LOOKUP}__gte": year})

    def year_max(self, year: int) -> "FigureQuerySet":
        return self.filter(**{f"{self.model.YEAR_LOOKUP}__lte": year})

    def donor_country(self, country: str) -> "FigureQuerySet":
        return self.filter(**{f"{self._field('donor')}__country__iexact": country})

    def recipient_country(self, country: str) -> "FigureQuerySet":
        return self.filter(recipient__country__iexact=country)

    def donor(self, reference: str) -> "FigureQuerySet":
        donor = self._field("donor")
        return self.filter(
            Q(**{f"{donor}__public_id__iexact": reference}) | Q(**{f"{donor}__short_name__iexact": reference})
        )

    def recipient(self, reference: str) -> "FigureQuerySet":
        return self.filter(Q(recipient__public_id__iexact=reference) | Q(recipient__short_name__iexact=reference))

    def search(self, text: str) -> "FigureQuerySet":
        """Text in the record's own fields or in any of its citations' excerpts."""
        in_excerpts = Citation.objects.filter(**{self.model.CITATION_FIELD: OuterRef("pk")}, excerpt__icontains=text)
        own = Q(public_id__icontains=text) | Q(notes__icontains=text)
        for field in self.model.SEARCH_FIELDS:
            own |= Q(**{f"{field}__icontains": text})
        return self.filter(own | Exists(in_excerpts))

    def with_related(self) -> "FigureQuerySet":
        """Everything a list page or serializer shows, in a fixed number of queries."""
        return self.select_related(self.model.DONOR_FIELD, "recipient").prefetch_related(
            models.Prefetch("citations", queryset=Citation.objects.select_related("source").order_by("public_id"))
        )


class FigureRecord(models.Model):
    """What every kind of figure record shares."""

    # Per subclass: the field naming the giver, the lookup giving the record's year,
    # the citation foreign key pointing at it, the text fields `q` searches and the
    # field holding the headline number.
    DONOR_FIELD = "donor"
    YEAR_LOOKUP = ""
    CITATION_FIELD = ""
    SEARCH_FIELDS: tuple[str, ...] = ()
    PUBLIC_ID_PREFIX = ""
    # The fields that can hold the headline number, in order of preference.
    HEADLINE_FIELDS: tuple[str, ...] = ()

    public_id = models.SlugField(_("identifier"), max_length=100, blank=True, help_text=PUBLIC_ID_HELP)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, help_text=STATUS_HELP
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Why this record is built the way it is: which sources disagree, and how the headline was chosen."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = FigureQuerySet.as_manager()
    # One history table per kind of record (``inherit``).
    history = HistoricalRecords(inherit=True, bases=[HistoryExtras])

    class Meta:
        abstract = True

    # --- The headline number ------------------------------------------------

    def headline_field(self) -> str | None:
        """The field holding the headline number: the first of HEADLINE_FIELDS that is known."""
        return next((name for name in self.HEADLINE_FIELDS if getattr(self, name) is not None), None)

    def headline_value(self) -> Decimal | int | None:
        field = self.headline_field()
        return getattr(self, field) if field else None

    def headline_is_stated(self, citations=None) -> bool:
        """True when the headline number is unknown or equals a number a citation states."""
        value = self.headline_value()
        if value is None:
            return True
        citations = self.citations.all() if citations is None else citations
        return any(
            citation.stated_value is not None and Decimal(citation.stated_value) == Decimal(value)
            for citation in citations
        )

    def check_citations(self, citations) -> None:
        """Rules that need the record's citations, saved or not yet saved (an admin
        inline formset passes unsaved ones). The admin, the API and the importer all
        call this, so the rules are written once."""
        citations = list(citations)
        errors = []
        if not self.headline_is_stated(citations):
            stated = sorted(
                {format(Decimal(c.stated_value).normalize(), "f") for c in citations if c.stated_value is not None}
            )
            errors.append(
                ValidationError(
                    _(
                        "The headline number %(value)s is not stated by any citation "
                        "(citations state: %(stated)s). Choose a number a source states."
                    ),
                    params={"value": self.headline_value(), "stated": ", ".join(stated) or "—"},
                    code="headline_not_stated",
                )
            )
        if self.status == Status.PUBLISHED and not any((c.excerpt or "").strip() for c in citations):
            errors.append(
                ValidationError(
                    _("A published record needs at least one citation with an excerpt."),
                    code="published_without_citation",
                )
            )
        if errors:
            raise ValidationError(errors)

    def validate_citations(self) -> None:
        """``check_citations`` against the citations stored in the database."""
        self.check_citations(self.citations.all())

    def look_alikes(self) -> "FigureQuerySet":
        """Other records with the same giver, recipient, year and headline number: most
        likely the same group or delivery entered twice (the admin warns before saving)."""
        year, field = self.record_year(), self.headline_field()
        if year is None or field is None or not self.recipient_id:
            return type(self).objects.none()
        return (
            type(self)
            .objects.filter(
                **{
                    f"{self.DONOR_FIELD}_id": getattr(self, f"{self.DONOR_FIELD}_id"),
                    "recipient_id": self.recipient_id,
                    self.YEAR_LOOKUP: year,
                    field: getattr(self, field),
                }
            )
            .exclude(pk=self.pk)
        )

    # --- Display -------------------------------------------------------------

    @property
    def giver(self) -> "Institution | None":
        return getattr(self, self.DONOR_FIELD)

    def when_display(self) -> str:
        """The record's date at the precision known, for tables."""
        raise NotImplementedError

    def headline_display(self) -> str:
        """The headline number with its unit or currency; "—" when no source states one."""
        value = self.headline_value()
        if value is None:
            return "—"
        number = formats.number_format(value, decimal_pos=0 if Decimal(value) == int(value) else 2, force_grouping=True)
        if self.headline_field() in MONEY_FIELDS and getattr(self, "currency", ""):
            return f"{self.currency} {number}"
        unit = getattr(self, "unit", "")
        return f"{number} {unit.replace('_', ' ')}".strip()

    # --- Identity -------------------------------------------------------------

    def public_id_parts(self) -> list[str]:
        donor = getattr(self, f"{self.DONOR_FIELD}_id", None) and getattr(self, self.DONOR_FIELD)
        return [
            self.PUBLIC_ID_PREFIX,
            str(self.record_year() or ""),
            donor.short_name or donor.public_id if donor else "",
            self.recipient.short_name or self.recipient.public_id if self.recipient_id else "",
        ]

    def record_year(self) -> int | None:
        raise NotImplementedError

    def assign_public_id(self) -> None:
        """Readable and unique: ``cohort-2025-sedena-fadh``, then ``-2``, ``-3`` …"""
        base = slugify("-".join(part for part in self.public_id_parts() if part))[:90] or self.PUBLIC_ID_PREFIX
        candidate, number = base, 1
        others = type(self).objects.exclude(pk=self.pk) if self.pk else type(self).objects.all()
        while others.filter(public_id=candidate).exists():
            number += 1
            candidate = f"{base}-{number}"
        self.public_id = candidate

    def save(self, *args, **kwargs):
        if not self.public_id:
            self.assign_public_id()
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.public_id or str(_("new record"))


def _record_constraints(prefix: str, extra: list) -> list:
    return [
        models.UniqueConstraint(fields=["public_id"], name=f"cooperation_{prefix}_public_id_unique"),
        *extra,
    ]


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
        constraints = _record_constraints(
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


class DonationCategory(models.TextChoices):
    PROTECTIVE_GEAR = "protective_gear", _("protective gear")
    VEHICLES = "vehicles", _("vehicles")
    COMMUNICATIONS = "communications", _("communications")
    DRONES = "drones", _("drones")
    WEAPONS = "weapons", _("weapons and ammunition")
    INFRASTRUCTURE = "infrastructure", _("infrastructure (e.g. command centres)")
    FUNDING = "funding", _("funding")
    OTHER = "other", _("other")


CURRENCY_HELP = _("ISO 4217 code of the monetary value, e.g. USD, CAD, EUR. Required with a value, empty without.")


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
        constraints = _record_constraints(
            "donation",
            [
                models.CheckConstraint(
                    condition=positive_or_unknown("quantity"), name="cooperation_donation_quantity_positive"
                ),
                models.CheckConstraint(
                    condition=positive_or_unknown("value"), name="cooperation_donation_value_positive"
                ),
                models.CheckConstraint(
                    condition=money_has_currency("value"), name="cooperation_donation_value_currency"
                ),
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


def validate_money(value, currency: str) -> None:
    if value is not None and not currency:
        raise ValidationError({"currency": _("A monetary value needs its ISO 4217 currency.")})
    if value is None and currency:
        raise ValidationError({"currency": _("A currency is given without a monetary value.")})


class PledgeKind(models.TextChoices):
    TRAINING = "training", _("training of personnel")
    EQUIPMENT = "equipment", _("equipment")
    FUNDING = "funding", _("funding")


class CoveredPeriod(models.Model):
    """The period a pledge or an announced total covers: a start and an end, each at its
    own precision, either of them unknown."""

    period_start = models.DateField(_("period start"), null=True, blank=True, help_text=DATE_HELP)
    period_start_precision = models.CharField(
        _("period start precision"), max_length=5, choices=DatePrecision.choices, blank=True, help_text=PRECISION_HELP
    )
    period_end = models.DateField(_("period end"), null=True, blank=True, help_text=DATE_HELP)
    period_end_precision = models.CharField(
        _("period end precision"), max_length=5, choices=DatePrecision.choices, blank=True, help_text=PRECISION_HELP
    )

    class Meta:
        abstract = True

    @property
    def period_display(self) -> str:
        return display_period(
            self.period_start, self.period_start_precision, self.period_end, self.period_end_precision
        )

    def clean_period(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end cannot be before the start.")})


def period_constraints(prefix: str) -> list[models.CheckConstraint]:
    """The database's half of ``CoveredPeriod``: end not before start, precisions consistent."""
    return [
        models.CheckConstraint(
            condition=end_not_before_start("period_start", "period_end"),
            name=f"cooperation_{prefix}_end_not_before_start",
        ),
        models.CheckConstraint(
            condition=precision_is_consistent("period_start"), name=f"cooperation_{prefix}_period_start_precision"
        ),
        models.CheckConstraint(
            condition=precision_is_consistent("period_end"), name=f"cooperation_{prefix}_period_end_precision"
        ),
    ]


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
        constraints = _record_constraints(
            "pledge",
            [
                models.CheckConstraint(
                    condition=positive_or_unknown("quantity"), name="cooperation_pledge_quantity_positive"
                ),
                models.CheckConstraint(
                    condition=positive_or_unknown("amount"), name="cooperation_pledge_amount_positive"
                ),
                models.CheckConstraint(
                    condition=money_has_currency("amount"), name="cooperation_pledge_amount_currency"
                ),
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
        constraints = _record_constraints(
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
