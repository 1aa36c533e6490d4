"""Bulk import in the admin: upload → preview of every row → confirm, with the importer of
``import_data``; all or nothing; imported records arrive as drafts unless a reviewer
chooses otherwise. Synthetic files only."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cooperation import datasets
from cooperation.models import Citation, Status, TrainingCohort
from tests.adminform import form_fields

IMPORT = reverse("admin:cooperation_import")


@pytest.fixture(autouse=True)
def _import_directory(settings, tmp_path):
    settings.ADMIN_IMPORT_DIR = tmp_path / "imports"
    return settings.ADMIN_IMPORT_DIR


def csv_bytes(dataset, rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=dataset.column_names)
    writer.writeheader()
    for row in rows:
        writer.writerow({name: "" for name in dataset.column_names} | row)
    return out.getvalue().encode()


def cohort_row(public_id, **cells) -> dict:
    return {
        "id": public_id,
        "status": "published",
        "provider": "mx-sedena",
        "recipient": "ht-fadh",
        "year": "2025",
        "unit": "soldiers",
        "stage": "completed",
    } | cells


def exported(record) -> dict:
    return dict(zip(datasets.COHORTS.column_names, datasets.COHORTS.export_row(record), strict=True))


def upload(client, name, data, **options):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data), **options})


def confirm(client, preview, reason=""):
    ticket = form_fields(preview.content.decode())["ticket"]
    return client.post(IMPORT, {"ticket": ticket, "reason": reason})


def rows_table(response) -> str:
    page = response.content.decode()
    return page[page.index('id="import-rows"') :]


@pytest.fixture
def draft(make_cohort):
    return make_cohort(public_id="cohort-synthetic-draft", status=Status.DRAFT, year=2023, trainees=12)


def test_the_preview_lists_every_row_and_saves_nothing(editor_client, cohort, draft):
    data = csv_bytes(
        datasets.COHORTS,
        [
            cohort_row("cohort-synthetic-new"),
            exported(draft) | {"place": "Temamatla"},
            exported(cohort),
        ],
    )
    response = upload(editor_client, "cohorts.csv", data)
    assert response.status_code == 200
    table = rows_table(response)
    rows = table.split('<tr class="import-')[1:]
    assert [row.split('"')[0] for row in rows] == ["new", "changed", "unchanged"]
    assert "cohort-synthetic-new" in rows[0]
    assert "place: <del>—</del> → <ins>Temamatla</ins>" in rows[1]
    assert "can be imported. Nothing is saved yet" in response.content.decode()
    assert not TrainingCohort.objects.filter(public_id="cohort-synthetic-new").exists()
    assert TrainingCohort.objects.get(pk=draft.pk).place == ""


def test_confirming_imports_the_rows_as_drafts_and_records_who_and_why(editor_client, editor_account, cohort, draft):
    data = csv_bytes(
        datasets.COHORTS, [cohort_row("cohort-synthetic-new", year="2024"), exported(draft) | {"place": "Temamatla"}]
    )
    preview = upload(editor_client, "cohorts.csv", data)
    response = confirm(editor_client, preview)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    new = TrainingCohort.objects.get(public_id="cohort-synthetic-new")
    assert (new.status, new.year) == (Status.DRAFT, 2024)  # the file said published
    assert TrainingCohort.objects.get(pk=draft.pk).place == "Temamatla"
    row = new.history.first()
    assert (row.history_user, row.history_change_reason) == (editor_account, "Imported from cohorts.csv")
    # The upload is gone: a second confirmation finds nothing to import.
    again = confirm(editor_client, preview)
    assert [str(m) for m in again.wsgi_request._messages][-1] == (
        "The uploaded file is gone (already imported?): upload it again."
    )


def test_a_file_with_an_error_shows_the_row_and_column_and_offers_no_confirmation(editor_client, cohort):
    data = csv_bytes(
        datasets.COHORTS,
        [cohort_row("cohort-synthetic-good"), cohort_row("cohort-synthetic-bad", women="9", stage="graduated")],
    )
    response = upload(editor_client, "cohorts.csv", data)
    page = response.content.decode()
    assert "has 1 error: nothing can be imported until it is fixed" in page
    bad = rows_table(response).split('<tr class="import-')[2]
    assert bad.startswith("error")
    assert "column stage: must be one of completed, in_training, selected; got &#x27;graduated&#x27;" in bad
    assert 'name="ticket"' not in page
    assert TrainingCohort.objects.count() == 1


def test_a_package_is_imported_all_or_nothing_when_the_database_changed_since_the_preview(editor_client, cohort, draft):
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr(
            "cohorts.csv",
            csv_bytes(
                datasets.COHORTS,
                [cohort_row("cohort-synthetic-new", trainees="30"), exported(draft) | {"place": "Temamatla"}],
            ),
        )
        archive.writestr(
            "citations.csv",
            csv_bytes(
                datasets.CITATIONS,
                [
                    {
                        "id": "T-NEW",
                        "record_type": "cohort",
                        "record_id": "cohort-synthetic-new",
                        "source": "T01",
                        "excerpt": "Synthetic: 30 trained.",
                        "stated_value": "30",
                        "qualifier": "exact",
                    }
                ],
            ),
        )
    preview = upload(editor_client, "package.zip", package.getvalue())
    assert "can be imported" in preview.content.decode()
    # Meanwhile a reviewer publishes the draft the file changes: an editor may not change it now.
    TrainingCohort.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
    response = confirm(editor_client, preview)
    assert response.status_code == 200
    assert "changes cohort-synthetic-draft, which is published or withdrawn: only a reviewer may" in (
        response.content.decode()
    )
    assert not TrainingCohort.objects.filter(public_id="cohort-synthetic-new").exists()
    assert not Citation.objects.filter(public_id="T-NEW").exists()
    assert TrainingCohort.objects.get(pk=draft.pk).place == ""


def test_a_reviewer_may_keep_the_statuses_the_file_gives(reviewer_client, cohort):
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr(
            "cohorts.csv", csv_bytes(datasets.COHORTS, [cohort_row("cohort-synthetic-new", trainees="30")])
        )
        archive.writestr(
            "citations.csv",
            csv_bytes(
                datasets.CITATIONS,
                [
                    {
                        "id": "T-NEW",
                        "record_type": "cohort",
                        "record_id": "cohort-synthetic-new",
                        "source": "T01",
                        "excerpt": "Synthetic: 30 trained.",
                        "stated_value": "30",
                        "qualifier": "exact",
                    }
                ],
            ),
        )
    preview = upload(reviewer_client, "package.zip", package.getvalue(), statuses="file")
    assert "Records take the status each row gives." in preview.content.decode()
    assert confirm(reviewer_client, preview).status_code == 302
    assert TrainingCohort.objects.get(public_id="cohort-synthetic-new").status == Status.PUBLISHED


def test_an_editor_cannot_choose_to_keep_the_statuses(editor_client, cohort):
    assert 'name="statuses"' not in editor_client.get(IMPORT).content.decode()
    data = csv_bytes(datasets.COHORTS, [cohort_row("cohort-synthetic-new")])
    confirm(editor_client, upload(editor_client, "cohorts.csv", data, statuses="file"))
    assert TrainingCohort.objects.get(public_id="cohort-synthetic-new").status == Status.DRAFT


def test_the_publish_rule_holds_for_imports_that_keep_statuses(reviewer_client, cohort):
    data = csv_bytes(datasets.COHORTS, [cohort_row("cohort-synthetic-uncited")])
    response = upload(reviewer_client, "cohorts.csv", data, statuses="file")
    assert "A published record needs at least one citation with an excerpt." in rows_table(response)
    assert not TrainingCohort.objects.filter(public_id="cohort-synthetic-uncited").exists()


def test_changing_published_records_is_for_reviewers_with_a_reason(editor_client, reviewer_client, cohort):
    data = csv_bytes(datasets.COHORTS, [exported(cohort) | {"place": "Temamatla"}])
    refused = upload(editor_client, "cohorts.csv", data)
    assert "which is published or withdrawn: only a reviewer may" in rows_table(refused)
    preview = upload(reviewer_client, "cohorts.csv", data)
    assert "1 row changes a published or withdrawn record." in preview.content.decode()
    asked = confirm(reviewer_client, preview)
    assert "This file changes published records: say why." in asked.content.decode()
    assert TrainingCohort.objects.get(pk=cohort.pk).place == ""
    assert confirm(reviewer_client, preview, reason="Synthetic: corrections from a report.").status_code == 302
    stored = TrainingCohort.objects.get(pk=cohort.pk)
    assert (stored.place, stored.status) == ("Temamatla", Status.PUBLISHED)
    assert stored.history.first().history_change_reason == "Synthetic: corrections from a report."


def test_row_numbers_stay_the_files_when_statuses_are_rewritten(editor_client, cohort):
    header = ",".join(datasets.COHORTS.column_names)
    good = ",".join(cohort_row("cohort-synthetic-new").get(n, "") for n in datasets.COHORTS.column_names)
    bad = good.replace("cohort-synthetic-new", "cohort-synthetic-bad").replace(",2025,", ",1800,")
    data = f"{header}\r\n{good}\r\n\r\n{bad}\r\n".encode()
    response = upload(editor_client, "cohorts.csv", data)
    rows = rows_table(response).split('<tr class="import-')[1:]
    assert "<td>4</td>" in rows[1]


def test_the_ticket_is_bound_to_its_user_and_cannot_be_forged(editor_client, reviewer_client, cohort):
    data = csv_bytes(datasets.COHORTS, [cohort_row("cohort-synthetic-new")])
    preview = upload(editor_client, "cohorts.csv", data)
    stolen = confirm(reviewer_client, preview)
    assert [str(m) for m in stolen.wsgi_request._messages] == [
        "This preview belongs to someone else: upload the file again."
    ]
    forged = editor_client.post(IMPORT, {"ticket": "forged", "reason": ""})
    assert [str(m) for m in forged.wsgi_request._messages] == [
        "This preview cannot be confirmed: upload the file again."
    ]
    assert not TrainingCohort.objects.filter(public_id="cohort-synthetic-new").exists()


def test_uploads_are_limited_in_kind_and_size(editor_client, settings):
    settings.ADMIN_IMPORT_MAX_MB = 1
    too_big = upload(editor_client, "cohorts.csv", b"x" * (1024 * 1024 + 1))
    assert "The file is larger than 1 MB." in too_big.content.decode()
    wrong = upload(editor_client, "cohorts.xlsx", b"PK")
    assert "Upload a .csv file or a .zip data package." in wrong.content.decode()


def test_only_those_who_may_add_and_change_every_data_set_may_import(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("staff", password="synthetic", is_staff=True))
    assert client.get(IMPORT).status_code == 403


def test_the_admin_home_and_lists_link_to_the_import(editor_client):
    assert IMPORT in editor_client.get(reverse("admin:index")).content.decode()
    assert IMPORT in editor_client.get(reverse("admin:cooperation_trainingcohort_changelist")).content.decode()


def test_a_citation_row_of_a_published_record_counts_as_changing_it(editor_client, cohort):
    citation = dict(
        zip(datasets.CITATIONS.column_names, datasets.CITATIONS.export_row(cohort.citations.get()), strict=True)
    )
    data = csv_bytes(datasets.CITATIONS, [citation | {"locator": "p. 2"}])
    response = upload(editor_client, "citations.csv", data)
    assert "changes T-F1, which is published or withdrawn: only a reviewer may" in rows_table(response)
    assert Citation.objects.get(public_id="T-F1").locator == ""
