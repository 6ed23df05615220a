"""The live client for the police's open events API, following the API's published rules.

Rules (polisen.se/om-polisen/om-webbplatsen/oppna-data/api-over-polisens-handelser): HTTPS only, a
User-Agent header that says who is calling, at least 10 seconds between calls, at most 60 calls an
hour and 1 440 a day; query parameters `DateTime`, `locationname` and `type`.

Calls are logged in table `api_call` so the limits hold across processes and runs (a nightly job
and a user in the app share them). The client waits out the 10 seconds itself; when the hourly or
daily quota is used up it refuses with `RateLimited` instead of waiting for an hour.

The base URL is configurable (`base_url`, or the environment variable EST_POLISEN_API_URL) so tests
run against a local fake server; plain HTTP is accepted only for localhost.

CLI: `python -m est_data fetch polisen --kommun NAME [--datum 2026-11]`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlparse

import requests

from est_data import config
from est_data.ingest import polisen, reference
from est_data.ingest.common import ImportReport

API = "polisen"
DEFAULT_URL = "https://polisen.se/api/events"
MIN_INTERVAL_S = 10.0
PER_HOUR = 60
PER_DAY = 1440
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


class PolisenApiError(RuntimeError):
    """The API could not be reached or answered with an error. Message: Swedish / English."""


class RateLimited(PolisenApiError):
    """The hourly or daily quota is used up; `retry_at` says when the next call is allowed."""

    def __init__(self, message: str, retry_at: dt.datetime):
        super().__init__(message)
        self.retry_at = retry_at


def base_url() -> str:
    return os.environ.get("EST_POLISEN_API_URL", DEFAULT_URL)


def check_url(url: str) -> None:
    parsed = urlparse(url)
    if parsed.scheme == "https" or (parsed.scheme == "http" and parsed.hostname in LOCAL_HOSTS):
        return
    raise PolisenApiError(f"Polisens API får bara anropas över HTTPS: {url} / the police API requires HTTPS")


@dataclass
class PolisenClient:
    con: object
    url: str = field(default_factory=base_url)
    user_agent: str = field(default_factory=lambda: config.get("polisen_user_agent"))
    min_interval: float = MIN_INTERVAL_S
    per_hour: int = PER_HOUR
    per_day: int = PER_DAY
    timeout: float = 30.0
    now: Callable[[], dt.datetime] = field(default_factory=lambda: dt.datetime.now)
    sleep: Callable[[float], None] = field(default_factory=lambda: time.sleep)

    def __post_init__(self) -> None:
        check_url(self.url)
        if not self.user_agent.strip():
            raise PolisenApiError("User-Agent saknas / a User-Agent is required")

    def _calls_since(self, since: dt.datetime) -> tuple[int, dt.datetime | None]:
        count, first = self.con.execute(
            "select count(*), min(called_at) from api_call where api = ? and called_at > ?", [API, since]
        ).fetchone()
        return int(count), first

    def wait_for_turn(self) -> None:
        """Refuse when a quota is used up; otherwise sleep until min_interval has passed since the last call."""
        now = self.now()
        for window, limit, label in (
            (dt.timedelta(hours=1), self.per_hour, "timme / hour"),
            (dt.timedelta(days=1), self.per_day, "dygn / day"),
        ):
            count, first = self._calls_since(now - window)
            if count >= limit:
                retry = (first or now) + window
                raise RateLimited(
                    f"högst {limit} anrop per {label} till Polisens API; försök igen efter "
                    f"{retry:%Y-%m-%d %H:%M} / rate limit reached",
                    retry,
                )
        last = self.con.execute("select max(called_at) from api_call where api = ?", [API]).fetchone()[0]
        if last is not None:
            wait = self.min_interval - (now - last).total_seconds()
            if wait > 0:
                self.sleep(wait)

    def _log(self, url: str, status: int | None) -> None:
        self.con.execute(
            "insert into api_call (api, called_at, url, status) values (?, ?, ?, ?)",
            [API, self.now(), url, status],
        )

    def events(
        self, locationname: str | None = None, date: str | None = None, event_type: str | None = None
    ) -> list[dict]:
        """One call to the API with the given filters; returns its list of events."""
        params = {
            k: v for k, v in (("locationname", locationname), ("DateTime", date), ("type", event_type)) if v
        }
        self.wait_for_turn()
        try:
            response = requests.get(
                self.url,
                params=params,
                timeout=self.timeout,
                headers={"User-Agent": self.user_agent, "Accept": "application/json"},
            )
        except requests.RequestException as err:
            self._log(self.url, None)
            raise PolisenApiError(
                f"Polisens API svarar inte / the police API does not answer ({err})"
            ) from None
        self._log(response.url, response.status_code)
        if response.status_code == 429:
            raise RateLimited(
                "Polisens API säger att vi anropar för ofta / the API says: too many requests",
                self.now() + dt.timedelta(hours=1),
            )
        if response.status_code != 200:
            raise PolisenApiError(
                f"Polisens API svarade {response.status_code} / the API answered {response.status_code}"
            )
        try:
            payload = response.json()
        except ValueError:
            raise PolisenApiError(
                "Polisens API svarade inte med JSON / the API did not answer JSON"
            ) from None
        if not isinstance(payload, list):
            raise PolisenApiError("oväntat svar från Polisens API / unexpected answer from the API")
        return payload


def events_for_municipality(client: PolisenClient, kommun: str, date: str | None = None) -> list[dict]:
    """The municipality's events: those filed under its name, and its county's events whose name ends
    with the municipality (most events from 2026 on carry only the county). Two calls."""
    code = reference.municipality_code(kommun)
    if code is None:
        raise PolisenApiError(f"okänd kommun: {kommun} / unknown municipality: {kommun}")
    name = reference.municipality_name(code) or kommun
    county = reference.kommuner().set_index("municipality_code").loc[code, "county_name"]
    found: dict[str, dict] = {}
    for event in client.events(locationname=name, date=date):
        found[str(event.get("id"))] = event
    for event in client.events(locationname=county, date=date):
        last = str(event.get("name") or "").rsplit(",", 1)[-1].strip()
        if last.casefold() == name.casefold():
            found.setdefault(str(event.get("id")), event)
    return list(found.values())


def fetch(con, kommun: str, date: str | None = None, client: PolisenClient | None = None) -> ImportReport:
    """Fetch the municipality's latest events and import them like a file (one import batch)."""
    client = client or PolisenClient(con)
    events = events_for_municipality(client, kommun, date)
    stamp = client.now().strftime("%Y-%m-%d %H:%M")
    file_name = f"Polisens API {kommun} {date or ''} {stamp}".replace("  ", " ")
    if not events:
        return ImportReport(polisen.SOURCE, file_name)
    return polisen.load(con, json.dumps(events, ensure_ascii=False).encode("utf-8"), file_name)
