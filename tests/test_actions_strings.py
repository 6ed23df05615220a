"""Every text the action register and the evaluation use exists, in Swedish and English."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import app_as

from est_data import i18n
from est_data.analysis import evaluation
from est_data.strings.actions import STRINGS

ROOT = Path(__file__).resolve().parent.parent
FILES = [
    "est_data/actions.py",
    "est_data/cli/actions.py",
    "est_data/charts/actions.py",
    "est_data/analysis/evaluation.py",
    "pages/insatser.py",
]


def test_literal_keys_exist():
    pattern = re.compile(r"""["'](actions\.[a-z_.]+[a-z_])["']""")
    used = {key for name in FILES for key in pattern.findall((ROOT / name).read_text(encoding="utf-8"))}
    assert len(used) > 60
    missing = sorted(k for k in used if k not in i18n.catalogue())
    assert not missing


def test_generated_keys_exist():
    catalogue = i18n.catalogue()
    keys = [f"actions.verdict.{v}" for v in evaluation.VERDICTS]
    keys += [f"actions.verdict_text.{v}" for v in evaluation.VERDICTS]
    keys += [f"actions.verdict.{v}_relative" for v in ("worked", "displacement", "increase")]
    keys += [f"actions.verdict_text.{v}_relative" for v in ("worked", "displacement", "increase")]
    keys += [f"actions.verdict_text.control.{d}" for d in ("up", "down", "flat")]
    keys += [f"actions.verdict_text.where.{w}" for w in ("default", "default_clean", "chosen")]
    keys += [
        f"actions.calibrate.test.{k}"
        for k in ("verdict", "exact", "wdd", "wdd_buffer", "buffer", "survey", "etest")
    ]
    caveats = evaluation.CAVEATS
    keys += [f"actions.caveat.{c}" for c in caveats] + [f"actions.caveat_short.{c}" for c in caveats]
    keys += [f"actions.eval.row.{r}" for r in ("target", "control", "buffer", "buffer_control")]
    keys += [f"actions.eval.mode.{m}" for m in ("area", "radius", "polygon")]
    keys += [f"actions.map.{p}" for p in ("before", "after")]
    assert [k for k in keys if k not in catalogue] == []


def test_both_languages_filled_and_placeholders_match():
    for key, (sv, en) in STRINGS.items():
        assert sv.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", sv)) == set(re.findall(r"{(\w+)}", en)), key


def test_page_in_english(sample_db):
    at = app_as("samordnare", "insatser")
    at.session_state["lang"] = "en"
    at.run()
    # The tabs are new widgets once their labels change language, and AppTest sends the language
    # widget's old value with the next run: set both again.
    at.session_state["lang"] = "en"
    at.session_state["actions_tab"] = "Evaluation"
    at.run()
    assert not at.exception, at.exception
    assert any(t.value == "Actions" for t in at.title)
    assert [t.label for t in at.tabs] == [
        "Register",
        "New action",
        "Edit or close",
        "Evaluation",
        "What worked?",
    ]
    # The default choice is the latest action started: the bicycle garage, too recent to judge.
    assert at.selectbox(key="actions_eval_choice").value == 12
    assert at.info[-1].value.startswith("**Too few events.** No certain change — too few events")
    assert "Test" in at.table[0].value.index.name
