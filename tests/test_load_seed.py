"""load_seed: the importer run on a directory of seed CSV files; twice changes nothing."""

import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cooperation.datasets import DATASETS, FIGURE_DATASETS
from cooperation.models import Citation, TrainingCohort
from cooperation.tabular import iter_dataset_csv

SEED_DIR = Path(__file__).resolve().parent.parent / "cooperation" / "seed"

# Synthetic seed files, written by hand (not exported) so the loader is tested on its own.
SYNTHETIC_SEED = {
    "institutions.csv": [
        ["id", "country", "name", "short_name", "kind"],
        ["mx-synthetic", "MX", "Synthetic Mexican Army", "SMA", "armed_forces"],
        ["ht-synthetic", "HT", "Synthetic Haitian Police", "SHP", "police"],
    ],
    "sources.csv": [
        ["id", "title", "publisher", "url", "archived_url", "published", "language", "kind", "notes"],
        ["S-SYN", "Synthetic report", "Synthetic Press", "https://example.org/syn", "", "2025-07", "es", "news", ""],
    ],
    "cohorts.csv": [
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
        ],
        [
            "cohort-syn",
            "published",
            "mx-synthetic",
            "ht-synthetic",
            "",
            "Cap-Haïtien",
            "2025",
            "2025",
            "",
            "30",
            "",
            "police_officers",
            "completed",
            "",
        ],
    ],
    "citations.csv": [
        [
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
        [
            "F-SYN-1",
            "cohort",
            "cohort-syn",
            "S-SYN",
            "Synthetic: unos 30 agentes.",
            "30",
            "agents",
            "approximate",
            "",
            "",
        ],
    ],
}


@pytest.fixture
def seed_dir(tmp_path, write_csv):
    for name, rows in SYNTHETIC_SEED.items():
        write_csv(name, rows)
    return tmp_path


def stored_timestamps():
    return {
        dataset.name: list(dataset.model.objects.values_list("public_id", "updated")) for dataset in FIGURE_DATASETS
    }


def test_load_seed_loads_a_directory_of_csv_files(db, seed_dir, capsys):
    call_command("load_seed", path=seed_dir)

    cohort = TrainingCohort.objects.get()
    assert (cohort.public_id, cohort.trainees, cohort.place) == ("cohort-syn", 30, "Cap-Haïtien")
    assert cohort.citations.get().stated_value == 30
    assert "cohorts: 1 new, 0 changed, 0 unchanged" in capsys.readouterr().out


def test_load_seed_twice_changes_nothing(db, seed_dir, capsys):
    call_command("load_seed", path=seed_dir)
    before = stored_timestamps()
    exported = {dataset.name: b"".join(iter_dataset_csv(dataset)) for dataset in DATASETS}
    capsys.readouterr()

    call_command("load_seed", path=seed_dir)

    output = capsys.readouterr().out
    for name in ("institutions", "sources", "cohorts", "citations"):
        assert f"{name}: 0 new, 0 changed, 1 unchanged" in output or f"{name}: 0 new, 0 changed, 2 unchanged" in output
    assert stored_timestamps() == before
    assert {dataset.name: b"".join(iter_dataset_csv(dataset)) for dataset in DATASETS} == exported


def test_load_seed_refuses_a_directory_without_csv_files(db, tmp_path):
    with pytest.raises(CommandError, match="No seed CSV files"):
        call_command("load_seed", path=tmp_path)


def test_load_seed_fails_whole_on_a_bad_seed_file(db, seed_dir, write_csv, capsys):
    rows = [row[:] for row in SYNTHETIC_SEED["citations.csv"]]
    rows[1][5] = "31"  # the cohort's headline 30 is then stated by no citation
    write_csv("citations.csv", rows)

    with pytest.raises(CommandError):
        call_command("load_seed", path=seed_dir)

    assert "cohorts.csv: row 2, column trainees: The headline number 30" in capsys.readouterr().err
    assert TrainingCohort.objects.count() == 0


def test_the_bundled_seed_loads_and_loading_it_again_changes_nothing(db, capsys):
    """Runs on the real cooperation/seed/: fails, rather than skips, if it holds no CSV files."""
    assert sorted(path.name for path in SEED_DIR.glob("*.csv")), f"no seed CSV files in {SEED_DIR}"

    call_command("load_seed")
    before = stored_timestamps()
    capsys.readouterr()
    call_command("load_seed")

    second_run = capsys.readouterr().out
    assert TrainingCohort.objects.exists()
    assert Citation.objects.exists()
    assert stored_timestamps() == before
    assert re.findall(r"(\d+) new, (\d+) changed", second_run)
    assert set(re.findall(r"(\d+) new, (\d+) changed", second_run)) == {("0", "0")}
