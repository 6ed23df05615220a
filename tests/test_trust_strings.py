"""Every text of the trust part exists in Swedish and English, and every key the code uses exists."""

from __future__ import annotations

import re

from est_data import i18n
from est_data.strings.trust import STRINGS
from tests.conftest import ROOT

FILES = ["pages/admin.py", "pages/enkatlankar.py", "est_data/ui/login.py", "est_data/admin.py"]


def test_both_languages_present():
    for key, (sv, en) in STRINGS.items():
        assert key.startswith("trust.")
        assert sv.strip() and en.strip(), key
    assert not i18n.duplicate_keys()


def test_every_used_key_exists():
    catalogue = i18n.catalogue()
    used = set()
    for name in FILES:
        used |= set(re.findall(r'"(trust\.[a-z_.]+)"', (ROOT / name).read_text(encoding="utf-8")))
    assert len(used) > 40
    assert sorted(k for k in used if k not in catalogue) == []


def test_placeholders_match():
    for key, (sv, en) in STRINGS.items():
        assert set(re.findall(r"{(\w+)}", sv)) == set(re.findall(r"{(\w+)}", en)), key


def test_a_registers_own_name_is_not_an_untranslated_key():
    """A register's source is shown by its own name; asking for it must not count as a missing catalogue
    key (it did, and a page test run after the register tests failed on 'incidents.source.Trelleborgshem')."""
    from est_data import i18n, incidents
    from est_data.report import common

    i18n.MISSING.clear()
    assert incidents.source_label("Trelleborgshem") == "Trelleborgshem"
    assert common.source_name("Trelleborgshem", "sv") == "Trelleborgshem"
    assert incidents.source_label("polisen") != "polisen"
    assert not i18n.MISSING
