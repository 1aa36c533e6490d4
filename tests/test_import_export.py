"""Export, import and the data package. Synthetic data only (see conftest.py)."""

import csv
import hashlib
import io
import json
import zipfile

import frictionless
import pytest
from django.core.management import call_command

from cooperation.datasets import COHORTS, DATASETS, FIGURE_DATASETS, INSTITUTIONS
from cooperation.models import Citation, Institution, ReportedFigure, Source, Status, TrainingCohort
from cooperation.tabular import (
    ImportFailed,
    import_files,
    iter_csv_lines,
    iter_dataset_csv,
    write_package,
)

CSV_NAMES = [f"{dataset.name}.csv" for dataset in DATASETS]


def csv_members(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.endswith(".csv")}


def read_csv(data: bytes):
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def empty_database():
    Citation.objects.all().delete()
    for dataset in FIGURE_DATASETS:
        dataset.model.objects.all().delete()
    Source.objects.all().delete()
    Institution.objects.all().delete()


def test_the_package_holds_one_csv_per_data_set_a_descriptor_and_a_readme(every_kind_of_record, tmp_path):
    write_package(tmp_path / "out.zip")

    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        names = archive.namelist()
    assert sorted(names) == sorted([*CSV_NAMES, "datapackage.json", "README.md"])


def test_export_import_export_gives_identical_csv_files(every_kind_of_record, tmp_path):
    write_package(tmp_path / "first.zip")
    empty_database()

    report = import_files(tmp_path / "first.zip")
    write_package(tmp_path / "second.zip")

    assert csv_members(tmp_path / "first.zip") == csv_members(tmp_path / "second.zip")
    assert report.counts()["citations"] == {"new": 5, "changed": 0, "unchanged": 0, "error": 0}
    assert TrainingCohort.objects.get().trainees == 40


def test_exporting_twice_gives_identical_csv_bytes(every_kind_of_record, tmp_path):
    write_package(tmp_path / "a.zip")
    write_package(tmp_path / "b.zip")

    assert csv_members(tmp_path / "a.zip") == csv_members(tmp_path / "b.zip")


def test_importing_an_export_into_the_same_database_changes_nothing(every_kind_of_record, tmp_path):
    write_package(tmp_path / "out.zip")
    updated = {m.model: list(m.model.objects.values_list("public_id", "updated")) for m in FIGURE_DATASETS}

    report = import_files(tmp_path / "out.zip")

    assert all(tally["new"] == tally["changed"] == 0 for tally in report.counts().values())
    assert updated == {m.model: list(m.model.objects.values_list("public_id", "updated")) for m in FIGURE_DATASETS}


def test_the_package_validates_as_a_frictionless_data_package(every_kind_of_record, tmp_path):
    write_package(tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        archive.extractall(tmp_path / "package")

    report = frictionless.validate(str(tmp_path / "package" / "datapackage.json"))

    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])


