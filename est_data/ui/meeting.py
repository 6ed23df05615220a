"""The Thursday meeting's decisions as widgets, shared by Möte (one step each) and Lägesbild's meeting view.

Every decision is saved the moment it is made (on_change callbacks calling est_data.weekly), so moving
between steps or views never loses an edit. `prefix` keeps the two pages' widget keys apart.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from est_data import display, rounds, weekly
from est_data.model import ACTION_KINDS, STATUSES, IsoWeek
from est_data.report import meeting
from est_data.report.weekly import text_of
from est_data.ui.common import PageContext
from est_data.ui.rounds import round_of
from est_data.ui.state import cached, lang, tr, tr_user

DONE = {"ja": True, "nej": False, "vet ej": None}


def may_decide(ctx: PageContext) -> bool:
    return ctx.user.role in ("admin", "samordnare")


def _flash(prefix: str, text: str) -> None:
    st.session_state[f"{prefix}_flash"] = text


def show_flash(prefix: str) -> None:
    text = st.session_state.pop(f"{prefix}_flash", None)
    if text:
        st.toast(text, icon=":material/check:")


# ------------------------------------------------------------------------------------------ status


def _save_status(ctx: PageContext, week: IsoWeek, row: dict, key: str, prefix: str) -> None:
    status = st.session_state.get(key)
    weekly.save_assessments(
        ctx.con,
        week,
        [weekly.Assessment(row["area_id"], status, row["computed"], row["note"] or None)],
        ctx.user.username,
    )
    _flash(prefix, tr_user("mote.status_saved", area=row["area"]))


def _agree_proposals(ctx: PageContext, week: IsoWeek, rows: list[dict], prefix: str) -> None:
    todo = [
        weekly.Assessment(r["area_id"], r["computed"], r["computed"], r["note"] or None)
        for r in rows
        if not r["decided"] and r["computed"]
    ]
    n = weekly.save_assessments(ctx.con, week, todo, ctx.user.username)
    _flash(prefix, tr("weekly.meeting.status_saved", n=n))


def status_key(prefix: str, week: IsoWeek, area_id: int) -> str:
    return f"{prefix}_status_{week.year}_{week.week}_{area_id}"


def area_label(row: dict) -> str:
    """'**Centrum** · 3 svar ✓' and, small, last week's status and the factors at 'påtagligt' or more
    (free text escaped); an area without answers says so."""
    parts = [f"**{meeting.md(row['area'])}**"]
    parts.append(tr("mote.answers", n=row["answers"]) if row["answers"] else f"*{tr('overview.no_answers')}*")
    head = " · ".join(parts) + (" ✓" if row["decided"] else "")
    details = []
    if not display.missing(row["previous"]):
        was = display.label("status", row["previous"], lang())
        details.append(rounds.text("reports.meeting.was", lang(), row.get("round_weeks", 1), status=was))
    if row["factors"]:
        details.append(meeting.md(meeting.short(row["factors"], 50)))
    return head + (f"  \n:small[{' · '.join(details)}]" if details else "")


def status_editor(ctx: PageContext, week: IsoWeek, rows: list[dict], prefix: str, columns: int = 2) -> None:
    """Each area's status, pre-filled with the survey's proposal (none without answers); saved on change."""
    rows = sorted(rows, key=lambda r: r["area"])
    tally = {
        "agreed": sum(1 for r in rows if r["decided"]),
        "proposed": sum(1 for r in rows if not r["decided"] and r["computed"]),
        "no_answers": sum(1 for r in rows if r["answers"] == 0),
    }
    top = st.container(horizontal=True, vertical_alignment="center")
    top.caption(tr("mote.status_tally", **tally), help=tr("mote.status_caption"))
    if may_decide(ctx) and tally["proposed"]:
        top.button(
            tr("mote.agree_all", n=tally["proposed"]),
            key=f"{prefix}_agree_all",
            icon=":material/done_all:",
            help=tr("mote.agree_all_help"),
            on_click=_agree_proposals,
            args=(ctx, week, rows, prefix),
        )
    labels = {s: tr(f"status.{s}") for s in STATUSES}
    # Up to 16 areas fit a 720-pixel projector in two columns; more scroll inside a box of that height.
    holder = st.container(
        key=f"{prefix}_status_rows", height=440 if len(rows) > 8 * columns else "content", border=False
    )
    cols = holder.columns(columns, gap="large") if len(rows) > 4 else [holder.container()]
    per_column = -(-len(rows) // len(cols))
    for i, row in enumerate(rows):
        with cols[i // per_column]:
            left, right = st.columns([4, 3], vertical_alignment="center")
            left.markdown(area_label(row))
            key = status_key(prefix, week, row["area_id"])
            if key not in st.session_state or st.session_state.get(f"{key}_shown") != row["status"]:
                st.session_state[key] = row["status"]  # the saved decision, else the proposal, else nothing
                st.session_state[f"{key}_shown"] = row["status"]
            right.segmented_control(
                tr_user("mote.status_label", area=row["area"]),
                list(STATUSES),
                format_func=labels.get,
                key=key,
                label_visibility="collapsed",
                width="content",
                disabled=not may_decide(ctx),
                on_change=_save_status,
                args=(ctx, week, row, key, prefix),
            )


# ------------------------------------------------------------------------------------------ police


def _save_police(ctx: PageContext, week: IsoWeek, code: str, key: str, prefix: str) -> None:
    if weekly.save_police_note(ctx.con, week, code, st.session_state.get(key), ctx.user.username):
        _flash(prefix, tr("mote.police_saved"))


def police_note_editor(ctx: PageContext, week: IsoWeek, code: str, prefix: str, height: int = 200) -> None:
    saved = cached(weekly.police_note, week, code)
    if not may_decide(ctx):
        st.markdown(meeting.md(saved) if saved else tr("mote.no_police_note"))
        return
    key = f"{prefix}_police_{week.year}_{week.week}"
    if key not in st.session_state:
        st.session_state[key] = saved or ""
    st.text_area(
        tr("mote.police_note"),
        key=key,
        height=height,
        help=tr("mote.police_note_help"),
        max_chars=weekly.MAX_TEXT,
        on_change=_save_police,
        args=(ctx, week, code, key, prefix),
    )


# ------------------------------------------------------------------------------------------ follow-up


def _save_followup(ctx: PageContext, priority_id: int, done_key: str, note_key: str, prefix: str) -> None:
    done = DONE.get(st.session_state.get(done_key) or "vet ej")
    weekly.follow_up_priority(
        ctx.con, priority_id, done, st.session_state.get(note_key) or None, ctx.user.username
    )
    _flash(prefix, tr("weekly.meeting.saved"))


def followup_editor(ctx: PageContext, week: IsoWeek, prefix: str) -> None:
    """The previous round's priorities (last week's, with weekly rounds): was it done, and a comment;
    saved on change."""
    rnd = round_of(week)
    last = cached(weekly.priorities, rounds.previous(ctx.con, rnd).start)
    if last.empty:
        st.markdown(rounds.text("reports.meeting.no_followup", lang(), rnd.weeks))
        return
    labels = {"ja": tr("mote.done.yes"), "nej": tr("mote.done.no"), "vet ej": tr("mote.done.unknown")}
    for line, row in zip(meeting.priority_lines(last, ctx.lang), last.itertuples(), strict=True):
        what = f"**{meeting.md(line['where'])}** – {line['kind']}: {meeting.md(line['what'])}"
        left, mid, right = st.columns([5, 3, 3], vertical_alignment="center")
        left.markdown(what + (f" · *{meeting.md(line['when'])}*" if line["when"] else ""))
        done_key, note_key = f"{prefix}_done_{line['id']}", f"{prefix}_done_note_{line['id']}"
        done = None if pd.isna(row.done) else bool(row.done)
        if done_key not in st.session_state:
            st.session_state[done_key] = "ja" if done is True else "nej" if done is False else None
            st.session_state[note_key] = text_of(row.followup_note)
        mid.segmented_control(
            tr_user("mote.done", what=line["what"]),
            list(DONE),
            format_func=labels.get,
            key=done_key,
            label_visibility="collapsed",
            disabled=not may_decide(ctx),
            on_change=_save_followup,
            args=(ctx, line["id"], done_key, note_key, prefix),
        )
        right.text_input(
            tr_user("mote.followup_note", what=line["what"]),
            key=note_key,
            label_visibility="collapsed",
            placeholder=tr("weekly.meeting.followup_note"),
            disabled=not may_decide(ctx),
            on_change=_save_followup,
            args=(ctx, line["id"], done_key, note_key, prefix),
        )


# ------------------------------------------------------------------------------------------ priorities


def _delete_priority(ctx: PageContext, priority_id: int) -> None:
    weekly.delete_priority(ctx.con, priority_id, ctx.user.username)


def priority_list(ctx: PageContext, week: IsoWeek, prefix: str) -> None:
    """The week's priorities with their dates; each can become an action in one step (dates from the priority)."""
    current = cached(weekly.priorities, week)
    if current.empty:
        st.markdown(tr("weekly.meeting.no_priorities"))
    for line, row in zip(meeting.priority_lines(current, ctx.lang), current.itertuples(), strict=True):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.markdown(
                f"**{meeting.md(line['where'])}** · {line['kind']} · *{meeting.md(line['when'])}*  \n"
                f"{meeting.md(line['what'])}",
                width="stretch",
            )
            if line["action_id"] is not None:
                st.markdown(
                    ":green-badge[:material/task_alt: "
                    + meeting.md(tr("mote.action", title=line["action"]))
                    + "]",
                    width="content",
                )
                continue
            if not may_decide(ctx):
                continue
            st.button(
                "",
                key=f"{prefix}_prio_delete_{line['id']}",
                icon=":material/delete:",
                help=tr("weekly.meeting.delete"),
                on_click=_delete_priority,
                args=(ctx, line["id"]),
            )
            with st.popover(tr("weekly.meeting.to_action"), icon=":material/task_alt:"):
                action_form(ctx, week, row, prefix)


