"""The first-run page (create the first administrator) and the login form."""

from __future__ import annotations

import streamlit as st

from est_data import auth
from est_data.ui.state import con, login, tr


def first_run() -> None:
    st.title(tr("firstrun.title"))
    st.write(tr("firstrun.intro"))
    with st.form("firstrun_form"):
        username = st.text_input(tr("login.username"), key="firstrun_username")
        name = st.text_input(tr("firstrun.display_name"), key="firstrun_name")
        password = st.text_input(tr("login.password"), type="password", key="firstrun_password")
        password2 = st.text_input(tr("firstrun.password2"), type="password", key="firstrun_password2")
        submitted = st.form_submit_button(tr("firstrun.submit"), type="primary", key="firstrun_submit")
    if submitted:
        if password != password2:
            st.error(tr("firstrun.mismatch"))
            return
        try:
            cur = con()
            if auth.user_count(cur) > 0:  # somebody else finished first-run meanwhile
                st.rerun()
            auth.create_user(cur, username.strip(), password, "admin", display_name=name.strip() or None)
        except auth.UserError as err:
            st.error(tr(err.key, **err.kwargs))
            return
        st.session_state["firstrun_done"] = True
        st.rerun()


def login_form() -> None:
    st.title(tr("login.title"))
    if st.session_state.pop("firstrun_done", False):
        st.success(tr("firstrun.created"))
    if st.session_state.pop("timed_out", False):
        st.info(tr("login.timeout"))
    with st.form("login_form"):
        username = st.text_input(tr("login.username"), key="login_username")
        password = st.text_input(tr("login.password"), type="password", key="login_password")
        submitted = st.form_submit_button(tr("login.submit"), type="primary", key="login_submit")
    if submitted:
        try:
            user = auth.authenticate(con(), username.strip(), password)
        except auth.LockedOut as err:
            st.error(tr("login.locked", minutes=err.minutes))
            return
        if user is None:
            st.error(tr("login.failed"))
            return
        login(user)
        st.rerun()
