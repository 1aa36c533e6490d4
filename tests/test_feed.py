"""The Atom feed of changes to published figures, built from the history: new, corrected,
withdrawn and deleted figures, each with what changed and the reason; nothing that happens to
a record before it is published. Synthetic data only (see conftest.py)."""

import html
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from cooperation import history, workflow
from cooperation.datasets import FIGURE_DATASETS
from cooperation.feeds import FEED_ENTRIES
from cooperation.models import Citation, Institution, Source, Status, TrainingCohort

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def entries(client) -> list[dict]:
    response = client.get("/feeds/changes/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    assert feed.find("a:title", ATOM).text
    found = []
    for entry in feed.findall("a:entry", ATOM):
        summary = re.sub(r"<[^>]+>", " ", entry.find("a:summary", ATOM).text)
        found.append(
            {
                "title": entry.find("a:title", ATOM).text,
                "id": entry.find("a:id", ATOM).text,
                "link": entry.find("a:link", ATOM).get("href"),
                "updated": entry.find("a:updated", ATOM).text,
                "categories": [category.get("term") for category in entry.findall("a:category", ATOM)],
                "text": " ".join(html.unescape(summary).split()),
            }
        )
    return found


def titled(found: list[dict], start: str) -> dict:
    matches = [entry for entry in found if entry["title"].startswith(start)]
    assert len(matches) == 1, [entry["title"] for entry in found]
    return matches[0]


def test_the_feed_lists_a_correction_with_its_reason_and_what_changed(client, cohort):
    with history.recording("Synthetic: the ministry corrected the count to 45."):
        cohort.trainees = 45
        cohort.save()
        citation = cohort.citations.get()
        citation.stated_value = 45
        citation.excerpt = "Synthetic: 45 soldiers trained."
        citation.save()

    found = entries(client)

    correction = found[0]
    assert correction["title"] == "Corrected: Training cohorts cohort-synthetic-2024 (45 soldiers)"
    assert "Reason given: Synthetic: the ministry corrected the count to 45." in correction["text"]
    assert "personnel trained: 40 → 45" in correction["text"]
    assert "citation T-F1: changed" in correction["text"]
    assert "stated value: 40 → 45" in correction["text"]
    assert correction["link"] == "http://testserver/data/cohorts/cohort-synthetic-2024/"
    assert correction["categories"] == ["corrected", "cohorts"]
    # The fixture saves the record, then its citation: two changes, and so two earlier entries.
    publication = titled(found, "Published: Training cohorts cohort-synthetic-2024 (40 soldiers)")
    assert correction["id"] != publication["id"]


def test_publication_withdrawal_and_deletion_are_listed_and_draft_work_is_not(
    client, make_cohort, reviewer_account, source
):
    record = make_cohort(status=Status.DRAFT, trainees=30, notes="Synthetic draft-only note")
    record.notes = ""
    record.save()
    workflow.take_step(record, "publish", reviewer_account)
    workflow.take_step(record, "withdraw", reviewer_account, reason="Synthetic: the source retracted it.")
    gone = make_cohort(trainees=12)
    with history.recording("Synthetic: entered twice."):
        gone.delete()

    found = entries(client)

    published = titled(found, f"Published: Training cohorts {record.public_id}")
    assert "status: draft → published" in published["text"]
    withdrawn = titled(found, f"Withdrawn: Training cohorts {record.public_id}")
    assert "Reason given: Synthetic: the source retracted it." in withdrawn["text"]
    assert "status: published → withdrawn" in withdrawn["text"]
    # The record page is gone with the withdrawal: both entries link to the data set instead.
    assert withdrawn["link"] == published["link"] == "http://testserver/data/cohorts/"
    deleted = titled(found, f"Deleted: Training cohorts {gone.public_id}")
    assert "Reason given: Synthetic: entered twice." in deleted["text"]
    assert [entry["title"].split(":")[0] for entry in found][:3] == ["Deleted", "Corrected", "Published"]
    body = client.get("/feeds/changes/").content.decode()
    assert "draft-only" not in body


def test_records_never_published_never_appear(client, make_cohort, editor_account):
    record = make_cohort(status=Status.DRAFT, trainees=7)
    record.place = "Synthetic place"
    record.save()
    workflow.take_step(record, "submit", editor_account)

    assert client.get("/feeds/changes/").content.decode().count(record.public_id) == 0


def test_the_feed_holds_the_latest_changes_newest_first(client, make_cohort):
    records = [make_cohort(year=2000 + number % 20) for number in range(FEED_ENTRIES // 2 + 3)]

    found = entries(client)

    assert len(found) == FEED_ENTRIES
    assert [entry["updated"] for entry in found] == sorted((entry["updated"] for entry in found), reverse=True)
    assert records[-1].public_id in found[0]["title"]
    assert len({entry["id"] for entry in found}) == FEED_ENTRIES


def test_the_feed_answers_304_until_a_published_change(client, cohort, make_cohort):
    first = client.get("/feeds/changes/")
    assert client.get("/feeds/changes/", headers={"If-None-Match": first["ETag"]}).status_code == 304

    draft = make_cohort(status=Status.DRAFT)
    draft.trainees = 11
    draft.save()
    assert client.get("/feeds/changes/", headers={"If-None-Match": first["ETag"]}).status_code == 304

    cohort.place = "Synthetic place"
    cohort.save()
    assert client.get("/feeds/changes/", headers={"If-None-Match": first["ETag"]}).status_code == 200


@pytest.mark.parametrize("address", ["/", "/downloads/", "/methodology/"])
def test_pages_advertise_the_feed(client, cohort, address):
    page = client.get(address).content.decode()

    assert '<link rel="alternate" type="application/atom+xml" href="/feeds/changes/"' in page


def test_a_record_published_with_its_citations_in_one_change_is_one_entry(client, mexico_army, haiti_army, source):
    with history.recording("Synthetic: entered from the ministry's release."):
        record = TrainingCohort.objects.create(
            public_id="cohort-synthetic-one-step",
            status=Status.PUBLISHED,
            provider=mexico_army,
            recipient=haiti_army,
            year=2024,
            trainees=33,
            unit="soldiers",
        )
        record.citations.create(
            public_id="T-F7", source=source, excerpt="Synthetic: 33 trained.", stated_value=33, qualifier="exact"
        )

    (entry,) = entries(client)

    assert entry["title"] == "Published: Training cohorts cohort-synthetic-one-step (33 soldiers)"
    assert "Reason given: Synthetic: entered from the ministry's release." in entry["text"]
    assert "citation T-F7: created" in entry["text"]
    assert "verbatim excerpt: Synthetic: 33 trained." in entry["text"]


def test_an_imported_package_reads_as_one_publication_per_record(client, one_of_each_kind, tmp_path):
    call_command("export_data", str(tmp_path / "out.zip"), verbosity=0)
    Citation.objects.all().delete()
    for dataset in FIGURE_DATASETS:
        dataset.model.objects.all().delete()
    Source.objects.all().delete()
    Institution.objects.all().delete()
    for dataset in FIGURE_DATASETS:  # start the feed afresh: only the import's history
        dataset.model.history.all().delete()
    Citation.history.all().delete()

    call_command("import_data", str(tmp_path / "out.zip"), verbosity=0)

    found = entries(client)
    assert sorted(entry["title"].split(" (")[0] for entry in found) == [
        "Published: Equipment donations donation-synthetic",
        "Published: Pledges pledge-synthetic",
        "Published: Reported figures reported-synthetic",
        "Published: Training cohorts cohort-synthetic-2024",
    ]
    assert all(f"Reason given: Imported from {tmp_path / 'out.zip'}" in entry["text"] for entry in found)


def test_the_feed_is_built_once_per_data_version(client, cohort, make_cohort, django_assert_max_num_queries):
    first = client.get("/feeds/changes/")
    # Served again from the cache: only the data version is read.
    with django_assert_max_num_queries(1):
        again = client.get("/feeds/changes/")
    assert again.content == first.content
    make_cohort(public_id="cohort-synthetic-feed-cache")
    assert b"cohort-synthetic-feed-cache" in client.get("/feeds/changes/").content
