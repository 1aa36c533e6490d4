"""Builds the seed CSV files from the researched rows and the grouping decisions.

    .venv/bin/python -m cooperation.seed.build            # rewrite cooperation/seed/*.csv
    .venv/bin/python -m cooperation.seed.build --out DIR  # write them elsewhere

Reads ``research/*.csv`` (byte-identical copies of ``../shared/data/*.csv``) and
``grouping.py``; writes one CSV per data set in the project's export format (the
columns of ``cooperation.datasets``; see README.md). Plain ``csv``, no Django, so it
runs anywhere. The same input always gives the same bytes.

Every number written comes from a research row unchanged: a record's number is the
``quantity`` of one of its citations, a citation's ``stated_value`` is its row's
``quantity``. Anything inconsistent (a row grouped twice or not at all, a headline the
rule would not pick, a year with no period date ...) stops the build with a reason.
"""

import argparse
import csv
import re
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from cooperation.seed import grouping

SEED_DIR = Path(__file__).resolve().parent
RESEARCH_DIR = SEED_DIR / "research"

# The export columns of each data set, in order (tests check them against
# cooperation.datasets, which this script cannot import without Django).
HEADERS = {
    "institutions": ["id", "country", "name", "short_name", "kind"],
    "sources": ["id", "title", "publisher", "url", "archived_url", "published", "language", "kind", "notes"],
    "cohorts": (
        [
            "id",
            "status",
            "provider",
            "recipient",
            "programme",
            "place",
            "year",
            "start",
            "end",
            "trainees",
            "women",
            "unit",
            "stage",
            "notes",
        ]
    ),
    "donations": [
        "id",
        "status",
        "donor",
        "recipient",
        "date",
        "category",
        "description",
        "quantity",
        "unit",
        "value",
        "currency",
        "notes",
    ],
    "pledges": [
        "id",
        "status",
        "donor",
        "recipient",
        "kind",
        "description",
        "announced",
        "period_start",
        "period_end",
        "quantity",
        "unit",
        "amount",
        "currency",
        "notes",
    ],
    "reported-figures": [
        "id",
        "status",
        "donor",
        "recipient",
        "measure",
        "description",
        "value",
        "unit",
        "currency",
        "period_start",
        "period_end",
        "stated_on",
        "notes",
    ],
    "citations": [
        "id",
        "record_type",
        "record_id",
        "source",
        "excerpt",
        "stated_value",
        "stated_unit",
        "qualifier",
        "locator",
        "notes",
    ],
}
FILE_FOR_RECORD_TYPE = {
    "cohort": "cohorts",
    "donation": "donations",
    "pledge": "pledges",
    "reported_figure": "reported-figures",
}
# The research record_type each kind of seed record is built from.
RESEARCH_TYPE = {"cohort": "cohort", "donation": "donation", "pledge": "pledge", "reported_figure": "reported_total"}

# Number columns are written as numbers; every other cell is text (see neutralise).
NUMBER_COLUMNS = frozenset({"year", "trainees", "women", "quantity", "value", "amount", "stated_value"})
MONEY_UNITS = frozenset({"USD", "CAD", "EUR"})
PERSONNEL_UNITS = frozenset({"personnel", "soldiers", "police_officers", "recruits", "cadets", "instructors"})
STAGES = frozenset({grouping.COMPLETED, grouping.IN_TRAINING, grouping.SELECTED})
OFFICIAL_SOURCE_KINDS = frozenset({"government_release", "un_document"})
PUBLIC_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PUBLISHED = "published"

# The export writes a text cell that a spreadsheet would run as a formula with one
# leading apostrophe, and the importer removes it (cooperation.tabular, whose rule
# this repeats so that the seed needs no Django; a test compares the two).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class SeedError(ValueError):
    """The research rows and the grouping decisions disagree; the message says where."""


def neutralise(text: str) -> str:
    return f"'{text}" if text and text.lstrip("'").startswith(FORMULA_TRIGGERS) else text


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def canonical_number(text: str, where: str) -> str:
    """The research quantity, checked to be already written the way the export writes
    decimals (no trailing zeros, no separators), so that it is copied byte for byte."""
    if not text:
        return ""
    value = Decimal(text)
    written = format(value, "f")
    if "." in written:
        written = written.rstrip("0").rstrip(".")
    if written != text or value <= 0:
        raise SeedError(f"{where}: quantity {text!r} is not a positive number in export spelling")
    return text


