"""The tree stays as `ruff format` writes it and `ruff check` passes (issue 17): part of the one test command."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# The ruff of this interpreter's environment (pinned in requirements-dev.txt), else one on PATH.
RUFF = [sys.executable, "-m", "ruff"] if importlib.util.find_spec("ruff") else [shutil.which("ruff") or ""]


@pytest.mark.skipif(not RUFF[0], reason="ruff is not installed (requirements-dev.txt pins it)")
@pytest.mark.parametrize("command", [["format", "--check", "."], ["check", "."]], ids=["format", "check"])
def test_ruff(command):
    done = subprocess.run([*RUFF, *command], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
