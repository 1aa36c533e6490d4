"""Synthetic records for the dashboard and browse page tests (none is a researched figure).

Mexico → Haiti: SEDENA trains FAd'H (2019: 30, 2021: 20, undated: 5), SEMAR trains PNH
(2021: 10), one cohort in training (8) and one draft (999, never shown). Canada → PNH:
100 in 2020. Announced totals: "Mexico trained 90 since 2019" (undated) and "SEDENA
trained 40" (stated 2021-06). A training pledge by SEDENA for 2021 onwards (60), a
Canadian one for 2020 (100). Donations: SEDENA vehicles 2021, Mexico drones undated,
Canada radios 2020.
"""

import datetime

from cooperation.models import (
    Citation,
    EquipmentDonation,
    Institution,
    Pledge,
    ReportedFigure,
    Source,
    Status,
    TrainingCohort,
)


def _institution(public_id, country, name, short_name, kind):
    return Institution.objects.create(public_id=public_id, country=country, name=name, short_name=short_name, kind=kind)


def _cite(source, record, value, number):
    Citation.objects.create(
        public_id=f"T-D{number:03d}",
        source=source,
        excerpt=f"Synthetic excerpt stating {value}.",
        stated_value=value,
        qualifier="exact" if value is not None else "",
        **{record.CITATION_FIELD: record},
    )


def build_world(sedena, fadh, source):
    """Creates the records above; returns them by name."""
    semar = _institution("mx-semar", "MX", "Secretaría de Marina", "SEMAR", "armed_forces")
    mexico = _institution("mx-gob", "MX", "Gobierno de México", "", "government")
    haiti = _institution("ht-gouv", "HT", "Gouvernement d'Haïti", "", "government")
    pnh = _institution("ht-pnh", "HT", "Police nationale d'Haïti", "PNH", "police")
    rcmp = _institution("ca-rcmp", "CA", "Royal Canadian Mounted Police", "RCMP", "police")
    second = Source.objects.create(
        public_id="T02",
        title="Second synthetic source",
        publisher="Synthetic Herald",
        url="https://example.org/synthetic-herald",
        published=datetime.date(2021, 6, 1),
        published_precision="month",
        language="es",
        kind="government_release",
    )
    numbers = iter(range(1, 1000))
    cohorts = [
        # (id, provider, recipient, year, trainees, stage, status)
        ("cohort-dash-2019", sedena, fadh, 2019, 30, "completed", Status.PUBLISHED),
        ("cohort-dash-2021-fadh", sedena, fadh, 2021, 20, "completed", Status.PUBLISHED),
        ("cohort-dash-2021-pnh", semar, pnh, 2021, 10, "completed", Status.PUBLISHED),
        ("cohort-dash-undated", sedena, fadh, None, 5, "completed", Status.PUBLISHED),
        ("cohort-dash-in-training", sedena, fadh, 2022, 8, "in_training", Status.PUBLISHED),
        ("cohort-dash-draft", sedena, fadh, 2021, 999, "completed", Status.DRAFT),
        ("cohort-dash-canada", rcmp, pnh, 2020, 100, "completed", Status.PUBLISHED),
    ]
    records = {}
    for public_id, provider, recipient, year, trainees, stage, status in cohorts:
        cohort = TrainingCohort.objects.create(
            public_id=public_id,
            provider=provider,
            recipient=recipient,
            year=year,
            trainees=trainees,
            stage=stage,
            status=status,
        )
        _cite(source if year != 2021 else second, cohort, trainees, next(numbers))
        records[public_id] = cohort
    for public_id, donor, recipient, value, start, stated_on in (
        ("reported-dash-mexico", mexico, haiti, 90, datetime.date(2019, 1, 1), None),
        ("reported-dash-sedena", sedena, fadh, 40, None, datetime.date(2021, 6, 1)),
    ):
        figure = ReportedFigure.objects.create(
            public_id=public_id,
            donor=donor,
            recipient=recipient,
            measure="personnel_trained",
            description=f"Synthetic claim {value}",
            value=value,
            unit="personnel",
            period_start=start,
            period_start_precision="year" if start else "",
            stated_on=stated_on,
            stated_on_precision="month" if stated_on else "",
            status=Status.PUBLISHED,
        )
        _cite(second, figure, value, next(numbers))
        records[public_id] = figure
    for public_id, donor, recipient, quantity, start in (
        ("pledge-dash-sedena", sedena, fadh, 60, datetime.date(2021, 1, 1)),
        ("pledge-dash-canada", rcmp, pnh, 100, datetime.date(2020, 1, 1)),
    ):
        promise = Pledge.objects.create(
            public_id=public_id,
            donor=donor,
            recipient=recipient,
            kind="training",
            description=f"Synthetic promise of {quantity}",
            quantity=quantity,
            unit="personnel",
            announced=start,
            announced_precision="year",
            period_start=start,
            period_start_precision="year",
            status=Status.PUBLISHED,
        )
        _cite(source, promise, quantity, next(numbers))
        records[public_id] = promise
    for public_id, donor, recipient, category, quantity, date in (
        ("donation-dash-vehicles", sedena, fadh, "vehicles", 4, datetime.date(2021, 3, 1)),
        ("donation-dash-drones", mexico, haiti, "drones", 2, None),
        ("donation-dash-radios", rcmp, pnh, "communications", 50, datetime.date(2020, 1, 1)),
    ):
        donation = EquipmentDonation.objects.create(
            public_id=public_id,
            donor=donor,
            recipient=recipient,
            category=category,
            description=f"Synthetic {category}",
            quantity=quantity,
            unit="items",
            date=date,
            date_precision="month" if date else "",
            status=Status.PUBLISHED,
        )
        _cite(source, donation, quantity, next(numbers))
        records[public_id] = donation
    records.update(semar=semar, mexico=mexico, haiti=haiti, pnh=pnh, rcmp=rcmp, second_source=second)
    return records
