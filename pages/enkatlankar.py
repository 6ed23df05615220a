"""Enkätlänkar: personal survey links per reporter and week, a mail-merge list, revocation."""

import datetime as dt

import streamlit as st

from est_data import config, links, rounds
from est_data.ui.common import page_setup, show_table
from est_data.ui.linkmail import show_mailing
from est_data.ui.rounds import round_of, tr_round
from est_data.ui.state import cached, tr

ctx = page_setup("enkatlankar")
st.caption(tr("trust.links.intro"))

# A link is for a survey round (one or two weeks), stored under its first week: this round first, the
# two before it, and the next round last, said to be next.
current = round_of(dt.date.today())
following = rounds.following(ctx.con, current)
weeks = [current.start, *[r.start for r in reversed(rounds.recent(ctx.con, current, 2))], following.start]
c1, c2 = st.columns(2)
week = c1.selectbox(
    tr_round("trust.links.week", current.start),
    weeks,
    index=0,
    key="links_week",
    format_func=lambda w: tr_round(
        "trust.links.next_week" if w == following.start else "trust.links.week_option",
        w,
        week=round_of(w).weeks_text(),
        year=w.year,
    ),
)
week_text = round_of(week).weeks_text()
valid_days = c2.number_input(
    tr("trust.links.valid_days"),
    min_value=1,
    max_value=60,
    value=links.DEFAULT_VALID_DAYS,
    step=1,
    key="links_valid_days",
)
browser_url = (st.context.url or "").rsplit("/enkatlankar", 1)[0]
base_url = st.text_input(
    tr("trust.links.base_url"),
    value=config.get_setting(ctx.con, "public_url") or browser_url,
    help=tr("trust.links.base_url_help"),
    key="links_base_url",
)

if st.button(tr("trust.links.create"), type="primary", key="links_create", icon=":material/link:"):
    made = links.create_links(ctx.con, week, ctx.user.username, valid_days=int(valid_days))
    # The tokens exist only now: keep the mail-merge file in this session until the user leaves the page.
    st.session_state["links_made"] = (str(week), links.mail_merge_csv(made, base_url), len(made))

made_state = st.session_state.get("links_made")
if made_state and made_state[0] == str(week):
    st.success(tr_round("trust.links.created", week, n=made_state[2], week=week_text))
    st.download_button(
        tr("trust.links.download"),
        data=made_state[1],
        file_name=f"enkatlankar_v{week_text}.csv",
        mime="text/csv",
        key="links_download",
        icon=":material/download:",
    )
    st.caption(tr("trust.links.once"))

st.subheader(tr("trust.links.existing", week=week_text))
table = cached(links.links, week)
if table.empty:
    st.write(tr_round("trust.links.none", week))
else:
    counts = table["state"].value_counts()
    m1, m2, m3, m4 = st.columns(4)
    for column, state in zip((m1, m2, m3, m4), ("giltig", "använd", "spärrad", "utgången"), strict=True):
        column.metric(tr(f"trust.links.state.{state}"), int(counts.get(state, 0)), border=True)
    shown = table[["reporter", "organisation", "state", "expires_at", "last_used_at", "use_count"]].copy()
    shown["state"] = shown["state"].map(lambda s: tr(f"trust.links.state.{s}"))
    show_table(
        shown.rename(
            columns={
                "reporter": tr("trust.forget_reporter"),
                "organisation": tr("trust.links.organisation"),
                "state": tr("trust.links.state"),
                "expires_at": tr("trust.links.expires"),
                "last_used_at": tr("trust.links.last_used"),
                "use_count": tr("trust.links.uses"),
            }
        ),
        hide_index=True,
        width="stretch",
        key="links_table",
    )
    open_links = table[table["revoked_at"].isna()]
    names = dict(zip(open_links["id"].astype(int), open_links["reporter"], strict=True))
    chosen = st.multiselect(
        tr("trust.links.revoke_choose"), list(names), format_func=names.get, key="links_revoke_choose"
    )
    r1, r2 = st.columns(2)
    if r1.button(
        tr("trust.links.revoke"), disabled=not chosen, key="links_revoke", icon=":material/link_off:"
    ):
        n = links.revoke(ctx.con, ctx.user.username, link_ids=[int(i) for i in chosen])
        st.session_state["links_notice"] = tr("trust.links.revoked", n=n)
        st.rerun()
    if r2.button(
        tr("trust.links.revoke_all", week=week_text),
        disabled=open_links.empty,
        key="links_revoke_all",
        icon=":material/block:",
    ):
        n = links.revoke(ctx.con, ctx.user.username, week=week)
        st.session_state["links_notice"] = tr("trust.links.revoked", n=n)
        st.rerun()
if notice := st.session_state.pop("links_notice", None):
    st.toast(notice, icon=":material/check_circle:")

show_mailing(ctx, base_url)  # Utskick: links and reminders by mail (issue 18 item 2)
