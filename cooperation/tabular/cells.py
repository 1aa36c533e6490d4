"""Spreadsheet-safe cells.

Formula neutralising follows OWASP's CSV-injection advice: a text cell that a
spreadsheet would read as a formula gets a leading apostrophe. Hand-written because
no maintained library does the reversible variant: ``restore_cell`` undoes it exactly,
so an export can be imported again without the apostrophes piling up.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _needs_neutralising(text: str) -> bool:
    # Apostrophes already in front of a trigger are escaped too, so that restoring
    # strips exactly the one apostrophe that neutralising added.
    return text.lstrip("'").startswith(FORMULA_TRIGGERS)


def neutralise_cell(text: str) -> str:
    """``=SUM(A1)`` → ``'=SUM(A1)``; ordinary text is unchanged."""
    return f"'{text}" if text and _needs_neutralising(text) else text


def restore_cell(text: str) -> str:
    """The inverse of ``neutralise_cell``."""
    if text.startswith("'") and _needs_neutralising(text):
        return text[1:]
    return text
