"""The dashboard (``/``) and its embeddable charts (``/embed/<chart>/``); each chart's tables
are files too (``/charts/<chart>/<table>.csv``, ``-excel.csv``, ``.xlsx``: ``views.downloads``).

All of them read the same filters (``Scope``), compute the statistics with
``cooperation.stats`` (the functions behind ``/api/v1/stats/training/``) and build the
charts with ``cooperation.charts``, so a chart, its table, its CSV and the API agree.
A fixed number of SQL queries, whatever the number of records.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from cooperation import charts, citing, stats
from cooperation import models as domain
from cooperation.views.scope import FormOptions, Scope

# Embeds may be framed by any site (X_FRAME_OPTIONS is DENY everywhere else).
EMBED_FRAME_ANCESTORS = "*"
# The file flavours of each chart table (the URL names are ``chart-<flavour>``).
FILES = ("csv", "excel", "xlsx")


def build_charts(scope: Scope) -> tuple[dict, dict, dict[str, charts.Chart]]:
    """(training statistics, donation statistics, the charts by slug) for a valid scope."""
    cleaned = scope.cleaned
    year_min, year_max = cleaned.get("year_min"), cleaned.get("year_max")
    cohorts = scope.filterset.qs
    # Published records only, as the API shows anonymous readers: the same call as the API.
    training = stats.training_stats_in_scope(scope.filterset, AnonymousUser())
    donation_records = scope.filterset.scoped(domain.EquipmentDonation.objects.published())
    donations = stats.donation_stats(donation_records, year_min=year_min, year_max=year_max)
    series_sources = stats.series_sources(cohorts, year_min=year_min, year_max=year_max)
    donation_sources = stats.record_sources(donation_records, "date__year", "category")
    links = charts.Links(scope.valid_params)
    built = {
        "cumulative": charts.cumulative_chart(training, series_sources, links),
        "per-year": charts.per_year_chart(training, series_sources, links),
        "donations": charts.donations_chart(donations, donation_sources, links),
        "comparison": charts.comparison_chart(training, links),
    }
    return training, donations, built


def headlines(training: dict, donations: dict, links: charts.Links, year: int) -> dict:
    """The figures at the top of the dashboard, each with the records and sources behind it."""
    claims = training["reported"]
    # Most announced totals are undated in their sources, so "the latest" cannot be told
    # for all of them: the headline is the highest, and the latest dated one is named too.
    highest = max(claims, key=lambda claim: (claim["value"], claim["stated_on"] or ""), default=None)
    dated = [claim for claim in claims if claim["stated_on"]]
    latest_dated = max(dated, key=lambda claim: (claim["stated_on"], claim["value"]), default=None)
    covering = [pledge for pledge in training["pledges"] if _covers(pledge, year)]
    categories = dict(domain.DonationCategory.choices)
    by_category = {
        category: sum(item["by_category"][category] for item in donations["series"])
        + donations["undated"]["by_category"][category]
        for category in donations["categories"]
    }
    return {
        "trained": training["total"],
        "undated": training["undated"],
        "not_counted": training["not_counted"],
        "notes": charts.not_counted_notes(training),
        "trained_url": links.cohorts(),
        "claims_count": len(claims),
        "highest": _claim_context(highest) if highest else None,
        "latest_dated": _claim_context(latest_dated) if latest_dated and latest_dated is not highest else None,
        "year": year,
        "pledges": [
            {**pledge, "url": links.record("pledges", pledge["id"]), "scope": charts.scope_label(pledge)}
            for pledge in covering
        ],
        "pledges_url": reverse("browse", args=["pledges"]),
        "donations": donations["total"]["records"],
        "donations_undated": donations["undated"]["records"],
        "donations_by_category": [
            (categories.get(key, key), count)
            for key, count in sorted(by_category.items(), key=lambda kv: -kv[1])
            if count
        ],
        "donations_url": links.donations(),
    }


def _covers(pledge: dict, year: int) -> bool:
    """A training pledge with a number whose period (or open end) includes ``year``."""
    first, last = pledge["counted_years"]["from"], pledge["counted_years"]["to"]
    return pledge["promised"] is not None and first is not None and first <= year and (last is None or year <= last)


def _claim_context(claim: dict) -> dict:
    return {
        **claim,
        "url": charts.Links.record("reported-figures", claim["id"]),
        "scope": charts.scope_label(claim),
        "period": charts.claim_period(claim),
        "date": claim["stated_on"] or _("date not given by its sources"),
        "difference_display": charts.signed(claim["difference"]),
    }


def _chart_context(request, scope: Scope, chart: charts.Chart) -> dict:
    query = scope.query
    suffix = f"?{query}" if query else ""
    permalink = request.build_absolute_uri(reverse("home") + suffix) + f"#chart-{chart.slug}"
    embed = request.build_absolute_uri(reverse("embed", args=[chart.slug]) + suffix)
    return {
        "chart": chart,
        "figure_id": f"figure-{chart.slug}",
        "permalink": permalink,
        "embed_url": embed,
        "csv_links": [(table, reverse("chart-csv", args=[chart.slug, table.name]) + suffix) for table in chart.tables],
        # The same tables as CSV, CSV for Excel and XLSX (``views.downloads.chart_file``).
        "table_files": [
            (table, {flavour: reverse(f"chart-{flavour}", args=[chart.slug, table.name]) + suffix for flavour in FILES})
            for table in chart.tables
        ],
    }


def invalid_filters_page(request, template: str, scope: Scope, options: FormOptions | None = None, **context):
    """The page with the filter errors, answered 400: never a server error."""
    options = options or FormOptions()
    return render(
        request,
        template,
        {"scope": scope, "errors": scope.errors, "fields": _fields(scope, options), **context},
        status=400,
    )


def _fields(scope: Scope, options: FormOptions) -> list[dict]:
    return [options.field(name, scope.params.get(name, "")) for name in charts.FILTER_NAMES]


@require_safe
def home(request):
    scope = Scope.from_query(request.GET)
    options = FormOptions()
    if not scope.is_valid():
        return invalid_filters_page(request, "cooperation/home.html", scope, options)
    training, donations, built = build_charts(scope)
    links = charts.Links(scope.valid_params)
    query = scope.query
    scope_description = scope.description(options.by_reference)
    version = citing.data_version()
    context = {
        "scope": scope,
        "scope_description": scope_description,
        "data_version": version,
        "fields": _fields(scope, options),
        "permalink": request.build_absolute_uri(reverse("home") + (f"?{query}" if query else "")),
        "api_url": reverse("api:stats-training") + (f"?{query}" if query else ""),
        "headline": headlines(training, donations, links, timezone.localdate().year),
        "charts": [_chart_context(request, scope, built[slug]) for slug in charts.CHART_SLUGS],
    }
    for item in context["charts"]:
        chart = item["chart"]
        item["cite"] = citing.for_chart(chart.title, chart.slug, scope_description, item["permalink"], version)
    return render(request, "cooperation/home.html", context)


@require_safe
@xframe_options_exempt
def embed(request, chart):
    if chart not in charts.CHART_SLUGS:
        raise Http404
    scope = Scope.from_query(request.GET)
    if not scope.is_valid():
        response = invalid_filters_page(request, "cooperation/embed.html", scope)
    else:
        _training, _donations, built = build_charts(scope)
        context = _chart_context(request, scope, built[chart])
        response = render(request, "cooperation/embed.html", {"chart": context["chart"], "item": context})
    response.csp_frame_ancestors = EMBED_FRAME_ANCESTORS
    return response
