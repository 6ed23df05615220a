"""Near-repeat on the pages (issue 19 item 2): Lägesbild and Möte list the sample's fire series in
Annetorp as "förhöjd risk"; Trender's tab shows the Knox table; without positioned events they say so."""

from __future__ import annotations

from conftest import app_as

from est_data import db, i18n, sample


def _text(at) -> str:
    parts = [m.value for m in at.markdown] + [s.value for s in at.subheader] + [c.value for c in at.caption]
    parts += [e.label for e in at.expander] + [i.value for i in at.info] + [s.value for s in at.success]
    return "\n".join(str(p) for p in parts)


def test_lagesbild_lists_the_fire_series_with_distance_and_days(sample_db):
    at = app_as("samordnare", "lagesbild")
    assert not at.exception
    text = _text(at)
    assert i18n.t("nearrepeat.risk.title") in text
    assert i18n.t("nearrepeat.risk.how_title") in text
    lines = [m.value for m in at.markdown if "brand i" in m.value]
    assert lines, text[:2000]
    first = lines[0].splitlines()[0]
    assert sample.FIRE_SERIES_AREA in first
    assert "inom 100 m" in first and "dagar till" in first
    assert "i serie med" in first


def test_mote_shows_the_list_on_the_first_step(sample_db):
    at = app_as("samordnare", "mote")
    assert not at.exception
    text = _text(at)
    assert i18n.t("nearrepeat.risk.title") in text
    # one line per area, the series' area first, with the widest open zone
    assert f"- **{sample.FIRE_SERIES_AREA}**: brand × 3 senaste 7 dagarna – inom 100 m, 7 dagar till" in text


def test_trender_knox_table_for_fires(sample_db):
    at = app_as("samordnare", "trender")
    assert not at.exception
    assert at.selectbox(key="trends_knox_category").value == "Brand"
    tables = [d.value for d in at.dataframe if "Knox-kvot" in d.value.columns]
    assert len(tables) == 1
    table = tables[0]
    assert list(table.columns[:3]) == ["Avstånd", "Tid mellan", "Par"]
    assert len(table) == 12
    assert table.iloc[0]["Avstånd"] == "samma plats"
    assert "ja" in set(table["Nära upprepning"])
    assert i18n.t("nearrepeat.found") in _text(at)
    assert "999" in _text(at)


def test_list_says_so_when_there_is_no_near_repeat(sample_db):
    con = db.connect(sample_db)
    con.execute("delete from incident where external_id like '99%' or external_id like 'FA-2026-9%'")
    at = app_as("samordnare", "lagesbild")
    assert not at.exception
    text = _text(at)
    assert "ingen nära upprepning det senaste året" in text
    assert not [m.value for m in at.markdown if m.value.startswith("- **") and "dagar till" in m.value]


def test_trender_without_positioned_events_says_so(sample_db):
    con = db.connect(sample_db)
    con.execute("update incident set lat = null, lon = null, location_precision = 'municipality'")
    con.execute("update observation set lat = null, lon = null")
    at = app_as("samordnare", "trender")
    assert not at.exception
    assert "Inga händelser med plats under perioden" in _text(at)
