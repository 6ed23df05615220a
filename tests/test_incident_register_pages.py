"""An incident register in the app: imported on the Data page with its own name and category mapping,
then a source of its own on Karta, a measure on Trender and a source to evaluate on Insatser."""

from __future__ import annotations

from est_data.ingest import register
from tests.conftest import app_as
from tests.test_incident_register import CATEGORIES, SOURCE, _log


def _data() -> bytes:
    return _log()[0].encode("cp1252")


def test_data_page_imports_a_register_with_its_name_and_categories(sample_db, sample_con):
    at = app_as("admin", "data")
    assert not at.exception
    at.file_uploader(key="data_register_file").set_value(("trelleborgshem.csv", _data(), "text/csv")).run()
    assert not at.exception
    at.button(key="data_register_preview").click().run()
    assert any("källa" in e.value for e in at.error)  # no name yet: refused, nothing written
    at.text_input(key="data_register_source_").set_value(SOURCE)
    words = [t.label for t in at.text_input if t.key.startswith("data_register_category_")]
    assert words[0] == "Brand i soprum" and "Vattenläcka" in words
    at.text_input(key="data_register_category_0_").set_value(CATEGORIES["Brand i soprum"])
    at.text_input(key="data_register_profile_name").set_value("Trelleborgshem månadslogg").run()
    at.button(key="data_register_save_profile").click().run()
    assert not at.exception
    assert register.profiles(sample_con)["Trelleborgshem månadslogg"]["source"] == SOURCE
    at.button(key="data_register_preview").click().run()
    assert not at.exception
    rejected = next(df.value for df in at.dataframe if "Orsak" in df.value.columns)
    assert list(rejected["Rad"]) == [36, 37, 38, 39, 40]
    at.button(key="data_register_load").click().run()
    assert not at.exception
    assert any("inlästa 34" in s.value for s in at.success)
    counts = dict(
        sample_con.execute(
            "select category, count(*) from incident where source = ? group by 1", [SOURCE]
        ).fetchall()
    )
    assert counts["Anlagda bränder"] == 30 and "Brand i soprum" not in counts


def test_karta_trender_and_insatser_offer_the_register(sample_db, sample_con):
    register.load(sample_con, _data(), "trelleborgshem.csv", source=SOURCE, categories=CATEGORIES)
    at = app_as("samordnare", "karta")
    assert not at.exception
    sources = at.multiselect(key="karta_sources_sv")
    assert SOURCE in sources.options and SOURCE in sources.value
    sources.set_value([SOURCE]).run()
    assert not at.exception
    assert any(c.value.startswith("34 händelser under perioden, varav 32 med plats") for c in at.caption)

    at.switch_page("pages/trender.py").run()
    measure = at.selectbox(key="trends_measure")
    key = "register:" + SOURCE
    assert key in measure.options or f"Händelser: {SOURCE}" in measure.options
    measure.set_value(key).run()
    assert not at.exception
    assert at.metric[0].value == "34"

    at.switch_page("pages/insatser.py").run()
    at.session_state["actions_tab"] = "Utvärdering"
    at.run()
    at.selectbox(key="actions_eval_choice").set_value(3).run()
    assert not at.exception
    offered = at.multiselect(key="actions_eval_sources")
    assert SOURCE in offered.options and "rapportör" not in offered.options
    offered.set_value([SOURCE]).run()  # the sample's camera at Västervångsskolan, on the register alone
    assert not at.exception
