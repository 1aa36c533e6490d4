"""Training statistics, aggregated in SQL: the numbers behind the API's
``/api/v1/stats/training/`` and the dashboard's charts (one function serves both).

What counts
-----------
- **Trained** means a cohort whose stage is ``completed`` and whose number of trainees a
  source states. Cohorts still ``in_training`` or only ``selected`` are not counted as
  trained; they are reported apart under ``not_counted`` (with their trainees), as are
  completed cohorts that no source gives a number for (``without_number``).
- Each cohort counts once, with its headline number, however many sources describe it.
- **Per year**: the cohort's ``year``. Completed cohorts without a year are left out of
  the per-year series and the cumulative line, and reported under ``undated``; they
  are part of ``total``. So ``total = series' last cumulative + undated``.
- **Years**: from ``year_min`` (or the first year with a counted cohort) to ``year_max``
  (or the last such year), every year present, 0 when nothing was counted, so the
  cumulative line is continuous. The range is kept within 1900–2100, the years a
  cohort may have (constraint ``cooperation_cohort_year_plausible``).
- ``by_provider`` and ``by_recipient`` split each year by institution identifier; every
  institution that appears in any year appears in every year (0 when absent), and
  ``institutions`` describes each.
- **Announced totals** (``reported``): reported figures measuring personnel trained, in
  scope. Each is set beside the itemised records in *its own* scope and period:
  completed cohorts whose provider is the figure's donor and whose recipient is its
  recipient, from the year its period starts (if stated) to the year its period ends,
  or else the year it was stated. An institution of kind ``government`` stands for its
  whole country (a total "trained by Mexico" counts SEDENA's and SEMAR's cohorts).
  ``difference`` is the claim minus the itemised sum.
- **Pledges**: pledges of training, in scope. ``delivered`` is derived, never typed in:
  completed cohorts in the pledge's scope (same rule) from the year its period starts
  (else the year it was announced) to the year its period ends (open-ended if not
  stated). ``remaining`` is what is left of the promise, never below 0.

The comparisons use every cohort the reader may see (``comparable``), not only those
inside the chart's filters: a claim about Mexico as a whole is measured against all
of Mexico's cohorts even when the chart shows one institution.
"""

from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from cooperation import models as domain
from cooperation.partialdates import format_partial_date

# The years a cohort may have (constraint cooperation_cohort_year_plausible).
FIRST_YEAR, LAST_YEAR = 1900, 2100

COMPLETED = Q(stage=domain.CohortStage.COMPLETED)
NUMBERED = Q(trainees__isnull=False)


def json_number(value: Decimal | int | None) -> int | float | None:
    """``Decimal("912.00")`` → ``912``; ``Decimal("7.30")`` → ``7.3``: a JSON number, never a string."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def institution_summary(institution: domain.Institution | None) -> dict | None:
    if institution is None:
        return None
    return {
        "id": institution.public_id,
        "name": institution.name,
        "short_name": institution.short_name,
        "country": institution.country,
    }


def source_summaries(record: domain.FigureRecord) -> list[dict]:
    """The distinct sources of a record's (prefetched) citations, in citation order."""
    seen, sources = set(), []
    for citation in record.citations.all():
        source = citation.source
        if source.pk not in seen:
            seen.add(source.pk)
            sources.append(
                {
                    "id": source.public_id,
                    "title": source.title,
                    "publisher": source.publisher,
                    "url": source.url,
                    "published": source.published_iso or None,
                }
            )
    return sources


def _partial(value, precision) -> str | None:
    return format_partial_date(value, precision) or None


# --- The per-year series ---------------------------------------------------------------


def _year_range(years: list[int], year_min: int | None, year_max: int | None) -> range:
    low = year_min if year_min is not None else min(years, default=None)
    high = year_max if year_max is not None else max(years, default=None)
    if low is None and high is None:
        return range(0)
    low = high if low is None else low
    high = max(low, high) if high is not None else low
    return range(max(low, FIRST_YEAR), min(high, LAST_YEAR) + 1)


