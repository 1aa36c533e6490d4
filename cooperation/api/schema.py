"""The OpenAPI description of the API (drf-spectacular): every parameter, response and
error shape, the CSV variant of each list and the conditional-request headers."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import permissions, serializers

from cooperation import filters
from cooperation.api.fields import IRIField

JSON = "application/json"
CSV = "text/csv"


class AutoSchema(SpectacularAutoSchema):
    """Says that reads need no credentials where ``DjangoModelPermissionsOrAnonReadOnly`` rules."""

    def get_auth(self):
        auths = super().get_auth()
        anonymous_reads = permissions.DjangoModelPermissionsOrAnonReadOnly
        if (
            self.method in permissions.SAFE_METHODS
            and {} not in auths
            and any(isinstance(permission, anonymous_reads) for permission in self.view.get_permissions())
        ):
            auths.append({})
        return auths


# --- Shapes that only the schema needs ---------------------------------------------------


class InstitutionSummarySerializer(serializers.Serializer):
    id = serializers.CharField(help_text=_("Identifier of the institution, e.g. mx-sedena."))
    name = serializers.CharField()
    short_name = serializers.CharField(help_text=_("Acronym; may be empty."))
    country = serializers.CharField(help_text=_("ISO 3166-1 alpha-2 code; empty for multilateral bodies."))


class SourceSummarySerializer(serializers.Serializer):
    id = serializers.CharField(help_text=_("Identifier of the source, e.g. S01."))
    title = serializers.CharField()
    publisher = serializers.CharField()
    url = IRIField(help_text=_("Address of the document (an IRI: it may hold accented letters)."))
    published = serializers.CharField(
        allow_null=True, help_text=_("Publication date as YYYY, YYYY-MM or YYYY-MM-DD; null when unknown.")
    )


class InstitutionFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "cooperation.api.fields.InstitutionField"

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return {"type": "string", "maxLength": 100, "example": "mx-sedena"}
        return auto_schema.resolve_serializer(InstitutionSummarySerializer, direction).ref


class SourceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "cooperation.api.fields.SourceField"

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return {"type": "string", "maxLength": 100, "example": "S01"}
        return auto_schema.resolve_serializer(SourceSummarySerializer, direction).ref


DETAIL_ERROR = inline_serializer("ErrorDetail", fields={"detail": serializers.CharField()})
VALIDATION_ERROR = {
    "type": "object",
    "description": str(
        _(
            'Each invalid parameter or field with its messages, e.g. {"year_min": ["Enter a whole number."]}. '
            'Errors in citations are keyed by the citation\'s position in the list ({"0": {"excerpt": [...]}}); '
            "rules across fields come under non_field_errors, or citations for the citation rules."
        )
    ),
    "properties": {"detail": {"type": "string", "description": str(_("A body that is not JSON, e.g. a parse error."))}},
    "additionalProperties": {"oneOf": [{"type": "array", "items": {}}, {"type": "object"}]},
}


def _error(description):
    return OpenApiResponse(DETAIL_ERROR, description=description)


ERRORS = {
    400: ((400, JSON), OpenApiResponse(VALIDATION_ERROR, description=_("Invalid parameter or field."))),
    401: ((401, JSON), _error(_("Invalid credentials (token or session)."))),
    403: ((403, JSON), _error(_("Not allowed: writing needs the model permission (and a CSRF token with a session)."))),
    404: ((404, JSON), _error(_("No such record, or not visible to you."))),
    406: ((406, JSON), _error(_("No representation matches the Accept header."))),
    409: ((409, JSON), _error(_("Other records refer to this one."))),
    412: ((412, JSON), _error(_("If-Match names a version that is no longer current."))),
    415: ((415, JSON), _error(_("The body must be JSON."))),
    429: ((429, JSON), _error(_("Too many requests; retry after the number of seconds in Retry-After."))),
}
NOT_MODIFIED = (304, OpenApiResponse(description=_("Unchanged since the ETag given in If-None-Match.")))


def errors(*codes) -> dict:
    return dict(ERRORS[code] for code in codes)


IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=_("An ETag from an earlier answer: 304 with no body if the answer is unchanged."),
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=_("The ETag of the version you read: the write is refused with 412 if the record has changed since."),
)
CHANGE_REASON = OpenApiParameter(
    "X-Change-Reason",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=_(
        "Why you make this change; kept in the record's history. Required to correct or withdraw "
        "a published record (400 naming this header without it)."
    ),
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description=_("Version of this answer; send it back in If-None-Match or If-Match."),
)
RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=[429],
    description=_("Seconds to wait before the next request."),
)
FORMAT = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=["json", "csv"],
    description=_(
        "json (default) or csv. CSV (also chosen by Accept: text/csv) holds every matching row, "
        "unpaginated and streamed, as a download named <data set>-<YYYY-MM-DD>.csv."
    ),
)
LOOKUP = OpenApiParameter(
    "id", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("The record's public identifier.")
)


def _csv_response(dataset):
    columns = ", ".join(dataset.column_names)
    extra = ", source_ids, source_titles, source_urls" if dataset.name not in ("institutions", "sources") else ""
    return OpenApiResponse(
        {"type": "string", "format": "binary"},
        description=_(
            "CSV, UTF-8, header row first. Columns: %(columns)s. Empty cell: unknown. Text cells that "
            "start with = + - @, a tab or a carriage return get a leading apostrophe (formula neutralising); "
            "several sources are joined with “ | ”."
        )
        % {"columns": columns + extra},
    )


def document_resource(dataset, serializer_class):
    """``extend_schema_view`` for one data set's viewset."""
    name = str(dataset.title).lower()
    common = [RETRY_AFTER]
    return extend_schema_view(
        list=extend_schema(
            summary=_("List %(name)s") % {"name": name},
            description=str(dataset.description),
            parameters=[FORMAT, IF_NONE_MATCH, ETAG, *common],
            responses={
                (200, JSON): serializer_class(many=True),
                (200, CSV): _csv_response(dataset),
                **dict([NOT_MODIFIED]),
                **errors(400, 401, 406, 429),
            },
        ),
        retrieve=extend_schema(
            summary=_("One of the %(name)s") % {"name": name},
            parameters=[LOOKUP, IF_NONE_MATCH, ETAG, *common],
            responses={(200, JSON): serializer_class, **dict([NOT_MODIFIED]), **errors(400, 401, 404, 406, 429)},
        ),
        create=extend_schema(
            summary=_("Create one of the %(name)s") % {"name": name},
            parameters=[ETAG, *common],
            responses={(201, JSON): serializer_class, **errors(400, 401, 403, 406, 415, 429)},
        ),
        update=extend_schema(
            summary=_("Replace one of the %(name)s") % {"name": name},
            parameters=[LOOKUP, IF_MATCH, CHANGE_REASON, ETAG, *common],
            responses={(200, JSON): serializer_class, **errors(400, 401, 403, 404, 406, 412, 415, 429)},
        ),
        partial_update=extend_schema(
            summary=_("Change some fields of one of the %(name)s") % {"name": name},
            parameters=[LOOKUP, IF_MATCH, CHANGE_REASON, ETAG, *common],
            responses={(200, JSON): serializer_class, **errors(400, 401, 403, 404, 406, 412, 415, 429)},
        ),
        destroy=extend_schema(
            summary=_("Delete one of the %(name)s") % {"name": name},
            parameters=[LOOKUP, IF_MATCH, CHANGE_REASON, *common],
            responses={
                204: OpenApiResponse(description=_("Deleted.")),
                **errors(400, 401, 403, 404, 406, 409, 412, 429),
            },
        ),
    )


