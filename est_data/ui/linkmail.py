"""The "Utskick" section of Enkätlänkar (links and reminders by mail, est_data.linkmail) and the
link-mail settings' inputs on Administration."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from est_data import admin, i18n, linkmail, linkmail_schedule, rounds
from est_data.model import IsoWeek, UserError
from est_data.smtp import MailNotConfigured
from est_data.text import md
from est_data.ui.common import PageContext, show_table
from est_data.ui.state import tr, tr_user

# The settings kinds of admin.EDITABLE_SETTINGS this module draws an input for.
SETTING_KINDS = ("onoff", "weekday", "weekday_off", "time", "email")


def _weekday(name: str) -> str:
    return tr("linkmail.weekday.off") if name == linkmail.REMINDER_OFF else tr(f"linkmail.weekday.{name}")


def setting_input(kind: str, label: str, value: str, key: str) -> str:
    """The input for one link-mail setting on Administration; returns the value as text to validate."""
    if kind == "onoff":
        return "1" if st.toggle(label, value=value == "1", key=key) else "0"
    if kind in ("weekday", "weekday_off"):
        options = list(i18n.WEEKDAYS_SV) + ([linkmail.REMINDER_OFF] if kind == "weekday_off" else [])
        return st.selectbox(
            label,
            options,
            index=options.index(value) if value in options else 0,
            format_func=_weekday,
            key=key,
        )
    if kind == "time":
        try:
            current = linkmail.parse_time(value)
        except ValueError:
            current = dt.time(8, 0)
        chosen = st.time_input(label, value=current, step=dt.timedelta(minutes=5), key=key)
        return chosen.strftime("%H:%M")
    return st.text_input(label, value=value, key=key)


def _at(when: dt.datetime | None) -> str:
    if when is None:
        return tr("linkmail.ui.no_reminder")
    return f"{_weekday(i18n.WEEKDAYS_SV[when.weekday()])} {when:%Y-%m-%d %H:%M}"


def _when(item: linkmail_schedule.NextSend) -> str:
    at = _at(item.at)
    return tr("linkmail.next.overdue", at=at) if item.overdue else at


def _next_line(ctx: PageContext, item: linkmail_schedule.NextSend) -> str:
    """'Nästa utskick av länkar: omgång vecka 49 2026, tisdag 2026-12-01 08:00.' or why none will go
    (and when it would)."""
    if item.will_send and item.round is not None:
        return tr(
            f"linkmail.next.{item.kind}", round=item.round.label(ctx.lang, with_year=True), at=_when(item)
        )
    line = tr(f"linkmail.next.{item.kind}_none", reasons="; ".join(tr(r) for r in item.reasons))
    if item.round is not None:
        line += " " + tr(
            "linkmail.next.would", round=item.round.label(ctx.lang, with_year=True), at=_when(item)
        )
    return line


def _schedule_form(ctx: PageContext) -> None:
    """The schedule's settings (the same inputs and validation as on Administration), for a samordnare."""
    current = linkmail_schedule.settings(ctx.con)
    labels = {s.name: s for s in admin.EDITABLE_SETTINGS if s.name in linkmail_schedule.SETTINGS}
    with st.expander(tr("linkmail.schedule.edit"), icon=":material/schedule:"):
        st.caption(tr("linkmail.schedule.edit_help"))
        with st.form("linkmail_schedule_form"):
            values = {
                name: setting_input(
                    labels[name].kind, tr(labels[name].label_key), current[name], f"linkmail_{name}"
                )
                for name in linkmail_schedule.SETTINGS
            }
            saved = st.form_submit_button(
                tr("linkmail.schedule.save"), type="primary", key="linkmail_schedule_save"
            )
        if saved:
            try:
                changed = linkmail_schedule.save(ctx.con, values, ctx.user.username)
            except UserError as err:
                st.error(tr_user(err.key, **err.kwargs))
            else:
                st.session_state["links_notice"] = tr("linkmail.schedule.saved", n=len(changed))
                st.rerun()


def _schedule(ctx: PageContext) -> None:
    """When the next links and the next reminder go (or why not), the problems, the schedule's form."""
    st.markdown("  \n".join(_next_line(ctx, item) for item in linkmail_schedule.next_sends(ctx.con)))
    for problem in linkmail.problems(ctx.con):  # how to fix them (they stop sending by hand too)
        st.warning(tr(problem), icon=":material/warning:")
    if ctx.user.role in ("admin", "samordnare"):
        _schedule_form(ctx)
    last = linkmail.last_run(ctx.con)
    if last is None:
        st.caption(tr("linkmail.ui.no_run"))
    else:
        st.caption(
            tr_user(
                "linkmail.ui.last_run",
                at=f"{last['started_at']:%Y-%m-%d %H:%M}",
                kind=tr(f"linkmail.kind.{last['kind']}"),
                week=f"{int(last['round_year'])}-W{int(last['round_week']):02d}",
                by=last["run_by"] or "–",
                sent=int(last["sent"]),
                failed=int(last["failed"]),
                no_email=int(last["no_email"]),
            )
            + (" " + tr_user("linkmail.run.error", error=last["error"]) if last["error"] else "")
        )


