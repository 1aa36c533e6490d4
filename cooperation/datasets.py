"""One declaration per data set: its model, its columns, how each column is written
to a file and read back.

Export, import, the data package's Table Schema, the API's CSV and the browse tables
all read these declarations, so a column is defined once. A file's cells are text;
each column turns a model value into text (``export``) and text into model fields
(``apply``), raising ``ValueError`` with a reason people can act on.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation import models as domain
from cooperation.partialdates import format_partial_date, parse_partial_date


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    # Frictionless Table Schema type of the cell: string, integer or number.
    type: str = "string"
    # Model fields this column fills, for mapping a model ValidationError back to a column.
    fields: tuple[str, ...] = ()
    required: bool = False
    constraints: dict = field(default_factory=dict)
    # (data set name, column name) when the cell names a row of another data set.
    foreign_key: tuple[str, str] | None = None
    export: Callable[[models.Model], str] = lambda obj: ""
    apply: Callable[[models.Model, str], None] = lambda obj, text: None

    @property
    def is_text(self) -> bool:
        """Text cells are the ones a spreadsheet could mistake for a formula."""
        return self.type == "string"


def _text(
    name: str, attribute: str, description: str, *, required: bool = False, max_length: int | None = None
) -> Column:
    def apply(obj, text):
        if required and not text.strip():
            raise ValueError(_("is required"))
        if max_length and len(text) > max_length:
            raise ValueError(_("is longer than %(max)s characters") % {"max": max_length})
        setattr(obj, attribute, text)

    constraints = {"required": True} if required else {}
    return Column(
        name,
        description,
        fields=(attribute,),
        required=required,
        constraints=constraints,
        export=lambda obj: getattr(obj, attribute) or "",
        apply=apply,
    )


def _choice(
    name: str, attribute: str, choices: type[models.TextChoices], description: str, *, required: bool = True
) -> Column:
    values = list(choices.values)

    def apply(obj, text):
        text = text.strip()
        if not text and not required:
            setattr(obj, attribute, "")
            return
        if text not in values:
            raise ValueError(_("must be one of %(values)s; got %(text)r") % {"values": ", ".join(values), "text": text})
        setattr(obj, attribute, text)

    enum = values if required else ["", *values]
    return Column(
        name,
        description,
        fields=(attribute,),
        required=required,
        constraints={"enum": enum, **({"required": True} if required else {})},
        export=lambda obj: getattr(obj, attribute) or "",
        apply=apply,
    )


def _integer(name: str, attribute: str, description: str, *, required: bool = False) -> Column:
    def apply(obj, text):
        text = text.strip()
        if not text:
            if required:
                raise ValueError(_("is required"))
            setattr(obj, attribute, None)
            return
        try:
            value = int(text)
        except ValueError:
            raise ValueError(_("must be a whole number; got %(text)r") % {"text": text}) from None
        setattr(obj, attribute, value)

    def export(obj):
        value = getattr(obj, attribute)
        return "" if value is None else str(value)

    return Column(name, description, type="integer", fields=(attribute,), required=required, export=export, apply=apply)


def format_decimal(value: Decimal | None) -> str:
    """``Decimal("912.00")`` → ``"912"``; ``Decimal("7.30")`` → ``"7.3"``: one spelling per number."""
    if value is None:
        return ""
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _decimal(name: str, attribute: str, description: str, *, required: bool = False) -> Column:
    def apply(obj, text):
        text = text.strip()
        if not text:
            if required:
                raise ValueError(_("is required"))
            setattr(obj, attribute, None)
            return
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("must be a number such as 912 or 7300000; got %(text)r") % {"text": text}) from None
        if not value.is_finite():
            raise ValueError(_("must be a finite number; got %(text)r") % {"text": text})
        setattr(obj, attribute, value)

    return Column(
        name,
        description,
        type="number",
        fields=(attribute,),
        required=required,
        export=lambda obj: format_decimal(getattr(obj, attribute)),
        apply=apply,
    )


PARTIAL_DATE_PATTERN = r"^$|^\d{4}(-\d{2}(-\d{2})?)?$"


def _partial_date(name: str, attribute: str, description: str) -> Column:
    precision = f"{attribute}_precision"

    def apply(obj, text):
        value, known = parse_partial_date(text)
        setattr(obj, attribute, value)
        setattr(obj, precision, known)

    return Column(
        name,
        description,
        fields=(attribute, precision),
        constraints={"pattern": PARTIAL_DATE_PATTERN},
        export=lambda obj: format_partial_date(getattr(obj, attribute), getattr(obj, precision)),
        apply=apply,
    )


def _reference(
    name: str, attribute: str, model: type[models.Model], dataset: str, description: str, *, required: bool = True
) -> Column:
    def apply(obj, text):
        text = text.strip()
        if not text:
            if required:
                raise ValueError(_("is required"))
            setattr(obj, attribute, None)
            return
        try:
            setattr(obj, attribute, model.objects.get(public_id=text))
        except model.DoesNotExist:
            raise ValueError(
                _("names %(model)s %(text)r, which does not exist") % {"model": model._meta.verbose_name, "text": text}
            ) from None

    def export(obj):
        related = getattr(obj, attribute)
        return related.public_id if related is not None else ""

    return Column(
        name,
        description,
        fields=(attribute,),
        required=required,
        foreign_key=(dataset, "id"),
        constraints={"required": True} if required else {},
        export=export,
        apply=apply,
    )


def _public_id(description: str) -> Column:
    def apply(obj, text):
        text = text.strip()
        if not text:
            raise ValueError(_("is required"))
        obj.public_id = text

    return Column(
        "id",
        description,
        fields=("public_id",),
        required=True,
        constraints={"required": True, "unique": True},
        export=lambda obj: obj.public_id,
        apply=apply,
    )


@dataclass(frozen=True)
class Dataset:
    name: str  # used in file names, URLs and the data package
    model: type[models.Model]
    title: str
    description: str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    def column_for_field(self, field_name: str) -> str | None:
        for column in self.columns:
            if field_name in column.fields:
                return column.name
        return None

    def export_queryset(self) -> models.QuerySet:
        """Every row, in a stable order, with what the columns read joined in."""
        related = [f.name for f in self.model._meta.concrete_fields if isinstance(f, models.ForeignKey)]
        return self.model.objects.select_related(*related).order_by("public_id")

    def export_row(self, obj: models.Model) -> list[str]:
        return [column.export(obj) for column in self.columns]


STATUS_DESCRIPTION = _("Publication status: draft, in_review, published or withdrawn. Only published rows are public.")
NOTES_DESCRIPTION = _("Free-text notes: disagreements between sources and how the headline number was chosen.")


def _record_columns(donor_name: str, donor_description: str, donor_required: bool = True) -> tuple[Column, ...]:
    return (
        _public_id(_("Stable public identifier of the record.")),
        _choice("status", "status", domain.Status, STATUS_DESCRIPTION),
        _reference(
            donor_name, donor_name, domain.Institution, "institutions", donor_description, required=donor_required
        ),
        _reference(
            "recipient", "recipient", domain.Institution, "institutions", _("Receiving institution (institution id).")
        ),
    )


INSTITUTIONS = Dataset(
    name="institutions",
    model=domain.Institution,
    title=_("Institutions"),
    description=_("Who gives and who receives: armed forces, police, ministries, agencies."),
    columns=(
        _public_id(_("Stable identifier, e.g. mx-sedena.")),
        _text("country", "country", _("ISO 3166-1 alpha-2 country code; empty for multilateral bodies.")),
        _text("name", "name", _("Official name."), required=True),
        _text("short_name", "short_name", _("Acronym used by the sources, e.g. SEDENA.")),
        _choice("kind", "kind", domain.InstitutionKind, _("Kind of institution.")),
    ),
)

SOURCES = Dataset(
    name="sources",
    model=domain.Source,
    title=_("Sources"),
    description=_("Public documents that state the figures."),
    columns=(
        _public_id(_("Stable identifier, e.g. S01.")),
        _text(
            "title", "title", _("Title; a leading bracketed tag marks a label, not a verbatim title."), required=True
        ),
        _text("publisher", "publisher", _("Publisher."), required=True),
        _text("url", "url", _("Address of the document."), required=True),
        _text("archived_url", "archived_url", _("Address of an archived copy.")),
        _partial_date(
            "published", "published", _("Publication date at its known precision: YYYY, YYYY-MM or YYYY-MM-DD.")
        ),
        _text("language", "language", _("ISO 639-1 language code."), required=True),
        _choice("kind", "kind", domain.SourceKind, _("Kind of document.")),
        _text("notes", "notes", _("Notes on the source, e.g. why its date is unknown.")),
    ),
)

COHORTS = Dataset(
    name="cohorts",
    model=domain.TrainingCohort,
    title=_("Training cohorts"),
    description=_("Groups of personnel trained, one row per real-world group, however many sources describe it."),
    columns=(
        *_record_columns("provider", _("Institution that trained them (institution id).")),
        _text("programme", "programme", _("Programme or course.")),
        _text("place", "place", _("Where the training took place.")),
        _integer("year", "year", _("Year of the training as a source dates it; empty when no source dates it.")),
        _partial_date("start", "start", _("Start at its known precision.")),
        _partial_date("end", "end", _("End at its known precision.")),
        _integer(
            "trainees",
            "trainees",
            _("Personnel trained: the headline number, one that a citation states; empty if none is stated."),
        ),
        _integer("women", "women", _("Women among them, only where a source states it.")),
        _choice("unit", "unit", domain.PersonnelUnit, _("Who the trainees are.")),
        _choice(
            "stage", "stage", domain.CohortStage, _("completed, in_training or selected (not yet reported trained).")
        ),
        _text("notes", "notes", NOTES_DESCRIPTION),
    ),
)

DONATIONS = Dataset(
    name="donations",
    model=domain.EquipmentDonation,
    title=_("Equipment donations"),
    description=_("Equipment, infrastructure and money given, one row per real-world donation."),
    columns=(
        *_record_columns(
            "donor", _("Institution that gave it (institution id); empty if no source names one."), donor_required=False
        ),
        _partial_date("date", "date", _("Date at its known precision.")),
        _choice("category", "category", domain.DonationCategory, _("Category of what was given.")),
        _text("description", "description", _("What was given."), required=True),
        _integer("quantity", "quantity", _("How many, where a source states it.")),
        _text("unit", "unit", _("Unit of the quantity, e.g. items, vehicles.")),
        _decimal("value", "value", _("Monetary value, where a source states it.")),
        _text("currency", "currency", _("ISO 4217 currency of the value.")),
        _text("notes", "notes", NOTES_DESCRIPTION),
    ),
)

PLEDGES = Dataset(
    name="pledges",
    model=domain.Pledge,
    title=_("Pledges"),
    description=_("Promises of training, equipment or money; fulfilment is derived from the itemised records."),
    columns=(
        *_record_columns("donor", _("Institution that made the promise (institution id).")),
        _choice("kind", "kind", domain.PledgeKind, _("What is promised: training, equipment or funding.")),
        _text("description", "description", _("The promise."), required=True),
        _partial_date("announced", "announced", _("When it was announced, at its known precision.")),
        _partial_date("period_start", "period_start", _("Start of the period the promise covers.")),
        _partial_date("period_end", "period_end", _("End of the period the promise covers.")),
        _integer("quantity", "quantity", _("Personnel or items promised, where stated.")),
        _text("unit", "unit", _("Unit of the quantity.")),
        _decimal("amount", "amount", _("Money promised, where stated.")),
        _text("currency", "currency", _("ISO 4217 currency of the amount.")),
        _text("notes", "notes", NOTES_DESCRIPTION),
    ),
)

REPORTED_FIGURES = Dataset(
    name="reported-figures",
    model=domain.ReportedFigure,
    title=_("Reported figures"),
    description=_("Totals announced by officials or the press: claims, shown beside the itemised records."),
    columns=(
        *_record_columns("donor", _("Whose effort the total counts (institution id).")),
        _choice("measure", "measure", domain.Measure, _("What the figure measures.")),
        _text("description", "description", _("What is claimed."), required=True),
        _decimal("value", "value", _("The claimed value, as a source states it."), required=True),
        _text("unit", "unit", _("Unit of the value.")),
        _text("currency", "currency", _("ISO 4217 currency, for funding figures only.")),
        _partial_date("period_start", "period_start", _("Start of the period the claim covers.")),
        _partial_date("period_end", "period_end", _("End of the period the claim covers.")),
        _partial_date("stated_on", "stated_on", _("When the claim was made, at its known precision.")),
        _text("notes", "notes", NOTES_DESCRIPTION),
    ),
)

FIGURE_DATASETS = (COHORTS, DONATIONS, PLEDGES, REPORTED_FIGURES)

# The value of a citation's record_type column, per figure data set.
RECORD_TYPES = {
    "cohort": COHORTS,
    "donation": DONATIONS,
    "pledge": PLEDGES,
    "reported_figure": REPORTED_FIGURES,
}


def _citation_record_type(citation) -> str:
    for record_type, dataset in RECORD_TYPES.items():
        if getattr(citation, f"{dataset.model.CITATION_FIELD}_id"):
            return record_type
    return ""


def _apply_citation_record(citation, record_type: str, record_id: str) -> None:
    dataset = RECORD_TYPES.get(record_type.strip())
    if dataset is None:
        raise ValueError(
            _("must be one of %(values)s; got %(text)r") % {"values": ", ".join(RECORD_TYPES), "text": record_type}
        )
    for other in RECORD_TYPES.values():
        setattr(citation, other.model.CITATION_FIELD, None)
    try:
        record = dataset.model.objects.get(public_id=record_id.strip())
    except dataset.model.DoesNotExist:
        raise ValueError(
            _("names %(kind)s %(text)r, which does not exist") % {"kind": record_type, "text": record_id}
        ) from None
    setattr(citation, dataset.model.CITATION_FIELD, record)


def _citation_record_id(citation) -> str:
    record = citation.record
    return record.public_id if record is not None else ""


CITATIONS = Dataset(
    name="citations",
    model=domain.Citation,
    title=_("Citations"),
    description=_(
        "Each links one figure record to one source, with the verbatim excerpt and the number as that source states it."
    ),
    columns=(
        _public_id(_("Stable identifier, e.g. F031 for researched figures.")),
        Column(
            "record_type",
            _("Kind of record cited: cohort, donation, pledge or reported_figure."),
            fields=("cohort", "donation", "pledge", "reported_figure"),
            required=True,
            constraints={"required": True, "enum": list(RECORD_TYPES)},
            export=_citation_record_type,
            # Applied together with record_id by the importer (see CITATION_RECORD_COLUMNS).
        ),
        Column(
            "record_id",
            _("Identifier of the cited record in its data set."),
            required=True,
            constraints={"required": True},
            export=_citation_record_id,
        ),
        _reference("source", "source", domain.Source, "sources", _("Source that states the figure (source id).")),
        _text("excerpt", "excerpt", _("The verbatim passage that states the figure."), required=True),
        _decimal("stated_value", "stated_value", _("The number as this source states it; empty if it states none.")),
        _text("stated_unit", "stated_unit", _("The unit as this source states it.")),
        _choice(
            "qualifier",
            "qualifier",
            domain.Qualifier,
            _("exact, approximate, at_least, target or denied, from the source's wording."),
            required=False,
        ),
        _text("locator", "locator", _("Page or paragraph in the source.")),
        _text("notes", "notes", _("Notes on this citation.")),
    ),
)

# The two citation columns that only make sense together.
CITATION_RECORD_COLUMNS = ("record_type", "record_id")


def apply_citation_record(citation, row: dict[str, str]) -> None:
    _apply_citation_record(citation, row.get("record_type", ""), row.get("record_id", ""))


# Import order: what a row refers to is loaded before it.
DATASETS: tuple[Dataset, ...] = (INSTITUTIONS, SOURCES, *FIGURE_DATASETS, CITATIONS)
DATASETS_BY_NAME = {dataset.name: dataset for dataset in DATASETS}


def dataset_for_model(model: type[models.Model]) -> Dataset:
    return next(dataset for dataset in DATASETS if dataset.model is model)


def iter_export_rows(dataset: Dataset, queryset: Iterable | None = None, chunk_size: int = 500) -> Iterable[list[str]]:
    """Rows of a data set as text cells, read from the database in chunks."""
    rows = dataset.export_queryset() if queryset is None else queryset
    for obj in rows.iterator(chunk_size=chunk_size):
        yield dataset.export_row(obj)
