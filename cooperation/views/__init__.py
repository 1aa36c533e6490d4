"""Server-rendered pages: the dashboard and its embeds (``dashboard``), the browse pages
(``browse``), the record, source, institution and methodology pages (``pages``), the
downloads page with every data set and chart table as files (``downloads``). Every page
shows published records only, each figure with its sources."""

from cooperation.views.browse import browse, source_list
from cooperation.views.dashboard import embed, home
from cooperation.views.downloads import chart_file, dataset_file, downloads_page, package_file
from cooperation.views.pages import healthz, institution_detail, methodology, record_detail, source_csv, source_detail

__all__ = [
    "browse",
    "chart_file",
    "dataset_file",
    "downloads_page",
    "embed",
    "healthz",
    "home",
    "institution_detail",
    "methodology",
    "package_file",
    "record_detail",
    "source_csv",
    "source_detail",
    "source_list",
]