def is_money(row: dict[str, str]) -> bool:
    return row["unit"] in MONEY_UNITS


def year_of(partial_date: str) -> str:
    return partial_date[:4] if partial_date else ""


# --- The headline rule (grouping.py's docstring) -----------------------------------


def rule_key(row: dict[str, str], record_type: str, source_kinds: dict[str, str]) -> tuple:
    """Greater is preferred: a stated number, completed training then a finished course (cohorts), an official
    source, an exact figure, a later statement, then the lowest figure id."""
    return (
        bool(row["quantity"]),
        record_type == "cohort" and row["figure_id"] in grouping.COMPLETED_TRAINING,
        record_type == "cohort" and row["figure_id"] in grouping.COURSE_FINISHED,
        source_kinds[row["source_id"]] in OFFICIAL_SOURCE_KINDS,
        row["qualifier"] == "exact",
        row["stated_on"],  # ISO prefixes compare in time order; unknown ("") is earliest
        -int(row["figure_id"].lstrip("F")),
    )


def rule_winner(rows: list[dict[str, str]], record_type: str, source_kinds: dict[str, str]) -> str:
    return max(rows, key=lambda row: rule_key(row, record_type, source_kinds))["figure_id"]


# --- Records ------------------------------------------------------------------------


def _row_in_record(record, figure_id: str, rows: dict[str, dict[str, str]], field: str) -> dict[str, str]:
    if figure_id not in record.figures:
        raise SeedError(f"{record.id}: {field} {figure_id} is not one of its rows {record.figures}")
    return rows[figure_id]


def record_notes(record, grouped: list[dict[str, str]], head: dict[str, str], donor_role: str) -> str:
    parts = [record.notes.strip()]
    head_id = head["figure_id"]
    if not any(row["quantity"] for row in grouped):
        if len(grouped) > 1:
            parts.append(
                f"No citation states a number; dates, institutions and wording follow {head_id} (rule {record.rule})."
            )
        else:
            parts.append("The citation states no number.")
    elif len(grouped) > 1:
        parts.append(f"Headline number from {head_id} (rule {record.rule}).")
    else:
        parts.append(f"Headline number from {head_id}, the only citation.")
    others = defaultdict(list)
    for row in grouped:
        for role, column in ((donor_role, "donor_institution_id"), ("recipient", "recipient_institution_id")):
            if row[column] != head[column]:
                others[(role, row[column] or "none named")].append(row["figure_id"])
    if others:
        listed = "; ".join(f"{role} {institution} ({', '.join(ids)})" for (role, institution), ids in others.items())
        parts.append(f"Other rows name: {listed}.")
    return " ".join(parts)


def cohort_row(record: grouping.Cohort, grouped, head, rows) -> dict[str, str]:
    if record.stage not in STAGES:
        raise SeedError(f"{record.id}: unknown stage {record.stage!r}")
    reports_done = any(row["figure_id"] in grouping.COMPLETED_TRAINING for row in grouped)
    if (record.stage == grouping.COMPLETED) != reports_done:
        raise SeedError(f"{record.id}: stage {record.stage} but rows reporting completed training: {reports_done}")
    if head["unit"] not in PERSONNEL_UNITS:
        raise SeedError(f"{record.id}: unit {head['unit']!r} is not a personnel unit")
    start = _row_in_record(record, record.start_from or head["figure_id"], rows, "start_from")["period_start"]
    end = _row_in_record(record, record.end_from or head["figure_id"], rows, "end_from")["period_end"]
    year = year_of(start) or year_of(end)
    if not year and any(row["period_start"] or row["period_end"] for row in grouped):
        raise SeedError(f"{record.id}: a grouped row has a period date; name it in start_from or end_from")
    women = ""
    if record.women_from:
        women = _row_in_record(record, record.women_from, rows, "women_from")["women"]
        if not women:
            raise SeedError(f"{record.id}: {record.women_from} states no women")
    elif any(row["women"] for row in grouped):
        raise SeedError(f"{record.id}: a grouped row states women; name it in women_from")
    trainees = canonical_number(head["quantity"], head["figure_id"])
    if women and trainees and int(women) > int(trainees):
        raise SeedError(f"{record.id}: {women} women is more than {trainees} trainees")
    return {
        "provider": head["donor_institution_id"],
        "recipient": head["recipient_institution_id"],
        "programme": head["description"],
        "place": record.place,
        "year": year,
        "start": start,
        "end": end,
        "trainees": trainees,
        "women": women,
        "unit": head["unit"],
        "stage": record.stage,
    }


