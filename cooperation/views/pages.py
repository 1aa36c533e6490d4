"""One record, one source, one institution, the methodology and the health check."""

from django.db import connection
from django.db.models import F, Max, Q, Sum
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cooperation import citing, stats
from cooperation.api import downloads
from cooperation.datasets import FIGURE_DATASETS, format_decimal
from cooperation.models import (
    FIGURE_MODELS,
    Citation,
    Institution,
    Measure,
    Pledge,
    PledgeKind,
    ReportedFigure,
    Source,
)

FIGURE_DATASETS_BY_NAME = {dataset.name: dataset for dataset in FIGURE_DATASETS}
# The API list of each figure data set, to link its CSV.
API_LISTS = {
    "cohorts": "api:cohort-list",
    "donations": "api:donation-list",
    "pledges": "api:pledge-list",
    "reported-figures": "api:reported-figure-list",
}
# The filter naming each data set's giver.
GIVER_FILTERS = {"cohorts": "provider", "donations": "donor", "pledges": "donor", "reported-figures": "donor"}
INSTITUTION_PAGE_ROWS = 50


@require_safe
@never_cache
def healthz(request):
    """200 when the app and its database answer; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means unhealthy, whatever its class
        return JsonResponse({"status": "error", "database": str(error.__class__.__name__)}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _source_citations(source):
    return (
        Citation.objects.published()
        .filter(source=source)
        .select_related("cohort", "donation", "pledge", "reported_figure")
        .order_by("public_id")
    )


@require_safe
def source_detail(request, public_id):
    source = get_object_or_404(Source, public_id=public_id)
    citations = list(_source_citations(source))
    return render(
        request,
        "cooperation/source_detail.html",
        {
            "source": source,
            "citations": citations,
            "csv_url": reverse("source-csv", args=[source.public_id]),
        },
    )


SOURCE_CSV_HEADER = [
    "citation",
    "record_type",
    "record_id",
    "stated_value",
    "stated_unit",
    "qualifier",
    "locator",
    "excerpt",
]


@require_safe
def source_csv(request, public_id):
    """Every figure a source states: one row per citation of a published record."""
    source = get_object_or_404(Source, public_id=public_id)
    rows = []
    for citation in _source_citations(source):
        record = citation.record
        dataset = next(d for d in FIGURE_DATASETS if isinstance(record, d.model))
        rows.append(
            [
                citation.public_id,
                dataset.name,
                record.public_id,
                format_decimal(citation.stated_value),
                citation.stated_unit,
                citation.qualifier,
                citation.locator,
                citation.excerpt,
            ]
        )
    return downloads.table_response(f"source-{source.public_id}", SOURCE_CSV_HEADER, rows)


@require_safe
def institution_detail(request, public_id):
    institution = get_object_or_404(Institution, public_id=public_id)
    sections = []
    for dataset in FIGURE_DATASETS:
        model = dataset.model
        giver = GIVER_FILTERS[dataset.name]
        records = (
            model.objects.published()
            .with_related()
            .filter(Q(**{model.DONOR_FIELD: institution}) | Q(recipient=institution))
            .order_by(F(model.YEAR_LOOKUP.replace("__year", "")).asc(nulls_last=True), "public_id")
        )
        shown = list(records[: INSTITUTION_PAGE_ROWS + 1])
        api = reverse(API_LISTS[dataset.name])
        browse = reverse("browse", args=[dataset.name])
        sections.append(
            {
                "dataset": dataset,
                "records": shown[:INSTITUTION_PAGE_ROWS],
                "more": len(shown) > INSTITUTION_PAGE_ROWS,
                "given_url": f"{browse}?{giver}={institution.public_id}",
                "received_url": f"{browse}?recipient={institution.public_id}",
                "given_csv": f"{api}?{giver}={institution.public_id}&format=csv",
                "received_csv": f"{api}?recipient={institution.public_id}&format=csv",
            }
        )
    return render(
        request,
        "cooperation/institution_detail.html",
        {"institution": institution, "sections": sections, "rows_per_section": INSTITUTION_PAGE_ROWS},
    )


@require_safe
def record_detail(request, dataset, public_id):
    declaration = FIGURE_DATASETS_BY_NAME.get(dataset)
    if declaration is None:
        raise Http404
    record = get_object_or_404(declaration.model.objects.published().with_related(), public_id=public_id)
    permalink = request.build_absolute_uri(record.get_absolute_url())
    cite = citing.for_figure(declaration, record, permalink, citing.data_version())
    context = {"dataset": declaration, "record": record, "cite": cite}
    counts_training = (isinstance(record, ReportedFigure) and record.measure == Measure.PERSONNEL_TRAINED) or (
        isinstance(record, Pledge) and record.kind == PledgeKind.TRAINING
    )
    if counts_training:
        # The cohorts that the dashboard sums against this claim or promise (stats' rule).
        counted = stats.counted_against(record).select_related("provider", "recipient").order_by("year", "public_id")
        first, last = stats.comparison_years(record)
        context.update(
            counted=counted,
            counted_sum=counted.aggregate(total=Sum("trainees"))["total"] or 0,
            counted_from=first,
            counted_to=last,
        )
    return render(request, "cooperation/record_detail.html", context)


@require_safe
def methodology(request):
    last_changed = max(
        (model.objects.published().aggregate(last=Max("updated"))["last"] for model in FIGURE_MODELS),
        key=lambda value: (value is not None, value),
        default=None,
    )
    return render(
        request,
        "cooperation/methodology.html",
        {
            "last_changed": last_changed,
            "api_stats": reverse("api:stats-training"),
        },
    )
