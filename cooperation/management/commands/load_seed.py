from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cooperation import history
from cooperation.management.commands.import_data import report_errors, report_rows
from cooperation.tabular import ImportFailed, import_files

SEED_DIR = Path(__file__).resolve().parents[2] / "seed"


class Command(BaseCommand):
    help = "Load the bundled, sourced seed data (cooperation/seed/); running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=SEED_DIR, help="Directory of seed CSV files.")
        parser.add_argument("--dry-run", action="store_true", help="Check and report, then save nothing.")

    def handle(self, *args, path, dry_run, verbosity, **options):
        if not path.is_dir() or not any(path.glob("*.csv")):
            raise CommandError(f"No seed CSV files in {path}.")
        try:
            # One change in the history (the feed of changes shows one entry per record).
            with history.recording(f"Loaded the seed data from {path.name}"):
                report = import_files(path, dry_run=dry_run)
        except ImportFailed as failure:
            raise report_errors(self, failure) from None
        report_rows(self, report, verbosity)
        if verbosity >= 1:
            suffix = " Dry run: nothing was saved." if dry_run else ""
            self.stdout.write(f"Seed loaded from {path}: {report.summary()}.{suffix}")
