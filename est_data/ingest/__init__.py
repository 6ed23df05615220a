"""Importers, one module per source. Each exposes `preview(con, data, file_name, **options)` (validate
only, write nothing) and `load(con, data, file_name, **options)` (validate and load the valid rows in
one transaction), both returning an `ImportReport`. `IMPORTERS` maps a source name to its module path
for the Data page and the CLI."""

IMPORTERS: dict[str, str] = {
    "survey": "est_data.ingest.survey",
    "bra": "est_data.ingest.bra",
    "polisen": "est_data.ingest.polisen",
    "felanmalan": "est_data.ingest.felanmalan",
    "register": "est_data.ingest.register",
    "areas": "est_data.ingest.areas",
    "reporters": "est_data.ingest.reporters",
}
# The `import` command's sources (python -m est_data import SOURCE FILE): every importer but the
# reporters, which have their own command (`reporters import`).
CLI_SOURCES: dict[str, str] = {k: v for k, v in IMPORTERS.items() if k != "reporters"}
