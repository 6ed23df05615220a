"""The live police API client against a local fake server: User-Agent, parameters, rate limits, import."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import FIXTURES

from est_data import cli
from est_data.ingest import polisen_client as pc

EVENTS = json.loads((FIXTURES / "polisen" / "events_excerpt.json").read_text(encoding="utf-8"))


class FakeApi(BaseHTTPRequestHandler):
    calls: list[dict] = []
    status = 200

    def do_GET(self):  # noqa: N802 - http.server's name
        query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
        FakeApi.calls.append(
            {"path": urlparse(self.path).path, "query": query, "user_agent": self.headers.get("User-Agent")}
        )
        if FakeApi.status != 200:
            self.send_response(FakeApi.status)
            self.end_headers()
            return
        place = query.get("locationname", "")
        body = [e for e in EVENTS if e["location"]["name"] == place]
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_api(monkeypatch):
    FakeApi.calls = []
    FakeApi.status = 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/api/events"
    monkeypatch.setenv("EST_POLISEN_API_URL", url)
    yield url
    server.shutdown()
    server.server_close()


class Clock:
    """A fake clock: sleeping advances it, so the 10-second rule is checked without waiting."""

    def __init__(self, start: dt.datetime):
        self.t = start
        self.slept: list[float] = []

    def now(self) -> dt.datetime:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += dt.timedelta(seconds=seconds)


def client(con, url, clock, **kw) -> pc.PolisenClient:
    return pc.PolisenClient(con, url=url, now=clock.now, sleep=clock.sleep, **kw)


def test_fetch_sends_user_agent_and_parameters_and_waits_10_seconds(empty_con, fake_api):
    clock = Clock(dt.datetime(2026, 1, 25, 8, 0))
    report = pc.fetch(empty_con, "Trelleborg", "2026-01", client=client(empty_con, fake_api, clock))
    assert [c["query"] for c in FakeApi.calls] == [
        {"locationname": "Trelleborg", "DateTime": "2026-01"},
        {"locationname": "Skåne län", "DateTime": "2026-01"},
    ]
    assert all(c["user_agent"] and "EST-dashboard" in c["user_agent"] for c in FakeApi.calls)
    assert clock.slept and clock.slept[0] == pytest.approx(10.0)
    # Trelleborg's own 6 events plus the 3 county-level ones ending in Trelleborg (not Malmö's)
    assert report.rows_loaded == 9
    assert empty_con.execute("select count(distinct municipality_code) from incident").fetchone()[0] == 1
    assert empty_con.execute("select count(*) from api_call").fetchone()[0] == 2
    assert empty_con.execute("select count(*) from import_batch where source = 'polisen'").fetchone()[0] == 1


def test_hourly_quota_refuses_instead_of_calling(empty_con, fake_api):
    clock = Clock(dt.datetime(2026, 1, 25, 8, 0))
    c = client(empty_con, fake_api, clock, per_hour=3)
    for _ in range(3):
        c.events(locationname="Trelleborg")
    with pytest.raises(pc.RateLimited) as err:
        c.events(locationname="Trelleborg")
    assert len(FakeApi.calls) == 3
    assert err.value.retry_at == dt.datetime(2026, 1, 25, 9, 0)
    assert clock.slept == [pytest.approx(10.0)] * 2  # every call after the first waited its 10 seconds
    # An hour later it is allowed again
    clock.t = dt.datetime(2026, 1, 25, 9, 0, 30)
    c.events(locationname="Trelleborg")
    assert len(FakeApi.calls) == 4


def test_limits_hold_across_clients(empty_con, fake_api):
    clock = Clock(dt.datetime(2026, 1, 25, 8, 0))
    client(empty_con, fake_api, clock).events(locationname="Trelleborg")
    clock.t += dt.timedelta(seconds=3)
    other = client(empty_con, fake_api, clock)  # a new process would read the same api_call log
    other.events(locationname="Trelleborg")
    assert clock.slept == [pytest.approx(7.0)]


def test_https_is_required_except_on_localhost(empty_con):
    with pytest.raises(pc.PolisenApiError):
        pc.PolisenClient(empty_con, url="http://polisen.se/api/events")
    assert pc.PolisenClient(empty_con, url="https://polisen.se/api/events").url.startswith("https://")


def test_server_errors_become_clear_messages(empty_con, fake_api):
    FakeApi.status = 503
    with pytest.raises(pc.PolisenApiError, match="503"):
        client(empty_con, fake_api, Clock(dt.datetime(2026, 1, 25, 8, 0))).events(locationname="Trelleborg")
    FakeApi.status = 429
    with pytest.raises(pc.RateLimited):
        client(empty_con, fake_api, Clock(dt.datetime(2026, 1, 25, 9, 0))).events(locationname="Trelleborg")


def test_cli_fetch_polisen(empty_db, fake_api, capsys, monkeypatch):
    monkeypatch.setattr(pc.time, "sleep", lambda s: None)
    assert cli.main(["--db", str(empty_db), "fetch", "polisen", "--kommun", "Trelleborg"]) == 0
    assert "inlästa 9" in capsys.readouterr().out
    assert cli.main(["--db", str(empty_db), "fetch", "polisen", "--kommun", "Atlantis"]) == 2
    assert "okänd kommun" in capsys.readouterr().err