def donation_row(record: grouping.Donation, grouped, head, rows) -> dict[str, str]:
    dated = _row_in_record(record, record.date_from or head["figure_id"], rows, "date_from")
    number = canonical_number(head["quantity"], head["figure_id"])
    quantity, unit, value, currency = ("", "", number, head["unit"]) if is_money(head) else (number, "", "", "")
    if quantity:
        unit = head["unit"]
    if record.value_from:
        money = _row_in_record(record, record.value_from, rows, "value_from")
        if not is_money(money) or value:
            raise SeedError(f"{record.id}: value_from {record.value_from} must be the only money row used")
        value, currency = canonical_number(money["quantity"], money["figure_id"]), money["unit"]
    if record.category == "funding" and (quantity or not value):
        raise SeedError(f"{record.id}: category funding is for money-only donations")
    return {
        "donor": head["donor_institution_id"],
        "recipient": head["recipient_institution_id"],
        "date": dated["period_start"] or dated["period_end"],
        "category": record.category,
        "description": head["description"],
        "quantity": quantity,
        "unit": unit,
        "value": value,
        "currency": currency,
    }


def pledge_row(record: grouping.Pledge, grouped, head, rows) -> dict[str, str]:
    period = _row_in_record(record, record.period_from or head["figure_id"], rows, "period_from")
    number = canonical_number(head["quantity"], head["figure_id"])
    money = is_money(head)
    if (record.kind == "funding") != money:
        raise SeedError(f"{record.id}: kind funding goes with a money headline, and only with one")
    return {
        "donor": head["donor_institution_id"],
        "recipient": head["recipient_institution_id"],
        "kind": record.kind,
        "description": head["description"],
        "announced": head["stated_on"],
        "period_start": period["period_start"],
        "period_end": period["period_end"],
        "quantity": "" if money else number,
        "unit": head["unit"] if number and not money else "",
        "amount": number if money else "",
        "currency": head["unit"] if money else "",
    }


def reported_row(record: grouping.Reported, grouped, head, rows) -> dict[str, str]:
    value = canonical_number(head["quantity"], head["figure_id"])
    if not value:
        raise SeedError(f"{record.id}: a reported figure needs a stated value")
    money = is_money(head)
    if (record.measure == "funding") != money:
        raise SeedError(f"{record.id}: measure funding goes with a money headline, and only with one")
    return {
        "donor": head["donor_institution_id"],
        "recipient": head["recipient_institution_id"],
        "measure": record.measure,
        "description": head["description"],
        "value": value,
        "unit": "" if money else head["unit"],
        "currency": head["unit"] if money else "",
        "period_start": head["period_start"],
        "period_end": head["period_end"],
        "stated_on": head["stated_on"],
    }


RECORD_BUILDERS = {
    "cohort": (cohort_row, "provider"),
    "donation": (donation_row, "donor"),
    "pledge": (pledge_row, "donor"),
    "reported_figure": (reported_row, "donor"),
}


# --- The whole seed -------------------------------------------------------------------


def check_coverage(figures: dict[str, dict[str, str]]) -> dict[str, tuple[str, str]]:
    """Every non-context row in exactly one record of its own type; context rows in none."""
    owner: dict[str, tuple[str, str]] = {}
    record_ids: set[str] = set()
    for record_type, records in grouping.RECORDS.items():
        for record in records:
            if not PUBLIC_ID.match(record.id) or len(record.id) > 100:
                raise SeedError(f"{record.id!r} is not a lower-case slug of at most 100 characters")
            if record.id in record_ids:
                raise SeedError(f"record id {record.id} is used twice")
            record_ids.add(record.id)
            if not record.figures or record.headline not in record.figures:
                raise SeedError(f"{record.id}: the headline {record.headline} must be one of its rows")
            for figure_id in record.figures:
                if figure_id not in figures:
                    raise SeedError(f"{record.id}: no research row {figure_id}")
                if figure_id in owner:
                    raise SeedError(f"{figure_id} is grouped in both {owner[figure_id][1]} and {record.id}")
                if figures[figure_id]["record_type"] != RESEARCH_TYPE[record_type]:
                    raise SeedError(f"{record.id}: {figure_id} is a research {figures[figure_id]['record_type']} row")
                owner[figure_id] = (record_type, record.id)
    context = {fid for fid, row in figures.items() if row["record_type"] == "context"}
    if set(grouping.CONTEXT) != context:
        raise SeedError(f"grouping.CONTEXT must list exactly the context rows {sorted(context)}")
    missing = sorted(set(figures) - set(owner) - context)
    if missing:
        raise SeedError(f"rows in no record: {', '.join(missing)}")
    return owner


