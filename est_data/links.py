"""Personal survey links: one random token per reporter and survey round that opens the reporter form.

A round (one or two weeks, est_data.rounds) is stored under its first week, so a link made for any week
of a round is the round's link and opens that round's form.

The token is shown once, when the links are made (for the mail merge); the database keeps only its
SHA-256, so a copy of the database or a backup cannot be used to answer as somebody else. Links
expire and can be revoked; every use is counted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from est_data import audit, rounds
from est_data.db import transaction
from est_data.model import IsoWeek, User

TOKEN_BYTES = 32
DEFAULT_VALID_DAYS = 14


@dataclass(frozen=True)
class NewLink:
    link_id: int
    reporter_id: int
    name: str
    email: str | None
    organisation: str | None
    week: IsoWeek
    token: str
    expires_at: dt.datetime
    weeks: int = 1  # the round's length: the link's round is week .. week + weeks - 1

    @property
    def week_text(self) -> str:
        """'47', or '12–13' for a two-week round (for 'vecka {week}')."""
        return rounds.Round(self.week, self.weeks).weeks_text()


@dataclass(frozen=True)
class LinkSession:
    """What a valid token grants: the form of one reporter for one week."""

    link_id: int
    reporter_id: int
    reporter_name: str
    iso_year: int
    iso_week: int

    @property
    def week(self) -> IsoWeek:
        return IsoWeek(self.iso_year, self.iso_week)

    @property
    def username(self) -> str:
        return f"enkätlänk:{self.reporter_id}"

    def user(self) -> User:
        """A restricted rapportör session (id 0: no account behind it)."""
        return User(
            id=0,
            username=self.username,
            role="rapportör",
            display_name=self.reporter_name,
            reporter_id=self.reporter_id,
        )


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def url_for(base_url: str, token: str) -> str:
    """The link to send: the app's address with ?token=..."""
    return base_url.rstrip("/") + "/?" + urlencode({"token": token})


def create_links(
    con,
    week: IsoWeek,
    by: str,
    reporter_ids: list[int] | None = None,
    valid_days: int = DEFAULT_VALID_DAYS,
    now: dt.datetime | None = None,
    revoke_previous: bool = True,
) -> list[NewLink]:
    """New links for the round of `week` (stored under its first week) for the given (default: all
    active) reporters, valid `valid_days` days.

    Earlier unrevoked links of the same reporters and week are revoked unless revoke_previous is False.
    The tokens in the result are not stored anywhere: export them now.
    """
    now = now or dt.datetime.now()
    if not 1 <= int(valid_days) <= 60:
        raise ValueError(valid_days)
    rnd = rounds.round_of(con, week)
    week = rnd.start
    expires = (now + dt.timedelta(days=int(valid_days))).replace(microsecond=0)
    rows = con.execute(
        "select id, name, email, organisation"
        " from reporter"
        " where active and (? is null or list_contains(?, id))"
        " order by name",
        [None if reporter_ids is None else 1, [int(i) for i in reporter_ids or []]],
    ).fetchall()
    made: list[NewLink] = []
    with transaction(con):
        for reporter_id, name, email, organisation in rows:
            if revoke_previous:
                con.execute(
                    "update survey_link set revoked_at = ?, revoked_by = ?"
                    " where reporter_id = ? and iso_year = ? and iso_week = ? and revoked_at is null",
                    [now, by, reporter_id, week.year, week.week],
                )
            token = secrets.token_urlsafe(TOKEN_BYTES)
            link_id = con.execute(
                "insert into survey_link (token_hash, reporter_id, iso_year, iso_week, created_at, created_by,"
                " expires_at)"
                " values (?, ?, ?, ?, ?, ?, ?) returning id",
                [hash_token(token), reporter_id, week.year, week.week, now, by, expires],
            ).fetchone()[0]
            made.append(
                NewLink(
                    int(link_id), int(reporter_id), name, email, organisation, week, token, expires, rnd.weeks
                )
            )
        audit.record(
            con,
            by,
            "create_links",
            "survey_link",
            str(week),
            after={"week": str(week), "links": len(made), "expires_at": expires.isoformat()},
        )
    return made


def resolve(con, token: str | None, now: dt.datetime | None = None) -> LinkSession | None:
    """The session a token grants, or None if it is unknown, revoked, expired or its reporter inactive."""
    if not token or len(token) > 200:
        return None
    now = now or dt.datetime.now()
    row = con.execute(
        "select l.id, l.reporter_id, r.name, l.iso_year, l.iso_week"
        " from survey_link l"
        " join reporter r on r.id = l.reporter_id"
        " where l.token_hash = ?"
        "   and l.revoked_at is null"
        "   and l.expires_at > ?"
        "   and r.active",
        [hash_token(token), now],
    ).fetchone()
    if row is None:
        return None
    with transaction(con):
        con.execute(
            "update survey_link set last_used_at = ?, use_count = use_count + 1 where id = ?", [now, row[0]]
        )
    return LinkSession(int(row[0]), int(row[1]), row[2], int(row[3]), int(row[4]))


