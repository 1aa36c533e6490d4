"""Limit/offset pages: 100 rows by default, at most 1000 (CSV has no pages)."""

from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    max_limit = 1000
