"""The first-run page (create the first administrator) and the login form."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from est_data import admin, auth, links, sessions, sso
from est_data.text import md
from est_data.ui import pages
from est_data.ui.state import con, cookie_token, current_user, login, logout, tr, tr_user


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
            st.error(tr_user(err.key, **err.kwargs))
            return
        st.session_state["firstrun_done"] = True
        st.rerun()


def login_form() -> None:
    st.title(tr("login.title"))
    if st.session_state.pop("firstrun_done", False):
        st.success(tr("firstrun.created"))
    if st.session_state.pop("timed_out", False):
        st.info(tr("login.timeout"))
    if st.session_state.pop("link_error", False):
        st.error(tr("trust.link.invalid"))
    if unknown := st.session_state.get("oidc_unknown"):
        st.error(tr("trust.oidc.unknown", email=md(unknown)))
    if problem := st.session_state.get("oidc_error"):
        st.error(tr(problem))
    if oidc_configured():
        if st.button(tr("trust.oidc.button"), type="primary", key="oidc_login", icon=":material/badge:"):
            for key in ("signed_out", "oidc_unknown", "oidc_error"):
                st.session_state.pop(key, None)
            st.login(oidc_provider())
        st.caption(tr("trust.oidc.or_local"))
    with st.form("login_form"):
        username = st.text_input(tr("login.username"), key="login_username")
        password = st.text_input(tr("login.password"), type="password", key="login_password")
        submitted = st.form_submit_button(tr("login.submit"), type="primary", key="login_submit")
    if submitted:
        try:
            user = auth.authenticate(con(), username.strip(), password, client=client_address())
        except auth.LockedOut as err:
            st.error(tr("login.locked", seconds=err.seconds))
            return
        if user is None:
            st.error(tr("login.failed"))
            return
        login(user)
        st.rerun()


def client_address() -> str:
    """The client's address for the login throttle ("" when Streamlit does not know it, e.g. localhost)."""
    try:
        address = st.context.ip_address
    except Exception:  # no browser request behind this run
        return ""
    return address if isinstance(address, str) else ""  # AppTest gives a stand-in object


# --- Single sign-on (OIDC through st.login) and personal survey links (issue 8) -----------------
LINK_PAGES = ("rapportera",)  # what a personal survey link opens: the reporter form only


def oidc_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section (st.login is then offered)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: streamlit raises its own not-found error
        return False


def oidc_provider() -> str | None:
    """The named provider in [auth.<name>] (e.g. microsoft), or None when [auth] holds the settings itself."""
    section = st.secrets.get("auth", {})
    named = [k for k, v in section.items() if hasattr(v, "keys")]
    return named[0] if len(named) == 1 and "client_id" not in section else None


def _metadata_url() -> str:
    section = st.secrets.get("auth", {})
    provider = oidc_provider()
    settings = section.get(provider, {}) if provider else section
    return str(settings.get("server_metadata_url", ""))


def oidc_sign_in() -> None:
    """Map a single-sign-on identity to an account by the issuer's stable subject (est_data.sso)."""
    if oidc_configured():
        current_user()  # a refresh resumes the browser's live session instead of making a new one
    if (
        st.session_state.get("user_id") is not None
        or st.session_state.get("signed_out")
        or not oidc_configured()
    ):
        return
    if not st.user.is_logged_in:
        return
    claims = st.user.to_dict()
    if _ended_since_sign_in(claims):  # logged out or timed out after this identity signed in at the provider
        st.session_state["signed_out"] = True
        return
    try:
        ident = sso.identity(claims, _metadata_url())
    except sso.SsoError as err:
        st.session_state["oidc_error"] = err.key
        return
    user = sso.user_for(con(), ident)
    if user is None:
        st.session_state["oidc_unknown"] = str(ident.email or "?")
        return
    for key in ("oidc_unknown", "oidc_error"):
        st.session_state.pop(key, None)
    admin.mark_login(con(), user.id)
    login(user)


def _ended_since_sign_in(claims: dict) -> bool:
    """True when this browser's app session ended (logout, idle timeout) after the provider issued the
    identity: the user must press the sign-in button again instead of being let straight back in."""
    ended = sessions.lapsed_at(con(), cookie_token())
    if ended is None:
        return False
    issued = claims.get("iat")
    try:
        return issued is None or dt.datetime.fromtimestamp(int(issued)) <= ended
    except (TypeError, ValueError, OverflowError):
        return True


def accept_link_token() -> None:
    """A personal survey link (?token=...): a restricted session for that reporter and week.

    A tab already signed in with an account keeps it (the link is not used, and says so): opening a
    link never logs anyone out.
    """
    token = st.query_params.get("token")
    if token is None:
        return
    del st.query_params["token"]  # the secret does not stay in the address bar or the history
    signed_in = current_user()
    if signed_in is not None and st.session_state.get("survey_link") is None:
        st.session_state["link_ignored"] = signed_in.display_name or signed_in.username
        return
    session = links.resolve(con(), str(token))
    logout()  # a link replaces an earlier link's session in this tab (no account is signed out)
    st.session_state.pop("timed_out", None)
    if session is None:
        st.session_state["link_error"] = True
        return
    st.session_state["survey_link"] = session
    st.session_state["user_id"] = 0
    st.session_state["last_seen"] = dt.datetime.now()
    # A refresh keeps the form: the same cookie as an account's session, tied to the link.
    st.session_state["session_token"] = sessions.create(con(), 0, link_id=session.link_id)


def sign_in() -> None:
    """Called by app.py before anything else: survey-link tokens, then single sign-on."""
    accept_link_token()
    oidc_sign_in()
    if name := st.session_state.pop("link_ignored", None):
        st.toast(tr("trust.link.ignored_signed_in", name=md(name)), icon=":material/info:")


def visible_pages(user) -> list[pages.PageSpec]:
    """The pages a user sees; a survey-link session sees the reporter form only."""
    allowed = pages.allowed(user.role)
    if st.session_state.get("survey_link") is not None:
        return [p for p in allowed if p.key in LINK_PAGES]
    return allowed


def sign_out() -> None:
    """Log out; also ends the single-sign-on identity (st.logout) when there is one."""
    logout()
    st.session_state["signed_out"] = True
    if oidc_configured() and st.user.is_logged_in:
        st.logout()


def nothing_to_show() -> None:
    """Shown when a session has no page to open (e.g. the reporter form is not installed)."""
    st.warning(tr("trust.link.no_form"))


def survey_link_week():
    """The week a personal survey link is for (an IsoWeek), or None for an ordinary session."""
    link = st.session_state.get("survey_link")
    return link.week if link is not None else None
