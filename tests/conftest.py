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


@pytest.fixture
def one_of_each_kind(cohort, mexico_army, haiti_army, source):
    """Synthetic: besides the cohort, a donation, a pledge and a reported figure, each published with a citation."""
    from cooperation.models import EquipmentDonation, Pledge, ReportedFigure

    donation = EquipmentDonation.objects.create(
        public_id="donation-synthetic",
        status=Status.PUBLISHED,
        donor=mexico_army,
        recipient=haiti_army,
        category="protective_gear",
        description="Synthetic helmets",
        quantity=100,
        unit="items",
    )
    pledge = Pledge.objects.create(
        public_id="pledge-synthetic",
        status=Status.PUBLISHED,
        donor=mexico_army,
        recipient=haiti_army,
        kind="training",
        description="Synthetic promise to train 60",
        quantity=60,
        unit="soldiers",
    )
    reported = ReportedFigure.objects.create(
        public_id="reported-synthetic",
        status=Status.PUBLISHED,
        donor=mexico_army,
        recipient=haiti_army,
        measure="personnel_trained",
        description="Synthetic claim: 90 trained",
        value=90,
        unit="personnel",
    )
    for number, (record, field, value) in enumerate(
        [(donation, "donation", 100), (pledge, "pledge", 60), (reported, "reported_figure", 90)], start=2
    ):
        Citation.objects.create(
            public_id=f"T-F{number}",
            source=source,
            excerpt=f"Synthetic excerpt stating {value}.",
            stated_value=value,
            qualifier="exact",
            **{field: record},
        )
    return {"cohort": cohort, "donation": donation, "pledge": pledge, "reported": reported}
