"""Repeatable performance scenarios on SYNTHETIC data (never the seed, never the dashboard).

    .venv/bin/python benchmarks/run.py [--rows 2000] [--database-url postgres://...]

Creates a throwaway database (an SQLite file in a temporary folder unless
--database-url names another), fills it with generated records marked "synthetic",
and times what users wait for: the import, the export, the API's CSV stream, the
dashboard and a browse page. Prints one Markdown table row per scenario; README.md in
this folder keeps the results with their date and machine.
"""

import argparse
import os
import platform
import sys
import tempfile
import time
import tracemalloc
import warnings
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))


def _configure(database_url: str | None) -> Path:
    # Static files are not collected for a benchmark; whitenoise would warn on every client.
    warnings.filterwarnings("ignore", "No directory at")
    folder = Path(tempfile.mkdtemp(prefix="cooperation-bench-"))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    if database_url:
        os.environ.setdefault("DATABASE_TEST_NAME", "bench_cooperation")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    return folder


def _timed(label: str, rows: int, action) -> tuple[str, int, float]:
    started = time.perf_counter()
    action()
    return label, rows, time.perf_counter() - started


def _peak_megabytes(action) -> float:
    """Peak Python memory of one run (measured apart: tracing slows the timed runs)."""
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return peak


def _synthetic_package(folder: Path, rows: int) -> Path:
    """A data package of generated cohorts, each with one citation stating its number."""
    import csv

    from cooperation.datasets import CITATIONS, COHORTS, INSTITUTIONS, SOURCES

    package = folder / "synthetic"
    package.mkdir()

    def write(dataset, records):
        with open(package / f"{dataset.name}.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(dataset.column_names)
            writer.writerows(records)

    write(
        INSTITUTIONS,
        [
            ["syn-giver", "MX", "Synthetic giver", "SYN-G", "armed_forces"],
            ["syn-taker", "HT", "Synthetic receiver", "SYN-R", "armed_forces"],
        ],
    )
    write(
        SOURCES,
        [
            [
                "SYN1",
                "Synthetic source",
                "Synthetic press",
                "https://example.org/synthetic",
                "",
                "2025",
                "en",
                "news",
                "synthetic",
            ]
        ],
    )
    cohorts, citations = [], []
    for number in range(rows):
        year, trainees = 2000 + number % 25, 1 + number % 300
        cohorts.append(
            [
                f"syn-cohort-{number:06d}",
                "published",
                "syn-giver",
                "syn-taker",
                "synthetic course",
                "Synthetic place",
                year,
                "",
                "",
                trainees,
                "",
                "soldiers",
                "completed",
                "synthetic",
            ]
        )
        citations.append(
            [
                f"SYN-{number:06d}",
                "cohort",
                f"syn-cohort-{number:06d}",
                "SYN1",
                f"Synthetic excerpt: {trainees} trained.",
                trainees,
                "soldiers",
                "exact",
                "",
                "",
            ]
        )
    write(COHORTS, cohorts)
    write(CITATIONS, citations)
    return package


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    folder = _configure(options.database_url)

    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from cooperation.tabular import import_files, write_package

    setup_test_environment()
    # A test database of its own, created and dropped here, so no real data is touched.
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        package = _synthetic_package(folder, options.rows)
        client = Client()

        def stream_csv():
            return b"".join(client.get("/api/v1/cohorts/?format=csv").streaming_content)

        results = [
            _timed("import (empty database)", options.rows, lambda: import_files(package)),
            _timed("import again (nothing changed)", options.rows, lambda: import_files(package)),
            _timed("export_data package", options.rows, lambda: write_package(folder / "out.zip")),
            _timed("API CSV stream, all cohorts", options.rows, stream_csv),
            _timed("API JSON, 100 cohorts", options.rows, lambda: client.get("/api/v1/cohorts/").content),
            _timed("dashboard /?donor_country=MX", options.rows, lambda: client.get("/?donor_country=MX").content),
            _timed("browse /data/cohorts/", options.rows, lambda: client.get("/data/cohorts/").content),
        ]
        csv_peak = _peak_megabytes(stream_csv)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    engine = connection.vendor
    print("| date | machine | database | scenario | rows | seconds |")
    print("| --- | --- | --- | --- | ---: | ---: |")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    for label, rows, seconds in results:
        print(f"| {date.today()} | {machine} | {engine} | {label} | {rows} | {seconds:.2f} |")
    print(f"\nPeak Python memory while streaming the CSV of {options.rows} cohorts: {csv_peak:.1f} MB")


if __name__ == "__main__":
    main()
