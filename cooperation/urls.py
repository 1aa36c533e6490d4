from django.contrib import admin
from django.urls import include, path

from cooperation import views

urlpatterns = [
    path("", views.home, name="home"),
    path("embed/<slug:chart>/", views.embed, name="embed"),
    path("charts/<slug:chart>/<slug:table>.csv", views.chart_csv, name="chart-csv"),
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
