from django.contrib import admin
from django.urls import include, path

from cooperation import views
from cooperation.feeds import ChangesFeed

urlpatterns = [
    path("", views.home, name="home"),
    path("embed/<slug:chart>/", views.embed, name="embed"),
    # The Excel flavour first: ``<slug:table>.csv`` would also match ``<table>-excel.csv``.
    path("charts/<slug:chart>/<slug:table>-excel.csv", views.chart_file, {"flavour": "excel"}, name="chart-excel"),
    path("charts/<slug:chart>/<slug:table>.csv", views.chart_file, {"flavour": "csv"}, name="chart-csv"),
    path("charts/<slug:chart>/<slug:table>.xlsx", views.chart_file, {"flavour": "xlsx"}, name="chart-xlsx"),
    path("downloads/", views.downloads_page, name="downloads"),
    path("downloads/data-package.zip", views.package_file, name="download-package"),
    path("downloads/<slug:dataset>-excel.csv", views.dataset_file, {"flavour": "excel"}, name="download-excel"),
    path("downloads/<slug:dataset>.csv", views.dataset_file, {"flavour": "csv"}, name="download-csv"),
    path("downloads/<slug:dataset>.xlsx", views.dataset_file, {"flavour": "xlsx"}, name="download-xlsx"),
    path("feeds/changes/", ChangesFeed(), name="feed-changes"),
    path("methodology/", views.methodology, name="methodology"),
    path("healthz", views.healthz, name="healthz"),
    path("sources/", views.source_list, name="source-list"),
    path("sources/<slug:public_id>/", views.source_detail, name="source-detail"),
    path("sources/<slug:public_id>.csv", views.source_csv, name="source-csv"),
    path("institutions/<slug:public_id>/", views.institution_detail, name="institution-detail"),
    path("data/<slug:dataset>/", views.browse, name="browse"),
    path("data/<slug:dataset>/<slug:public_id>/", views.record_detail, name="record-detail"),
    path("admin/", admin.site.urls),
    path("api/", include("cooperation.api.urls")),
]
