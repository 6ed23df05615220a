"""The one error every importer and the import limits raise (below both, so neither imports the other back)."""


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (empty, binary, wrong shape ...). Message: Swedish / English."""
