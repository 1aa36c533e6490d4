from django.contrib import admin
from django.urls import include, path

from cooperation import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("sources/<slug:public_id>/", views.source_detail, name="source-detail"),
    path("institutions/<slug:public_id>/", views.institution_detail, name="institution-detail"),
    path("data/<slug:dataset>/<slug:public_id>/", views.record_detail, name="record-detail"),
    path("admin/", admin.site.urls),
    path("api/", include("cooperation.api.urls")),
]