def _per_round(ctx: PageContext) -> None:
    frame = linkmail.per_round(ctx.con)
    if frame.empty:
        return
    shown = pd.DataFrame(
        {
            tr("linkmail.ui.col.round"): [
                rounds.round_of(ctx.con, IsoWeek(int(y), int(w))).label(ctx.lang, with_year=True)
                for y, w in zip(frame["round_year"], frame["round_week"], strict=True)
            ],
            tr("linkmail.ui.col.kind"): [tr(f"linkmail.kind.{k}") for k in frame["kind"]],
            tr("linkmail.status.sent"): frame["sent"],
            tr("linkmail.status.failed"): frame["failed"],
            tr("linkmail.status.bounced"): frame["bounced"],
            tr("linkmail.ui.col.interrupted"): frame["sending"],
        }
    )
    show_table(shown, hide_index=True, width="stretch", key="linkmail_per_round")


def _ledger(ctx: PageContext, rnd: rounds.Round) -> None:
    table = linkmail.ledger(ctx.con, rnd)
    if table.empty:
        st.write(tr("linkmail.ui.none_sent", round=rnd.label(ctx.lang, with_year=True)))
        return
    shown = pd.DataFrame(
        {
            tr("trust.forget_reporter"): table["reporter"],
            tr("linkmail.ui.col.email"): table["email"],
            tr("linkmail.ui.col.kind"): [tr(f"linkmail.kind.{k}") for k in table["kind"]],
            tr("trust.links.state"): [tr(f"linkmail.status.{s}") for s in table["status"]],
            tr("linkmail.ui.col.attempts"): table["attempts"],
            tr("linkmail.ui.col.error"): table["error"],
            tr("linkmail.ui.col.sent_at"): table["sent_at"],
        }
    )
    show_table(shown, hide_index=True, width="stretch", key="linkmail_ledger")
    _release(ctx, table)
    sent = table[table["status"] == "sent"]
    if sent.empty:
        return
    names = {
        int(i): f"{r} ({e}, {tr(f'linkmail.kind.{k}')})"
        for i, r, e, k in zip(sent["id"], sent["reporter"], sent["email"], sent["kind"], strict=True)
    }
    b1, b2 = st.columns([2, 1])
    chosen = b1.selectbox(
        tr("linkmail.ui.bounce_choose"),
        [None, *names],
        format_func=lambda i: tr("trust.choose") if i is None else names[i],
        key="linkmail_bounce_choose",
    )
    note = b2.text_input(tr("linkmail.ui.bounce_note"), key="linkmail_bounce_note")
    if st.button(
        tr("linkmail.ui.bounce"), disabled=chosen is None, key="linkmail_bounce", icon=":material/undo:"
    ):
        linkmail.mark_bounced(ctx.con, int(chosen), ctx.user.username, note)
        st.session_state["links_notice"] = tr("linkmail.ui.bounced")
        st.rerun()


def _release(ctx: PageContext, table: pd.DataFrame) -> None:
    """Interrupted sends ('sending' left by a crash) can be released for another try, by a person."""
    stuck = table[table["status"] == "sending"]
    if stuck.empty:
        return
    names = {
        int(i): f"{r} ({e}, {tr(f'linkmail.kind.{k}')})"
        for i, r, e, k in zip(stuck["id"], stuck["reporter"], stuck["email"], stuck["kind"], strict=True)
    }
    chosen = st.selectbox(
        tr("linkmail.ui.release_choose"),
        [None, *names],
        format_func=lambda i: tr("trust.choose") if i is None else names[i],
        key="linkmail_release_choose",
    )
    if st.button(
        tr("linkmail.ui.release"), disabled=chosen is None, key="linkmail_release", icon=":material/replay:"
    ):
        try:
            linkmail.release_interrupted(ctx.con, int(chosen), ctx.user.username)
        except UserError as err:
            st.error(tr(err.key, **err.kwargs))
        else:
            st.session_state["links_notice"] = tr("linkmail.ui.released")
            st.rerun()


