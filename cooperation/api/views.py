"""Viewsets of every data set and the training statistics.

- Reads: anonymous clients and users without staff status see published records only.
- Writes: an authenticated user with the model's add/change/delete permission
  (``DjangoModelPermissionsOrAnonReadOnly``), by session (with CSRF) or token.
- Lists answer JSON pages or, with ``?format=csv`` / ``Accept: text/csv``, every
  matching row as streamed CSV. Errors are always JSON.
- Every detail carries an ``ETag`` (``cooperation.versions.record_version``); lists and
  statistics carry a digest of their body. ``If-None-Match`` → 304; a stale ``If-Match``
  on PUT, PATCH or DELETE → 412, checked while the row is locked.
"""

import hashlib
import re

from django.db import transaction
from django.db.models import ProtectedError
from django.http import Http404, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.utils import translate_validation
from drf_spectacular import utils as schema_utils
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from cooperation import datasets, filters, stats
from cooperation import models as domain
from cooperation.api import downloads, schema, serializers
from cooperation.api.downloads import CSVRenderer
from cooperation.versions import parse_etags, record_version, version_matches
from cooperation.workflow import WorkflowPermission

FORMATS = ("json", "csv")
PUBLIC_ID = re.compile(r"[-a-zA-Z0-9_]{1,100}")


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy(
        "The record changed since you read it. Read it again (GET), apply your change to the new "
        "version and send its ETag in If-Match."
    )
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("Other records refer to this one, so it cannot be deleted.")
    default_code = "protected"


def body_etag(content: bytes) -> str:
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


class ConditionalMixin:
    """ETags and 304 for reads, JSON for every error, 400 for an unknown ``format``."""

    def initial(self, request, *args, **kwargs):
        # A method the view does not answer is refused before anything else is looked at.
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:
            wanted = request.query_params.get("format", "")
            if wanted in FORMATS:
                message = _("Only lists and statistics are available as CSV; this answers JSON only.")
            else:
                message = _("Unknown format “%(format)s”: use json or csv.") % {"format": wanted[:20]}
            raise exceptions.ValidationError({"format": [message]}) from None

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        if isinstance(response, Response) and response.status_code >= 400 and isinstance(renderer, CSVRenderer):
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ("Accept", "Authorization", "Cookie"))
        if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
            return response
        if not response.has_header("ETag"):
            if hasattr(response, "render"):
                response.render()
            response["ETag"] = body_etag(response.content)
        wanted = parse_etags(request.headers.get("If-None-Match", ""))
        if "*" in wanted or parse_etags(response["ETag"])[0] in wanted:
            not_modified = HttpResponseNotModified()
            for header in ("ETag", "Vary", "Cache-Control"):
                if response.has_header(header):
                    not_modified[header] = response[header]
            return not_modified
        return response


