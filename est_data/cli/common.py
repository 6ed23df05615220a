"""What every command module shares: the user's-mistake exception. Imports nothing of the package, so
no command module and `est_data.cli` import each other back."""


class CliError(Exception):
    """A message for the user (Swedish / English), printed without a traceback (exit code 2)."""
