"""Administration: users, the audit log, settings and personal data (admins only)."""

import datetime as dt

import streamlit as st

from est_data import admin, auth, backup, privacy
from est_data.model import ROLES
from est_data.ui import linkmail as linkmail_ui
from est_data.ui import walks as walks_ui
from est_data.ui.common import download_table, page_setup, show_table
from est_data.ui.rounds import schedule_editor
from est_data.ui.state import cached, con, tr, tr_user

ctx = page_setup("admin")
me = ctx.user.username


def show_error(err: auth.UserError) -> None:
    st.error(tr_user(err.key, **err.kwargs))


def role_label(role: str) -> str:
    return tr("role." + role)


tab_users, tab_audit, tab_settings, tab_privacy = st.tabs(
    [tr("trust.tab.users"), tr("trust.tab.audit"), tr("trust.tab.settings"), tr("trust.tab.privacy")]
)

if notice := st.session_state.pop("admin_notice", None):
    st.toast(notice, icon=":material/check_circle:")

# --- Users -------------------------------------------------------------------------------------
with tab_users:
    users = cached(admin.users)
    reporters = cached(admin.reporters)
    reporter_names = dict(zip(reporters["id"].astype(int), reporters["name"], strict=True))
    shown = users[
        [
            "username",
            "display_name",
            "email",
            "role",
            "active",
            "can_see_personal",
            "reporter_name",
            "locked_until",
            "last_login_at",
        ]
    ].copy()
    shown["role"] = shown["role"].map(role_label)
    show_table(
        shown.rename(
            columns={
                "username": tr("login.username"),
                "display_name": tr("trust.col.name"),
                "email": tr("trust.col.email"),
                "role": tr("trust.col.role"),
                "active": tr("trust.col.active"),
                "can_see_personal": tr("trust.col.personal"),
                "reporter_name": tr("trust.col.reporter"),
                "locked_until": tr("trust.col.locked_until"),
                "last_login_at": tr("trust.col.last_login"),
            }
        ),
        hide_index=True,
        width="stretch",
        key="admin_users_table",
    )

    left, right = st.columns(2)
    with left:
        st.subheader(tr("trust.add_user"))
        if st.session_state.pop("admin_clear_add_user", False):
            # Cleared on success by setting the values before the widgets exist in this run: that reaches
            # the browser (deleting the keys did not: the form kept the last user's e-mail, issue 13).
            for key in ("admin_new_username", "admin_new_name", "admin_new_email", "admin_new_password"):
                st.session_state[key] = ""
        with st.form("admin_add_user"):  # kept on a mistake, cleared on success
            new_username = st.text_input(tr("login.username"), key="admin_new_username")
            new_name = st.text_input(tr("trust.col.name"), key="admin_new_name")
            new_email = st.text_input(
                tr("trust.col.email"), key="admin_new_email", help=tr("trust.email_help")
            )
            new_role = st.selectbox(
                tr("trust.col.role"),
                ROLES,
                format_func=role_label,
                index=ROLES.index("läsare"),
                key="admin_new_role",
            )
            new_password = st.text_input(
                tr("login.password"),
                type="password",
                key="admin_new_password",
                help=tr("trust.password_help", n=auth.MIN_PASSWORD_LENGTH),
            )
            if st.form_submit_button(tr("trust.add_user_submit"), type="primary", key="admin_add_submit"):
                try:
                    auth.create_user(
                        ctx.con,
                        new_username.strip(),
                        new_password or None,
                        new_role,
                        display_name=new_name.strip() or None,
                        email=new_email.strip() or None,
                        by=me,
                    )
                    st.session_state["admin_notice"] = tr_user(
                        "trust.user_added", username=new_username.strip()
                    )
                    st.session_state["admin_clear_add_user"] = True
                    st.rerun()
                except auth.UserError as err:
                    show_error(err)

    with right:
        st.subheader(tr("trust.edit_user"))
        ids = users["id"].astype(int).tolist()
        labels = dict(zip(ids, users["username"], strict=True))
        chosen = st.selectbox(
            tr("trust.choose_user"), ids, format_func=lambda i: labels[i], key="admin_edit_user"
        )
        row = admin.user_record(ctx.con, chosen)
        with st.form("admin_edit_form"):
            role = st.selectbox(
                tr("trust.col.role"),
                ROLES,
                index=ROLES.index(row["role"]),
                format_func=role_label,
                key=f"admin_edit_role_{chosen}",
            )
            active = st.checkbox(
                tr("trust.col.active"), value=bool(row["active"]), key=f"admin_edit_active_{chosen}"
            )
            email = st.text_input(
                tr("trust.col.email"),
                value=row["email"] or "",
                key=f"admin_edit_email_{chosen}",
                help=tr("trust.email_help"),
            )
            personal = st.checkbox(
                tr("trust.grant_personal"),
                value=bool(row["can_see_personal"]),
                help=tr("trust.grant_personal_help"),
                key=f"admin_edit_personal_{chosen}",
            )
            options = [None, *reporter_names]
            current_reporter = row["reporter_id"]
            reporter = st.selectbox(
                tr("trust.link_reporter"),
                options,
                index=options.index(current_reporter) if current_reporter in options else 0,
                format_func=lambda i: tr("trust.no_reporter") if i is None else reporter_names[i],
                help=tr("trust.link_reporter_help"),
                key=f"admin_edit_reporter_{chosen}",
            )
            if st.form_submit_button(tr("trust.save"), type="primary", key="admin_edit_submit"):
                try:
                    if role != row["role"]:
                        admin.set_role(ctx.con, chosen, role, me)
                    if active != bool(row["active"]):
                        admin.set_active(ctx.con, chosen, active, me)
                    if (email or "") != (row["email"] or ""):
                        admin.set_email(ctx.con, chosen, email, me)
                    if personal != bool(row["can_see_personal"]):
                        admin.set_personal_access(ctx.con, chosen, personal, me)
                    if reporter != current_reporter:
                        admin.link_reporter(ctx.con, chosen, reporter, me)
                    st.session_state["admin_notice"] = tr("trust.saved")
                    st.rerun()
                except auth.UserError as err:
                    show_error(err)
        with st.form("admin_password_form", clear_on_submit=True):
            st.markdown(tr_user("trust.reset_password_for", username=labels[chosen]))
            pw1 = st.text_input(tr("trust.new_password"), type="password", key="admin_pw1")
            pw2 = st.text_input(tr("firstrun.password2"), type="password", key="admin_pw2")
            if st.form_submit_button(tr("trust.reset_password"), key="admin_pw_submit"):
                if pw1 != pw2:
                    st.error(tr("firstrun.mismatch"))
                else:
                    try:
                        admin.reset_password(ctx.con, chosen, pw1, me)
                        st.session_state["admin_notice"] = tr_user(
                            "trust.password_reset", username=labels[chosen]
                        )
                        st.rerun()
                    except auth.UserError as err:
                        show_error(err)
        if row["locked_until"] is not None:
            if st.button(tr("trust.unlock"), key="admin_unlock", icon=":material/lock_open:"):
                admin.unlock(ctx.con, chosen, me)
                st.session_state["admin_notice"] = tr("trust.saved")
                st.rerun()