def action_form(ctx: PageContext, week: IsoWeek, row, prefix: str) -> None:
    """Turn priority `row` (of weekly.priorities) into an action; the dates default to the priority's."""
    pid = int(row.id)
    start_default, end_default = _day(row.start_date), _day(row.end_date)
    if start_default is None:  # a priority from before priorities had dates: its horizon's dates
        start_default, end_default = weekly.horizon_dates(
            row.horizon if row.horizon in weekly.HORIZONS else "vecka",
            weekly.meeting_day(week, weeks=round_of(week).weeks),
        )
    with st.form(f"{prefix}_action_form_{pid}"):
        title = st.text_input(
            tr("weekly.meeting.action_title"), value=row.description, key=f"{prefix}_action_title_{pid}"
        )
        kind = st.selectbox(
            tr("weekly.meeting.kind"),
            ACTION_KINDS,
            index=ACTION_KINDS.index(row.kind) if row.kind in ACTION_KINDS else 0,
            key=f"{prefix}_action_kind_{pid}",
        )
        partners = st.text_input(tr("weekly.meeting.partners"), key=f"{prefix}_action_partners_{pid}")
        responsible = st.text_input(tr("weekly.meeting.responsible"), key=f"{prefix}_action_resp_{pid}")
        c1, c2 = st.columns(2)
        start = c1.date_input(
            tr("weekly.meeting.start"),
            value=start_default,
            format="YYYY-MM-DD",
            key=f"{prefix}_action_start_{pid}",
        )
        end = c2.date_input(
            tr("weekly.meeting.end"), value=end_default, format="YYYY-MM-DD", key=f"{prefix}_action_end_{pid}"
        )
        if st.form_submit_button(
            tr("weekly.meeting.create_action"), type="primary", key=f"{prefix}_action_submit_{pid}"
        ):
            try:
                action_id = weekly.priority_to_action(
                    ctx.con,
                    pid,
                    title,
                    ctx.user.username,
                    kind=kind,
                    partners=partners or None,
                    responsible=responsible or None,
                    start_date=start,
                    end_date=end,
                )
            except weekly.WeeklyError as err:
                st.error(tr(err.key, **err.kwargs))
            else:
                _flash(prefix, tr("weekly.meeting.action_created", id=action_id))
                st.rerun()