def session_by_id(con, link_id: int | None, now: dt.datetime | None = None) -> LinkSession | None:
    """The session of a link already opened in this browser (a refresh), if the link is still valid.
    Not counted as a new use."""
    if link_id is None:
        return None
    row = con.execute(
        "select l.id, l.reporter_id, r.name, l.iso_year, l.iso_week"
        " from survey_link l"
        " join reporter r on r.id = l.reporter_id"
        " where l.id = ?"
        "   and l.revoked_at is null"
        "   and l.expires_at > ?"
        "   and r.active",
        [int(link_id), now or dt.datetime.now()],
    ).fetchone()
    return LinkSession(int(row[0]), int(row[1]), row[2], int(row[3]), int(row[4])) if row else None


def still_valid(con, session: LinkSession, now: dt.datetime | None = None) -> bool:
    """False once the link has been revoked or has expired (checked on every page run)."""
    now = now or dt.datetime.now()
    row = con.execute(
        "select 1 from survey_link where id = ? and revoked_at is null and expires_at > ?",
        [session.link_id, now],
    ).fetchone()
    return row is not None


def revoke(
    con,
    by: str,
    link_ids: list[int] | None = None,
    week: IsoWeek | None = None,
    reporter_id: int | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Revoke links by id, or all of a week (optionally of one reporter). Returns how many."""
    if link_ids is None and week is None and reporter_id is None:
        raise ValueError("nothing to revoke")
    if week is not None:  # links are stored under their round's first week
        week = rounds.round_of(con, week).start
    now = now or dt.datetime.now()
    with transaction(con):
        revoked = con.execute(
            "update survey_link set revoked_at = ?, revoked_by = ?"
            " where revoked_at is null"
            "   and (? is null or list_contains(?, id))"
            "   and (? is null or (iso_year = ? and iso_week = ?))"
            "   and (? is null or reporter_id = ?)"
            " returning id",
            [
                now,
                by,
                None if link_ids is None else 1,
                [int(i) for i in link_ids or []],
                None if week is None else 1,
                week.year if week else None,
                week.week if week else None,
                reporter_id,
                reporter_id,
            ],
        ).fetchall()
        if revoked:
            audit.record(
                con,
                by,
                "revoke_links",
                "survey_link",
                ",".join(str(r[0]) for r in revoked)[:500],
                after={"revoked": len(revoked)},
            )
    return len(revoked)


def links(con, week: IsoWeek | None = None, now: dt.datetime | None = None) -> pd.DataFrame:
    """The links (never their tokens) with their state: giltig, använd, spärrad, utgången."""
    now = now or dt.datetime.now()
    return con.execute(
        "with base as ("
        "    select l.*, r.name as reporter, r.organisation"
        "    from survey_link l"
        "    join reporter r on r.id = l.reporter_id"
        "    where ? is null or (l.iso_year = ? and l.iso_week = ?)"
        "),"
        " final as ("
        "    select id, reporter_id, reporter, organisation, iso_year, iso_week, created_at, expires_at,"
        "           last_used_at, use_count, revoked_at,"
        "           case when revoked_at is not null then 'spärrad'"
        "                when expires_at <= ? then 'utgången'"
        "                when use_count > 0 then 'använd'"
        "                else 'giltig' end as state"
        "    from base"
        ")"
        " select * from final order by iso_year desc, iso_week desc, reporter",
        [None if week is None else 1, week.year if week else None, week.week if week else None, now],
    ).df()


def mail_merge_frame(made: list[NewLink], base_url: str) -> pd.DataFrame:
    """One row per new link for a mail merge (Word, Outlook): name, e-mail, week, link, valid until."""
    return pd.DataFrame(
        [
            {
                "namn": n.name,
                "e-post": n.email or "",
                "organisation": n.organisation or "",
                "vecka": n.week_text,
                "år": f"{n.week.year}",
                "länk": url_for(base_url, n.token),
                "giltig_till": n.expires_at.strftime("%Y-%m-%d %H:%M"),
            }
            for n in made
        ],
        columns=["namn", "e-post", "organisation", "vecka", "år", "länk", "giltig_till"],
    )


def mail_merge_csv(made: list[NewLink], base_url: str) -> bytes:
    """The mail-merge list as CSV for Swedish Excel/Word (semicolon, UTF-8 with BOM)."""
    from est_data.export import safe_frame

    return safe_frame(mail_merge_frame(made, base_url)).to_csv(sep=";", index=False).encode("utf-8-sig")