# --- Audit log ---------------------------------------------------------------------------------
with tab_audit:
    st.caption(tr("trust.audit_intro"))
    names, tables = cached(admin.audit_users_and_tables)
    c1, c2, c3 = st.columns(3)
    who = c1.selectbox(
        tr("trust.audit_user"),
        [None, *names],
        format_func=lambda v: tr("trust.all") if v is None else v,
        key="admin_audit_user",
    )
    table = c2.selectbox(
        tr("trust.audit_table"),
        [None, *tables],
        format_func=lambda v: tr("trust.all") if v is None else v,
        key="admin_audit_table",
    )
    limit = c3.number_input(
        tr("trust.audit_limit"), min_value=10, max_value=10_000, value=200, step=50, key="admin_audit_limit"
    )
    log = cached(admin.audit_log, int(limit), who, table)
    log = log.rename(
        columns={
            "logged_at": tr("trust.col.when"),
            "username": tr("trust.col.who"),
            "operation": tr("trust.col.operation"),
            "table_name": tr("trust.col.table"),
            "record_id": tr("trust.col.record"),
            "before_json": tr("trust.col.before"),
            "after_json": tr("trust.col.after"),
        }
    ).drop(columns=["id"])
    show_table(log, hide_index=True, width="stretch", key="admin_audit_table_view")
    download_table(log, "granskningslogg", key="admin_audit_xlsx")

