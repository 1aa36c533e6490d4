"""CSV for every list: every matching row, streamed.

The columns are the data set's export columns (``cooperation.datasets``, shared with
``export_data`` and ``import_data``) followed, for figure records, by the record's
sources in readable form, so that each row carries its provenance. Lines come from
``tabular.iter_csv_lines`` (formula neutralising in text cells, numbers untouched) and
rows are read from the database in chunks, so memory does not grow with the rows.
"""

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from rest_framework.renderers import BaseRenderer

from cooperation import datasets, tabular
from cooperation.stats import source_summaries

CONTENT_TYPE = "text/csv; charset=utf-8"
CHUNK_SIZE = 500
SOURCE_SEPARATOR = " | "
# (column name, key of a source summary)
SOURCE_COLUMNS = (("source_ids", "id"), ("source_titles", "title"), ("source_urls", "url"))


class CSVRenderer(BaseRenderer):
    """Lets content negotiation choose CSV (``?format=csv`` or ``Accept: text/csv``).

    List views stream the CSV themselves; this renders only what reaches it otherwise:
    a list of flat objects, one row each.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not data:
            return b""
        rows = data if isinstance(data, list) else [data]
        header = list(rows[0])
        return b"".join(tabular.iter_csv_lines(header, ([row.get(name) for name in header] for row in rows)))


def filename(name: str) -> str:
    """``cohorts-2026-11-28.csv``: the data set and the day it was downloaded."""
    return f"{name}-{timezone.localdate().isoformat()}.csv"


def header(dataset: datasets.Dataset) -> list:
    columns = list(dataset.columns)
    if dataset in datasets.FIGURE_DATASETS:
        columns += [name for name, _key in SOURCE_COLUMNS]
    return columns


def rows(dataset: datasets.Dataset, queryset, chunk_size: int | None = None):
    """Each record as cells, read ``chunk_size`` at a time (citations prefetched per chunk)."""
    with_sources = dataset in datasets.FIGURE_DATASETS
    for obj in queryset.iterator(chunk_size=chunk_size or CHUNK_SIZE):
        row = dataset.export_row(obj)
        if with_sources:
            sources = source_summaries(obj)
            row += [SOURCE_SEPARATOR.join(source[key] or "" for source in sources) for _name, key in SOURCE_COLUMNS]
        yield row


def _attach(response, name: str):
    response["Content-Disposition"] = f'attachment; filename="{filename(name)}"'
    return response


def streaming_response(dataset: datasets.Dataset, queryset) -> StreamingHttpResponse:
    """Every row of ``queryset`` as a CSV download, produced while it is sent."""
    lines = tabular.iter_csv_lines(header(dataset), rows(dataset, queryset))
    return _attach(StreamingHttpResponse(lines, content_type=CONTENT_TYPE), dataset.name)


def table_response(name: str, header: list, rows: list) -> HttpResponse:
    """A small table (statistics) as a CSV download."""
    return _attach(HttpResponse(b"".join(tabular.iter_csv_lines(header, rows)), content_type=CONTENT_TYPE), name)
