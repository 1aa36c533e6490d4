"""Server-rendered pages. Every page shows published records only, each figure with
its sources."""

from django.db import connection
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cooperation.datasets import FIGURE_DATASETS
from cooperation.models import Citation, Institution, Source

FIGURE_DATASETS_BY_NAME = {dataset.name: dataset for dataset in FIGURE_DATASETS}


def _published_sections():
    """(data set, its published records with institutions and citations) for each figure data set."""
    return [(dataset, dataset.model.objects.published().with_related()) for dataset in FIGURE_DATASETS]


@require_safe
def home(request):
    return render(request, "cooperation/home.html", {"sections": _published_sections()})


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


@require_safe
def source_detail(request, public_id):
    source = get_object_or_404(Source, public_id=public_id)
    citations = (
        Citation.objects.published()
        .filter(source=source)
        .select_related("cohort", "donation", "pledge", "reported_figure")
        .order_by("public_id")
    )
    return render(request, "cooperation/source_detail.html", {"source": source, "citations": citations})


@require_safe
def institution_detail(request, public_id):
    institution = get_object_or_404(Institution, public_id=public_id)
    sections = []
    for dataset, records in _published_sections():
        as_giver = Q(**{dataset.model.DONOR_FIELD: institution})
        sections.append((dataset, records.filter(as_giver | Q(recipient=institution))))
    return render(request, "cooperation/institution_detail.html", {"institution": institution, "sections": sections})


@require_safe
def record_detail(request, dataset, public_id):
    declaration = FIGURE_DATASETS_BY_NAME.get(dataset)
    if declaration is None:
        raise Http404
    record = get_object_or_404(declaration.model.objects.published().with_related(), public_id=public_id)
    return render(request, "cooperation/record_detail.html", {"dataset": declaration, "record": record})