def _series(cohorts: QuerySet, year_min: int | None, year_max: int | None) -> tuple[list[dict], dict]:
    """One SQL query: trainees grouped by year, provider and recipient."""
    groups = (
        cohorts.filter(COMPLETED, NUMBERED, year__isnull=False)
        .order_by()
        .values(
            "year",
            "provider__public_id",
            "provider__name",
            "provider__short_name",
            "provider__country",
            "recipient__public_id",
            "recipient__name",
            "recipient__short_name",
            "recipient__country",
        )
        .annotate(trainees=Sum("trainees"), cohorts=Count("pk"))
    )
    institutions, providers, recipients, per_year = {}, set(), set(), {}
    for group in groups:
        for role, keys in (("provider", providers), ("recipient", recipients)):
            public_id = group[f"{role}__public_id"]
            keys.add(public_id)
            institutions[public_id] = {
                "id": public_id,
                "name": group[f"{role}__name"],
                "short_name": group[f"{role}__short_name"],
                "country": group[f"{role}__country"],
            }
        year = per_year.setdefault(group["year"], {"trainees": 0, "cohorts": 0, "by_provider": {}, "by_recipient": {}})
        year["trainees"] += group["trainees"]
        year["cohorts"] += group["cohorts"]
        for role, split in (("provider", "by_provider"), ("recipient", "by_recipient")):
            key = group[f"{role}__public_id"]
            year[split][key] = year[split].get(key, 0) + group["trainees"]

    series, cumulative = [], 0
    for year in _year_range(list(per_year), year_min, year_max):
        counted = per_year.get(year, {"trainees": 0, "cohorts": 0, "by_provider": {}, "by_recipient": {}})
        cumulative += counted["trainees"]
        series.append(
            {
                "year": year,
                "trainees": counted["trainees"],
                "cumulative": cumulative,
                "cohorts": counted["cohorts"],
                "by_provider": {key: counted["by_provider"].get(key, 0) for key in sorted(providers)},
                "by_recipient": {key: counted["by_recipient"].get(key, 0) for key in sorted(recipients)},
            }
        )
    return series, dict(sorted(institutions.items()))


def _totals(cohorts: QuerySet) -> dict:
    """One SQL query: the total, the undated part and what is not counted."""
    undated = COMPLETED & NUMBERED & Q(year__isnull=True)
    in_training = Q(stage=domain.CohortStage.IN_TRAINING)
    selected = Q(stage=domain.CohortStage.SELECTED)
    sums = cohorts.order_by().aggregate(
        total_trainees=Sum("trainees", filter=COMPLETED & NUMBERED),
        total_cohorts=Count("pk", filter=COMPLETED & NUMBERED),
        undated_trainees=Sum("trainees", filter=undated),
        undated_cohorts=Count("pk", filter=undated),
        in_training_trainees=Sum("trainees", filter=in_training),
        in_training_cohorts=Count("pk", filter=in_training),
        selected_trainees=Sum("trainees", filter=selected),
        selected_cohorts=Count("pk", filter=selected),
        without_number=Count("pk", filter=COMPLETED & Q(trainees__isnull=True)),
    )

    def pair(prefix):
        return {"trainees": sums[f"{prefix}_trainees"] or 0, "cohorts": sums[f"{prefix}_cohorts"]}

    return {
        "total": pair("total"),
        "undated": pair("undated"),
        "not_counted": {
            "in_training": pair("in_training"),
            "selected": pair("selected"),
            "without_number": {"cohorts": sums["without_number"]},
        },
    }


# --- Claims and promises against the records ------------------------------------------


def _institution_scope(role: str, institution: domain.Institution) -> Q:
    """Cohorts whose ``role`` (provider or recipient) is the institution, or any
    institution of its country when it is a government."""
    if institution.kind == domain.InstitutionKind.GOVERNMENT and institution.country:
        return Q(**{f"{role}__country": institution.country})
    return Q(**{role: institution})


