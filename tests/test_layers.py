"""Layering (DESIGN §2): est_data (minus ui/) never imports streamlit; pages and app.py hold no SQL."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys

import est_data
from est_data import i18n
from tests.conftest import ROOT


def data_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(est_data.__path__, "est_data."):
        if info.name.startswith("est_data.ui") or info.name == "est_data.__main__":
            continue
        names.append(info.name)
    return names


def test_est_data_does_not_import_streamlit():
    modules = data_modules()
    assert "est_data.db" in modules and "est_data.sample" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.'))\n"
        "print('STREAMLIT' if bad else 'CLEAN')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("CLEAN")


SQL = re.compile(r"\b(select|insert|update|delete)\b[^\n]*\b(from|into|set)\b", re.IGNORECASE)


def test_pages_and_app_hold_no_sql():
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        strings = re.findall(r"([\"'])(.*?)\1", text)
        offenders = [s for _, s in strings if SQL.search(s)]
        assert not offenders, f"{path.name} has SQL: {offenders[:2]}"


def test_string_catalogues_have_unique_keys_and_both_languages():
    assert i18n.duplicate_keys() == []
    for key, pair in i18n.catalogue().items():
        assert len(pair) == 2 and all(isinstance(p, str) and p for p in pair), key


def test_ui_texts_used_in_pages_exist():
    keys = set(i18n.catalogue())
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "est_data" / "ui").glob("*.py")]:
        for key in re.findall(r"\btr\(\s*\"([a-z_]+\.[a-z0-9_.]+)\"", path.read_text(encoding="utf-8")):
            assert key in keys, f"{path.name}: missing text {key}"


def test_readme_lists_every_setting():
    from est_data import config

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z0-9_]+)` \| ([^|]*) \|", readme, re.MULTILINE))
    assert set(rows) == {s.name for s in config.SETTINGS}
    for setting in config.SETTINGS:
        shown = rows[setting.name].strip()
        expected = f"`{setting.default}`" if setting.default else "(empty)"
        assert shown == expected, f"README default for {setting.name}: {shown} != {expected}"