def build_tables(research_dir: Path = RESEARCH_DIR) -> dict[str, list[dict[str, str]]]:
    """Every seed file as rows of text cells keyed by column, sorted by id."""
    institutions = read_csv(research_dir / "institutions.csv")
    sources = read_csv(research_dir / "sources.csv")
    figures = {row["figure_id"]: row for row in read_csv(research_dir / "figures.csv")}
    institution_ids = {row["institution_id"] for row in institutions}
    source_kinds = {row["source_id"]: row["source_type"] for row in sources}
    owner = check_coverage(figures)

    tables: dict[str, list[dict[str, str]]] = {name: [] for name in HEADERS}
    tables["institutions"] = [
        {"id": row["institution_id"], **{key: row[key] for key in ("country", "name", "short_name", "kind")}}
        for row in institutions
    ]
    tables["sources"] = [
        {
            "id": row["source_id"],
            "title": row["title"],
            "publisher": row["publisher"],
            "url": row["url"],
            "archived_url": "",
            "published": row["published_date"],
            "language": row["language"],
            "kind": row["source_type"],
            "notes": row["notes"],
        }
        for row in sources
    ]
    if len({row["url"] for row in sources}) != len(sources):
        raise SeedError("two sources share a URL")

    for record_type, records in grouping.RECORDS.items():
        builder, donor_role = RECORD_BUILDERS[record_type]
        for record in records:
            grouped = [figures[figure_id] for figure_id in record.figures]
            head = figures[record.headline]
            winner = rule_winner(grouped, record_type, source_kinds)
            if winner != record.headline:
                raise SeedError(f"{record.id}: the headline rule picks {winner}, not {record.headline}")
            if len(grouped) > 1 and not record.rule:
                raise SeedError(f"{record.id}: say which step of the rule chose {record.headline}")
            fields = builder(record, grouped, head, figures)
            for role in (donor_role, "recipient"):
                if fields[role] and fields[role] not in institution_ids:
                    raise SeedError(f"{record.id}: unknown institution {fields[role]}")
            notes = record_notes(record, grouped, head, donor_role)
            tables[FILE_FOR_RECORD_TYPE[record_type]].append(
                {"id": record.id, "status": PUBLISHED, **fields, "notes": notes}
            )

    for figure_id, (record_type, record_id) in owner.items():
        row = figures[figure_id]
        if row["source_id"] not in source_kinds:
            raise SeedError(f"{figure_id}: unknown source {row['source_id']}")
        if not row["excerpt"].strip():
            raise SeedError(f"{figure_id}: no excerpt")
        tables["citations"].append(
            {
                "id": figure_id,
                "record_type": record_type,
                "record_id": record_id,
                "source": row["source_id"],
                "excerpt": row["excerpt"],
                "stated_value": canonical_number(row["quantity"], figure_id),
                "stated_unit": row["unit"],
                "qualifier": row["qualifier"],
                "locator": "",
                "notes": row["notes"],
            }
        )

    for name, rows in tables.items():
        rows.sort(key=lambda row: row["id"])
        for row in rows:
            if list(row) != HEADERS[name]:
                raise SeedError(f"{name}: columns {list(row)} are not {HEADERS[name]}")
    return tables


def write_tables(tables: dict[str, list[dict[str, str]]], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables.items():
        path = out_dir / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS[name])
            for row in rows:
                writer.writerow(
                    [row[column] if column in NUMBER_COLUMNS else neutralise(row[column]) for column in HEADERS[name]]
                )
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the seed CSV files from research/*.csv and grouping.py.")
    parser.add_argument("--out", type=Path, default=SEED_DIR, help="Directory to write to (default: the seed folder).")
    args = parser.parse_args(argv)
    try:
        tables = build_tables()
    except SeedError as error:
        print(f"seed build failed: {error}", file=sys.stderr)
        return 1
    write_tables(tables, args.out)
    print(", ".join(f"{name}.csv {len(rows)} rows" for name, rows in tables.items()) + f" → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