def _comparison_scope(giver, recipient, first_year: int | None, last_year: int | None) -> Q:
    scope = COMPLETED & NUMBERED & _institution_scope("provider", giver) & _institution_scope("recipient", recipient)
    if first_year is not None:
        scope &= Q(year__gte=first_year)
    if last_year is not None:
        scope &= Q(year__lte=last_year)
    return scope


def _first_year(*dates) -> int | None:
    return next((value.year for value in dates if value is not None), None)


def comparison_years(record: domain.ReportedFigure | domain.Pledge) -> tuple[int | None, int | None]:
    """The years of the cohorts an announced total or a pledge is measured against
    (``None``: open-ended), as the module's docstring describes."""
    if isinstance(record, domain.Pledge):
        return _first_year(record.period_start, record.announced), _first_year(record.period_end)
    return _first_year(record.period_start), _first_year(record.period_end, record.stated_on)


def counted_against(record: domain.ReportedFigure | domain.Pledge, comparable: QuerySet | None = None) -> QuerySet:
    """The cohorts whose trainees make up an announced total's ``itemised`` sum or a
    pledge's ``delivered`` (the same rule as ``training_stats``), to list them."""
    comparable = domain.TrainingCohort.objects.published() if comparable is None else comparable
    return comparable.filter(_comparison_scope(record.donor, record.recipient, *comparison_years(record)))


def training_stats(
    cohorts: QuerySet,
    reported: QuerySet,
    pledges: QuerySet,
    *,
    year_min: int | None = None,
    year_max: int | None = None,
    comparable: QuerySet | None = None,
) -> dict:
    """The training statistics as plain data (see the module's docstring for what counts).

    ``cohorts``, ``reported`` and ``pledges`` are the filtered querysets in scope (already
    restricted to what the reader may see), without prefetching; ``year_min``/``year_max``
    are the filter's bounds, which the series spans (cohorts outside them are left out); ``comparable`` are the cohorts that claims and
    pledges are measured against (default: every published cohort). A fixed number of
    SQL queries, whatever the number of rows.
    """
    comparable = domain.TrainingCohort.objects.published() if comparable is None else comparable
    # The bounds narrow the cohorts too (a no-op when the filter already did), so that the
    # series, its cumulative line and the totals always describe the same cohorts.
    if year_min is not None:
        cohorts = cohorts.filter(year__gte=year_min)
    if year_max is not None:
        cohorts = cohorts.filter(year__lte=year_max)
    series, institutions = _series(cohorts, year_min, year_max)
    claims = list(
        reported.filter(measure=domain.Measure.PERSONNEL_TRAINED).with_related().order_by("stated_on", "public_id")
    )
    promises = list(pledges.filter(kind=domain.PledgeKind.TRAINING).with_related().order_by("announced", "public_id"))

    windows = {}
    for claim in claims:
        windows[("reported", claim.pk)] = (claim, *comparison_years(claim))
    for pledge in promises:
        windows[("pledge", pledge.pk)] = (pledge, *comparison_years(pledge))
    # One SQL query for every comparison: a conditional sum per claim and per pledge.
    sums = {}
    if windows:
        aggregates = {
            f"w{number}": Sum("trainees", filter=_comparison_scope(record.donor, record.recipient, first, last))
            for number, (record, first, last) in enumerate(windows.values())
        }
        result = comparable.order_by().aggregate(**aggregates)
        sums = {key: result[f"w{number}"] or 0 for number, key in enumerate(windows)}

    def counted_years(key):
        _record, first, last = windows[key]
        return {"from": first, "to": last}

    reported_rows = []
    for claim in claims:
        key = ("reported", claim.pk)
        reported_rows.append(
            {
                "id": claim.public_id,
                "description": claim.description,
                "value": json_number(claim.value),
                "unit": claim.unit,
                "period_start": _partial(claim.period_start, claim.period_start_precision),
                "period_end": _partial(claim.period_end, claim.period_end_precision),
                "stated_on": _partial(claim.stated_on, claim.stated_on_precision),
                "donor": institution_summary(claim.donor),
                "recipient": institution_summary(claim.recipient),
                "itemised": sums[key],
                "difference": json_number(claim.value - sums[key]),
                "counted_years": counted_years(key),
                "sources": source_summaries(claim),
            }
        )
    pledge_rows = []
    for pledge in promises:
        key = ("pledge", pledge.pk)
        promised = pledge.quantity
        pledge_rows.append(
            {
                "id": pledge.public_id,
                "description": pledge.description,
                "promised": promised,
                "unit": pledge.unit,
                "delivered": sums[key],
                "remaining": None if promised is None else max(promised - sums[key], 0),
                "announced": _partial(pledge.announced, pledge.announced_precision),
                "period_start": _partial(pledge.period_start, pledge.period_start_precision),
                "period_end": _partial(pledge.period_end, pledge.period_end_precision),
                "donor": institution_summary(pledge.donor),
                "recipient": institution_summary(pledge.recipient),
                "counted_years": counted_years(key),
                "sources": source_summaries(pledge),
            }
        )
    return {
        "series": series,
        **_totals(cohorts),
        "institutions": institutions,
        "reported": reported_rows,
        "pledges": pledge_rows,
    }


