"""Dates known only to the year, the month or the day.

A source that says "2025" or "July 2025" must not read as if it said 1 January or
1 July. The database keeps the first day of the period plus an explicit precision;
files and the API carry an ISO 8601 prefix (``2025``, ``2025-07``, ``2025-07-24``)
whose length *is* the precision, so nothing is lost either way.
"""

import datetime
import re

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


_ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(text: str) -> tuple[datetime.date | None, str]:
    """``"2025-07"`` → ``(date(2025, 7, 1), "month")``; ``""`` → ``(None, "")``.

    Raises ValueError with a readable reason for anything else, including
    impossible dates such as ``2025-02-30``.
    """
    text = (text or "").strip()
    if not text:
        return None, ""
    match = _ISO_PREFIX.match(text)
    if not match:
        raise ValueError(_("%(text)r is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD") % {"text": text})
    year, month, day = match.groups()
    try:
        value = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise ValueError(_("%(text)r is not a real date (%(error)s)") % {"text": text, "error": error}) from None
    precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
    return value, precision.value


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """The ISO prefix that states exactly what is known: ``2025``, ``2025-07`` or ``2025-07-24``."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def display_partial_date(value: datetime.date | None, precision: str) -> str:
    """For people: "2025", "July 2025", "24 July 2025" (localised)."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    return formats.date_format(value, "DATE_FORMAT")


def display_period(start, start_precision, end, end_precision) -> str:
    """ "2025", "July 2025 – September 2025", "from 2018", "until 2024"; "" when nothing is known."""
    first = display_partial_date(start, start_precision)
    last = display_partial_date(end, end_precision)
    if first and last:
        return first if first == last else f"{first} – {last}"
    if first:
        return _("from %(start)s") % {"start": first}
    if last:
        return _("until %(end)s") % {"end": last}
    return ""


def precision_is_consistent(field: str) -> models.Q:
    """A database condition: a date and its precision are set together, and a year- or
    month-precision date is stored as the first day of its period (so two records that
    both say "July 2025" compare equal)."""
    precision = f"{field}_precision"
    return (
        models.Q(**{f"{field}__isnull": True, precision: ""})
        | models.Q(**{f"{field}__isnull": False, precision: DatePrecision.DAY})
        | models.Q(**{f"{field}__isnull": False, precision: DatePrecision.MONTH, f"{field}__day": 1})
        | models.Q(
            **{
                f"{field}__isnull": False,
                precision: DatePrecision.YEAR,
                f"{field}__month": 1,
                f"{field}__day": 1,
            }
        )
    )
