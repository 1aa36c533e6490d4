"""How to cite: the whole data set, a chart with its filters and one figure, as plain text and
BibTeX, each with title, publisher, version, permalink and access date. Synthetic data only."""

import re
from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from cooperation import citing
from cooperation.datasets import COHORTS
from cooperation.models import Pledge, Status
from cooperation.tabular import format_timestamp

VERSION = datetime(2026, 11, 28, 9, 30, 5, 123456, tzinfo=UTC)
ACCESSED = date(2026, 12, 1)


def braces_balance(text: str) -> bool:
    depth = 0
    for match in re.finditer(r"(?<!\\)[{}]", text):
        depth += 1 if match.group(0) == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def test_the_whole_data_set_cites_as_plain_text_and_bibtex(db):
    reference = citing.for_dataset("https://example.org/downloads/", VERSION, ACCESSED)

    assert reference.text == (
        "Mexico–Haiti security cooperation tracker. “Mexico–Haiti security cooperation data” (data set). "
        "Data version 2026-11-28T09:30:05Z. CC-BY-4.0. https://example.org/downloads/ (accessed 1 December 2026)."
    )
    assert reference.bibtex == "\n".join(
        [
            "@misc{mexico-haiti-data-2026-11-28,",
            "  title     = {{Mexico–Haiti security cooperation data}},",
            "  author    = {{Mexico–Haiti security cooperation tracker}},",
            "  publisher = {{Mexico–Haiti security cooperation tracker}},",
            "  year      = {2026},",
            "  version   = {2026-11-28T09:30:05Z},",
            "  url       = {https://example.org/downloads/},",
            "  urldate   = {2026-12-01},",
            "  note      = {Data set; data version 2026-11-28T09:30:05Z; accessed 2026-12-01},",
            "}",
        ]
    )


def test_a_chart_cites_with_its_filters_and_bibtex_escapes_what_latex_reads_as_commands(db):
    reference = citing.for_chart(
        "Trained & equipped: 100% of #1_total {draft}",
        "per-year",
        "donor country: MX · 2020–…",
        "https://example.org/?year_min=2020&donor_country=MX#chart-per-year",
        VERSION,
        ACCESSED,
    )

    assert reference.text == (
        "Mexico–Haiti security cooperation tracker. “Trained & equipped: 100% of #1_total {draft}” "
        "(chart; selection: donor country: MX · 2020–…). Data version 2026-11-28T09:30:05Z. CC-BY-4.0. "
        "https://example.org/?year_min=2020&donor_country=MX#chart-per-year (accessed 1 December 2026)."
    )
    bibtex = reference.bibtex
    assert bibtex.startswith("@misc{mexico-haiti-per-year-2026-11-28,\n")
    assert r"  title     = {{Trained \& equipped: 100\% of \#1\_total \{draft\}}}," in bibtex
    assert "  url       = {https://example.org/?year_min=2020&donor_country=MX#chart-per-year}," in bibtex
    assert "  note      = {Chart; selection: donor country: MX · 2020–…; data version" in bibtex
    assert braces_balance(bibtex)


def test_a_url_cannot_break_out_of_its_bibtex_field(db):
    reference = citing.for_dataset("https://example.org/a}b{c\\d e", VERSION, ACCESSED)

    assert "  url       = {https://example.org/a%7Db%7Bc%5Cd%20e}," in reference.bibtex
    assert braces_balance(reference.bibtex)


def test_a_figure_cites_with_its_data_set_identifier_and_number(cohort):
    reference = citing.for_figure(COHORTS, cohort, "https://example.org/data/cohorts/cohort-synthetic-2024/", VERSION)

    assert reference.title == "Training cohorts: cohort-synthetic-2024"
    assert "(figure; 40 soldiers). Data version 2026-11-28T09:30:05Z." in reference.text
    assert reference.key == "mexico-haiti-cohort-synthetic-2024-2026-11-28"
    assert reference.accessed == timezone.localdate()


def test_the_record_page_cites_the_figure_with_the_data_version(client, cohort):
    page = client.get(cohort.get_absolute_url()).content.decode()
    version = format_timestamp(citing.data_version())

    assert "“Training cohorts: cohort-synthetic-2024” (figure; 40 soldiers)" in page
    assert f"Data version {version}." in page
    assert f"http://testserver{cohort.get_absolute_url()} (accessed " in page
    assert "@misc{mexico-haiti-cohort-synthetic-2024-" in page
    assert f"  version   = {{{version}}}," in page


def test_each_chart_on_the_dashboard_cites_its_filters_and_permalink(client, cohort):
    page = client.get("/?donor_country=MX&year_min=2020").content.decode()

    for slug in ("cumulative", "per-year", "donations", "comparison"):
        text = re.search(rf'<p class="citation-text" id="cite-{slug}">(.*?)</p>', page, re.S).group(1)
        assert "selection: donor country: MX · 2020–…" in text
        assert f"http://testserver/?year_min=2020&amp;donor_country=MX#chart-{slug} (accessed " in text
        bibtex = re.search(rf'<textarea id="bibtex-{slug}"[^>]*>(.*?)</textarea>', page, re.S).group(1)
        assert bibtex.startswith(f"@misc{{mexico-haiti-{slug}-")
        assert braces_balance(bibtex)


@pytest.mark.parametrize(("status", "moves"), [(Status.DRAFT, False), (Status.PUBLISHED, True)])
def test_the_version_moves_with_published_changes_only(one_of_each_kind, status, moves):
    pledge = one_of_each_kind["pledge"]
    Pledge.objects.filter(pk=pledge.pk).update(status=status)  # without dating the change
    before = citing.data_version()

    pledge.refresh_from_db()
    pledge.description = "Synthetic promise, reworded"
    pledge.save()

    assert (citing.data_version() > before) is moves
