"""Every import error names its file, row and column, and saves nothing.

Row numbers: the header is row 1, the first data row is row 2. Synthetic data only.
"""

import zipfile
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from cooperation.datasets import DATASETS
from cooperation.models import Institution, TrainingCohort
from cooperation.tabular import ImportFailed, RowError, import_files, iter_dataset_csv, write_package
from tests.test_import_export import empty_database

COHORT_HEADER = [
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
CITATION_HEADER = [
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
]


def cohort_row(public_id="cohort-synthetic-new", **cells):
    """A valid synthetic draft cohort row; keyword arguments replace cells."""
    row = {
        "id": public_id,
        "status": "draft",
        "provider": "mx-sedena",
        "recipient": "ht-fadh",
        "programme": "Synthetic course",
        "place": "Pétion-Ville",
        "year": "2025",
        "start": "2025-02",
        "end": "",
        "trainees": "",
        "women": "",
        "unit": "soldiers",
        "stage": "completed",
        "notes": "",
    }
    return [*(row | cells).values()]


def citation_row(public_id="T-NEW", **cells):
    row = {
        "id": public_id,
        "record_type": "cohort",
        "record_id": "cohort-synthetic-2024",
        "source": "T01",
        "excerpt": "Synthetic: 40 trained.",
        "stated_value": "40",
        "stated_unit": "soldiers",
        "qualifier": "exact",
        "locator": "",
        "notes": "",
    }
    return [*(row | cells).values()]


def database_state():
    """Every stored row, as the export writes it: compared before and after a failed import."""
    return {dataset.name: b"".join(iter_dataset_csv(dataset)) for dataset in DATASETS}


def failed_import(path, **options):
    before = database_state()
    with pytest.raises(ImportFailed) as failure:
        import_files(path, **options)
    assert database_state() == before, "a failed import must save nothing"
    return failure.value.errors


def test_import_rejects_a_negative_count(cohort, write_csv):
    path = write_csv("cohorts.csv", [COHORT_HEADER, cohort_row(), cohort_row("cohort-synthetic-bad", trainees="-5")])

    errors = failed_import(path)

    assert [(e.file, e.row, e.column) for e in errors] == [("cohorts.csv", 3, "trainees")]


def test_import_rejects_more_women_than_trainees(cohort, write_csv):
    row = cohort_row(trainees="40", women="41")
    path = write_csv("cohorts.csv", [COHORT_HEADER, row])

    errors = failed_import(path)

    assert [(e.row, e.column) for e in errors if e.column == "women"] == [(2, "women")]
    assert "41" in errors[0].reason


def test_import_rejects_an_unknown_institution(cohort, write_csv):
    path = write_csv("cohorts.csv", [COHORT_HEADER, cohort_row(recipient="ht-nowhere")])

    errors = failed_import(path)

    assert [(e.row, e.column) for e in errors] == [(2, "recipient")]
    assert "ht-nowhere" in errors[0].reason


def test_import_rejects_a_citation_without_an_excerpt(cohort, write_csv):
    path = write_csv("citations.csv", [CITATION_HEADER, citation_row(excerpt="  ")])

    errors = failed_import(path)

    assert [(e.file, e.row, e.column) for e in errors] == [("citations.csv", 2, "excerpt")]


def test_import_rejects_an_impossible_date(cohort, write_csv):
    path = write_csv("cohorts.csv", [COHORT_HEADER, cohort_row(start="2025-02-30")])

    errors = failed_import(path)

    assert [(e.row, e.column) for e in errors] == [(2, "start")]
    assert "2025-02-30" in errors[0].reason


def test_import_rejects_a_file_that_is_not_utf8(cohort, write_csv):
    rows = [COHORT_HEADER, cohort_row(place="Jacmel"), cohort_row("cohort-synthetic-latin", place="Cap-Haïtien")]
    path = write_csv("cohorts.csv", rows, encoding="latin-1")

    errors = failed_import(path)

    assert [(e.file, e.row, e.column) for e in errors] == [("cohorts.csv", 3, "place")]
    assert "UTF-8" in errors[0].reason


def test_import_accepts_a_utf8_byte_order_mark(cohort, write_csv):
    path = write_csv("cohorts.csv", [COHORT_HEADER, cohort_row(place="Cap-Haïtien")], encoding="utf-8-sig")

    import_files(path)

    assert TrainingCohort.objects.get(public_id="cohort-synthetic-new").place == "Cap-Haïtien"


def test_import_rejects_a_missing_column(cohort, write_csv):
    header = [name for name in COHORT_HEADER if name != "women"]
    row = cohort_row()
    del row[COHORT_HEADER.index("women")]
    path = write_csv("cohorts.csv", [header, row])

    errors = failed_import(path)

    assert [(e.row, e.column) for e in errors] == [(1, "women")]
    assert "missing" in errors[0].reason


def test_import_rejects_an_unknown_column(cohort, write_csv):
    path = write_csv("cohorts.csv", [[*COHORT_HEADER, "colour"], [*cohort_row(), "blue"]])

    errors = failed_import(path)

    assert [(e.row, e.column) for e in errors] == [(1, "colour")]


def test_import_rejects_a_duplicate_id(cohort, write_csv):
    path = write_csv("cohorts.csv", [COHORT_HEADER, cohort_row(), cohort_row(programme="Other")])

    errors = failed_import(path)

    assert [(e.row, e.column) for e in errors] == [(3, "id")]
    assert "row 2" in errors[0].reason


def test_import_rejects_a_headline_number_no_citation_states(cohort, write_csv):
    row = cohort_row("cohort-synthetic-2024", status="published", year="2024", start="", trainees="41")
    path = write_csv("cohorts.csv", [COHORT_HEADER, row])

    errors = failed_import(path)

    assert [(e.row, e.column) for e in errors] == [(2, "trainees")]
    assert "41" in errors[0].reason


def test_import_rejects_a_citation_that_leaves_the_headline_unstated(cohort, write_csv):
    path = write_csv("citations.csv", [CITATION_HEADER, citation_row("T-F1", stated_value="39")])

    errors = failed_import(path)

    assert [(e.row, e.column) for e in errors] == [(2, "stated_value")]
    assert "cohort-synthetic-2024" in errors[0].reason


def test_import_rejects_a_row_with_the_wrong_number_of_cells(cohort, write_csv):
    path = write_csv("cohorts.csv", [COHORT_HEADER, cohort_row()[:-2]])

    errors = failed_import(path)

    assert [(e.row, e.column) for e in errors] == [(2, "")]


def test_import_reports_every_error_not_only_the_first(cohort, write_csv):
    rows = [COHORT_HEADER, cohort_row("a", recipient="nobody"), cohort_row("b", year="soon", unit="pilots")]
    path = write_csv("cohorts.csv", rows)

    errors = failed_import(path)

    assert [(e.row, e.column) for e in errors] == [(2, "recipient"), (3, "year"), (3, "unit")]


def test_a_database_refusal_becomes_an_error_not_a_crash(cohort, write_csv):
    path = write_csv("cohorts.csv", [COHORT_HEADER, cohort_row()])

    refusal = IntegrityError("synthetic refusal: cooperation_cohort_women_not_above_trainees")
    with mock.patch.object(TrainingCohort, "save", side_effect=refusal):
        errors = failed_import(path)

    assert [(e.row, e.column) for e in errors] == [(2, "women")]
    assert "synthetic refusal" in errors[0].reason


def test_a_file_of_unknown_data_set_is_an_error(cohort, write_csv):
    path = write_csv("notes.csv", [["colour", "size"], ["blue", "3"]])

    errors = failed_import(path)

    assert [(e.file, e.row) for e in errors] == [("notes.csv", 1)]


def test_an_error_in_one_file_of_a_package_saves_none_of_the_others(every_kind_of_record, tmp_path):
    write_package(tmp_path / "out.zip")
    empty_database()
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        archive.extractall(tmp_path / "package")
    citations = tmp_path / "package" / "citations.csv"
    citations.write_bytes(citations.read_bytes().replace(b"T-F2,donation,", b"T-F2,donation-typo,"))

    errors = failed_import(tmp_path / "package")

    assert ("citations.csv", 3, "record_type") in [(e.file, e.row, e.column) for e in errors]
    assert Institution.objects.count() == 0


def test_errors_read_as_file_row_column_and_reason():
    error = RowError("cohorts.csv", 3, "trainees", "must be a whole number")

    assert str(error) == "cohorts.csv: row 3, column trainees: must be a whole number"


def test_import_data_exits_non_zero_and_prints_every_error(cohort, write_csv, capsys):
    rows = [COHORT_HEADER, cohort_row("a", trainees="-5"), cohort_row("b", start="2025-02-30")]
    path = write_csv("cohorts.csv", rows)

    with pytest.raises(CommandError) as failure:
        call_command("import_data", str(path))

    assert failure.value.returncode != 0
    assert "nothing was saved" in str(failure.value)
    stderr = capsys.readouterr().err
    assert "cohorts.csv: row 2, column trainees: " in stderr
    assert "cohorts.csv: row 3, column start: " in stderr
    assert not TrainingCohort.objects.filter(public_id__in=["a", "b"]).exists()


def test_a_violated_database_constraint_names_the_column_it_reads(cohort, write_csv):
    path = write_csv("cohorts.csv", [COHORT_HEADER, cohort_row(year="1800")])

    errors = failed_import(path)

    assert [(e.row, e.column) for e in errors] == [(2, "year")]


def test_a_path_that_does_not_exist_is_an_error_not_a_crash(db, tmp_path):
    errors = failed_import(tmp_path / "missing.zip")

    assert [(e.file, e.row) for e in errors] == [(str(tmp_path / "missing.zip"), None)]


def test_a_file_that_is_not_a_zip_is_an_error(db, tmp_path):
    (tmp_path / "package.zip").write_bytes(b"not a zip")

    errors = failed_import(tmp_path / "package.zip")

    assert [(e.file, e.row) for e in errors] == [("package.zip", None)]


def test_a_zip_that_unpacks_too_large_is_refused(db, tmp_path, monkeypatch):
    monkeypatch.setattr("cooperation.tabular.importer.MAX_UNZIPPED_BYTES", 10)
    with zipfile.ZipFile(tmp_path / "package.zip", "w") as archive:
        archive.writestr("institutions.csv", "id,country,name,short_name,kind\r\n")

    errors = failed_import(tmp_path / "package.zip")

    assert [(e.file, e.row) for e in errors] == [("package.zip", None)]
    assert "MB" in errors[0].reason
