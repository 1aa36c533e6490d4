"""The seed files (cooperation/seed/*.csv) against the researched rows they come from.

No database: these read the CSV files only. The researched rows are the copies in
cooperation/seed/research/ (byte-identical to ../shared/data/, which CI may not have).
"""

import csv
import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import models

from cooperation import datasets
from cooperation.partialdates import parse_partial_date
from cooperation.seed import build, grouping
from cooperation.tabular import neutralise_cell, restore_cell

SEED = build.SEED_DIR
RESEARCH = build.RESEARCH_DIR
SEED_FILES = [f"{name}.csv" for name in build.HEADERS]
CITED_RESEARCH_TYPES = {
    "cohort": "cohort",
    "reported_total": "reported_figure",
    "pledge": "pledge",
    "donation": "donation",
}
RECORD_FILES = {
    "cohort": "cohorts",
    "donation": "donations",
    "pledge": "pledges",
    "reported_figure": "reported-figures",
}
DONOR_COLUMN = {"cohorts": "provider", "donations": "donor", "pledges": "donor", "reported-figures": "donor"}
# (number column, column holding its unit) per record file; every pair must be stated by a citation.
NUMBERS = {
    "cohorts": [("trainees", "unit")],
    "donations": [("quantity", "unit"), ("value", "currency")],
    "pledges": [("quantity", "unit"), ("amount", "currency")],
    "reported-figures": [("value", "unit"), ("value", "currency")],
}


