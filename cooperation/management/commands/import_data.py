from django.core.management.base import BaseCommand, CommandError

from cooperation import history
from cooperation.tabular import ImportFailed, ImportReport, import_files


def report_errors(command: BaseCommand, failure: ImportFailed) -> CommandError:
    """Every error on its own line (``file: row N, column C: reason``), then the exit."""
    for error in failure.errors:
        command.stderr.write(str(error))
    count = len(failure.errors)
    return CommandError(f"Import failed with {count} error{'' if count == 1 else 's'}; nothing was saved.")


def report_rows(command: BaseCommand, report: ImportReport, verbosity: int) -> None:
    if verbosity >= 2:
        for row in report.rows:
            if row.status != "unchanged":
                changed = f" ({', '.join(row.changes)})" if row.changes else ""
                command.stdout.write(f"{row.file}: row {row.row}: {row.record_id} {row.status}{changed}")


class Command(BaseCommand):
    help = "Import a data package (.zip or directory) or one CSV in the export format, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .zip data package, a directory of CSV files, or one CSV file.")
        parser.add_argument("--dry-run", action="store_true", help="Check and report, then save nothing.")
        parser.add_argument("--dataset", help="The data set of a lone CSV whose name does not say, e.g. cohorts.")

    def handle(self, *args, file, dry_run, dataset, verbosity, **options):
        try:
            # One change in the history, as an import in the admin is.
            with history.recording(f"Imported from {file}"):
                report = import_files(file, dry_run=dry_run, dataset=dataset)
        except ImportFailed as failure:
            raise report_errors(self, failure) from None
        report_rows(self, report, verbosity)
        if verbosity >= 1:
            suffix = " Dry run: nothing was saved." if dry_run else ""
            self.stdout.write(f"Imported {file}: {report.summary()}.{suffix}")