def _day(value: object) -> dt.date | None:
    """A date from a DataFrame cell (Timestamp, date, NaT or None)."""
    if value is None or value is pd.NaT or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    return value.date() if isinstance(value, dt.datetime) else value


DRAFT_FIELDS = ("prio_kind", "prio_horizon", "prio_area", "prio_place", "prio_description")


def keep_drafts(prefix: str) -> None:
    """Keep a half-written priority while other steps are shown: Streamlit forgets the state of widgets a
    run does not draw, unless the value is set again through session state (its documented workaround).
    The optional dates are left out: a date range widget with a default may not also be set that way."""
    for field in DRAFT_FIELDS:
        key = f"{prefix}_{field}"
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _dates_key(prefix: str) -> str:
    """The dates widget gets a new key after each saved priority, so the browser shows it empty again."""
    return f"{prefix}_prio_dates_{st.session_state.get(f'{prefix}_prio_round', 0)}"


def _clear_draft(prefix: str) -> None:
    """Empty the form after a save (set through session state, so the browser shows the change too)."""
    for field, empty in zip(DRAFT_FIELDS, (ACTION_KINDS[0], weekly.HORIZONS[0], None, None, ""), strict=True):
        st.session_state[f"{prefix}_{field}"] = empty
    st.session_state.pop(_dates_key(prefix), None)
    st.session_state[f"{prefix}_prio_round"] = st.session_state.get(f"{prefix}_prio_round", 0) + 1