def training_stats_in_scope(filterset, user) -> dict:
    """``training_stats`` for a valid ``filters.TrainingStatsFilterSet`` (the query string of
    the API or of a dashboard page) and what ``user`` may see: the one call both make, so
    that a page and the API answer the same numbers for the same query."""
    data = filterset.form.cleaned_data
    return training_stats(
        filterset.scoped(domain.TrainingCohort.objects.visible_to(user)),
        filterset.scoped(domain.ReportedFigure.objects.visible_to(user)),
        filterset.scoped(domain.Pledge.objects.visible_to(user)),
        year_min=data.get("year_min"),
        year_max=data.get("year_max"),
        comparable=domain.TrainingCohort.objects.visible_to(user),
    )


# --- The statistics as tables (CSV) ---------------------------------------------------

STATS_TABLES = ("series", "reported", "pledges")


def _joined(sources: list[dict], key: str) -> str:
    return " | ".join(source[key] or "" for source in sources)


def stats_table(stats: dict, table: str = "series") -> tuple[list[str], list[list]]:
    """(header, rows) of one part of ``training_stats``' result, for CSV: the series with
    one column per institution, or the announced totals, or the pledges."""
    if table == "series":
        providers = list(stats["series"][0]["by_provider"]) if stats["series"] else []
        recipients = list(stats["series"][0]["by_recipient"]) if stats["series"] else []
        header = [
            "year",
            "trainees",
            "cumulative",
            "cohorts",
            *(f"provider:{key}" for key in providers),
            *(f"recipient:{key}" for key in recipients),
        ]
        rows = [
            [
                item["year"],
                item["trainees"],
                item["cumulative"],
                item["cohorts"],
                *(item["by_provider"][key] for key in providers),
                *(item["by_recipient"][key] for key in recipients),
            ]
            for item in stats["series"]
        ]
        return header, rows
    common = ["id", "description", "donor", "recipient", "period_start", "period_end"]
    sources = ["source_ids", "source_titles", "source_urls"]
    if table == "reported":
        header = [*common, "stated_on", "value", "unit", "itemised", "difference", "year_from", "year_to", *sources]
        keys = ("stated_on", "value", "unit", "itemised", "difference")
    elif table == "pledges":
        header = [*common, "announced", "promised", "unit", "delivered", "remaining", "year_from", "year_to", *sources]
        keys = ("announced", "promised", "unit", "delivered", "remaining")
    else:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(STATS_TABLES)}")
    rows = [
        [
            row["id"],
            row["description"],
            row["donor"]["id"],
            row["recipient"]["id"],
            row["period_start"],
            row["period_end"],
            *(row[key] for key in keys),
            row["counted_years"]["from"],
            row["counted_years"]["to"],
            _joined(row["sources"], "id"),
            _joined(row["sources"], "title"),
            _joined(row["sources"], "url"),
        ]
        for row in stats[table]
    ]
    return header, rows


