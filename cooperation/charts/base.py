"""What every chart is made of: numbered sources, tables (the accessible alternative and
the CSV), the ``Chart`` itself, links to the records behind a point, and the Plotly
layout every figure shares."""

import html
from dataclasses import dataclass, field
from urllib.parse import urlencode

import plotly.graph_objects as go
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation import models as domain

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form
# of colour blindness. Yellow comes last: it is hard to see on white.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
TOTAL_COLOUR = "#000000"
CLAIM_COLOUR = "#D55E00"
ITEMISED_COLOUR = "#0072B2"
PROMISE_COLOUR = "#CC79A7"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
# At most this many sources are named in a hover label; the list under the chart has all.
HOVER_SOURCES = 4

# The filters a chart's scope is made of: the names and meaning of the API's
# ``TrainingStatsFilterSet`` (``cooperation.filters``).
FILTER_NAMES = ("year_min", "year_max", "donor_country", "recipient_country", "provider", "recipient")


def number(value) -> str:
    """912 → "912", 1000 → "1,000" (localised), None → "—"."""
    if value is None:
        return "—"
    return formats.number_format(value, force_grouping=True)


def signed(value) -> str:
    """The difference of a claim and the records, with its sign: "+482", "−168", "0"."""
    if value is None:
        return "—"
    if value > 0:
        return f"+{number(value)}"
    if value < 0:
        return f"−{number(-value)}"
    return "0"


def institution_label(institution: dict | None) -> str:
    if not institution:
        return _("not named")
    return institution.get("short_name") or institution.get("name") or institution.get("id", "")


# --- Sources ------------------------------------------------------------------------------


@dataclass
class NumberedSource:
    number: int
    id: str
    title: str
    publisher: str
    url: str
    published: str | None
    records: list[tuple[str, str]] = field(default_factory=list)  # (identifier, address) of each record it states

    @property
    def label(self) -> str:
        return f"[{self.number}] {self.publisher}"


class SourceList:
    """The sources of one chart, numbered in the order they are first met."""

    def __init__(self):
        self._by_id: dict[str, NumberedSource] = {}

    def add(self, summary: dict, record: tuple[str, str] | None = None) -> NumberedSource:
        """``summary``: a source as ``stats.source_summaries`` writes it, or a
        ``stats.record_sources`` row (``source_*`` keys)."""
        key = summary.get("id") or summary["source_id"]
        entry = self._by_id.get(key)
        if entry is None:
            entry = NumberedSource(
                number=len(self._by_id) + 1,
                id=key,
                title=summary.get("title", summary.get("source_title", "")),
                publisher=summary.get("publisher", summary.get("source_publisher", "")),
                url=summary.get("url", summary.get("source_url", "")),
                published=summary.get("published", summary.get("source_published")),
            )
            self._by_id[key] = entry
        if record is not None:
            dataset, public_id = record
            stated = (public_id, reverse("record-detail", args=[dataset, public_id]))
            if stated not in entry.records:
                entry.records.append(stated)
        return entry

    def __iter__(self):
        return iter(self._by_id.values())

    def __len__(self):
        return len(self._by_id)


def hover_sources(sources: list[NumberedSource]) -> str:
    """ "Sources: [1] Loop Haïti, [2] TedActu" (escaped: plotly renders a little HTML)."""
    if not sources:
        return html.escape(_("No source states a number here."))
    shown = ", ".join(html.escape(source.label) for source in sources[:HOVER_SOURCES])
    more = len(sources) - HOVER_SOURCES
    if more > 0:
        shown += " " + html.escape(ngettext("and %(count)s more", "and %(count)s more", more) % {"count": more})
    return html.escape(_("Sources:")) + " " + shown


# --- Tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str  # the CSV header
    label: str  # the table header
    numeric: bool = True
    grouped: bool = True  # thousands separators on the page (not for years)


@dataclass
class Row:
    cells: list
    link: str | None = None  # the records behind the row
    sources: list[NumberedSource] = field(default_factory=list)


SOURCE_CSV_COLUMNS = ("source_ids", "source_titles", "source_urls")


