"""What every kind of figure record shares: identity, status, the headline rule, the filter vocabulary."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.models.common import (
    DATE_HELP,
    MONEY_FIELDS,
    PRECISION_HELP,
    PUBLIC_ID_HELP,
    STATUS_HELP,
    HistoryExtras,
    Status,
    end_not_before_start,
)
from cooperation.models.references import Institution
from cooperation.partialdates import (
    DatePrecision,
    display_period,
    precision_is_consistent,
)


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
        from cooperation.models.citations import Citation  # citations.py imports this module

        in_excerpts = Citation.objects.filter(**{self.model.CITATION_FIELD: OuterRef("pk")}, excerpt__icontains=text)
        own = Q(public_id__icontains=text) | Q(notes__icontains=text)
        for field in self.model.SEARCH_FIELDS:
            own |= Q(**{f"{field}__icontains": text})
        return self.filter(own | Exists(in_excerpts))

    def with_related(self) -> "FigureQuerySet":
        """Everything a list page or serializer shows, in a fixed number of queries."""
        from cooperation.models.citations import Citation  # citations.py imports this module

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


def record_constraints(prefix: str, extra: list) -> list:
    return [
        models.UniqueConstraint(fields=["public_id"], name=f"cooperation_{prefix}_public_id_unique"),
        *extra,
    ]


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
