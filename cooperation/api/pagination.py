"""Limit/offset pages: 100 rows by default, at most 1000 (CSV has no pages).

Stricter than DRF's own: a limit or offset that is not a whole number in range answers
400 naming the parameter, instead of being silently replaced by the default.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    max_limit = 1000
    limit_query_description = gettext_lazy(
        "Rows per page, 1 to 1000 (default 100). CSV ignores it: a CSV holds every matching row."
    )
    offset_query_description = gettext_lazy("Rows to skip before this page (default 0).")

    def _whole_number(self, request, name: str, minimum: int, maximum: int | None, default: int) -> int:
        raw = request.query_params.get(name, "")
        if raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ValidationError({name: [_("Enter a whole number.")]}) from None
        if value < minimum or (maximum is not None and value > maximum):
            if maximum is None:
                message = _("Enter a whole number of at least %(minimum)s.") % {"minimum": minimum}
            else:
                message = _("Enter a whole number from %(minimum)s to %(maximum)s.") % {
                    "minimum": minimum,
                    "maximum": maximum,
                }
            raise ValidationError({name: [message]})
        return value

    def get_limit(self, request):
        return self._whole_number(request, self.limit_query_param, 1, self.max_limit, self.default_limit)

    def get_offset(self, request):
        return self._whole_number(request, self.offset_query_param, 0, None, 0)

    def get_schema_operation_parameters(self, view):
        limit, offset = super().get_schema_operation_parameters(view)
        limit["schema"] |= {"minimum": 1, "maximum": self.max_limit, "default": self.default_limit}
        offset["schema"] |= {"minimum": 0, "default": 0}
        return [limit, offset]