def _run(ctx: PageContext, rnd: rounds.Round, kind: str, base_url: str) -> None:
    c1, c2 = st.columns(2)
    if c1.button(tr("linkmail.ui.dry_run"), key="linkmail_dry_run", icon=":material/checklist:"):
        st.session_state["linkmail_plan"] = (str(rnd), kind, linkmail.dry_run(ctx.con, rnd, kind, ctx.lang))
    if c2.button(tr(f"linkmail.ui.send.{kind}"), key="linkmail_send", type="primary", icon=":material/send:"):
        try:
            result = linkmail.send(ctx.con, rnd, kind, ctx.user.username, url=base_url or None)
        except MailNotConfigured:
            st.error(tr("linkmail.problem.smtp"))
        except UserError as err:
            st.error(tr(err.key, **err.kwargs))
        else:
            # Shown after a rerun, so that the last run, the counts and the links above are the new ones.
            st.session_state.pop("linkmail_plan", None)
            st.session_state["linkmail_result"] = (
                bool(result.failed or result.error),
                result.summary(ctx.lang),
            )
            st.rerun()
    if done := st.session_state.pop("linkmail_result", None):
        (st.warning if done[0] else st.success)(md(done[1]))
    plan = st.session_state.get("linkmail_plan")
    if plan and plan[0] == str(rnd) and plan[1] == kind:
        frame = plan[2]
        st.caption(
            tr(
                "linkmail.ui.dry_run_caption",
                n=int((frame["action"] != tr("linkmail.action.no_email")).sum()),
            )
        )
        if frame.empty:
            st.write(tr("linkmail.ui.nobody"))
        else:
            show_table(
                frame.rename(
                    columns={
                        "name": tr("trust.forget_reporter"),
                        "email": tr("linkmail.ui.col.email"),
                        "kind": tr("linkmail.ui.col.kind"),
                        "round": tr("linkmail.ui.col.round"),
                        "action": tr("linkmail.ui.col.action"),
                    }
                ),
                hide_index=True,
                width="stretch",
                key="linkmail_plan_table",
            )


def _templates(ctx: PageContext, rnd: rounds.Round, base_url: str) -> None:
    reporters = linkmail.reporters_for_preview(ctx.con)
    with st.expander(tr("linkmail.ui.templates"), icon=":material/edit_note:"):
        st.caption(tr("linkmail.ui.templates_help"))
        for kind, tab in zip(
            linkmail.KINDS, st.tabs([tr(f"linkmail.kind.{k}") for k in linkmail.KINDS]), strict=True
        ):
            with tab:
                tpl = linkmail.template(ctx.con, kind)
                with st.form(f"linkmail_template_{kind}"):
                    subject = st.text_input(
                        tr("linkmail.ui.subject"), value=tpl.subject, key=f"linkmail_subject_{kind}"
                    )
                    body = st.text_area(
                        tr("linkmail.ui.body"), value=tpl.body, height=220, key=f"linkmail_body_{kind}"
                    )
                    saved = st.form_submit_button(
                        tr("trust.save"), type="primary", key=f"linkmail_save_{kind}"
                    )
                if saved:
                    try:
                        linkmail.save_template(ctx.con, kind, subject, body, ctx.user.username)
                        st.session_state["links_notice"] = tr("linkmail.ui.template_saved")
                        st.rerun()
                    except UserError as err:
                        st.error(tr_user(err.key, **err.kwargs))
                if tpl.custom and st.button(
                    tr("linkmail.ui.reset"), key=f"linkmail_reset_{kind}", icon=":material/restart_alt:"
                ):
                    linkmail.reset_template(ctx.con, kind, ctx.user.username)
                    st.rerun()
                if not reporters:
                    st.caption(tr("linkmail.ui.no_reporters"))
                    continue
                who = st.selectbox(
                    tr("linkmail.ui.preview_for"),
                    list(reporters),
                    format_func=reporters.get,
                    key=f"linkmail_preview_{kind}",
                )
                shown_subject, shown_body = linkmail.preview(
                    ctx.con, kind, int(who), rnd, tpl, base_url or None
                )
                # Shown as code (plain text, as the mail is sent), not as widgets that would keep old text.
                st.code(
                    f"{tr('linkmail.ui.subject')}: {shown_subject}\n\n{shown_body}",
                    language=None,
                    wrap_lines=True,
                )


def show_mailing(ctx: PageContext, base_url: str) -> None:
    """Utskick: the schedule, the last run, sent/failed/bounced per round, a dry run, send now, the
    round's sends with 'mark as bounced', and the templates with a preview."""
    st.divider()
    st.subheader(tr("linkmail.ui.heading"))
    st.caption(tr("linkmail.ui.intro"))
    current = rounds.round_of(ctx.con, linkmail.stockholm_now().date())
    _schedule(ctx)
    _per_round(ctx)
    choices = [current, rounds.previous(ctx.con, current), rounds.following(ctx.con, current)]
    c1, c2 = st.columns(2)
    index = c1.selectbox(
        tr("linkmail.ui.round"),
        range(len(choices)),
        format_func=lambda i: choices[i].label(ctx.lang, with_year=True),
        key="linkmail_round",
    )
    rnd = choices[int(index)]
    kind = c2.radio(
        tr("linkmail.ui.col.kind"),
        linkmail.KINDS,
        format_func=lambda k: tr(f"linkmail.kind.{k}"),
        horizontal=True,
        key="linkmail_kind",
    )
    _run(ctx, rnd, kind, base_url)
    if missing := linkmail.without_email(ctx.con):
        st.caption(tr_user("linkmail.ui.without_email", n=len(missing), names=", ".join(missing)))
    _ledger(ctx, rnd)
    _templates(ctx, rnd, base_url)