def test_the_descriptor_states_each_files_row_count_size_and_sha256(every_kind_of_record, tmp_path):
    write_package(tmp_path / "out.zip")
    members = csv_members(tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        descriptor = json.loads(archive.read("datapackage.json"))

    stated = {r["path"]: (r["rows"], r["bytes"], r["hash"]) for r in descriptor["resources"]}
    actual = {
        name: (len(read_csv(data)), len(data), "sha256:" + hashlib.sha256(data).hexdigest())
        for name, data in members.items()
    }
    assert stated == actual
    assert stated["citations.csv"][0] == 5


def test_the_descriptor_has_licence_version_schemas_and_foreign_keys(every_kind_of_record, tmp_path):
    descriptor = write_package(tmp_path / "out.zip")

    assert descriptor["profile"] == "tabular-data-package"
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    # The latest change to anything the package holds: records, citations, sources.
    tables = [dataset.model for dataset in FIGURE_DATASETS] + [Citation, Source]
    latest = max(model.objects.latest("updated").updated for model in tables)
    assert descriptor["version"] == latest.strftime("%Y-%m-%dT%H:%M:%SZ")
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    assert schemas["cohorts"]["primaryKey"] == "id"
    assert {"fields": "provider", "reference": {"resource": "institutions", "fields": "id"}} in schemas["cohorts"][
        "foreignKeys"
    ]
    assert {"fields": "source", "reference": {"resource": "sources", "fields": "id"}} in schemas["citations"][
        "foreignKeys"
    ]
    assert all(field["description"] for schema in schemas.values() for field in schema["fields"])


def test_the_readme_gives_licence_citation_version_and_row_counts(every_kind_of_record, tmp_path):
    descriptor = write_package(tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        readme = archive.read("README.md").decode("utf-8")

    assert "CC-BY-4.0" in readme
    assert "How to cite" in readme
    assert descriptor["version"] in readme
    assert "| citations.csv | 5 |" in readme
    assert "| trainees | integer |" in readme


def test_a_published_only_package_leaves_out_drafts_and_their_citations(every_kind_of_record, tmp_path):
    write_package(tmp_path / "out.zip", published_only=True)
    members = csv_members(tmp_path / "out.zip")

    assert read_csv(members["pledges.csv"]) == []
    assert "T-F3" not in [row["id"] for row in read_csv(members["citations.csv"])]


def test_csv_files_are_utf8_without_bom_with_crlf_line_ends(every_kind_of_record):
    data = b"".join(iter_dataset_csv(INSTITUTIONS))

    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.startswith(b"id,country,name,short_name,kind\r\n")
    assert "Forces Armées d'Haïti".encode() in data


def test_accents_quotes_and_line_breaks_survive_the_round_trip(every_kind_of_record, tmp_path):
    write_package(tmp_path / "out.zip")
    empty_database()
    import_files(tmp_path / "out.zip")

    source = Source.objects.get(public_id="T02")
    assert source.title == 'Synthetic: "Pétion-Ville" briefing,\nsecond line'
    assert Citation.objects.get(public_id="T-F2").excerpt == "Synthetic: 120 gilets à Cap-Haïtien."
    assert Citation.objects.get(public_id="T-F4").excerpt == 'Synthetic: "912" trained,\nsays the release.'
    assert ReportedFigure.objects.get().notes == "line one\r\nline two"
    assert Institution.objects.get(public_id="ht-pnh").name == "Police nationale d'Haïti"


def test_formula_payloads_are_neutralised_in_the_csv_and_restored_on_import(every_kind_of_record, tmp_path):
    write_package(tmp_path / "out.zip")
    members = csv_members(tmp_path / "out.zip")
    sources = {row["id"]: row for row in read_csv(members["sources.csv"])}
    citations = {row["id"]: row for row in read_csv(members["citations.csv"])}

    assert sources["T02"]["publisher"] == "'=1+1"
    assert sources["T02"]["notes"] == "'+1 synthetic note"
    assert read_csv(members["donations.csv"])[0]["description"] == "'-1 synthetic vests for Cap-Haïtien"
    assert read_csv(members["pledges.csv"])[0]["description"] == "'@x synthetic promise"
    assert citations["T-F5"]["excerpt"] == "'=1+1 synthetic excerpt"

    empty_database()
    import_files(tmp_path / "out.zip")
    assert Source.objects.get(public_id="T02").publisher == "=1+1"
    assert Citation.objects.get(public_id="T-F5").excerpt == "=1+1 synthetic excerpt"
    assert Citation.objects.get(public_id="T-F5").locator == "-p. 4"


def test_numbers_are_not_neutralised(every_kind_of_record):
    lines = list(iter_csv_lines(["label", "value"], [["-1", -1], ["=x", None]]))

    assert lines == [b"label,value\r\n", b"'-1,-1\r\n", b"'=x,\r\n"]


def test_a_single_csv_named_with_its_version_date_updates_its_data_set(cohort, tmp_path):
    data = b"".join(iter_dataset_csv(COHORTS)).replace(b"soldiers", b"recruits")
    path = tmp_path / "mexico-haiti-cohorts-2026-11-28.csv"
    path.write_bytes(data)

    report = import_files(path)

    assert report.counts() == {"cohorts": {"new": 0, "changed": 1, "unchanged": 0, "error": 0}}
    assert report.rows[0].changes == {"unit": ("soldiers", "recruits")}
    assert TrainingCohort.objects.get().unit == "recruits"


def test_a_csv_with_a_byte_order_mark_and_an_unhelpful_name_is_read_from_its_header(cohort, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(b"\xef\xbb\xbf" + b"".join(iter_dataset_csv(COHORTS)).replace(b"soldiers", b"cadets"))

    import_files(path)

    assert TrainingCohort.objects.get().unit == "cadets"


def test_a_dry_run_reports_each_rows_status_and_saves_nothing(cohort, tmp_path):
    stored = b"".join(iter_dataset_csv(COHORTS)).decode()
    draft = "cohort-synthetic-2025,draft,mx-sedena,ht-fadh,,,2025,,,,,soldiers,completed,\r\n"
    path = tmp_path / "cohorts.csv"
    path.write_bytes((stored + draft).encode())

    report = import_files(path, dry_run=True)

    assert [(row.row, row.record_id, row.status) for row in report.rows] == [
        (2, "cohort-synthetic-2024", "unchanged"),
        (3, "cohort-synthetic-2025", "new"),
    ]
    assert list(TrainingCohort.objects.values_list("public_id", flat=True)) == ["cohort-synthetic-2024"]


def test_a_failed_dry_run_still_gives_each_rows_status(cohort, tmp_path):
    rows = b"".join(iter_dataset_csv(COHORTS)).decode().replace(",40,", ",-4,")
    path = tmp_path / "cohorts.csv"
    path.write_text(rows, encoding="utf-8")

    with pytest.raises(ImportFailed) as failure:
        import_files(path, dry_run=True)

    assert [(row.row, row.status) for row in failure.value.report.rows] == [(2, "error")]


def test_uploaded_files_can_be_imported_from_memory(cohort):
    data = b"".join(iter_dataset_csv(COHORTS)).replace(b"soldiers", b"cadets")

    import_files([("upload.csv", data)], dataset="cohorts")

    assert TrainingCohort.objects.get().unit == "cadets"


def test_export_and_import_commands_round_trip(every_kind_of_record, tmp_path, capsys):
    call_command("export_data", str(tmp_path / "out.zip"))
    empty_database()
    call_command("import_data", str(tmp_path / "out.zip"))

    output = capsys.readouterr().out
    assert "Wrote" in output
    assert "citations: 5 new, 0 changed, 0 unchanged" in output
    assert TrainingCohort.objects.get().status == Status.PUBLISHED


def test_import_data_dry_run_saves_nothing(every_kind_of_record, tmp_path, capsys):
    call_command("export_data", str(tmp_path / "out.zip"), verbosity=0)
    empty_database()

    call_command("import_data", str(tmp_path / "out.zip"), "--dry-run")

    assert "Dry run: nothing was saved." in capsys.readouterr().out
    assert Citation.objects.count() == 0
