"""Serializers: the JSON shape of every resource, and writes validated by the models.

Every write runs the model's own validation (``full_clean``: fields, ``clean()`` and
the database constraints) and, for figure records, ``check_citations`` on the citations
being written: the rules the admin and the importer enforce, written once, in
``cooperation.models``. A record and its citations are saved together or not at all.
"""

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.settings import api_settings

from cooperation import models as domain
from cooperation.api.fields import (
    InstitutionField,
    IRIField,
    NumberField,
    OptionalURLField,
    PartialDateField,
    PrecisionField,
    SourceField,
)

# Integer columns are 32-bit on PostgreSQL; larger input is refused before the database.
INTEGER_MAX = 2_147_483_647
SMALLEST_AMOUNT = Decimal("0.01")
RECORD_FOREIGN_KEYS = [model.CITATION_FIELD for model in domain.FIGURE_MODELS]


def _api_errors(error: DjangoValidationError, field_names: dict[str, str]) -> dict:
    """A model ValidationError keyed by the API's field names (``public_id`` → ``id``)."""
    if not hasattr(error, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    errors = {}
    for name, messages in error.message_dict.items():
        key = api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else field_names.get(name, name)
        errors.setdefault(key, []).extend(messages)
    return errors


class ModelValidatedSerializer(serializers.ModelSerializer):
    """Builds the model instance in ``validate`` and runs the model's ``full_clean`` on it."""

    id = serializers.CharField(
        source="public_id",
        max_length=64,
        help_text=_("Stable public identifier, kept across export and import."),
    )

    def api_field_names(self) -> dict[str, str]:
        """Model field → API field, for mapping model errors back to what the client sent."""
        names = {}
        for name, field in self.fields.items():
            if isinstance(field, PartialDateField):
                names[field.model_field] = names[f"{field.model_field}_precision"] = name
            elif field.source not in ("*", None):
                names[field.source] = name
        return names

    def build_instance(self, attrs: dict):
        instance = self.instance if self.instance is not None else self.Meta.model()
        for name, value in attrs.items():
            setattr(instance, name, value)
        return instance

    def validate(self, attrs):
        instance = self.build_instance(attrs)
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(_api_errors(error, self.api_field_names())) from None
        self.validated_instance = instance
        return attrs

    def create(self, validated_data):
        self.validated_instance.save()
        return self.validated_instance

    def update(self, instance, validated_data):
        self.validated_instance.save()
        return self.validated_instance


class InstitutionSerializer(ModelValidatedSerializer):
    class Meta:
        model = domain.Institution
        fields = ["id", "country", "name", "short_name", "kind"]


class SourceSerializer(ModelValidatedSerializer):
    url = IRIField(max_length=1000, help_text=_("Address of the document, e.g. https://www.gob.mx/sedena/…"))
    archived_url = OptionalURLField(help_text=_("Address of an archived copy, or empty."))
    published = PartialDateField("published", help_text=_("Publication date at its known precision, e.g. 2025-07."))
    published_precision = PrecisionField()

    class Meta:
        model = domain.Source
        fields = [
            "id",
            "title",
            "publisher",
            "url",
            "archived_url",
            "published",
            "published_precision",
            "language",
            "kind",
            "notes",
        ]


class CitationSerializer(serializers.ModelSerializer):
    """One source stating the record's number, in its own words."""

    id = serializers.CharField(
        source="public_id",
        max_length=64,
        required=False,
        allow_blank=True,
        help_text=_("Identifier of the citation. Omit it for a new citation: one is assigned (C0001 …)."),
    )
    source = SourceField(help_text=_("The source's identifier, e.g. S01; read back as a short object."))
    stated_value = NumberField(
        max_digits=16,
        decimal_places=2,
        min_value=SMALLEST_AMOUNT,
        required=False,
        allow_null=True,
        help_text=_("The number as this source states it, e.g. 150 where another source says 143."),
    )

    class Meta:
        model = domain.Citation
        fields = ["id", "source", "excerpt", "stated_value", "stated_unit", "qualifier", "locator"]
        # The public id's uniqueness depends on which record the citation belongs to: checked in the record.
        extra_kwargs = {"locator": {"required": False}, "stated_unit": {"required": False}}


class FigureRecordSerializer(ModelValidatedSerializer):
    """What every figure record's JSON shares; subclasses name their fields."""

    id = serializers.CharField(
        source="public_id",
        max_length=100,
        required=False,
        allow_blank=True,
        help_text=_(
            "Stable public identifier, e.g. “cohort-2025-sedena-fadh”. Omit it when creating: one is made "
            "from the record. It cannot be changed afterwards."
        ),
    )
    recipient = InstitutionField(help_text=_("Receiving institution; written as its identifier, e.g. ht-fadh."))
    citations = CitationSerializer(
        many=True,
        required=False,
        help_text=_(
            "The sources stating the record's number. Written as a whole: the list replaces the record's "
            "citations (a listed id keeps that citation). The headline number must be one a citation states, "
            "and a published record needs a citation with an excerpt."
        ),
    )

    def validate(self, attrs):
        if self.instance is not None and "public_id" in attrs and attrs["public_id"] != self.instance.public_id:
            raise serializers.ValidationError({"id": [_("The identifier of a record cannot be changed.")]})
        citations = attrs.pop("citations", None)
        super().validate(attrs)
        record = self.validated_instance
        if citations is None:
            self.validated_citations = None
            kept = list(record.citations.all()) if record.pk else []
        else:
            self.validated_citations = kept = self._build_citations(record, citations)
        try:
            record.check_citations(kept)
        except DjangoValidationError as error:
            raise serializers.ValidationError({"citations": error.messages}) from None
        return attrs

    def _build_citations(self, record, items: list[dict]) -> list[domain.Citation]:
        current = {citation.public_id: citation for citation in record.citations.all()} if record.pk else {}
        given = [item.get("public_id") for item in items if item.get("public_id")]
        taken = set(
            domain.Citation.objects.filter(public_id__in=given)
            .exclude(pk__in=[citation.pk for citation in current.values()])
            .values_list("public_id", flat=True)
        )
        citations, errors, seen = [], {}, set()
        for index, item in enumerate(items):
            public_id = item.get("public_id") or ""
            citation = current.get(public_id) or domain.Citation(public_id=public_id)
            for name, value in item.items():
                setattr(citation, name, value)
            problems = {}
            if public_id in seen:
                problems["id"] = [_("This citation is listed twice.")]
            elif public_id in taken:
                problems["id"] = [_("Another record's citation has this identifier.")]
            seen.add(public_id or object())
            try:
                citation.full_clean(exclude=[*RECORD_FOREIGN_KEYS, "public_id"])
            except DjangoValidationError as error:
                for key, messages in _api_errors(error, {"public_id": "id"}).items():
                    problems.setdefault(key, []).extend(messages)
            if problems:
                errors[index] = problems
            citations.append(citation)
        if errors:
            raise serializers.ValidationError({"citations": errors})
        return citations

    def _save(self):
        record = self.validated_instance
        with transaction.atomic():
            record.save()
            if self.validated_citations is not None:
                kept = [citation.pk for citation in self.validated_citations if citation.pk]
                record.citations.exclude(pk__in=kept).delete()
                for citation in self.validated_citations:
                    setattr(citation, record.CITATION_FIELD, record)
                    citation.save()
        return record

    def create(self, validated_data):
        return self._save()

    def update(self, instance, validated_data):
        return self._save()


def _integer(help_text, **kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=INTEGER_MAX, help_text=help_text, **kwargs
    )


def _money(help_text) -> NumberField:
    return NumberField(
        max_digits=16,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=SMALLEST_AMOUNT,
        help_text=help_text,
    )


RECORD_FIELDS = ["id", "status"]


class CohortSerializer(FigureRecordSerializer):
    provider = InstitutionField(help_text=_("Training institution; written as its identifier, e.g. mx-sedena."))
    start = PartialDateField("start", help_text=_("Start at its known precision, e.g. 2025-07."))
    start_precision = PrecisionField()
    end = PartialDateField("end", help_text=_("End at its known precision."))
    end_precision = PrecisionField()
    trainees = _integer(_("Personnel trained: the headline number, one that a citation states. Null if none is."))
    women = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=INTEGER_MAX,
        help_text=_("Women among them, where a source states it; never more than trainees."),
    )

    class Meta:
        model = domain.TrainingCohort
        fields = [
            *RECORD_FIELDS,
            "provider",
            "recipient",
            "programme",
            "place",
            "year",
            "start",
            "start_precision",
            "end",
            "end_precision",
            "trainees",
            "women",
            "unit",
            "stage",
            "notes",
            "citations",
        ]