# --- Settings ----------------------------------------------------------------------------------
with tab_settings:
    current = cached(admin.settings)
    munis = cached(admin.municipalities)
    muni_names = dict(zip(munis["code"], munis["name"], strict=True))
    with st.form("admin_settings_form"):
        values = {}
        for spec in admin.EDITABLE_SETTINGS:
            label = tr(spec.label_key)
            value = current[spec.name]
            key = f"admin_setting_{spec.name}"
            if spec.kind == "municipality":
                codes = list(muni_names) or [value]
                values[spec.name] = st.selectbox(
                    label,
                    codes,
                    index=codes.index(value) if value in codes else 0,
                    format_func=lambda c: f"{muni_names.get(c, c)} ({c})",
                    key=key,
                )
            elif spec.kind in ("text", "url"):
                values[spec.name] = st.text_input(label, value=value, key=key)
            elif spec.kind in linkmail_ui.SETTING_KINDS:
                values[spec.name] = linkmail_ui.setting_input(spec.kind, label, value, key)
            else:
                low, high = admin.RANGES[spec.kind]
                values[spec.name] = str(
                    st.number_input(
                        label,
                        min_value=low,
                        max_value=high,
                        value=min(max(int(value), low), high),
                        step=1,
                        key=key,
                    )
                )
        if st.form_submit_button(tr("trust.save"), type="primary", key="admin_settings_submit"):
            try:
                changed = admin.save_settings(ctx.con, values, me)
                st.session_state["admin_notice"] = tr("trust.settings_saved", n=len(changed))
                st.rerun()
            except auth.UserError as err:
                show_error(err)

    st.divider()
    schedule_editor(ctx)  # survey rounds of one or two weeks (issue 18)

    st.divider()
    st.subheader(tr("trust.backup_heading"))
    st.caption(tr("trust.backup_intro"))
    if st.button(tr("trust.backup_run"), key="admin_backup_run", icon=":material/backup:"):
        with st.spinner(tr("trust.backup_running")):
            folder = backup.backup_next_to_database(ctx.con)
        st.success(tr("trust.backup_done", folder=str(folder)))

# --- Personal data -----------------------------------------------------------------------------
with tab_privacy:
    st.subheader(tr("trust.retention_heading"))
    st.caption(tr("trust.retention_intro"))
    months = st.number_input(
        tr("trust.setting.retention_months"),
        min_value=1,
        max_value=240,
        value=cached(privacy.retention_months),
        step=1,
        key="admin_retention_months",
    )
    preview = cached(privacy.retention_preview, int(months), dt.date.today())
    st.write(
        tr(
            "trust.retention_preview",
            cutoff=preview.cutoff.date().isoformat(),
            comments=preview.comments,
            descriptions=preview.descriptions,
            walks=preview.walks,
            photos=preview.photos,
        )
    )
    confirm = st.checkbox(tr("trust.retention_confirm"), key="admin_retention_confirm")
    if st.button(
        tr("trust.retention_run"),
        disabled=not confirm or preview.total == 0,
        type="primary",
        key="admin_retention_run",
        icon=":material/delete_sweep:",
    ):
        done = privacy.run_retention(ctx.con, int(months), me)
        with st.spinner(tr("safety.erasing")):
            privacy.erase_from_file(ctx.con)  # the deleted text is gone from the database file too
        st.session_state["admin_notice"] = tr(
            "trust.retention_done",
            comments=done.comments,
            descriptions=done.descriptions,
            walks=done.walks,
            photos=done.photos,
        )
        st.rerun()

    st.divider()
    st.subheader(tr("trust.forget_heading"))
    st.caption(tr("trust.forget_intro"))
    reporter_ids = [int(i) for i in reporters["id"]]
    forget = st.selectbox(
        tr("trust.forget_reporter"),
        [None, *reporter_ids],
        format_func=lambda i: tr("trust.choose") if i is None else reporter_names[i],
        key="admin_forget_reporter",
    )
    confirm_forget = st.checkbox(tr("trust.forget_confirm"), key="admin_forget_confirm")
    if st.button(
        tr("trust.forget_run"),
        disabled=forget is None or not confirm_forget,
        type="primary",
        key="admin_forget_run",
        icon=":material/person_remove:",
    ):
        result = privacy.delete_reporter_personal_data(ctx.con, int(forget), me)
        with st.spinner(tr("safety.erasing")):
            privacy.erase_from_file(ctx.con)
        st.session_state["admin_notice"] = tr("trust.forget_done", **result)
        st.rerun()

    st.divider()
    walks_ui.erase_section(ctx, "admin_notice")  # a safety walk's participants, notes and photos

    st.divider()
    st.subheader(tr("trust.export_heading"))
    st.caption(tr("trust.export_intro"))
    include = st.checkbox(tr("trust.export_include_personal"), value=False, key="admin_export_personal")
    since = st.date_input(
        tr("trust.export_since"),
        value=dt.date.today() - dt.timedelta(days=365),
        format="YYYY-MM-DD",
        key="admin_export_since",
    )
    suffix = "_med_personuppgifter" if include else ""
    e1, e2 = st.columns(2)
    e1.download_button(
        tr("trust.export_responses"),
        key="admin_export_responses",
        icon=":material/download:",
        data=lambda: privacy.csv_bytes(privacy.responses_export(con(), include, since)),
        file_name=f"enkatsvar{suffix}.csv",
        mime="text/csv",
    )
    e2.download_button(
        tr("trust.export_observations"),
        key="admin_export_observations",
        icon=":material/download:",
        data=lambda: privacy.csv_bytes(privacy.observations_export(con(), include, since)),
        file_name=f"handelserapporter{suffix}.csv",
        mime="text/csv",
    )