class ResourceViewSet(ConditionalMixin, viewsets.ModelViewSet):
    """One data set: list (JSON pages or CSV), detail, and writes checked by the models."""

    dataset: datasets.Dataset
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    # Anything up to the next slash reaches the view, so that every unknown id answers a JSON 404.
    lookup_value_regex = "[^/]+"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        queryset = self.base_queryset()
        if self.request.method not in SAFE_METHODS:
            # Locks the row being changed until the transaction ends (PostgreSQL), so the
            # If-Match check and the write see the same version.
            queryset = queryset.select_for_update(of=("self",))
        return queryset

    def base_queryset(self):
        return self.dataset.model.objects.all()

    def stored_queryset(self):
        """Every stored row, whoever asks: for re-reading what was just written."""
        return self.dataset.model.objects.all()

    def get_object(self):
        # Identifiers are ASCII slugs: anything else names no record, and never reaches the
        # database (PostgreSQL refuses NUL characters outright).
        if not PUBLIC_ID.fullmatch(self.kwargs[self.lookup_url_kwarg]):
            raise exceptions.NotFound()
        return super().get_object()

    def get_renderers(self):
        renderers = super().get_renderers()
        return [*renderers, CSVRenderer()] if self.action == "list" else renderers

    def list(self, request, *args, **kwargs):
        if isinstance(request.accepted_renderer, CSVRenderer):
            return downloads.streaming_response(self.dataset, self.filter_queryset(self.get_queryset()))
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        return Response(self.get_serializer(instance).data, headers={"ETag": f'"{record_version(instance)}"'})

    def fresh(self, instance):
        """The record as stored, re-read with everything its JSON shows."""
        return self.stored_queryset().get(pk=instance.pk)

    def written(self, instance, status_code):
        instance = self.fresh(instance)
        headers = {"ETag": f'"{record_version(instance)}"'}
        if status_code == status.HTTP_201_CREATED:
            headers["Location"] = self.request.build_absolute_uri(
                self.request.path.rstrip("/") + f"/{instance.public_id}/"
            )
        return Response(self.get_serializer(instance).data, status=status_code, headers=headers)

    def check_if_match(self, instance):
        expected = self.request.headers.get("If-Match")
        if expected is not None and not version_matches(instance, expected):
            raise PreconditionFailed()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self.written(serializer.save(), status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_object()
            self.check_if_match(instance)
            serializer = self.get_serializer(instance, data=request.data, partial=kwargs.pop("partial", False))
            serializer.is_valid(raise_exception=True)
            instance = serializer.save()
        return self.written(instance, status.HTTP_200_OK)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_object()
            self.check_if_match(instance)
            try:
                with transaction.atomic():
                    instance.delete()
            except ProtectedError:
                raise Conflict() from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class FigureViewSet(ResourceViewSet):
    """A figure data set: drafts are visible to staff only; writes follow the publication
    workflow (who may publish, change or delete what: ``cooperation.workflow``)."""

    permission_classes = [*ResourceViewSet.permission_classes, WorkflowPermission]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # The status a new record may start with is checked once the record is valid, so
        # that an invalid one still answers 400 with every error.
        WorkflowPermission.check_new(request, serializer.validated_instance)
        return self.written(serializer.save(), status.HTTP_201_CREATED)

    def base_queryset(self):
        return self.dataset.model.objects.visible_to(self.request.user).with_related()

    def stored_queryset(self):
        return self.dataset.model.objects.with_related()


@schema.document_resource(datasets.INSTITUTIONS, serializers.InstitutionSerializer)
class InstitutionViewSet(ResourceViewSet):
    dataset = datasets.INSTITUTIONS
    serializer_class = serializers.InstitutionSerializer
    filterset_class = filters.InstitutionFilterSet
    queryset = domain.Institution.objects.all()


@schema.document_resource(datasets.SOURCES, serializers.SourceSerializer)
class SourceViewSet(ResourceViewSet):
    dataset = datasets.SOURCES
    serializer_class = serializers.SourceSerializer
    filterset_class = filters.SourceFilterSet
    queryset = domain.Source.objects.all()


@schema.document_resource(datasets.COHORTS, serializers.CohortSerializer)
class CohortViewSet(FigureViewSet):
    dataset = datasets.COHORTS
    serializer_class = serializers.CohortSerializer
    filterset_class = filters.CohortFilterSet
    queryset = domain.TrainingCohort.objects.all()


@schema.document_resource(datasets.DONATIONS, serializers.DonationSerializer)
class DonationViewSet(FigureViewSet):
    dataset = datasets.DONATIONS
    serializer_class = serializers.DonationSerializer
    filterset_class = filters.DonationFilterSet
    queryset = domain.EquipmentDonation.objects.all()


@schema.document_resource(datasets.PLEDGES, serializers.PledgeSerializer)
class PledgeViewSet(FigureViewSet):
    dataset = datasets.PLEDGES
    serializer_class = serializers.PledgeSerializer
    filterset_class = filters.PledgeFilterSet
    queryset = domain.Pledge.objects.all()


@schema.document_resource(datasets.REPORTED_FIGURES, serializers.ReportedFigureSerializer)
class ReportedFigureViewSet(FigureViewSet):
    dataset = datasets.REPORTED_FIGURES
    serializer_class = serializers.ReportedFigureSerializer
    filterset_class = filters.ReportedFigureFilterSet
    queryset = domain.ReportedFigure.objects.all()


@schema_utils.extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
def not_found(request, path=""):
    """Every other address under /api/: a JSON 404, like the API's own."""
    raise exceptions.NotFound()


class TrainingStatsView(ConditionalMixin, APIView):
    """Personnel trained per year and cumulatively, announced totals against the records,
    and pledges against deliveries (``cooperation.stats.training_stats``)."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer, CSVRenderer]

    @schema.document_stats
    def get(self, request):
        filterset = filters.TrainingStatsFilterSet(
            request.query_params, queryset=domain.TrainingCohort.objects.all(), request=request
        )
        table = request.query_params.get("table", "series")
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        if table not in stats.STATS_TABLES:
            raise exceptions.ValidationError(
                {"table": [_("Choose one of %(tables)s.") % {"tables": ", ".join(stats.STATS_TABLES)}]}
            )
        data = stats.training_stats_in_scope(filterset, request.user)
        if isinstance(request.accepted_renderer, CSVRenderer):
            header, rows = stats.stats_table(data, table)
            return downloads.table_response(f"training-{table}", header, rows)
        return Response(data)
