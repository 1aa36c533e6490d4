"""Server-rendered pages: the dashboard, its embeds and chart CSV (``dashboard``), the
browse pages (``browse``), and the record, source, institution and methodology pages
(``pages``). Every page shows published records only, each figure with its sources."""

from cooperation.views.browse import browse, source_list
from cooperation.views.dashboard import chart_csv, embed, home
from cooperation.views.pages import healthz, institution_detail, methodology, record_detail, source_csv, source_detail

__all__ = [
    "browse",
    "chart_csv",
    "embed",
    "healthz",
    "home",
    "institution_detail",
    "methodology",
    "record_detail",
    "source_csv",
    "source_detail",
    "source_list",
]
