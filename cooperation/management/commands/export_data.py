from django.core.management.base import BaseCommand

from cooperation.tabular import write_package


class Command(BaseCommand):
    help = "Write the data package: one CSV per data set, datapackage.json and a README, zipped."

    def add_arguments(self, parser):
        parser.add_argument("out", help="Path of the zip file to write, e.g. mexico-haiti-data.zip.")
        parser.add_argument(
            "--published-only",
            action="store_true",
            help="Leave out draft, in-review and withdrawn records and their citations.",
        )

    def handle(self, *args, out, published_only, verbosity, **options):
        descriptor = write_package(out, published_only=published_only)
        if verbosity >= 2:
            for resource in descriptor["resources"]:
                self.stdout.write(f"{resource['path']}: {resource['rows']} rows, {resource['bytes']} bytes")
        if verbosity >= 1:
            rows = sum(resource["rows"] for resource in descriptor["resources"])
            self.stdout.write(
                f"Wrote {out}: {rows} rows in {len(descriptor['resources'])} files, version {descriptor['version']}."
            )