class DonationSerializer(FigureRecordSerializer):
    donor = InstitutionField(
        allow_null=True,
        required=False,
        help_text=_("Giving institution, written as its identifier; null when no source names one."),
    )
    date = PartialDateField("date", help_text=_("Date at its known precision, e.g. 2025-03."))
    date_precision = PrecisionField()
    quantity = _integer(_("How many, where a source states it; null otherwise, never 0."))
    value = _money(_("Monetary value, where a source states it, in currency."))

    class Meta:
        model = domain.EquipmentDonation
        fields = [
            *RECORD_FIELDS,
            "donor",
            "recipient",
            "date",
            "date_precision",
            "category",
            "description",
            "quantity",
            "unit",
            "value",
            "currency",
            "notes",
            "citations",
        ]


class PledgeSerializer(FigureRecordSerializer):
    donor = InstitutionField(help_text=_("Promising institution; written as its identifier."))
    announced = PartialDateField("announced", help_text=_("When it was announced, at its known precision."))
    announced_precision = PrecisionField()
    period_start = PartialDateField("period_start", help_text=_("Start of the period the promise covers."))
    period_start_precision = PrecisionField()
    period_end = PartialDateField("period_end", help_text=_("End of the period the promise covers."))
    period_end_precision = PrecisionField()
    quantity = _integer(_("Personnel or items promised, where stated."))
    amount = _money(_("Money promised, where stated, in currency."))

    class Meta:
        model = domain.Pledge
        fields = [
            *RECORD_FIELDS,
            "donor",
            "recipient",
            "kind",
            "description",
            "announced",
            "announced_precision",
            "period_start",
            "period_start_precision",
            "period_end",
            "period_end_precision",
            "quantity",
            "unit",
            "amount",
            "currency",
            "notes",
            "citations",
        ]


class ReportedFigureSerializer(FigureRecordSerializer):
    donor = InstitutionField(help_text=_("Whose effort the total counts; written as its identifier."))
    value = NumberField(
        max_digits=16,
        decimal_places=2,
        min_value=SMALLEST_AMOUNT,
        help_text=_("The claimed value, as a source states it, e.g. 912."),
    )
    period_start = PartialDateField("period_start", help_text=_("Start of the period the claim covers."))
    period_start_precision = PrecisionField()
    period_end = PartialDateField("period_end", help_text=_("End of the period the claim covers."))
    period_end_precision = PrecisionField()
    stated_on = PartialDateField("stated_on", help_text=_("When the claim was made, at its known precision."))
    stated_on_precision = PrecisionField()

    class Meta:
        model = domain.ReportedFigure
        fields = [
            *RECORD_FIELDS,
            "donor",
            "recipient",
            "measure",
            "description",
            "value",
            "unit",
            "currency",
            "period_start",
            "period_start_precision",
            "period_end",
            "period_end_precision",
            "stated_on",
            "stated_on_precision",
            "notes",
            "citations",
        ]
