"""Routes of the API: ``/api/v1/`` (resources and statistics), ``/api/schema/`` and ``/api/docs/``."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from cooperation.api import views


class Router(DefaultRouter):
    # One spelling per URL: formats are chosen with ?format= or Accept, not a suffix.
    include_format_suffixes = False

    def get_api_root_view(self, api_urls=None):
        """The root lists the statistics beside the data sets."""
        list_name = self.routes[0].name
        api_root_dict = {prefix: list_name.format(basename=basename) for prefix, _viewset, basename in self.registry}
        api_root_dict["stats/training"] = "stats-training"
        return self.APIRootView.as_view(api_root_dict=api_root_dict)


router = Router()
router.register("institutions", views.InstitutionViewSet, basename="institution")
router.register("sources", views.SourceViewSet, basename="source")
router.register("cohorts", views.CohortViewSet, basename="cohort")
router.register("donations", views.DonationViewSet, basename="donation")
router.register("pledges", views.PledgeViewSet, basename="pledge")
router.register("reported-figures", views.ReportedFigureViewSet, basename="reported-figure")

v1 = [
    *router.urls,
    path("stats/training/", views.TrainingStatsView.as_view(), name="stats-training"),
]

urlpatterns = [
    path("v1/", include((v1, "api"), namespace="api")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # Addresses without the final slash are redirected to it by CommonMiddleware first.
    re_path(r"^(?P<path>.*/)?$", views.not_found, name="api-not-found"),
]
