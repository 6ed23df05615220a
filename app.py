"""EST-dashboard: entry point. Page config, login, navigation by role, the shared sidebar."""

import streamlit as st

from est_data import auth
from est_data.text import md
from est_data.ui import errors
from est_data.ui.filters import sidebar_filters
from est_data.ui.login import first_run, login_form, nothing_to_show, sign_in, sign_out, visible_pages
from est_data.ui.state import con, current_user, lang, sync_cookie, tr

st.set_page_config(page_title="EST-dashboard", page_icon=":material/shield:", layout="wide")

with st.sidebar:
    st.segmented_control(
        tr("lang.label"),
        ["sv", "en"],
        format_func=lambda v: {"sv": "Svenska", "en": "English"}[v],
        default=lang(),
        key="lang",
        selection_mode="single",
    )

sign_in()  # personal survey link (?token=) or single sign-on (st.login), when present
user = current_user()  # also resumes the browser's session after a refresh (cookie)
with st.sidebar:
    sync_cookie()  # the session cookie after a login, cleared after a logout
if auth.user_count(con()) == 0:
    errors.run(st.navigation([st.Page(first_run, title=tr("firstrun.title"), url_path="forsta-start")]).run)
elif user is None:
    errors.run(st.navigation([st.Page(login_form, title=tr("login.title"), url_path="logga-in")]).run)
else:
    sections: dict[str, list] = {}
    for spec in visible_pages(user):
        sections.setdefault(tr(spec.section), []).append(
            st.Page(
                f"pages/{spec.key}.py",
                title=tr(spec.title_key),
                icon=spec.icon,
                url_path=spec.key,
                default=spec.default,
            )
        )
    # expanded: every page stays listed (a collapsed menu hides the last pages behind Streamlit's
    # English "View more" button)
    nav = st.navigation(
        sections or [st.Page(nothing_to_show, title=tr("app.title"), url_path="start")], expanded=True
    )
    with st.sidebar:
        st.caption(
            tr(
                "login.signed_in_as",
                name=md(user.display_name or user.username),
                role=tr("role." + user.role),
            )
        )
        if st.button(tr("login.logout"), key="logout", icon=":material/logout:"):
            sign_out()
            st.rerun()
    with errors.shown_to_user():
        sidebar_filters()
        nav.run()
