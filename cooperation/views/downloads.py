"""Files for journalists: the downloads page (``/downloads/``), every data set and every
chart table as CSV, CSV for Excel and XLSX, and the whole data set as one zip.

Published records only. Every file is complete and memory-bounded: CSV is streamed line
by line, XLSX is written in openpyxl's write-only mode to a spooled temporary file, and
the zip is ``export_data``'s data package written to a temporary file. Data set files
have the columns of the API's CSV (``cooperation.api.downloads``); chart files have the
columns of the table under the chart. File names carry the data set and the day of the
data version (``mexico-haiti-cohorts-2026-11-28.csv``); the ETag and Last-Modified
headers carry the version itself, so an unchanged file answers 304.
"""

import tempfile
from dataclasses import dataclass
from datetime import datetime

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cooperation import charts, citing, datasets, tabular
from cooperation.api import downloads as api_downloads
from cooperation.models import Source, Status
from cooperation.views.dashboard import build_charts, invalid_filters_page
from cooperation.views.scope import FormOptions, Scope

FILE_PREFIX = "mexico-haiti"
PACKAGE_FILE = "data-package"
# (flavour, label); the URL and the file name of each flavour come from ``file_name`` and ``urls``.
FLAVOURS = (
    ("csv", gettext_lazy("CSV")),
    ("excel", gettext_lazy("CSV for Excel")),
    ("xlsx", gettext_lazy("XLSX")),
)
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# An XLSX stays in memory up to this size, then moves to a temporary file.
SPOOL_BYTES = 8 * 1024 * 1024
# Figure data sets first: they are what people come for.
PAGE_ORDER = (*datasets.FIGURE_DATASETS, datasets.CITATIONS, datasets.SOURCES, datasets.INSTITUTIONS)
SOURCE_COLUMN_MEANINGS = {
    "source_ids": gettext_lazy(
        "Identifiers of the sources behind the row, separated by “ | ” (see the Sources sheet)."
    ),
    "source_titles": gettext_lazy("Titles of those sources, in the same order."),
    "source_urls": gettext_lazy("Addresses of those sources, in the same order."),
}


def file_name(name: str, version: datetime, flavour: str) -> str:
    """``mexico-haiti-cohorts-2026-11-28.csv``: the data set and the day of the data version;
    the Excel flavour ends in ``-excel.csv``."""
    stem = f"{FILE_PREFIX}-{name}-{citing.version_date(version)}"
    return {"csv": f"{stem}.csv", "excel": f"{stem}-excel.csv", "xlsx": f"{stem}.xlsx", "zip": f"{stem}.zip"}[flavour]


# --- Caching -------------------------------------------------------------------------------


def _etag(version: datetime) -> str:
    # The language is part of it (README sheets are translated), and so is the day (their access date).
    stamp = version.strftime("%Y%m%dT%H%M%S.%fZ")
    return f'W/"{stamp}-{get_language()}-{timezone.localdate().isoformat()}"'


def not_modified(request, version: datetime):
    """A 304 when the client already holds this version of the file, else None."""
    response = get_conditional_response(request, etag=_etag(version), last_modified=int(version.timestamp()))
    return stamp(response, version) if response is not None else None


def stamp(response, version: datetime):
    response["ETag"] = _etag(version)
    response["Last-Modified"] = http_date(version.timestamp())
    # Stored, but checked again on every use: the data may change at any time.
    response["Cache-Control"] = "no-cache"
    return response


# --- Files ---------------------------------------------------------------------------------


