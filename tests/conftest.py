"""Fixtures shared by the whole suite: a small, realistic graph of records.

Synthetic test data, clearly marked: none of it is a researched figure, and none of it
enters the seed or the dashboard.
"""

import pytest

from cooperation.models import Citation, Institution, Source, Status, TrainingCohort


@pytest.fixture
def mexico_army(db):
    return Institution.objects.create(
        public_id="mx-sedena",
        country="MX",
        name="Secretaría de la Defensa Nacional",
        short_name="SEDENA",
        kind="armed_forces",
    )


@pytest.fixture
def haiti_army(db):
    return Institution.objects.create(
        public_id="ht-fadh", country="HT", name="Forces Armées d'Haïti", short_name="FAd'H", kind="armed_forces"
    )


@pytest.fixture
def source(db):
    return Source.objects.create(
        public_id="T01",
        title="Synthetic test source",
        publisher="Test Gazette",
        url="https://example.org/synthetic-test-source",
        language="en",
        kind="news",
    )


@pytest.fixture
def cohort(mexico_army, haiti_army, source):
    """A published synthetic cohort of 40 with one citation stating 40."""
    cohort = TrainingCohort.objects.create(
        public_id="cohort-synthetic-2024",
        status=Status.PUBLISHED,
        provider=mexico_army,
        recipient=haiti_army,
        year=2024,
        trainees=40,
        unit="soldiers",
    )
    Citation.objects.create(
        public_id="T-F1",
        source=source,
        cohort=cohort,
        excerpt="Synthetic: 40 soldiers trained.",
        stated_value=40,
        qualifier="exact",
    )
    return cohort
