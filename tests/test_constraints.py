"""The database itself refuses impossible rows, whatever wrote them (admin, API, importer,
a shell). Each case bypasses model validation on purpose and names the constraint."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from cooperation.models import (
    Citation,
    EquipmentDonation,
    Institution,
    Pledge,
    ReportedFigure,
    Source,
    TrainingCohort,
)


def _violates(constraint, create):
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        create()
    # SQLite and PostgreSQL both name the violated CHECK constraint; uniqueness is
    # reported by column on SQLite, so only the CHECK cases assert on the name.
    if not constraint.endswith("_unique"):
        assert constraint in str(caught.value)


@pytest.fixture
def pair(mexico_army, haiti_army):
    return {"provider": mexico_army, "recipient": haiti_army}


@pytest.fixture
def given(mexico_army, haiti_army):
    return {"donor": mexico_army, "recipient": haiti_army}


@pytest.mark.parametrize(
    ("constraint", "fields"),
    [
        ("cooperation_cohort_trainees_positive", {"trainees": 0}),
        ("cooperation_cohort_women_not_above_trainees", {"trainees": 10, "women": 11}),
        (
            "cooperation_cohort_end_not_before_start",
            {
                "start": datetime.date(2025, 7, 24),
                "start_precision": "day",
                "end": datetime.date(2025, 7, 1),
                "end_precision": "day",
            },
        ),
        ("cooperation_cohort_year_plausible", {"year": 1492}),
        ("cooperation_cohort_start_precision", {"start": datetime.date(2025, 7, 24), "start_precision": "month"}),
        ("cooperation_cohort_start_precision", {"start": datetime.date(2025, 7, 1), "start_precision": ""}),
    ],
)
def test_database_refuses_impossible_cohorts(pair, constraint, fields):
    _violates(constraint, lambda: TrainingCohort.objects.create(public_id="bad", **pair, **fields))


def test_database_accepts_a_cohort_with_an_unknown_number(pair):
    cohort = TrainingCohort.objects.create(public_id="unknown-size", **pair, trainees=None)
    assert TrainingCohort.objects.get(pk=cohort.pk).trainees is None


@pytest.mark.parametrize(
    ("constraint", "fields"),
    [
        ("cooperation_donation_quantity_positive", {"quantity": 0}),
        ("cooperation_donation_value_positive", {"value": -5, "currency": "USD"}),
        ("cooperation_donation_value_currency", {"value": 1000}),
        ("cooperation_donation_value_currency", {"currency": "USD"}),
        ("cooperation_donation_value_currency", {"value": 1000, "currency": "DOLLARS"[:2]}),
    ],
)
def test_database_refuses_impossible_donations(given, constraint, fields):
    _violates(
        constraint,
        lambda: EquipmentDonation.objects.create(
            public_id="bad", **given, category="other", description="synthetic", **fields
        ),
    )


@pytest.mark.parametrize(
    ("constraint", "fields"),
    [
        ("cooperation_pledge_quantity_positive", {"quantity": 0}),
        ("cooperation_pledge_amount_currency", {"amount": 100}),
        (
            "cooperation_pledge_end_not_before_start",
            {
                "period_start": datetime.date(2026, 1, 1),
                "period_start_precision": "year",
                "period_end": datetime.date(2025, 1, 1),
                "period_end_precision": "year",
            },
        ),
    ],
)
def test_database_refuses_impossible_pledges(given, constraint, fields):
    _violates(
        constraint,
        lambda: Pledge.objects.create(public_id="bad", **given, kind="training", description="synthetic", **fields),
    )


@pytest.mark.parametrize(
    ("constraint", "fields"),
    [
        ("cooperation_reported_value_positive", {"value": 0, "measure": "personnel_trained"}),
        ("cooperation_reported_money_has_currency", {"value": 10, "measure": "funding"}),
        ("cooperation_reported_money_has_currency", {"value": 10, "measure": "personnel_trained", "currency": "USD"}),
    ],
)
def test_database_refuses_impossible_reported_figures(given, constraint, fields):
    _violates(
        constraint, lambda: ReportedFigure.objects.create(public_id="bad", **given, description="synthetic", **fields)
    )


def test_database_refuses_a_citation_of_no_record_or_two(cohort, source):
    _violates("cooperation_citation_exactly_one_record", lambda: Citation.objects.create(source=source, excerpt="x"))
    pledge = Pledge.objects.create(
        public_id="p", donor=cohort.provider, recipient=cohort.recipient, kind="training", description="synthetic"
    )
    _violates(
        "cooperation_citation_exactly_one_record",
        lambda: Citation.objects.create(source=source, cohort=cohort, pledge=pledge, excerpt="x"),
    )


@pytest.mark.parametrize(
    ("constraint", "fields"),
    [
        ("cooperation_citation_excerpt_required", {"excerpt": ""}),
        ("cooperation_citation_stated_value_positive", {"stated_value": -1, "qualifier": "exact"}),
        ("cooperation_citation_qualifier_with_value", {"stated_value": 5}),
        ("cooperation_citation_qualifier_with_value", {"qualifier": "exact"}),
    ],
)
def test_database_refuses_impossible_citations(cohort, source, constraint, fields):
    _violates(
        constraint,
        lambda: Citation.objects.create(source=source, cohort=cohort, **{"excerpt": "synthetic", **fields}),
    )


def test_database_refuses_duplicate_identifiers_and_source_urls(cohort, source, mexico_army):
    _violates(
        "cooperation_cohort_public_id_unique",
        lambda: TrainingCohort.objects.create(
            public_id=cohort.public_id, provider=cohort.provider, recipient=cohort.recipient
        ),
    )
    _violates(
        "cooperation_source_url_unique",
        lambda: Source.objects.create(
            public_id="T02", title="t", publisher="p", url=source.url, language="en", kind="news"
        ),
    )
    _violates(
        "cooperation_institution_public_id_unique",
        lambda: Institution.objects.create(public_id="mx-sedena", name="dup", kind="other"),
    )