class _Counted:
    """Iterates over ``rows`` and counts them, so a README written after the data can state
    exactly how many rows it holds."""

    def __init__(self, rows):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def _file_response(filename: str, flavour: str, version: datetime, *, header, rows, sources=(), readme=None):
    """The file as a response: CSV streamed line by line (``rows`` an iterator) or in one
    body (``rows`` a list), XLSX from a spooled temporary file. ``readme`` (XLSX only) takes
    the row count and returns the README sheet's (label, text) pairs; it is called once
    every data row is written."""
    if flavour in ("csv", "excel"):
        lines = (tabular.iter_excel_csv_lines if flavour == "excel" else tabular.iter_csv_lines)(header, rows)
        if isinstance(rows, list):  # a small table, already in memory: one body, with its length
            response = HttpResponse(b"".join(lines), content_type=CSV_TYPE)
        else:
            response = StreamingHttpResponse(lines, content_type=CSV_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return stamp(response, version)
    counted = _Counted(rows)

    def readme_rows():
        yield from readme(counted.count) if readme else ()

    # FileResponse closes the file once it is sent.
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    tabular.write_xlsx(out, header=header, rows=counted, sources=sources, readme=readme_rows())
    out.seek(0)
    response = FileResponse(out, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
    return stamp(response, version)


def _readme(
    *, title: str, description: str, reference: citing.Reference, rows: int, columns: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The README sheet: what the file is, its version, licence and citation, and every column."""
    licence = f"{tabular.LICENCE['title']} ({tabular.LICENCE['name']}), {tabular.LICENCE['path']}"
    return [
        (_("Title"), title),
        (_("Description"), description),
        (_("Publisher"), reference.publisher),
        (
            _("Data version"),
            _("%(version)s (the time of the latest published change)") % {"version": reference.version_label},
        ),
        (_("Rows"), str(rows)),
        (_("Downloaded"), reference.accessed.isoformat()),
        (_("Permalink"), reference.permalink),
        (_("Licence"), licence),
        (_("How to cite"), reference.text),
        (
            _("Cells"),
            _(
                "An empty cell is unknown, never zero. Dates are YYYY, YYYY-MM or YYYY-MM-DD: exactly as precise "
                "as the source. A text cell that starts with = + - @, a tab or a carriage return has one leading "
                "apostrophe added, so that spreadsheets never run it as a formula. A control character that "
                "XLSX cannot hold (other than tab and line break) is shown as �; the CSV files keep it."
            ),
        ),
        (
            _("Sources"),
            _("Every figure comes from public sources: the Sources sheet lists those behind the rows of this file."),
        ),
        ("", ""),
        (_("Column"), _("Meaning")),
        *columns,
    ]


def _source_row(source: Source) -> list[str]:
    return [source.public_id, source.title, source.publisher, source.url, source.published_iso]


# --- Data sets -----------------------------------------------------------------------------


def public_queryset(dataset: datasets.Dataset):
    """The rows of a data set that the public sees, in identifier order, with what the
    API's CSV columns read. Institutions and sources are reference tables: all are public."""
    queryset = dataset.export_queryset()
    if dataset in datasets.FIGURE_DATASETS:
        return queryset.published().with_related()
    if dataset is datasets.CITATIONS:
        return queryset.published()
    return queryset


def _dataset_sources(dataset: datasets.Dataset):
    """The sources behind a data set's public rows (none for institutions)."""
    if dataset is datasets.INSTITUTIONS:
        return Source.objects.none()
    if dataset is datasets.SOURCES:
        return Source.objects.order_by("public_id")
    if dataset is datasets.CITATIONS:
        condition = {"citations__in": datasets.CITATIONS.model.objects.published()}
    else:
        condition = {f"citations__{dataset.model.CITATION_FIELD}__status": Status.PUBLISHED}
    return Source.objects.filter(**condition).distinct().order_by("public_id")


def _dataset_columns(dataset: datasets.Dataset) -> list[tuple[str, str]]:
    return [
        (column.name, str(column.description))
        if isinstance(column, datasets.Column)
        else (column, str(SOURCE_COLUMN_MEANINGS[column]))
        for column in api_downloads.header(dataset)
    ]


@require_safe
def dataset_file(request, dataset: str, flavour: str):
    """One data set, complete, as CSV, CSV for Excel or XLSX."""
    declaration = datasets.DATASETS_BY_NAME.get(dataset)
    if declaration is None:
        raise Http404
    version = citing.data_version()
    unchanged = not_modified(request, version)
    if unchanged is not None:
        return unchanged
    reference = citing.for_dataset(request.build_absolute_uri(request.path), version, dataset=declaration)

    def readme(count):
        return _readme(
            title=f"{tabular.PACKAGE_TITLE}: {declaration.title}",
            description=str(declaration.description),
            reference=reference,
            rows=count,
            columns=_dataset_columns(declaration),
        )

    return _file_response(
        file_name(declaration.name, version, flavour),
        flavour,
        version,
        header=api_downloads.header(declaration),
        rows=api_downloads.rows(declaration, public_queryset(declaration)),
        sources=(_source_row(source) for source in _dataset_sources(declaration).iterator()),
        readme=readme,
    )


@require_safe
def package_file(request):
    """The whole data set: ``export_data``'s package of published records, as one zip."""
    version = citing.data_version()
    unchanged = not_modified(request, version)
    if unchanged is not None:
        return unchanged
    out = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once it is sent)
    tabular.write_package(out, published_only=True)
    out.seek(0)
    response = FileResponse(
        out, as_attachment=True, filename=file_name(PACKAGE_FILE, version, "zip"), content_type="application/zip"
    )
    return stamp(response, version)


# --- Chart tables --------------------------------------------------------------------------


def _chart_sources(table: charts.Table) -> list[list[str]]:
    seen, rows = set(), []
    for row in table.rows:
        for source in row.sources:
            if source.id not in seen:
                seen.add(source.id)
                rows.append([source.id, source.title, source.publisher, source.url, source.published or ""])
    return rows


@require_safe
def chart_file(request, chart: str, table: str, flavour: str):
    """Exactly one table of a chart, with the dashboard's filters from the query string: the
    rows the page shows, with their sources."""
    if chart not in charts.CHART_SLUGS:
        raise Http404
    scope = Scope.from_query(request.GET)
    if not scope.is_valid():
        return invalid_filters_page(request, "cooperation/home.html", scope)
    version = citing.data_version()
    _training, _donations, built = build_charts(scope)
    found = built[chart].table(table)
    if found is None:
        raise Http404
    unchanged = not_modified(request, version)
    if unchanged is not None:
        return unchanged
    query = scope.query
    selection = scope.description(FormOptions().by_reference) if flavour == "xlsx" else ""
    permalink = request.build_absolute_uri(reverse("home") + (f"?{query}" if query else "")) + f"#chart-{chart}"
    title = f"{built[chart].title}: {found.caption}"
    reference = citing.for_chart(title, chart, selection, permalink, version)
    meanings = {column.key: str(column.label) for column in found.columns} | {
        key: str(text) for key, text in SOURCE_COLUMN_MEANINGS.items()
    }

    def readme(count):
        return _readme(
            title=title,
            description=f"{built[chart].description} " + _("Selection: %(filters)s.") % {"filters": selection},
            reference=reference,
            rows=count,
            columns=[(key, meanings.get(key, "")) for key in found.csv_header()],
        )

    return _file_response(
        file_name(f"{chart}-{table}", version, flavour),
        flavour,
        version,
        header=found.csv_header(),
        rows=found.csv_rows(),
        sources=_chart_sources(found),
        readme=readme,
    )


def chart_file_links(chart: str, table: str, query: str) -> list[tuple[str, str, str]]:
    """(flavour, label, address) of a chart table's three files, keeping the filters."""
    suffix = f"?{query}" if query else ""
    return [
        (flavour, str(label), reverse(f"chart-{flavour}", args=[chart, table]) + suffix) for flavour, label in FLAVOURS
    ]


# --- The page ------------------------------------------------------------------------------


@dataclass
class Download:
    title: str
    description: str
    rows: int
    links: list[tuple[str, str, str]]  # (flavour, label, address)
    anchor: str = ""


@require_safe
def downloads_page(request):
    version = citing.data_version()
    data = [
        Download(
            title=str(dataset.title),
            description=str(dataset.description),
            rows=public_queryset(dataset).count(),
            links=[
                (flavour, str(label), reverse(f"download-{flavour}", args=[dataset.name]))
                for flavour, label in FLAVOURS
            ],
            anchor=dataset.name,
        )
        for dataset in PAGE_ORDER
    ]
    scope = Scope.from_query({})
    scope.is_valid()
    _training, _donations, built = build_charts(scope)
    chart_tables = [
        Download(
            title=str(built[slug].title),
            description=str(table.caption),
            rows=len(table.rows),
            links=chart_file_links(slug, table.name, scope.query),
            anchor=f"chart-{slug}-{table.name}",
        )
        for slug in charts.CHART_SLUGS
        for table in built[slug].tables
    ]
    context = {
        "version": version,
        "version_label": tabular.format_timestamp(version),
        "data": data,
        "total_rows": sum(item.rows for item in data),
        "chart_tables": chart_tables,
        "chart_selection": scope.description(FormOptions().by_reference),
        "package_url": reverse("download-package"),
        "package_name": file_name(PACKAGE_FILE, version, "zip"),
        "example_name": file_name(datasets.COHORTS.name, version, "csv"),
        "feed_url": reverse("feed-changes"),
        "licence": tabular.LICENCE,
        "cite": citing.for_dataset(request.build_absolute_uri(reverse("downloads")), version),
    }
    return render(request, "cooperation/downloads.html", context)
