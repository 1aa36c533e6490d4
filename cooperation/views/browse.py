"""Browse pages: ``/data/<data set>/`` and ``/sources/``.

Server-rendered, paginated, sortable and filterable with the API's FilterSets (the same
parameter names and meaning as ``/api/v1/<data set>/``); each row shows its sources and
each page links to the API's CSV of exactly the rows it lists (every page of them).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from cooperation import datasets, filters
from cooperation import models as domain
from cooperation.views.scope import FormOptions, canonical_query, error_list

PAGE_SIZE = 50


@dataclass(frozen=True)
class Cell:
    text: str
    url: str | None = None


@dataclass(frozen=True)
class BrowseColumn:
    label: str
    render: Callable
    sort: str | None = None  # the FilterSet's ordering name
    numeric: bool = False


def _institution(obj) -> Cell:
    return Cell(str(obj), obj.get_absolute_url()) if obj is not None else Cell("—")


def _record(record) -> Cell:
    return Cell(record.public_id, record.get_absolute_url())


def _text(attribute: str) -> Callable:
    return lambda obj: Cell(str(getattr(obj, attribute) or "—"))


def _display(attribute: str) -> Callable:
    return lambda obj: Cell(str(getattr(obj, f"get_{attribute}_display")() or "—"))


@dataclass(frozen=True)
class Browse:
    """One browse page: the data set, its FilterSet, the filters its form shows (all of
    the FilterSet's names) and its columns."""

    dataset: datasets.Dataset
    filterset: type[filters.DataSetFilterSet]
    api_list: str  # the URL name of the API list answering the same query
    form_fields: tuple[str, ...]
    columns: tuple[BrowseColumn, ...]
    choices: tuple[tuple[str, type], ...] = ()
    has_sources: bool = True


SCOPE_FIELDS = ("year_min", "year_max", "donor_country", "recipient_country")

BROWSE = {
    "cohorts": Browse(
        datasets.COHORTS,
        filters.CohortFilterSet,
        "api:cohort-list",
        (*SCOPE_FIELDS, "provider", "recipient", "stage", "q"),
        (
            BrowseColumn(_("Record"), _record, "public_id"),
            BrowseColumn(_("Year"), lambda obj: Cell(obj.when_display() or "—"), "year"),
            BrowseColumn(_("Provider"), lambda obj: _institution(obj.provider)),
            BrowseColumn(_("Recipient"), lambda obj: _institution(obj.recipient)),
            BrowseColumn(_("Programme"), _text("programme")),
            BrowseColumn(_("Stage"), _display("stage")),
            BrowseColumn(_("Personnel"), lambda obj: Cell(obj.headline_display()), "trainees", numeric=True),
        ),
        (("stage", domain.CohortStage),),
    ),
    "donations": Browse(
        datasets.DONATIONS,
        filters.DonationFilterSet,
        "api:donation-list",
        (*SCOPE_FIELDS, "donor", "recipient", "category", "q"),
        (
            BrowseColumn(_("Record"), _record, "public_id"),
            BrowseColumn(_("Date"), lambda obj: Cell(obj.when_display() or "—"), "date"),
            BrowseColumn(_("Donor"), lambda obj: _institution(obj.donor)),
            BrowseColumn(_("Recipient"), lambda obj: _institution(obj.recipient)),
            BrowseColumn(_("Category"), _display("category"), "category"),
            BrowseColumn(_("Description"), _text("description")),
            BrowseColumn(_("Quantity or value"), lambda obj: Cell(obj.headline_display()), "quantity", numeric=True),
        ),
        (("category", domain.DonationCategory),),
    ),
    "pledges": Browse(
        datasets.PLEDGES,
        filters.PledgeFilterSet,
        "api:pledge-list",
        (*SCOPE_FIELDS, "donor", "recipient", "kind", "q"),
        (
            BrowseColumn(_("Record"), _record, "public_id"),
            BrowseColumn(_("Announced"), lambda obj: Cell(obj.when_display() or "—"), "announced"),
            BrowseColumn(_("Donor"), lambda obj: _institution(obj.donor)),
            BrowseColumn(_("Recipient"), lambda obj: _institution(obj.recipient)),
            BrowseColumn(_("What is promised"), _display("kind")),
            BrowseColumn(_("Description"), _text("description")),
            BrowseColumn(_("Period"), lambda obj: Cell(obj.period_display or "—"), "period_start"),
            BrowseColumn(_("Promised"), lambda obj: Cell(obj.headline_display()), "quantity", numeric=True),
        ),
        (("kind", domain.PledgeKind),),
    ),
    "reported-figures": Browse(
        datasets.REPORTED_FIGURES,
        filters.ReportedFigureFilterSet,
        "api:reported-figure-list",
        (*SCOPE_FIELDS, "donor", "recipient", "measure", "q"),
        (
            BrowseColumn(_("Record"), _record, "public_id"),
            BrowseColumn(_("Stated on"), lambda obj: Cell(obj.when_display() or _("not stated")), "stated_on"),
            BrowseColumn(_("Whose effort"), lambda obj: _institution(obj.donor)),
            BrowseColumn(_("Who"), lambda obj: _institution(obj.recipient)),
            BrowseColumn(_("Description"), _text("description")),
            BrowseColumn(_("Period"), lambda obj: Cell(obj.period_display or "—"), "period_end"),
            BrowseColumn(_("Announced"), lambda obj: Cell(obj.headline_display()), "value", numeric=True),
        ),
        (("measure", domain.Measure),),
    ),
}


def _source_published(source) -> Cell:
    return Cell(source.published_display or _("not known"))


SOURCES_BROWSE = Browse(
    datasets.SOURCES,
    filters.SourceFilterSet,
    "api:source-list",
    ("kind", "language", "q"),
    (
        BrowseColumn(_("Source"), lambda obj: Cell(obj.public_id, obj.get_absolute_url()), "public_id"),
        BrowseColumn(_("Title"), lambda obj: Cell(obj.title, obj.get_absolute_url())),
        BrowseColumn(_("Publisher"), _text("publisher"), "publisher"),
        BrowseColumn(_("Published"), _source_published, "published"),
        BrowseColumn(_("Language"), _text("language")),
        BrowseColumn(_("Kind"), _display("kind")),
        BrowseColumn(_("Figures it states"), lambda obj: Cell(str(obj.figures)), numeric=True),
    ),
    (("kind", domain.SourceKind),),
    has_sources=False,
)


def _sort_links(browse: Browse, params: dict[str, str], current: str) -> list[dict]:
    """Each column's header: its sort link (ascending first, then descending) and state."""
    headers = []
    for column in browse.columns:
        header = {"column": column, "url": None, "sort": None}
        if column.sort:
            ascending = current == column.sort
            descending = current == f"-{column.sort}"
            target = f"-{column.sort}" if ascending else column.sort
            query = canonical_query({**params, "ordering": target}, names=(*browse.form_fields, "ordering"))
            header.update(
                url=f"?{query}",
                sort="ascending" if ascending else "descending" if descending else None,
            )
        headers.append(header)
    return headers


def _render_list(request, browse: Browse, queryset, title, description, template="cooperation/browse.html"):
    names = (*browse.form_fields, "ordering")
    params = {name: (request.GET.get(name) or "").strip() for name in names}
    filterset = browse.filterset(params, queryset=queryset)
    options = FormOptions()
    choices = dict(browse.choices)
    fields = [
        options.field(name, params[name], choices=getattr(choices.get(name), "choices", None))
        for name in browse.form_fields
    ]
    context = {
        "title": title,
        "description": description,
        "browse": browse,
        "fields": fields,
        "ordering": params["ordering"],
    }
    if not filterset.is_valid():
        return render(request, template, {**context, "errors": error_list(filterset.errors)}, status=400)
    query = canonical_query(params, names=names)
    csv_query = canonical_query({**params, "format": "csv"}, names=(*names, "format"))
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = [
        {"record": obj, "cells": [(column.render(obj), column) for column in browse.columns]}
        for obj in page.object_list
    ]
    context.update(
        page=page,
        rows=rows,
        headers=_sort_links(browse, params, params["ordering"]),
        query=query,
        page_query=f"{query}&" if query else "",
        csv_url=reverse(browse.api_list) + f"?{csv_query}",
        api_url=reverse(browse.api_list) + (f"?{query}" if query else ""),
    )
    return render(request, template, context)


@require_safe
def browse(request, dataset):
    declaration = BROWSE.get(dataset)
    if declaration is None:
        raise Http404
    queryset = declaration.dataset.model.objects.published().with_related()
    return _render_list(request, declaration, queryset, declaration.dataset.title, declaration.dataset.description)


def _figures_cited() -> Count:
    """How many citations of published records a source has."""
    published = Q()
    for model in domain.FIGURE_MODELS:
        published |= Q(**{f"citations__{model.CITATION_FIELD}__status": domain.Status.PUBLISHED})
    return Count("citations", filter=published, distinct=True)


@require_safe
def source_list(request):
    queryset = domain.Source.objects.annotate(figures=_figures_cited())
    return _render_list(
        request,
        SOURCES_BROWSE,
        queryset,
        datasets.SOURCES.title,
        _("Every public document that states a figure; each links to the figures it states, with the excerpts."),
    )