# --- Statistics ---------------------------------------------------------------------------

_COUNT = inline_serializer(
    "TrainedCount", fields={"trainees": serializers.IntegerField(), "cohorts": serializers.IntegerField()}
)
_YEARS = inline_serializer(
    "CountedYears",
    fields={
        "from": serializers.IntegerField(allow_null=True, help_text=_("First year counted; null: no lower bound.")),
        "to": serializers.IntegerField(allow_null=True, help_text=_("Last year counted; null: no upper bound.")),
    },
)
_PARTIAL_DATE = {"allow_null": True, "help_text": _("YYYY, YYYY-MM or YYYY-MM-DD; null when unknown.")}
TRAINING_STATS = inline_serializer(
    "TrainingStats",
    fields={
        "series": inline_serializer(
            "TrainingYear",
            many=True,
            fields={
                "year": serializers.IntegerField(),
                "trainees": serializers.IntegerField(help_text=_("Trained in completed cohorts of this year.")),
                "cumulative": serializers.IntegerField(help_text=_("Trained up to and including this year.")),
                "cohorts": serializers.IntegerField(help_text=_("Completed cohorts counted this year.")),
                "by_provider": serializers.DictField(
                    child=serializers.IntegerField(), help_text=_("Trainees per training institution identifier.")
                ),
                "by_recipient": serializers.DictField(
                    child=serializers.IntegerField(), help_text=_("Trainees per receiving institution identifier.")
                ),
            },
        ),
        "total": _COUNT,
        "undated": _COUNT,
        "not_counted": inline_serializer(
            "NotCounted",
            fields={
                "in_training": _COUNT,
                "selected": _COUNT,
                "without_number": inline_serializer("CohortCount", fields={"cohorts": serializers.IntegerField()}),
            },
        ),
        "institutions": serializers.DictField(child=InstitutionSummarySerializer()),
        "reported": inline_serializer(
            "ReportedAgainstRecords",
            many=True,
            fields={
                "id": serializers.CharField(),
                "description": serializers.CharField(),
                "value": serializers.FloatField(help_text=_("The claimed total.")),
                "unit": serializers.CharField(),
                "period_start": serializers.CharField(**_PARTIAL_DATE),
                "period_end": serializers.CharField(**_PARTIAL_DATE),
                "stated_on": serializers.CharField(**_PARTIAL_DATE),
                "donor": InstitutionSummarySerializer(),
                "recipient": InstitutionSummarySerializer(),
                "itemised": serializers.IntegerField(help_text=_("Sum of the itemised records in its scope.")),
                "difference": serializers.FloatField(help_text=_("The claim minus the itemised sum.")),
                "counted_years": _YEARS,
                "sources": SourceSummarySerializer(many=True),
            },
        ),
        "pledges": inline_serializer(
            "PledgeAgainstDeliveries",
            many=True,
            fields={
                "id": serializers.CharField(),
                "description": serializers.CharField(),
                "promised": serializers.IntegerField(allow_null=True),
                "unit": serializers.CharField(),
                "delivered": serializers.IntegerField(help_text=_("Trained so far, from the itemised records.")),
                "remaining": serializers.IntegerField(allow_null=True),
                "announced": serializers.CharField(**_PARTIAL_DATE),
                "period_start": serializers.CharField(**_PARTIAL_DATE),
                "period_end": serializers.CharField(**_PARTIAL_DATE),
                "donor": InstitutionSummarySerializer(),
                "recipient": InstitutionSummarySerializer(),
                "counted_years": _YEARS,
                "sources": SourceSummarySerializer(many=True),
            },
        ),
    },
)


