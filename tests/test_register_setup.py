"""The README's "Starting with an empty database for real use", followed as written (issue 13, part 1).

A fresh database without the sample, `init`, the municipality's own area layer (four real Stockholm
districts), its reporter list, the reporters' first answers through the form (opened by their personal
survey links), then Lägesbild, Möte and the weekly report: everything names the municipality's own
areas and reporters' answers, and nothing of the sample.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from est_data import db
from est_data.model import IsoWeek
from tests.conftest import FIXTURES, ROOT, app_as

pytestmark = pytest.mark.filterwarnings("ignore")

README_SECTION = "### Starting with an empty database for real use"


def readme_commands() -> list[str]:
    """The shell commands of the README section, in order (one per line, comments dropped)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(README_SECTION) :]
    section = section[: re.search(r"\n#{2,3} ", section[1:]).start() + 1]  # up to the next section
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", section, flags=re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line and not line.startswith("#"):
                commands.append(line)
    return commands


def sh(command: str, env: dict[str, str], cwd) -> subprocess.CompletedProcess:
    """One README line, with the example files of the README replaced by this test's fixtures."""
    result = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, env=env, cwd=cwd, timeout=300
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def test_readme_empty_database_path_reaches_a_weekly_report(tmp_path, monkeypatch):
    commands = readme_commands()
    # The section as a user follows it: the environment, init, the area layer, the reporter list,
    # an account, the survey links, the app, the weekly report.
    assert [c.split()[3] for c in commands if c.startswith("python -m est_data")] == [
        "init",
        "import",
        "reporters",
        "users",
        "links",
        "report",
    ]
    work = tmp_path / "kommun"
    work.mkdir()
    # The README's example files: your area layer and reporter list (here the Järva districts).
    (work / "omraden.geojson").write_bytes((FIXTURES / "geo" / "jarva_stadsdelar.geojson").read_bytes())
    (work / "rapportorer.csv").write_bytes((FIXTURES / "register" / "rapportorer.csv").read_bytes())
    env = {k: v for k, v in os.environ.items() if not k.startswith("EST_")}
    env["PATH"] = f"{os.path.dirname(sys.executable)}:{env['PATH']}"
    env["PYTHONPATH"] = str(ROOT)
    env["EST_MUNICIPALITY_CODE"] = "0180"  # Stockholm, whose districts the layer holds
    week = IsoWeek.of(dt.date.today())
    prelude = []
    for command in commands:
        if command.startswith(("streamlit run", ". .venv")):
            continue  # the app is run by AppTest below; the venv is this interpreter
        if command.startswith("export "):
            prelude.append(command.replace("EST_MUNICIPALITY_CODE=1287", "EST_MUNICIPALITY_CODE=0180"))
            continue
        if command.startswith("python -m est_data report "):
            break
        line = command.replace("2026-W49", str(week))
        if " users add " in line:  # asks for the password; without a terminal it reads standard input
            line = f"echo provlosenord-123 | {line}"
        result = sh("; ".join([*prelude, line]), env, work)
        if " reporters import " in line:
            assert "rad 5: okänt område: Hjulsta" in result.stderr
            assert "inlästa 4, avvisade 2" in result.stdout

    path = work / "data" / "kommun.duckdb"
    assert path.exists()
    monkeypatch.setenv("EST_DB", str(path))
    monkeypatch.setenv("EST_LOAD_SAMPLE", "0")
    monkeypatch.setenv("EST_MUNICIPALITY_CODE", "0180")
    con = db.connect(path)
    assert (
        con.execute("select count(*) from area where municipality_code = '0180' and active").fetchone()[0]
        == 4
    )
    assert con.execute("select count(*) from factor where active").fetchone()[0] == 12
    assert con.execute("select count(*) from incident").fetchone()[0] == 0  # nothing of the sample
    with open(work / "lankar.csv", encoding="utf-8-sig") as f:  # semicolons, for Swedish Excel and Word
        links = {row["e-post"]: row["länk"] for row in csv.DictReader(f, delimiter=";")}
    assert len(links) == 4

    # The first answers, through the form, each reporter by their own link.
    answers = {
        "amina.hassan@jarva.example": (
            "RINKEBY",
            {"samlingar": 3, "klotter": 1},
            "Grupper vid Rinkeby torg varje kväll",
        ),
        "Cecilia.Ost@jarva.example": ("HUSBY", {"brand": 2}, "Två containerbränder vid Husby gård"),
    }
    for email, (area, levels, comment) in answers.items():
        reporter_id, area_id = con.execute(
            "select r.id, a.id from reporter r, area a where r.email = ? and a.name = ?", [email, area]
        ).fetchone()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        at.query_params["token"] = links[email].split("token=")[1]
        at.run()
        assert not at.exception
        prefix = f"{reporter_id}_{week}"
        for factor, level in levels.items():
            at.segmented_control(key=f"lvl_{prefix}_{area_id}_{factor}").set_value(level)
        at.text_area(key=f"comment_{prefix}_{area_id}").input(comment)
        at.button(key=f"report_submit_{prefix}").click().run()
        assert not at.exception
        assert any("Tack" in s.value for s in at.success)
    assert (
        con.execute(
            "select count(distinct reporter_id) from survey_response where iso_year = ? and iso_week = ?",
            [week.year, week.week],
        ).fetchone()[0]
        == 2
    )

    # The Thursday: Lägesbild and Möte show the municipality's own areas and answers.
    for page in ("lagesbild", "mote"):
        at = app_as("samordnare", page, timeout=120)
        assert not at.exception, page
        shown = " ".join(
            str(e.value)
            for kind in ("markdown", "caption", "info", "warning", "subheader", "text")
            for e in getattr(at, kind)
        ) + " ".join(f.value.to_string() for f in at.dataframe)
        assert "RINKEBY" in shown, page
        assert "Trelleborg" not in shown and "Centrum" not in shown, page
    db.close(path)

    # The weekly report, as the README's last command makes it.
    report = next(c for c in commands if c.startswith("python -m est_data report weekly"))
    sh("; ".join([*prelude, report.replace("2026-W49", str(week))]), env, work)
    out = next(work.glob("veckorapport*.pdf"))
    text = "\n".join(p.extract_text() for p in PdfReader(str(out)).pages)
    flat = re.sub(r"\s+", " ", text)
    assert "Stockholm" in flat and f"ecka {week.week}" in flat
    for area in ("RINKEBY", "HUSBY", "KISTA", "TENSTA"):
        assert area in flat, area
    assert "Grupper vid Rinkeby torg varje kväll" in flat
    assert "Två containerbränder vid Husby gård" in flat
    assert re.search(r"2 av 4", flat), flat[:1500]
    assert "Trelleborg" not in flat
    assert "status.nan" not in flat and " nan " not in flat