def _add_priority(ctx: PageContext, week: IsoWeek, prefix: str) -> None:
    state = st.session_state
    start, end = _range(state.get(_dates_key(prefix)))
    try:
        weekly.add_priority(
            ctx.con,
            week,
            state.get(f"{prefix}_prio_kind") or ACTION_KINDS[0],
            state.get(f"{prefix}_prio_description") or "",
            ctx.user.username,
            horizon=state.get(f"{prefix}_prio_horizon") or weekly.HORIZONS[0],
            area_id=state.get(f"{prefix}_prio_area"),
            place_id=state.get(f"{prefix}_prio_place"),
            start_date=start,
            end_date=end,
        )
    except weekly.WeeklyError as err:
        state[f"{prefix}_prio_error"] = tr(err.key, **err.kwargs)
    else:
        _clear_draft(prefix)
        _flash(prefix, tr("weekly.meeting.added"))


def priority_form(ctx: PageContext, week: IsoWeek, rows: list[dict], prefix: str) -> None:
    """A new priority: kind, when (the weekend, the coming week, longer), where, what, and optional dates.
    Plain widgets rather than st.form, so that what is typed reaches the server at once and survives a
    change of step (keep_drafts); the Add button clears them after a successful save."""
    if not may_decide(ctx):
        return
    day = weekly.meeting_day(week, weeks=round_of(week).weeks)
    ranges = {h: meeting.date_range(*weekly.horizon_dates(h, day), ctx.lang) for h in weekly.HORIZONS}
    area_names = {r["area_id"]: r["area"] for r in rows}
    with st.container(key=f"{prefix}_priority_box", border=True):
        st.markdown(f"**{tr('weekly.meeting.new_priority')}**")
        c1, c2, c3 = st.columns([2, 2, 3])
        c1.selectbox(tr("weekly.meeting.kind"), ACTION_KINDS, key=f"{prefix}_prio_kind")
        c2.selectbox(
            tr("weekly.meeting.horizon"),
            weekly.HORIZONS,
            key=f"{prefix}_prio_horizon",
            format_func=lambda h: f"{tr(f'weekly.horizon.{h}')} ({ranges[h]})",
        )
        c3.date_input(
            tr("mote.dates"),
            value=(),
            format="YYYY-MM-DD",
            key=_dates_key(prefix),
            help=tr("mote.dates_help"),
        )
        c1, c2, c3 = st.columns([2, 2, 3])
        c1.selectbox(
            tr("weekly.meeting.area"),
            sorted(area_names, key=area_names.get),
            format_func=area_names.get,
            index=None,
            placeholder=tr("weekly.meeting.pick_area"),
            key=f"{prefix}_prio_area",
        )
        places = cached(weekly.places, tuple(area_names))
        place_names = {
            int(r.id): f"{r.name} ({area_names.get(int(r.area_id), '')})" for r in places.itertuples()
        }
        c2.selectbox(
            tr("weekly.meeting.place"),
            list(place_names),
            format_func=place_names.get,
            index=None,
            placeholder=tr("weekly.meeting.pick_place"),
            key=f"{prefix}_prio_place",
        )
        c3.text_input(tr("weekly.meeting.description"), key=f"{prefix}_prio_description")
        st.button(
            tr("weekly.meeting.add"),
            type="primary",
            key=f"{prefix}_prio_add",
            icon=":material/add:",
            on_click=_add_priority,
            args=(ctx, week, prefix),
        )
        error = st.session_state.pop(f"{prefix}_prio_error", None)
        if error:
            st.error(error)


def _range(value: object) -> tuple[dt.date | None, dt.date | None]:
    """A date_input range as (start, end): () -> no dates, (d,) -> that day only."""
    if isinstance(value, dt.date):
        return value, value
    days = [d for d in (value or ()) if d is not None]
    if not days:
        return None, None
    return days[0], days[-1]