def _stats_parameters():
    parameters = []
    for name, spec in filters.TrainingStatsFilterSet.base_filters.items():
        schema = dict(spec._spectacular_annotation["field"])
        description = schema.pop("description")
        parameters.append(OpenApiParameter(name, schema, OpenApiParameter.QUERY, description=description))
    return parameters


document_stats = extend_schema(
    summary=_("Training statistics"),
    description=_(
        "Personnel trained per year and cumulatively (completed cohorts only; undated ones apart), "
        "announced totals beside the sum of the itemised records in their scope, and training pledges "
        "beside what has been delivered. Same filters as the cohorts list."
    ),
    parameters=[
        *_stats_parameters(),
        OpenApiParameter(
            "table",
            OpenApiTypes.STR,
            OpenApiParameter.QUERY,
            enum=["series", "reported", "pledges"],
            description=_("For CSV: which table (default series, one column per institution)."),
        ),
        FORMAT,
        IF_NONE_MATCH,
        ETAG,
        RETRY_AFTER,
    ],
    responses={
        (200, JSON): TRAINING_STATS,
        (200, CSV): OpenApiResponse({"type": "string", "format": "binary"}, description=_("The chosen table as CSV.")),
        **dict([NOT_MODIFIED]),
        **errors(400, 401, 406, 429),
    },
)
