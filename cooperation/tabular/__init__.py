"""Files: spreadsheet-safe cells, CSV writing and reading, the data package.

Every file is built on the column declarations of ``cooperation.datasets``: CSV lines
(``csvfiles``), the data package (``package``) and the importer (``importer``), which
is all or nothing and reports every error by file, row and column.
"""

from cooperation.tabular.cells import FORMULA_TRIGGERS, neutralise_cell, restore_cell
from cooperation.tabular.csvfiles import iter_csv_lines, iter_dataset_csv
from cooperation.tabular.importer import (
    MAX_UNZIPPED_BYTES,
    ImportFailed,
    ImportReport,
    RowError,
    RowResult,
    import_files,
    read_tables,
)
from cooperation.tabular.package import (
    LICENCE,
    PACKAGE_NAME,
    PACKAGE_TITLE,
    format_timestamp,
    package_descriptor,
    package_readme,
    package_version,
    table_schema,
    write_package,
)
from cooperation.tabular.spreadsheets import iter_excel_csv_lines, write_xlsx

__all__ = [
    "FORMULA_TRIGGERS",
    "LICENCE",
    "MAX_UNZIPPED_BYTES",
    "PACKAGE_NAME",
    "PACKAGE_TITLE",
    "ImportFailed",
    "ImportReport",
    "RowError",
    "RowResult",
    "format_timestamp",
    "import_files",
    "iter_csv_lines",
    "iter_dataset_csv",
    "iter_excel_csv_lines",
    "neutralise_cell",
    "package_descriptor",
    "package_readme",
    "package_version",
    "read_tables",
    "restore_cell",
    "table_schema",
    "write_package",
    "write_xlsx",
]