# --- Equipment donations and the provenance of aggregated figures (the dashboard) -----


def donation_stats(donations: QuerySet, *, year_min: int | None = None, year_max: int | None = None) -> dict:
    """Equipment donations per year and category, counted as records: their quantities
    come in different units (items, vehicles, tonnes) and are never added together.

    One SQL query. Donations without a date are left out of ``series`` and reported
    under ``undated``; ``total`` counts both. Years run like the training series (every
    year present, 0 when empty), and every category that appears appears in every year.
    """
    groups = (
        donations.order_by()
        .annotate(donation_year=ExtractYear("date"))
        .values("donation_year", "category")
        .annotate(records=Count("pk"))
    )
    per_year, undated, categories = {}, {}, set()
    for group in groups:
        categories.add(group["category"])
        if group["donation_year"] is None:
            undated[group["category"]] = undated.get(group["category"], 0) + group["records"]
        else:
            year = per_year.setdefault(group["donation_year"], {})
            year[group["category"]] = year.get(group["category"], 0) + group["records"]
    ordered = [value for value in domain.DonationCategory.values if value in categories]
    series = [
        {
            "year": year,
            "records": sum(per_year.get(year, {}).values()),
            "by_category": {category: per_year.get(year, {}).get(category, 0) for category in ordered},
        }
        for year in _year_range(list(per_year), year_min, year_max)
    ]
    return {
        "series": series,
        "undated": {
            "records": sum(undated.values()),
            "by_category": {category: undated.get(category, 0) for category in ordered},
        },
        "total": {"records": sum(sum(year.values()) for year in per_year.values()) + sum(undated.values())},
        "categories": ordered,
    }


SOURCE_VALUES = {
    "source_id": F("citations__source__public_id"),
    "source_title": F("citations__source__title"),
    "source_publisher": F("citations__source__publisher"),
    "source_url": F("citations__source__url"),
    "source_published": F("citations__source__published"),
    "source_precision": F("citations__source__published_precision"),
}


def record_sources(records: QuerySet, *fields: str) -> list[dict]:
    """One SQL query: a row per record and source it cites, with the record's identifier,
    the given ``fields`` (lookups such as ``"provider__public_id"``) and the source's identifier,
    title, publisher, URL and publication date (ISO prefix at its precision), in
    citation order. Used to say which sources stand behind each aggregated figure."""
    rows = (
        records.filter(citations__isnull=False)
        .values("public_id", *fields, **SOURCE_VALUES, citation=F("citations__public_id"))
        .order_by("public_id", "citation")
    )
    seen, result = set(), []
    for row in rows:
        if (row["public_id"], row["source_id"]) in seen:  # two citations of one source
            continue
        seen.add((row["public_id"], row["source_id"]))
        del row["citation"]
        row["source_published"] = format_partial_date(row["source_published"], row.pop("source_precision")) or None
        result.append(row)
    return result


def series_sources(cohorts: QuerySet, *, year_min: int | None = None, year_max: int | None = None) -> list[dict]:
    """``record_sources`` of exactly the cohorts the training series counts (completed,
    with a number and a year, within the bounds), with their year, provider, recipient
    and trainees."""
    counted = cohorts.filter(COMPLETED, NUMBERED, year__isnull=False)
    if year_min is not None:
        counted = counted.filter(year__gte=year_min)
    if year_max is not None:
        counted = counted.filter(year__lte=year_max)
    return record_sources(counted, "year", "provider__public_id", "recipient__public_id", "trainees")
