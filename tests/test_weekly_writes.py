"""Writes of the weekly cycle: answers, event reports, the meeting's decisions; survey rounds."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from est_data import db, queries, weekly
from est_data.analysis import survey_rounds
from est_data.model import IsoWeek

TODAY = dt.date(2026, 11, 26)  # a Thursday in 2026-W48, the week after the sample's last
WEEK = IsoWeek(2026, 48)


def _responses(con, reporter_id: int, week: IsoWeek):
    return con.execute(
        "select r.area_id, s.factor_code, s.level, r.comment"
        " from survey_response r join survey_rating s on s.response_id = r.id"
        " where r.reporter_id = ? and r.iso_year = ? and r.iso_week = ? order by 1, 2",
        [reporter_id, week.year, week.week],
    ).fetchall()


def test_submit_week_upserts_without_duplicates(sample_con):
    audit_before = sample_con.execute("select count(*) from audit_log").fetchone()[0]
    ids = weekly.submit_week(
        sample_con,
        1,
        WEEK,
        [weekly.AreaAnswer(3, {"klotter": 2}, "Tags på skolan")],
        "rapportor",
        today=TODAY,
    )
    rows = _responses(sample_con, 1, WEEK)
    assert len(rows) == 12  # every active factor, unrated ones as 0
    levels = {r[1]: r[2] for r in rows}
    assert levels["klotter"] == 2 and sum(levels.values()) == 2
    assert rows[0][3] == "Tags på skolan"
    again = weekly.submit_week(
        sample_con, 1, WEEK, [weekly.AreaAnswer(3, {"klotter": 1, "trafik": 3})], "rapportor", today=TODAY
    )
    assert again == ids
    rows = _responses(sample_con, 1, WEEK)
    levels = {r[1]: r[2] for r in rows}
    assert len(rows) == 12 and levels["klotter"] == 1 and levels["trafik"] == 3
    assert rows[0][3] is None
    count = sample_con.execute(
        "select count(*) from survey_response where reporter_id = 1 and iso_year = 2026 and iso_week = 48"
    ).fetchone()[0]
    assert count == 1
    assert sample_con.execute("select count(*) from audit_log").fetchone()[0] == audit_before + 2


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        ([weekly.AreaAnswer(3, {"klotter": 4})], "weekly.error.level"),
        ([weekly.AreaAnswer(3, {"okand": 1})], "weekly.error.unknown_factor"),
        ([weekly.AreaAnswer(999, {"klotter": 1})], "weekly.error.unknown_area"),
        ([weekly.AreaAnswer(3, {}), weekly.AreaAnswer(3, {})], "weekly.error.area_twice"),
        ([], "weekly.error.no_areas"),
    ],
)
def test_submit_week_refuses_bad_answers_and_writes_nothing(sample_con, answers, key):
    before = db.table_counts(sample_con)
    with pytest.raises(weekly.WeeklyError) as err:
        weekly.submit_week(sample_con, 1, WEEK, answers, "rapportor", today=TODAY)
    assert err.value.key == key
    assert db.table_counts(sample_con) == before


def test_submit_week_refuses_a_future_week(sample_con):
    with pytest.raises(weekly.WeeklyError) as err:
        weekly.submit_week(sample_con, 1, IsoWeek(2026, 50), [weekly.AreaAnswer(3, {})], "x", today=TODAY)
    assert err.value.key == "weekly.error.future_week"


def test_concurrent_submissions_lose_nothing(sample_db):
    reporters = list(range(1, 21))
    errors = []

    def send(rid: int) -> None:
        try:
            cur = db.cursor(sample_db)
            area = int(weekly.reporter_areas(cur, rid)["id"].iloc[0])
            weekly.submit_week(
                cur, rid, WEEK, [weekly.AreaAnswer(area, {"klotter": rid % 4})], f"r{rid}", today=TODAY
            )
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(r,)) for r in reporters]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    con = db.connect(sample_db)
    got = con.execute(
        "select count(distinct reporter_id), count(*) from survey_response"
        " where iso_year = 2026 and iso_week = 48"
    ).fetchone()
    assert got == (20, 20)


# ------------------------------------------------------------------------------------------ events


def test_add_event_with_place_dedupes_and_deletes_own_only(sample_con):
    place = sample_con.execute("select id, area_id, lat, lon from place where name = 'Stationen'").fetchone()
    event = weekly.EventReport(
        "narkotika",
        dt.date(2026, 11, 24),
        "Misstänkt handel vid perrongen",
        place_id=place[0],
        time_of_day="kväll",
    )
    first = weekly.add_event(sample_con, 1, event, "rapportor", today=TODAY)
    assert weekly.add_event(sample_con, 1, event, "rapportor", today=TODAY) == first
    row = sample_con.execute(
        "select area_id, lat, lon, iso_year, iso_week, hour_from, hour_to, source"
        " from observation where id = ?",
        [first],
    ).fetchone()
    assert row == (place[1], place[2], place[3], 2026, 48, 17, 22, "form")
    events = weekly.reporter_events(sample_con, 1, WEEK)
    assert events["id"].tolist() == [first]
    assert not weekly.delete_event(sample_con, first, 2, "annan")  # not someone else's
    assert weekly.delete_event(sample_con, first, 1, "rapportor")
    assert weekly.reporter_events(sample_con, 1, WEEK).empty


def test_add_event_with_point_or_address_and_exact_time(sample_con):
    eid = weekly.add_event(
        sample_con,
        1,
        weekly.EventReport(
            "trafik",
            dt.date(2026, 11, 23),
            "Mopeder på gångvägen",
            area_id=3,
            lat=55.38,
            lon=13.14,
            occurred_time=dt.time(21, 40),
        ),
        "rapportor",
        today=TODAY,
    )
    row = sample_con.execute(
        "select occurred_at, time_of_day, lat, lon from observation where id = ?", [eid]
    ).fetchone()
    assert row == (dt.datetime(2026, 11, 23, 21, 40), "kväll", 55.38, 13.14)
    eid2 = weekly.add_event(
        sample_con,
        None,
        weekly.EventReport(
            "klotter", dt.date(2026, 11, 23), "Tags", address="Storgatan 3", time_of_day="natt"
        ),
        "samordnare",
        today=TODAY,
    )
    assert sample_con.execute("select address, area_id from observation where id = ?", [eid2]).fetchone() == (
        "Storgatan 3",
        None,
    )


@pytest.mark.parametrize(
    ("event", "key"),
    [
        (weekly.EventReport("klotter", dt.date(2026, 11, 23), "  "), "weekly.error.no_description"),
        (weekly.EventReport("klotter", dt.date(2026, 11, 30), "x", area_id=3), "weekly.error.future_date"),
        (weekly.EventReport("klotter", dt.date(2026, 11, 23), "x"), "weekly.error.no_where"),
        (weekly.EventReport("klotter", dt.date(2026, 11, 23), "x", lat=95.0, lon=13.0), "weekly.error.point"),
        (weekly.EventReport("nope", dt.date(2026, 11, 23), "x", area_id=3), "weekly.error.unknown_factor"),
    ],
)
def test_add_event_refuses_bad_reports(sample_con, event, key):
    before = db.table_counts(sample_con)
    with pytest.raises(weekly.WeeklyError) as err:
        weekly.add_event(sample_con, 1, event, "x", today=TODAY)
    assert err.value.key == key
    assert db.table_counts(sample_con) == before


# ------------------------------------------------------------------------------------------ the meeting


def test_assessments_are_upserted_with_audit(sample_con):
    week = IsoWeek(2026, 47)
    n = weekly.save_assessments(
        sample_con,
        week,
        [
            weekly.Assessment(1, "röd", "röd", "Oro vid stationen"),
            weekly.Assessment(2, "gul", "röd", "Lugnare"),
            weekly.Assessment(3, None, "gul"),
        ],
        "samordnare",
    )
    assert n == 2  # area 3: nothing decided, nothing stored
    # saving the same again changes nothing; changing one changes one
    assert (
        weekly.save_assessments(
            sample_con, week, [weekly.Assessment(1, "röd", "röd", "Oro vid stationen")], "samordnare"
        )
        == 0
    )
    assert (
        weekly.save_assessments(
            sample_con, week, [weekly.Assessment(2, "grön", "röd", "Lugnt")], "samordnare"
        )
        == 1
    )
    got = weekly.assessments(sample_con, week)
    assert got[["area_id", "status", "computed_status", "note"]].values.tolist() == [
        [1, "röd", "röd", "Oro vid stationen"],
        [2, "grön", "röd", "Lugnt"],
    ]
    audit = sample_con.execute(
        "select count(*) from audit_log where table_name = 'weekly_assessment'"
    ).fetchone()[0]
    assert audit == 3
    with pytest.raises(weekly.WeeklyError):
        weekly.save_assessments(sample_con, week, [weekly.Assessment(1, "blå")], "x")


def test_priority_becomes_an_action_in_one_step_and_is_followed_up(sample_con):
    week = IsoWeek(2026, 47)
    place = sample_con.execute("select id, area_id from place where name = 'Hamnplan'").fetchone()
    pid = weekly.add_priority(
        sample_con,
        week,
        "närvaro",
        "Närvaro vid Hamnplan fredag kväll",
        "samordnare",
        horizon="helg",
        place_id=place[0],
    )
    actions_before = sample_con.execute("select count(*) from action").fetchone()[0]
    aid = weekly.priority_to_action(
        sample_con,
        pid,
        "Förstärkt närvaro Hamnplan",
        "samordnare",
        partners="Polisen; Trygghetsvärdar",
        responsible="Kommunpolisen",
        start_date=dt.date(2026, 11, 27),
        end_date=dt.date(2026, 12, 20),
    )
    assert sample_con.execute("select count(*) from action").fetchone()[0] == actions_before + 1
    action = sample_con.execute(
        "select title, kind, area_id, place_id, partners, responsible, start_date, end_date,"
        " description from action where id = ?",
        [aid],
    ).fetchone()
    assert action == (
        "Förstärkt närvaro Hamnplan",
        "närvaro",
        place[1],
        place[0],
        "Polisen; Trygghetsvärdar",
        "Kommunpolisen",
        dt.date(2026, 11, 27),
        dt.date(2026, 12, 20),
        "Närvaro vid Hamnplan fredag kväll",
    )
    prios = weekly.priorities(sample_con, week)
    assert prios["action_id"].tolist() == [aid] and prios["area_id"].tolist() == [place[1]]
    with pytest.raises(weekly.WeeklyError) as err:
        weekly.priority_to_action(sample_con, pid, "Igen", "samordnare")
    assert err.value.key == "weekly.error.already_action"
    # next week: was it done?
    weekly.follow_up_priority(sample_con, pid, True, "Genomfört fre–lör", "samordnare")
    row = weekly.priorities(sample_con, week).iloc[0]
    assert bool(row["done"]) is True and row["followup_note"] == "Genomfört fre–lör"


def test_priority_to_action_is_all_or_nothing(sample_con):
    week = IsoWeek(2026, 47)
    pid = weekly.add_priority(
        sample_con, week, "kamera", "Kamera vid Gångtunneln", "samordnare", horizon="längre", area_id=6
    )
    before = db.table_counts(sample_con)
    with pytest.raises(weekly.WeeklyError):
        weekly.priority_to_action(
            sample_con, pid, "Kamera", "x", start_date=dt.date(2026, 12, 1), end_date=dt.date(2026, 11, 1)
        )
    assert db.table_counts(sample_con) == before
    assert weekly.priorities(sample_con, week)["action_id"].isna().all()


def test_add_priority_validates(sample_con):
    with pytest.raises(weekly.WeeklyError):
        weekly.add_priority(sample_con, WEEK, "rymdskepp", "x", "s")
    with pytest.raises(weekly.WeeklyError):
        weekly.add_priority(sample_con, WEEK, "närvaro", "x", "s", horizon="sen")
    pid = weekly.add_priority(sample_con, WEEK, "närvaro", "x", "s")
    assert weekly.delete_priority(sample_con, pid, "s")
    assert weekly.priorities(sample_con, WEEK).empty


# ------------------------------------------------------------------------------------------ survey rounds


def test_survey_rounds_agree_with_each_other_and_the_overview(sample_con):
    week = IsoWeek(2026, 47)
    status = survey_rounds.reporter_status(sample_con, week, "1287")
    answered, expected = queries.response_rate(sample_con, week, "1287")
    assert (int(status["answered"].sum()), len(status)) == (answered, expected)
    missing = survey_rounds.missing_reporters(sample_con, week, "1287")
    assert len(missing) == expected - answered > 0
    ids = set(missing["id"])
    sent = {
        r[0]
        for r in sample_con.execute(
            "select distinct reporter_id from survey_response where iso_year = 2026 and iso_week = 47"
        ).fetchall()
    }
    assert not ids & sent
    assert missing["email"].str.endswith("@trelleborg.example").all()
    orgs = survey_rounds.by_organisation(sample_con, week, "1287")
    assert orgs["expected"].sum() == expected and orgs["answered"].sum() == answered
    areas = survey_rounds.by_area(sample_con, week, "1287")
    covering = sample_con.execute("select count(*) from reporter_area").fetchone()[0]
    assert areas["expected"].sum() == covering
    history = survey_rounds.history(sample_con, week, 10, "1287")
    assert history["week"].tolist()[-1] == "2026-W47" and len(history) == 10
    assert history["answered"].iloc[-1] == answered


def test_a_late_answer_counts_for_its_week(sample_con):
    week = IsoWeek(2026, 47)
    missing = survey_rounds.missing_reporters(sample_con, week, "1287")
    rid = int(missing["id"].iloc[0])
    area = int(weekly.reporter_areas(sample_con, rid)["id"].iloc[0])
    weekly.submit_week(sample_con, rid, week, [weekly.AreaAnswer(area, {})], "samordnare", today=TODAY)
    assert rid not in set(survey_rounds.missing_reporters(sample_con, week, "1287")["id"])