@dataclass
class Table:
    name: str
    caption: str
    columns: list[Column]
    rows: list[Row]

    @property
    def display_rows(self) -> list[tuple[Row, list[tuple]]]:
        """Each row with its cells paired with their columns, for the template."""
        return [(row, list(zip(row.cells, self.columns, strict=True))) for row in self.rows]

    def csv_header(self) -> list[str]:
        return [column.key for column in self.columns] + list(SOURCE_CSV_COLUMNS)

    def csv_rows(self) -> list[list]:
        return [
            [
                *row.cells,
                " | ".join(source.id for source in row.sources),
                " | ".join(source.title for source in row.sources),
                " | ".join(source.url for source in row.sources),
            ]
            for row in self.rows
        ]


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    figure: dict
    summary: list[str]
    tables: list[Table]
    sources: SourceList
    notes: list[str] = field(default_factory=list)
    empty: bool = False

    def table(self, name: str) -> Table | None:
        return next((table for table in self.tables if table.name == name), None)


# --- Links to the records behind a point -------------------------------------------------


class Links:
    """Addresses of browse pages narrowed to the records behind a figure, keeping the
    current filters (``filters``: the canonical, non-empty filter values)."""

    def __init__(self, filters: dict[str, str]):
        self.filters = {name: value for name, value in filters.items() if name in FILTER_NAMES and value}

    def _url(self, name: str, params: dict) -> str:
        query = urlencode([(key, value) for key, value in params.items() if value not in (None, "")])
        return reverse("browse", args=[name]) + (f"?{query}" if query else "")

    def cohorts(self, *, year=None, **params) -> str:
        """Completed cohorts (what counts as trained) in scope, of one year if given."""
        merged = dict(self.filters)
        if year is not None:
            merged.update(year_min=year, year_max=year)
        return self._url("cohorts", {**merged, "stage": domain.CohortStage.COMPLETED, **params})

    def donations(self, *, year=None, **params) -> str:
        merged = dict(self.filters)
        # The donations' giver filter is called ``donor``; ``provider`` names the same giver.
        if "provider" in merged:
            merged["donor"] = merged.pop("provider")
        if year is not None:
            merged.update(year_min=year, year_max=year)
        return self._url("donations", {**merged, **params})

    @staticmethod
    def record(dataset: str, public_id: str) -> str:
        return reverse("record-detail", args=[dataset, public_id])


# --- Figures --------------------------------------------------------------------------------

# Below this width (pixels) charts/js merges a figure's ``narrow`` layout into its layout.
NARROW_WIDTH = 600


def merge(base: dict, overrides: dict) -> dict:
    """``base`` with ``overrides`` merged in, dictionaries key by key (as the script does)."""
    merged = dict(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


BASE_LAYOUT = {
    "template": "none",
    "font": {"family": FONT, "size": 13, "color": "#1b1b1b"},
    "margin": {"l": 56, "r": 16, "t": 16, "b": 48},
    "height": 420,
    "hovermode": "closest",
    "hoverlabel": {"align": "left"},
    # Charts are read, not explored: no drag-to-zoom that traps a scrolling thumb.
    "dragmode": False,
    "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.12, "yanchor": "top"},
    "xaxis": {"type": "category", "fixedrange": True, "automargin": True, "showgrid": False},
    "yaxis": {"fixedrange": True, "automargin": True, "rangemode": "tozero", "gridcolor": "#e5e5e5"},
    "paper_bgcolor": "#ffffff",
    "plot_bgcolor": "#ffffff",
}
# On a phone: a taller chart (the legend wraps), smaller type, no axis titles.
BASE_NARROW = {
    "height": 500,
    "font": {"size": 11},
    "margin": {"l": 36, "r": 8, "t": 8, "b": 40},
    # Under the plot, whatever the tick labels take.
    "legend": {"yref": "container", "y": 0, "yanchor": "bottom"},
    "yaxis": {"title": {"text": ""}},
}


def figure(traces: list, *, narrow: dict | None = None, narrow_traces: dict | None = None, **layout) -> dict:
    """The figure as JSON for plotly.js: ``data``, ``layout``, ``narrow`` (the layout
    changes for small screens) and ``narrow_traces`` (trace changes for small screens, by
    the trace's index), both merged in by the script."""
    built = go.Figure(layout=merge(BASE_LAYOUT, layout))
    for trace in traces:
        built.add_trace(trace)
    result = built.to_plotly_json()
    result["narrow"] = merge(BASE_NARROW, narrow or {})
    result["narrow_traces"] = {str(index): changes for index, changes in (narrow_traces or {}).items()}
    return result


def hovertemplate(*lines: str) -> str:
    """Lines of a hover label; the last line names the sources (``customdata[0]``)."""
    return "<br>".join([*lines, "%{customdata[0]}"]) + "<extra></extra>"


def title_line(text: str) -> str:
    """The first line of a hover label. Plain: plotly draws <b> as a style attribute,
    which the Content-Security-Policy refuses."""
    return html.escape(text)
