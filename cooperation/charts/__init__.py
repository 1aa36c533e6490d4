"""The dashboard's charts, built with the Python plotly library from ``cooperation.stats``
output (the functions that also serve the API's statistics).

Each builder returns a ``Chart``: the Plotly figure as plain JSON (drawn in the browser by
the vendored plotly.js through ``static/cooperation/js/charts.js``), the tables that are
both its accessible alternative and its CSV download, its numbered sources and a text
summary. Every number a chart draws is in one of its tables, and every table row carries
the sources behind it. Builders take a ``Links`` object, which knows the current filters
and writes the address of the records behind a point (a click on a point opens them).

To add a chart: write a builder here returning a ``Chart`` from ``stats`` output, add its
slug to ``CHART_SLUGS`` and build it in ``cooperation.views.dashboard.build_charts``; the
page, the embed, the CSV and the tests' guards pick it up from there.
"""

from cooperation.charts.base import FILTER_NAMES, Chart, Links, Table, number, signed
from cooperation.charts.claims import claim_date, claim_period, comparison_chart, scope_label
from cooperation.charts.donations import donations_chart
from cooperation.charts.training import cumulative_chart, not_counted_notes, per_year_chart

CHART_SLUGS = ("cumulative", "per-year", "donations", "comparison")

__all__ = [
    "CHART_SLUGS",
    "FILTER_NAMES",
    "Chart",
    "Links",
    "Table",
    "claim_date",
    "claim_period",
    "comparison_chart",
    "cumulative_chart",
    "donations_chart",
    "not_counted_notes",
    "number",
    "per_year_chart",
    "scope_label",
    "signed",
]
