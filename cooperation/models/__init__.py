"""The domain: institutions, sources, figure records and the citations that tie them.

One module per concern (common, references, figures and one per kind of record,
citations); every public name is importable from ``cooperation.models``.

Every figure record (cohort, donation, pledge, reported figure) carries one or more
citations; each citation quotes its source verbatim and gives the number *as that
source states it*. Sources disagree: one real-world group is one record with several
citations, and the record's headline number must be one that a citation states
(``FigureRecord.headline_is_stated``). A number nobody states is ``None``, never 0.
"""

from cooperation.models.citations import (
    FIGURE_MODELS,
    Citation,
    CitationQuerySet,
)
from cooperation.models.cohorts import (
    CohortStage,
    PersonnelUnit,
    TrainingCohort,
)
from cooperation.models.common import (
    CURRENCY_HELP,
    DATE_HELP,
    ISO_3166_ALPHA2_CODES,
    ISO_4217_CODES,
    MONEY_FIELDS,
    PRECISION_HELP,
    PUBLIC_ID_HELP,
    STATUS_HELP,
    HistoryExtras,
    Qualifier,
    Status,
    end_not_before_start,
    money_has_currency,
    positive_or_unknown,
    quantity_and_money_constraints,
    validate_country,
    validate_currency,
    validate_money,
)
from cooperation.models.donations import (
    DonationCategory,
    EquipmentDonation,
)
from cooperation.models.figures import (
    CoveredPeriod,
    FigureQuerySet,
    FigureRecord,
    period_constraints,
    record_constraints,
)
from cooperation.models.pledges import (
    Pledge,
    PledgeKind,
)
from cooperation.models.references import (
    Institution,
    InstitutionKind,
    InstitutionQuerySet,
    Source,
    SourceKind,
    SourceQuerySet,
)
from cooperation.models.reported import (
    Measure,
    ReportedFigure,
)

__all__ = [
    "CURRENCY_HELP",
    "DATE_HELP",
    "FIGURE_MODELS",
    "ISO_3166_ALPHA2_CODES",
    "ISO_4217_CODES",
    "MONEY_FIELDS",
    "PRECISION_HELP",
    "PUBLIC_ID_HELP",
    "STATUS_HELP",
    "Citation",
    "CitationQuerySet",
    "CohortStage",
    "CoveredPeriod",
    "DonationCategory",
    "EquipmentDonation",
    "FigureQuerySet",
    "FigureRecord",
    "HistoryExtras",
    "Institution",
    "InstitutionKind",
    "InstitutionQuerySet",
    "Measure",
    "PersonnelUnit",
    "Pledge",
    "PledgeKind",
    "Qualifier",
    "ReportedFigure",
    "Source",
    "SourceKind",
    "SourceQuerySet",
    "Status",
    "TrainingCohort",
    "end_not_before_start",
    "money_has_currency",
    "period_constraints",
    "positive_or_unknown",
    "quantity_and_money_constraints",
    "record_constraints",
    "validate_country",
    "validate_currency",
    "validate_money",
]
