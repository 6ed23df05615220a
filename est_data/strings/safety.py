"""Strings for upload limits, deletion that deletes and import date checks (issue 16)."""

STRINGS: dict[str, tuple[str, str]] = {
    "safety.preview_head": (
        "Förhandsgranskningen gäller filens första {n} rader; hela filen läses när du trycker Läs in.",
        "The preview covers the file's first {n} rows; the whole file is read when you press Import.",
    ),
    "safety.erasing": (
        "Skriver om databasfilen så att det raderade inte finns kvar i den …",
        "Rewriting the database file so that nothing deleted remains in it …",
    ),
}