def read_raw(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def seed(name: str) -> list[dict[str, str]]:
    """A seed file's rows, text cells read back the way the importer reads them."""
    return [
        {column: cell if column in build.NUMBER_COLUMNS else restore_cell(cell) for column, cell in row.items()}
        for row in read_raw(SEED / f"{name}.csv")
    ]


def research(name: str) -> list[dict[str, str]]:
    return read_raw(RESEARCH / f"{name}.csv")


def cited_figures() -> list[dict[str, str]]:
    return [row for row in research("figures") if row["record_type"] in CITED_RESEARCH_TYPES]


def citations_by_record() -> dict[tuple[str, str], list[dict[str, str]]]:
    grouped: dict[tuple[str, str], list[dict[str, str]]] = {}
    for citation in seed("citations"):
        grouped.setdefault((citation["record_type"], citation["record_id"]), []).append(citation)
    return grouped


def all_records():
    for record_type, name in RECORD_FILES.items():
        for row in seed(name):
            yield record_type, name, row


# --- The research copies ----------------------------------------------------------


def test_research_copies_hold_the_curated_rows():
    counts = {name: len(research(name)) for name in ("institutions", "sources", "figures")}
    assert counts == {"institutions": 35, "sources": 82, "figures": 129}
    for name in ("institutions", "sources", "figures"):
        raw = (RESEARCH / f"{name}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")
        raw.decode("utf-8")


# --- Every researched figure is a citation, verbatim --------------------------------


def test_every_researched_figure_is_cited_exactly_once():
    ids = [citation["id"] for citation in seed("citations")]
    assert sorted(ids) == sorted(row["figure_id"] for row in cited_figures())
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("figure", cited_figures(), ids=lambda row: row["figure_id"])
def test_citation_carries_the_researched_row_unchanged(figure):
    citation = next(c for c in seed("citations") if c["id"] == figure["figure_id"])
    assert citation["record_type"] == CITED_RESEARCH_TYPES[figure["record_type"]]
    assert citation["excerpt"].encode() == figure["excerpt"].encode()
    assert citation["stated_value"] == figure["quantity"]
    assert citation["stated_unit"] == figure["unit"]
    assert citation["qualifier"] == figure["qualifier"]
    assert citation["source"] == figure["source_id"]
    assert citation["notes"] == figure["notes"]
    assert citation["locator"] == ""


def test_no_context_row_is_cited_and_every_one_is_accounted_for():
    context = {row["figure_id"] for row in research("figures") if row["record_type"] == "context"}
    assert context == set(grouping.CONTEXT)
    assert context.isdisjoint(citation["id"] for citation in seed("citations"))


def test_a_qualifier_goes_with_a_stated_value_and_only_with_one():
    for citation in seed("citations"):
        assert bool(citation["stated_value"]) == bool(citation["qualifier"]), citation["id"]


# --- Records and their citations ----------------------------------------------------


def test_every_citation_points_to_an_existing_record():
    records = {(record_type, row["id"]) for record_type, _, row in all_records()}
    for citation in seed("citations"):
        assert (citation["record_type"], citation["record_id"]) in records, citation["id"]


def test_every_record_has_a_citation_and_is_published():
    cited = citations_by_record()
    for record_type, _, row in all_records():
        assert cited.get((record_type, row["id"])), row["id"]
        assert row["status"] == "published"


def test_record_ids_are_unique_readable_slugs():
    ids = [row["id"] for _, _, row in all_records()]
    assert len(ids) == len(set(ids))
    for record_id in ids:
        assert build.PUBLIC_ID.match(record_id) and len(record_id) <= 100, record_id


def test_every_record_number_is_stated_by_one_of_its_citations_in_its_unit():
    cited = citations_by_record()
    for record_type, name, row in all_records():
        stated = {
            (Decimal(c["stated_value"]), c["stated_unit"]) for c in cited[(record_type, row["id"])] if c["stated_value"]
        }
        for number_column, unit_column in NUMBERS[name]:
            if row[number_column] and (row[unit_column] or number_column == "trainees"):
                assert (Decimal(row[number_column]), row[unit_column]) in stated, (row["id"], number_column)
            elif row[number_column]:
                assert Decimal(row[number_column]) in {value for value, _ in stated}, (row["id"], number_column)


def test_women_are_a_researched_women_value_of_the_cohorts_rows():
    figures = {row["figure_id"]: row for row in research("figures")}
    cited = citations_by_record()
    for cohort in seed("cohorts"):
        women_stated = {figures[c["id"]]["women"] for c in cited[("cohort", cohort["id"])]} - {""}
        if cohort["women"]:
            assert cohort["women"] in women_stated, cohort["id"]
            assert int(cohort["women"]) <= int(cohort["trainees"] or cohort["women"])


def test_the_headline_is_the_number_of_the_citation_named_in_grouping():
    figures = {row["figure_id"]: row for row in research("figures")}
    rows = {(record_type, row["id"]): row for record_type, _, row in all_records()}
    for record_type, records in grouping.RECORDS.items():
        for record in records:
            row, head = rows[(record_type, record.id)], figures[record.headline]
            if record_type == "cohort":
                column = "trainees"
            elif record_type == "reported_figure" or not build.is_money(head):
                column = "value" if record_type == "reported_figure" else "quantity"
            else:
                column = "value" if record_type == "donation" else "amount"
            assert row[column] == head["quantity"], record.id


def test_money_records_carry_a_currency_and_only_they_do():
    for _, name, row in all_records():
        if name == "reported-figures":
            assert bool(row["currency"]) == (row["measure"] == "funding"), row["id"]
        elif name != "cohorts":
            money = row["value"] if name == "donations" else row["amount"]
            assert row["currency"] in (build.MONEY_UNITS if money else {""}), row["id"]


def test_cohort_years_come_from_their_dates():
    for cohort in seed("cohorts"):
        assert cohort["year"] == (cohort["start"] or cohort["end"])[:4], cohort["id"]


def test_referenced_sources_and_institutions_exist():
    sources = {row["id"] for row in seed("sources")}
    institutions = {row["id"] for row in seed("institutions")}
    for citation in seed("citations"):
        assert citation["source"] in sources, citation["id"]
    for _, name, row in all_records():
        assert row[DONOR_COLUMN[name]] in institutions, row["id"]
        assert row["recipient"] in institutions, row["id"]


# --- The export format --------------------------------------------------------------


def test_headers_are_the_data_sets_columns():
    for dataset in datasets.DATASETS:
        with (SEED / f"{dataset.name}.csv").open(encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == dataset.column_names
        assert build.HEADERS[dataset.name] == dataset.column_names


def test_cells_fit_the_model_fields():
    for dataset in datasets.DATASETS:
        for row in seed(dataset.name):
            for column in dataset.columns:
                cell = row[column.name]
                if column.constraints.get("pattern") == datasets.PARTIAL_DATE_PATTERN:
                    parse_partial_date(cell)  # raises on anything but a real ISO prefix
                    continue
                if not column.fields or column.name == "record_type":
                    continue
                field = dataset.model._meta.get_field(column.fields[0])
                if isinstance(field, models.CharField) and cell:
                    assert len(cell) <= field.max_length, (dataset.name, row["id"], column.name)
                    if field.choices:
                        assert cell in {value for value, _ in field.choices}, (dataset.name, row["id"], column.name)
                if column.required:
                    assert cell.strip(), (dataset.name, row["id"], column.name)


def test_text_cells_are_written_as_the_export_writes_them():
    for text in ["", "- Quatre", "=1", "'-x", "plain", "912"]:
        assert build.neutralise(text) == neutralise_cell(text)
    raw = {row["id"]: row for row in read_raw(SEED / "citations.csv")}
    excerpts = {row["figure_id"]: row["excerpt"] for row in research("figures")}
    # F102's excerpt starts with "- ": the file holds it with the export's apostrophe.
    assert raw["F102"]["excerpt"] == "'" + excerpts["F102"]


def test_files_are_utf8_without_bom_with_crlf_lines():
    for name in SEED_FILES:
        raw = (SEED / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), name
        assert raw.endswith(b"\r\n"), name
        raw.decode("utf-8")


def test_rows_are_sorted_by_id():
    for name in build.HEADERS:
        ids = [row["id"] for row in read_raw(SEED / f"{name}.csv")]
        assert ids == sorted(ids), name


# --- The build ------------------------------------------------------------------------


def test_seed_files_are_exactly_what_the_build_writes(tmp_path):
    build.write_tables(build.build_tables(), tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(SEED_FILES)
    assert sorted(path.name for path in SEED.glob("*.csv")) == sorted(SEED_FILES)
    for name in SEED_FILES:
        assert (tmp_path / name).read_bytes() == (SEED / name).read_bytes(), name


def test_build_refuses_a_row_grouped_twice(monkeypatch):
    cohorts = (*grouping.COHORTS, grouping.Cohort(id="cohort-duplicate", figures=("F017",), headline="F017", notes=""))
    monkeypatch.setattr(grouping, "RECORDS", {**grouping.RECORDS, "cohort": cohorts})
    with pytest.raises(build.SeedError, match="F017 is grouped in both"):
        build.build_tables()


def test_build_refuses_a_headline_the_rule_would_not_pick(monkeypatch):
    # The 2025 cohort: naming the departure (150) instead of a completed-training figure.
    cohorts = tuple(
        dataclasses.replace(record, headline="F031")
        if record.id == "cohort-2025-sedena-fadh-basic-training"
        else record
        for record in grouping.COHORTS
    )
    monkeypatch.setattr(grouping, "RECORDS", {**grouping.RECORDS, "cohort": cohorts})
    with pytest.raises(build.SeedError, match="the headline rule picks F035, not F031"):
        build.build_tables()


def test_build_refuses_a_context_row_as_a_citation(monkeypatch):
    pledges = (*grouping.PLEDGES, grouping.Pledge(id="pledge-context", figures=("F061",), headline="F061", notes=""))
    monkeypatch.setattr(grouping, "RECORDS", {**grouping.RECORDS, "pledge": pledges})
    with pytest.raises(build.SeedError, match="F061 is a research context row"):
        build.build_tables()


def test_build_refuses_a_forgotten_row(monkeypatch):
    donations = tuple(record for record in grouping.DONATIONS if "F129" not in record.figures)
    monkeypatch.setattr(grouping, "RECORDS", {**grouping.RECORDS, "donation": donations})
    with pytest.raises(build.SeedError, match="rows in no record: F129"):
        build.build_tables()
