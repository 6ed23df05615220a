"""Survey rounds in the UI (issue 18 item 1): the round of a week for pickers and headings, texts said of
a round ("förra omgången" when rounds are two weeks), and the schedule on the Admin page."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from est_data import rounds
from est_data.model import IsoWeek, UserError
from est_data.ui.common import PageContext, show_table
from est_data.ui.state import cached, lang, tr, tr_user


def round_of(week: IsoWeek | dt.date) -> rounds.Round:
    """The round of a week or a day (cached until the data, and so the schedule, changes)."""
    return cached(rounds.round_of, week)


def option(week: IsoWeek) -> str:
    """A round picker's text for the round starting in week: 'vecka 12–13 2026 (16/03–29/03)'."""
    return round_of(week).option(lang())


def tr_round(key: str, of: IsoWeek, /, **kwargs: object) -> str:
    """tr() said of the round of week `of`: the two-week wording when that round is two weeks (texts
    may have a {week} of their own, hence the positional-only parameter)."""
    return rounds.text(key, lang(), round_of(of).weeks, **kwargs)


def schedule_editor(ctx: PageContext) -> None:
    """Admin: the schedule of round lengths, and a change from a chosen week on (refused when answers
    exist from that week on: history is never rewritten)."""
    st.subheader(tr("rounds.admin.heading"))
    st.caption(tr("rounds.admin.intro"))
    now = round_of(dt.date.today())
    st.markdown(tr("rounds.admin.now", label=now.option(lang()), weeks=tr(f"rounds.admin.weeks.{now.weeks}")))
    rows = cached(rounds.schedule)
    if rows:
        show_table(
            pd.DataFrame(
                {
                    tr("rounds.admin.col.from"): [str(w) for w, _ in rows],
                    tr("rounds.admin.col.weeks"): [tr(f"rounds.admin.weeks.{n}") for _, n in rows],
                }
            ),
            hide_index=True,
            key="admin_rounds_table",
        )
    else:
        st.caption(tr("rounds.admin.none"))
    next_round = rounds.following(ctx.con, now)
    with st.form("admin_rounds_form"):
        c1, c2 = st.columns(2)
        weeks = c1.segmented_control(
            tr("rounds.admin.length"),
            [1, 2],
            default=2 if now.weeks == 1 else 1,
            required=True,
            format_func=lambda n: tr(f"rounds.admin.weeks.{n}"),
            key="admin_rounds_weeks",
        )
        day = c2.date_input(
            tr("rounds.admin.from"), value=next_round.monday(), format="YYYY-MM-DD", key="admin_rounds_from"
        )
        if st.form_submit_button(tr("rounds.admin.save"), key="admin_rounds_save"):
            week = IsoWeek.of(day)
            try:
                rounds.set_length(ctx.con, int(weeks), week, by=ctx.user.username)
            except UserError as err:
                st.error(tr_user(err.key, **err.kwargs))
            else:
                st.session_state["admin_notice"] = tr(
                    "rounds.admin.saved", week=str(week), weeks=tr(f"rounds.admin.weeks.{int(weeks)}")
                )
                st.rerun()
