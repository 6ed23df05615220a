"""Personal data: the retention run, deleting one reporter's personal data, exports without it.

Free text (survey comments, event descriptions and addresses), reporter identities and the safety
walks' participants, internal notes and photos are personal data. Ratings (levels 0–3) are not, and are always kept: the trends stay intact.

Deletion deletes: the audit log keeps who did what, but every deleted text is replaced by
"[borttaget]" in its before/after values too, and `erase_from_file` then rewrites the database file
(db.rewrite), because DuckDB leaves deleted values readable in the file's freed blocks. Callers (the
Administration page, the `retention` command) run both: the deletion, then erase_from_file.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from est_data import audit, config, db
from est_data.db import transaction

REMOVED = "[borttaget]"
MIN_SCRUB_LENGTH = 4  # shorter free texts ("ok", "-") would blank unrelated audit values

# Columns that hold personal data in exports; left out unless the user asks for them.
PERSONAL_COLUMNS = frozenset(
    {
        "reporter",
        "reporter_name",
        "name",
        "email",
        "comment",
        "description",
        "address",
        "rapportör",
        "e-post",
        "kommentar",
        "beskrivning",
        "adress",
        "namn",
    }
)


@dataclass(frozen=True)
class RetentionCounts:
    cutoff: dt.datetime
    comments: int
    descriptions: int
    walks: int = 0  # safety walks whose participants and/or notes are deleted
    photos: int = 0  # safety walk findings' photos

    @property
    def total(self) -> int:
        return self.comments + self.descriptions + self.walks + self.photos


def cutoff_for(months: int, today: dt.date | None = None) -> dt.datetime:
    """The first moment that is kept: today minus `months` calendar months, at midnight."""
    today = today or dt.date.today()
    month_index = today.year * 12 + (today.month - 1) - int(months)
    year, month = divmod(month_index, 12)
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    return dt.datetime(year, month + 1, day)


def retention_months(con) -> int:
    return int(config.get_setting(con, "retention_months"))


def retention_preview(con, months: int, today: dt.date | None = None) -> RetentionCounts:
    """How much free text a retention run with `months` would delete (nothing is changed)."""
    cutoff = cutoff_for(months, today)
    comments = con.execute(
        "select count(*) from survey_response where submitted_at < ? and comment is not null and comment <> ''",
        [cutoff],
    ).fetchone()[0]
    descriptions = con.execute(
        "select count(*) from observation"
        " where reported_at < ?"
        "   and ((description is not null and description <> '') or (address is not null and address <> ''))",
        [cutoff],
    ).fetchone()[0]
    walks, photos = con.execute(
        "select (select count(*) from walk"
        "        where walk_date < ? and (participants is not null or notes is not null)),"
        "       (select count(*) from walk_finding f join walk w on w.id = f.walk_id"
        "        where w.walk_date < ? and f.photo is not null)",
        [cutoff.date(), cutoff.date()],
    ).fetchone()
    return RetentionCounts(cutoff, int(comments), int(descriptions), int(walks), int(photos))


def run_retention(con, months: int, by: str, today: dt.date | None = None) -> RetentionCounts:
    """Delete free text older than `months` months (ratings, places and times stay), and the participants,
    internal notes and photos of safety walks held before the cutoff (the walk, its count of participants
    and its findings stay). One transaction, audited."""
    if int(months) < 1:
        raise ValueError(months)
    counts = retention_preview(con, months, today)
    with transaction(con):
        texts = [
            r[0]
            for r in con.execute(
                "select comment from survey_response where submitted_at < ? and comment is not null"
                " union select description from observation where reported_at < ? and description is not null"
                " union select address from observation where reported_at < ? and address is not null"
                " union select participants from walk where walk_date < ? and participants is not null"
                " union select notes from walk where walk_date < ? and notes is not null",
                [counts.cutoff] * 3 + [counts.cutoff.date()] * 2,
            ).fetchall()
        ]
        con.execute(
            "update survey_response set comment = null where submitted_at < ? and comment is not null",
            [counts.cutoff],
        )
        con.execute(
            "update observation set description = null, address = null"
            " where reported_at < ? and (description is not null or address is not null)",
            [counts.cutoff],
        )
        con.execute(
            "update walk set participants = null, notes = null"
            " where walk_date < ? and (participants is not null or notes is not null)",
            [counts.cutoff.date()],
        )
        con.execute(
            "update walk_finding set photo = null, photo_type = null"
            " where photo is not null and walk_id in (select id from walk where walk_date < ?)",
            [counts.cutoff.date()],
        )
        scrub_audit(con, texts)
        audit.record(
            con,
            by,
            "retention",
            "survey_response,observation,walk,walk_finding",
            None,
            after={
                "months": int(months),
                "cutoff": counts.cutoff.isoformat(),
                "comments": counts.comments,
                "descriptions": counts.descriptions,
                "walks": counts.walks,
                "photos": counts.photos,
            },
        )
    return counts


def delete_reporter_personal_data(con, reporter_id: int, by: str) -> dict[str, int]:
    """Remove one reporter's name, e-mail and free text; keep their ratings under an anonymous label.

    Their account is deactivated, their survey links revoked, their name and e-mail are removed from the
    safety walks' participants and notes, and earlier audit rows about the reporter are cleared of
    before/after values (which could hold the name). Returns what was changed.
    """
    row = con.execute("select id from reporter where id = ?", [reporter_id]).fetchone()
    if row is None:
        raise KeyError(reporter_id)
    now = dt.datetime.now()
    with transaction(con):
        texts = [
            r[0]
            for r in con.execute(
                "select name from reporter where id = ? and name is not null"
                " union select email from reporter where id = ? and email is not null"
                " union select comment from survey_response where reporter_id = ? and comment is not null"
                " union select description from observation where reporter_id = ? and description is not null"
                " union select address from observation where reporter_id = ? and address is not null"
                " union select email from app_user where reporter_id = ? and email is not null"
                " union select display_name from app_user where reporter_id = ? and display_name <> username",
                [reporter_id] * 7,
            ).fetchall()
        ]
        account_ids = [
            str(r[0])
            for r in con.execute("select id from app_user where reporter_id = ?", [reporter_id]).fetchall()
        ]
        comments = con.execute(
            "update survey_response set comment = null where reporter_id = ? and comment is not null"
            " returning id",
            [reporter_id],
        ).fetchall()
        observations = con.execute(
            "update observation set description = null, address = null"
            " where reporter_id = ? and (description is not null or address is not null)"
            " returning id",
            [reporter_id],
        ).fetchall()
        # The person's name and e-mail as the reporter register and their account hold them.
        identity = [
            r[0]
            for r in con.execute(
                "select name from reporter where id = ? and name is not null"
                " union select email from reporter where id = ? and email is not null"
                " union select email from app_user where reporter_id = ? and email is not null"
                " union select display_name from app_user where reporter_id = ? and display_name <> username",
                [reporter_id] * 4,
            ).fetchall()
        ]
        walks = remove_from_walks(con, identity)
        con.execute(
            "update reporter set name = ?, email = null, active = false where id = ?",
            [f"Rapportör {reporter_id} (borttagen)", reporter_id],
        )
        accounts = con.execute(
            "update app_user set active = false, email = null, display_name = username, reporter_id = null"
            " where reporter_id = ? returning id",
            [reporter_id],
        ).fetchall()
        links = con.execute(
            "update survey_link set revoked_at = ?, revoked_by = ? where reporter_id = ? and revoked_at is null"
            " returning id",
            [now, by, reporter_id],
        ).fetchall()
        con.execute(
            "update audit_log set before_json = null, after_json = null"
            " where (table_name = 'reporter' and record_id = ?)"
            "    or (table_name = 'app_user' and list_contains(?, record_id))",
            [str(reporter_id), account_ids or [""]],
        )
        scrub_audit(con, texts)  # wherever else the name, e-mail or texts were logged
        result = {
            "comments": len(comments),
            "observations": len(observations),
            "accounts": len(accounts),
            "links": len(links),
            "walks": walks,
        }
        audit.record(con, by, "delete_personal_data", "reporter", reporter_id, after=result)
    return result


def remove_from_walks(con, texts: Iterable[str]) -> int:
    """Replace each text (a person's name or e-mail) by REMOVED in the safety walks' participants and
    notes. Call inside the deletion's transaction. Returns the number of walks changed."""
    wanted = sorted({t for t in texts if t and len(t.strip()) >= MIN_SCRUB_LENGTH}, key=len, reverse=True)
    changed = set()
    for text in wanted:
        rows = con.execute(
            "update walk set participants = replace(participants, ?, ?), notes = replace(notes, ?, ?)"
            " where contains(coalesce(participants, ''), ?) or contains(coalesce(notes, ''), ?)"
            " returning id",
            [text, REMOVED, text, REMOVED, text, text],
        ).fetchall()
        changed.update(r[0] for r in rows)
    return len(changed)


def scrub_audit(con, texts: Iterable[str]) -> int:
    """Replace each of the deleted texts in the audit log's before/after values by REMOVED (who did
    what stays). Texts shorter than MIN_SCRUB_LENGTH are left: they would match unrelated values.
    Call inside the deletion's transaction. Returns the number of audit rows changed."""
    wanted = sorted({t for t in texts if t and len(t.strip()) >= MIN_SCRUB_LENGTH}, key=len, reverse=True)
    if not wanted:
        return 0
    # As json.dumps wrote them into the log (quotes, backslashes and line breaks escaped), and as given.
    forms = sorted(
        {*wanted, *(json.dumps(t, ensure_ascii=False)[1:-1] for t in wanted)}, key=len, reverse=True
    )
    rows = con.execute(
        "with texts as (select unnest(?) as text)"
        " select distinct a.id, a.before_json, a.after_json"
        " from audit_log a"
        " join texts t on contains(coalesce(a.before_json, ''), t.text) or contains(coalesce(a.after_json, ''), t.text)",
        [forms],
    ).fetchall()
    for audit_id, before, after in rows:
        for text in forms:
            before = before.replace(text, REMOVED) if before else before
            after = after.replace(text, REMOVED) if after else after
        con.execute(
            "update audit_log set before_json = ?, after_json = ? where id = ?", [before, after, audit_id]
        )
    return len(rows)


def erase_from_file(con) -> bool:
    """Rewrite the database file so that nothing deleted can be read from it or its WAL (db.rewrite).

    Run after a deletion, outside its transaction. A connection from db.connect() is closed by the
    rewrite (connect again); a thread's cursor from db.cursor() follows it. False for an in-memory database.
    """
    path = db.file_of(con)
    return db.rewrite(path) if path else False


def without_personal(df: pd.DataFrame) -> pd.DataFrame:
    """The table without the columns that hold personal data (names, e-mail, free text)."""
    keep = [c for c in df.columns if str(c).lower() not in PERSONAL_COLUMNS]
    return df[keep]


def responses_export(con, include_personal: bool = False, since: dt.date | None = None) -> pd.DataFrame:
    """Survey answers, one row per answer and factor; reporter names and comments only if asked for."""
    df = con.execute(
        "with responses as ("
        "    select * from survey_response where ? is null or submitted_at >= ?"
        "),"
        " final as ("
        "    select r.iso_year as år, r.iso_week as vecka, a.name as område, p.organisation as organisation,"
        "           p.name as rapportör, r.submitted_at as inskickat, f.label_sv as faktor, s.level as nivå,"
        "           r.comment as kommentar"
        "    from responses r"
        "    join survey_rating s on s.response_id = r.id"
        "    left join area a on a.id = r.area_id"
        "    left join reporter p on p.id = r.reporter_id"
        "    left join factor f on f.code = s.factor_code"
        ")"
        " select * from final order by år, vecka, område, organisation, faktor",
        [since, since],
    ).df()
    return df if include_personal else without_personal(df)


def observations_export(con, include_personal: bool = False, since: dt.date | None = None) -> pd.DataFrame:
    """Event reports from reporters; who reported and the free text only if asked for."""
    df = con.execute(
        "select o.reported_at as rapporterat, o.occurred_at as inträffat, o.time_of_day as tid_på_dygnet,"
        "       a.name as område, pl.name as plats, f.label_sv as faktor, o.severity as allvar, o.lat, o.lon,"
        "       p.name as rapportör, o.address as adress, o.description as beskrivning"
        " from observation o"
        " left join area a on a.id = o.area_id"
        " left join place pl on pl.id = o.place_id"
        " left join factor f on f.code = o.factor_code"
        " left join reporter p on p.id = o.reporter_id"
        " where ? is null or o.reported_at >= ?"
        " order by o.reported_at",
        [since, since],
    ).df()
    return df if include_personal else without_personal(df)


def csv_bytes(df: pd.DataFrame) -> bytes:
    """A CSV for Swedish Excel (semicolon, decimal comma, UTF-8 with BOM); no cell can run as a formula."""
    from est_data.export import safe_frame

    return safe_frame(df).to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")
