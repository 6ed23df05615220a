"""Trygghetsvandringar: plan safety walks, record their findings on a map, turn findings into proposed
measures and actions, follow them up about six months later, and give the residents a short report.

Coordinators and admins edit; readers see the walks and findings (participants, internal notes and
photos only with access to personal data). Forms keep their input after a mistake and are cleared
after a successful save (their widget keys carry a counter that moves on).
"""

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from est_data import actions, config, display, i18n, queries, walks
from est_data.charts import walks as walk_charts
from est_data.model import ACTION_KINDS, UserError
from est_data.report import walks as walks_report
from est_data.ui import mapclick
from est_data.ui.common import download_table, page_setup, show_table
from est_data.ui.pages import STAFF
from est_data.ui.state import cached, today, tr

ctx = page_setup("trygghetsvandringar")
me = ctx.user.username
can_edit = ctx.user.role in STAFF
personal = ctx.user.sees_personal_data
code = ctx.filters.municipality_code if ctx.filters else config.get_setting(ctx.con, "municipality_code")

if notice := st.session_state.pop("walks_notice", None):
    st.toast(notice, icon=":material/check_circle:")


def form_round(name: str) -> int:
    return st.session_state.setdefault(f"walks_round_{name}", 0)


def saved(name: str | None, message: str) -> None:
    if name:
        st.session_state[f"walks_round_{name}"] = form_round(name) + 1
    st.session_state["walks_notice"] = message
    st.rerun()


def labels(prefix: str):
    """A format_func giving a code's label in this run's language (bound now: AppTest and Streamlit may
    call it outside the script run, where the session's language is not known)."""
    return lambda code, lang=ctx.lang: i18n.t(f"{prefix}.{code}", lang)


def show_error(err: UserError) -> None:
    st.error(tr(err.key, **err.kwargs))


months = walks.followup_months(ctx.con)
st.caption(tr("walks.intro", months=months))
if not can_edit:
    st.info(tr("walks.read_only"), icon=":material/visibility:")

areas = cached(queries.areas, code)
area_names = {int(r.id): r.name for r in areas.itertuples()}
factor_frame = cached(queries.factors)
factor_labels = {
    r.code: (r.label_en if ctx.lang == "en" and r.label_en else r.label_sv) for r in factor_frame.itertuples()
}
walk_list = cached(walks.list_walks, code)


def walk_label(walk_id: int, lang: str = ctx.lang) -> str:
    row = walk_list[walk_list["id"] == walk_id].iloc[0]
    place = display.text(row["area"], i18n.t("walks.report.route_only", lang))
    title = f" · {row['title']}" if not display.missing(row["title"]) else ""
    status = i18n.t(f"walks.status.{row['status']}", lang)
    return f"{display.text(row['walk_date'])[:10]} {place}{title} ({status})"


tab_walks, tab_findings, tab_follow = st.tabs(
    [tr("walks.tab.walks"), tr("walks.tab.findings"), tr("walks.tab.followup")],
    key="walks_tab",
    on_change="rerun",
)

# --- Walks ---------------------------------------------------------------------------------------
with tab_walks:
    if tab_walks.open:  # only the open tab runs (a map in a hidden tab draws at the wrong size)
        if walk_list.empty:
            st.info(tr("walks.none"), icon=":material/info:")
        else:
            table = pd.DataFrame(
                {
                    tr("walks.col.date"): walk_list["walk_date"].map(lambda d: display.text(d)[:10]),
                    tr("walks.col.title"): walk_list["title"],
                    tr("walks.col.area"): walk_list["area"],
                    tr("walks.col.status"): walk_list["status"].map(lambda s: tr(f"walks.status.{s}")),
                    tr("walks.col.participants_count"): walk_list["participants_count"],
                    tr("walks.col.partners"): walk_list["partners"],
                    tr("walks.col.findings"): walk_list["findings"],
                    tr("walks.col.measures"): walk_list["measures"],
                    tr("walks.col.actions"): walk_list["actions"],
                }
            )
            show_table(table, hide_index=True, width="stretch", key="walks_table")
            download_table(table, "trygghetsvandringar", key="walks_xlsx")
        if can_edit:
            st.subheader(tr("walks.plan.title"))
            n = form_round("plan")
            route_key = f"walks_route_{n}"
            # a toggle, not an expander: a map drawn while hidden gets the wrong size and zoom
            if st.toggle(tr("walks.plan.draw"), key=f"walks_route_draw_{n}"):
                result = st_folium(
                    walk_charts.route_drawing_map(areas, ctx.lang),
                    key=f"walks_route_map_{n}",
                    height=380,
                    use_container_width=True,
                    returned_objects=["last_active_drawing"],
                )
                drawing = (result or {}).get("last_active_drawing")
                if drawing:
                    try:
                        drawn = walks.route_geojson(drawing)
                    except UserError:
                        drawn = None
                    if drawn and st.session_state.get(route_key) != drawn:
                        st.session_state[route_key] = drawn
            with st.form(f"walks_plan_{n}"):
                c1, c2, c3 = st.columns(3)
                w_date = c1.date_input(
                    tr("walks.col.date"), value=today(), key=f"walks_date_{n}", format="YYYY-MM-DD"
                )
                w_area = c2.selectbox(
                    tr("walks.col.area"),
                    list(area_names),
                    index=None,
                    format_func=area_names.get,
                    placeholder=tr("walks.plan.no_area"),
                    key=f"walks_area_{n}",
                )
                w_status = c3.selectbox(
                    tr("walks.col.status"),
                    walks.WALK_STATUSES,
                    format_func=labels("walks.status"),
                    key=f"walks_status_{n}",
                )
                c4, c5, c6 = st.columns(3)
                w_title = c4.text_input(tr("walks.col.title"), key=f"walks_title_{n}")
                w_count = c5.text_input(tr("walks.col.participants_count"), key=f"walks_count_{n}")
                w_partners = c6.text_input(tr("walks.col.partners"), key=f"walks_partners_{n}")
                w_people = st.text_area(
                    tr("walks.col.participants"),
                    help=tr("walks.plan.participants_help"),
                    key=f"walks_people_{n}",
                )
                w_notes = st.text_area(tr("walks.col.notes"), key=f"walks_notes_{n}")
                w_route = st.text_area(tr("walks.col.route"), help=tr("walks.plan.route_help"), key=route_key)
                if st.form_submit_button(tr("walks.plan.submit"), type="primary", key="walks_plan_submit"):
                    try:
                        walks.create_walk(
                            ctx.con,
                            me,
                            code,
                            w_date,
                            area_id=w_area,
                            route_geojson=w_route,
                            title=w_title,
                            participants_count=w_count,
                            participants=w_people,
                            partners=w_partners,
                            status=w_status,
                            notes=w_notes,
                        )
                    except UserError as err:
                        show_error(err)
                    else:
                        saved("plan", tr("walks.plan.saved", date=w_date.isoformat()))

# --- Findings ------------------------------------------------------------------------------------
with tab_findings:
    if tab_findings.open:  # only the open tab runs (a map in a hidden tab draws at the wrong size)
        if walk_list.empty:
            st.info(tr("walks.none"), icon=":material/info:")
        else:
            walk_ids = [int(i) for i in walk_list["id"]]
            wid = st.selectbox(tr("walks.walk.choose"), walk_ids, format_func=walk_label, key="walks_walk")
            walk = walks.get_walk(ctx.con, wid)
            found = cached(walks.findings, wid)
            st.download_button(
                tr("walks.residents.download"),
                data=cached(walks_report.residents_pdf, wid, ctx.lang),
                file_name=f"trygghetsvandring-{display.text(walk['walk_date'])}.pdf",
                mime="application/pdf",
                help=tr("walks.residents.download_help"),
                icon=":material/download:",
                key="walks_residents_pdf",
            )
            if walk["status"] == "planerad":
                st.info(tr("walks.walk.planned_note"), icon=":material/event:")
                if can_edit and st.button(tr("walks.walk.mark_held"), key="walks_mark_held"):
                    try:
                        walks.update_walk(ctx.con, me, wid, status="genomförd")
                    except UserError as err:
                        show_error(err)
                    else:
                        saved(None, tr("walks.walk.updated"))
            if can_edit or personal:
                with st.expander(tr("walks.walk.edit") if can_edit else tr("walks.col.notes")):
                    if not can_edit:
                        st.text(f"{tr('walks.col.participants')}: {display.text(walk.get('participants'))}")
                        st.text(f"{tr('walks.col.notes')}: {display.text(walk.get('notes'))}")
                    else:
                        with st.form(f"walks_edit_{wid}"):
                            e1, e2, e3 = st.columns(3)
                            e_date = e1.date_input(
                                tr("walks.col.date"),
                                value=walk["walk_date"],
                                key=f"walks_e_date_{wid}",
                                format="YYYY-MM-DD",
                            )
                            e_status = e2.selectbox(
                                tr("walks.col.status"),
                                walks.WALK_STATUSES,
                                index=walks.WALK_STATUSES.index(walk["status"]),
                                format_func=labels("walks.status"),
                                key=f"walks_e_status_{wid}",
                            )
                            e_count = e3.text_input(
                                tr("walks.col.participants_count"),
                                value=display.text(walk["participants_count"]),
                                key=f"walks_e_count_{wid}",
                            )
                            e4, e5 = st.columns(2)
                            area_options = list(area_names)
                            e_area = e4.selectbox(
                                tr("walks.col.area"),
                                area_options,
                                index=area_options.index(walk["area_id"])
                                if walk["area_id"] in area_names
                                else None,
                                format_func=area_names.get,
                                placeholder=tr("walks.plan.no_area"),
                                key=f"walks_e_area_{wid}",
                            )
                            e_title = e5.text_input(
                                tr("walks.col.title"), value=walk["title"] or "", key=f"walks_e_title_{wid}"
                            )
                            e_partners = st.text_input(
                                tr("walks.col.partners"),
                                value=walk["partners"] or "",
                                key=f"walks_e_partners_{wid}",
                            )
                            e_people = st.text_area(
                                tr("walks.col.participants"),
                                value=walk["participants"] or "",
                                help=tr("walks.plan.participants_help"),
                                key=f"walks_e_people_{wid}",
                            )
                            e_notes = st.text_area(
                                tr("walks.col.notes"), value=walk["notes"] or "", key=f"walks_e_notes_{wid}"
                            )
                            if st.form_submit_button(tr("walks.plan.submit"), key="walks_edit_submit"):
                                try:
                                    changed = walks.update_walk(
                                        ctx.con,
                                        me,
                                        wid,
                                        walk_date=e_date,
                                        area_id=e_area,
                                        title=e_title,
                                        status=e_status,
                                        participants_count=e_count,
                                        partners=e_partners,
                                        participants=e_people,
                                        notes=e_notes,
                                    )
                                except UserError as err:
                                    show_error(err)
                                else:
                                    saved(
                                        None,
                                        tr("walks.walk.updated") if changed else tr("walks.walk.unchanged"),
                                    )

            fn = form_round(f"finding_{wid}")
            lat_key, lon_key = f"walks_f_lat_{wid}_{fn}", f"walks_f_lon_{wid}_{fn}"
            if can_edit:
                st.caption(tr("walks.finding.map_hint"))
            mapclick.pick_point(
                walk_charts.walk_map(areas, walk["area_id"], walk["route_geojson"], found, ctx.lang),
                f"walks_map_{wid}",
                lat_key,
                lon_key,
                height=420,
            )
            if found.empty:
                st.info(tr("walks.finding.none"), icon=":material/info:")
            else:
                shown = pd.DataFrame(
                    {
                        "#": found["id"],
                        tr("walks.col.category"): found["category"].map(lambda c: tr(f"walks.category.{c}")),
                        tr("walks.col.place"): found["place_text"],
                        tr("walks.col.description"): found["description"],
                        tr("walks.col.measure"): found["proposed_measure"],
                        tr("walks.col.responsible"): found["responsible"],
                        tr("walks.col.action"): found["action_id"].map(
                            lambda a: "" if display.missing(a) else str(int(a))
                        ),
                        tr("walks.col.factor"): found["factor_code"].map(
                            lambda c: factor_labels.get(c, display.text(c))
                        ),
                    }
                )
                show_table(shown, hide_index=True, width="stretch", key="walks_findings_table")

            if can_edit:
                st.subheader(tr("walks.finding.add"))
                with st.form(f"walks_finding_{wid}_{fn}"):
                    f1, f2 = st.columns(2)
                    f_category = f1.selectbox(
                        tr("walks.col.category"),
                        walks.CATEGORIES,
                        format_func=labels("walks.category"),
                        key=f"walks_f_cat_{wid}_{fn}",
                    )
                    f_factor = f2.selectbox(
                        tr("walks.col.factor"),
                        list(factor_labels),
                        index=None,
                        format_func=factor_labels.get,
                        placeholder=tr("walks.finding.no_factor"),
                        key=f"walks_f_factor_{wid}_{fn}",
                    )
                    f3, f4 = st.columns(2)
                    f_lat = f3.text_input(tr("walks.col.lat"), key=lat_key, placeholder="55.3751")
                    f_lon = f4.text_input(tr("walks.col.lon"), key=lon_key, placeholder="13.1569")
                    f_place = st.text_input(tr("walks.col.place"), key=f"walks_f_place_{wid}_{fn}")
                    f_text = st.text_area(tr("walks.col.description"), key=f"walks_f_text_{wid}_{fn}")
                    f5, f6 = st.columns(2)
                    f_measure = f5.text_input(tr("walks.col.measure"), key=f"walks_f_measure_{wid}_{fn}")
                    f_resp = f6.text_input(tr("walks.col.responsible"), key=f"walks_f_resp_{wid}_{fn}")
                    f_photo = st.file_uploader(
                        tr("walks.finding.photo", mb=walks.MAX_PHOTO_BYTES // (1024 * 1024)),
                        type=["jpg", "jpeg", "png"],
                        help=tr("walks.finding.photo_help"),
                        key=f"walks_f_photo_{wid}_{fn}",
                    )
                    if st.form_submit_button(
                        tr("walks.finding.submit"), type="primary", key="walks_finding_submit"
                    ):
                        try:
                            walks.add_finding(
                                ctx.con,
                                me,
                                wid,
                                f_category,
                                photo=f_photo.getvalue() if f_photo is not None else None,
                                lat=f_lat,
                                lon=f_lon,
                                factor_code=f_factor,
                                place_text=f_place,
                                description=f_text,
                                proposed_measure=f_measure,
                                responsible=f_resp,
                            )
                        except UserError as err:
                            show_error(err)
                        else:
                            saved(f"finding_{wid}", tr("walks.finding.saved"))

            if not found.empty:
                st.subheader(tr("walks.finding.measure_title"))
                fids = [int(i) for i in found["id"]]
                flabels = {
                    int(r.id): f"#{r.id} {tr('walks.category.' + r.category)}: "
                    + display.text(r.place_text, display.text(r.description))[:60]
                    for r in found.itertuples()
                }
                fid = st.selectbox(
                    tr("walks.finding.choose"), fids, format_func=flabels.get, key=f"walks_finding_{wid}"
                )
                finding = walks.get_finding(ctx.con, fid)
                if finding["has_photo"] and personal:
                    with st.expander(tr("walks.finding.show_photo"), icon=":material/photo:"):
                        photo = walks.finding_photo(ctx.con, fid)
                        if photo:
                            st.image(photo[0])
                if can_edit:
                    # The whole finding can be corrected here: position, category, factor, what and where,
                    # the proposal and who should act (audited by walks.update_finding).
                    shown_lat = "" if display.missing(finding["lat"]) else f"{finding['lat']:.6f}"
                    shown_lon = "" if display.missing(finding["lon"]) else f"{finding['lon']:.6f}"
                    with st.form(f"walks_measure_{fid}"):
                        m1, m2 = st.columns(2)
                        m_category = m1.selectbox(
                            tr("walks.col.category"),
                            walks.CATEGORIES,
                            index=walks.CATEGORIES.index(finding["category"]),
                            format_func=labels("walks.category"),
                            key=f"walks_m_cat_{fid}",
                        )
                        factor_options = list(factor_labels)
                        m_factor = m2.selectbox(
                            tr("walks.col.factor"),
                            factor_options,
                            index=factor_options.index(finding["factor_code"])
                            if finding["factor_code"] in factor_labels
                            else None,
                            format_func=factor_labels.get,
                            placeholder=tr("walks.finding.no_factor"),
                            key=f"walks_m_factor_{fid}",
                        )
                        m3, m4 = st.columns(2)
                        m_lat = m3.text_input(
                            tr("walks.col.lat"),
                            value=shown_lat,
                            help=tr("walks.finding.position_help"),
                            key=f"walks_m_lat_{fid}",
                        )
                        m_lon = m4.text_input(
                            tr("walks.col.lon"),
                            value=shown_lon,
                            help=tr("walks.finding.position_help"),
                            key=f"walks_m_lon_{fid}",
                        )
                        m_place = st.text_input(
                            tr("walks.col.place"),
                            value=finding["place_text"] or "",
                            key=f"walks_m_place_{fid}",
                        )
                        m_text = st.text_area(
                            tr("walks.col.description"),
                            value=finding["description"] or "",
                            key=f"walks_m_text_{fid}",
                        )
                        m5, m6 = st.columns(2)
                        m_measure = m5.text_input(
                            tr("walks.col.measure"),
                            value=finding["proposed_measure"] or "",
                            key=f"walks_m_measure_{fid}",
                        )
                        m_resp = m6.text_input(
                            tr("walks.col.responsible"),
                            value=finding["responsible"] or "",
                            key=f"walks_m_resp_{fid}",
                        )
                        if st.form_submit_button(
                            tr("walks.finding.save_measure"), key="walks_measure_submit"
                        ):
                            try:
                                changed = walks.update_finding(
                                    ctx.con,
                                    me,
                                    fid,
                                    category=m_category,
                                    factor_code=m_factor,
                                    # the position only when it was changed (the shown text is rounded)
                                    **(
                                        {"lat": m_lat, "lon": m_lon}
                                        if (m_lat, m_lon) != (shown_lat, shown_lon)
                                        else {}
                                    ),
                                    place_text=m_place,
                                    description=m_text,
                                    proposed_measure=m_measure,
                                    responsible=m_resp,
                                )
                            except UserError as err:
                                show_error(err)
                            else:
                                saved(
                                    None, tr("walks.walk.updated") if changed else tr("walks.walk.unchanged")
                                )
                if finding["action_id"] is not None:
                    action = actions.get_action(ctx.con, int(finding["action_id"]))
                    st.success(
                        tr(
                            "walks.finding.has_action",
                            id=finding["action_id"],
                            status=action["status"] if action else "",
                        ),
                        icon=":material/task_alt:",
                    )
                elif can_edit:
                    with st.form(f"walks_action_{fid}"):
                        a1, a2, a3 = st.columns([3, 2, 2])
                        a_title = a1.text_input(
                            tr("walks.finding.action_title"),
                            value=(finding["proposed_measure"] or "")[:120],
                            key=f"walks_a_title_{fid}",
                        )
                        default_kind = walks.ACTION_KIND_BY_CATEGORY.get(finding["category"], "annat")
                        a_kind = a2.selectbox(
                            tr("walks.finding.action_kind"),
                            ACTION_KINDS,
                            index=ACTION_KINDS.index(default_kind),
                            key=f"walks_a_kind_{fid}",
                        )
                        a_start = a3.date_input(
                            tr("walks.finding.action_start"),
                            value=None,
                            key=f"walks_a_start_{fid}",
                            format="YYYY-MM-DD",
                        )
                        if st.form_submit_button(
                            tr("walks.finding.to_action"), type="primary", key="walks_action_submit"
                        ):
                            try:
                                new_id = walks.finding_to_action(
                                    ctx.con, me, fid, title=a_title, kind=a_kind, start_date=a_start
                                )
                            except UserError as err:
                                show_error(err)
                            else:
                                saved(None, tr("walks.finding.action_created", id=new_id))

# --- Follow-up -----------------------------------------------------------------------------------
with tab_follow:
    if tab_follow.open:  # only the open tab runs (a map in a hidden tab draws at the wrong size)
        st.caption(tr("walks.followup.intro", months=months, days=walks.DUE_SOON_DAYS))
        follow = cached(walks.followup_list, code, today())
        if follow.empty:
            st.info(tr("walks.followup.none"), icon=":material/info:")
        else:
            counts = follow["state"].value_counts()
            st.markdown(
                tr(
                    "walks.followup.counts",
                    overdue=int(counts.get("försenad", 0)),
                    soon=int(counts.get("förfaller", 0)),
                    later=int(counts.get("senare", 0)),
                    done=int(counts.get("klar", 0)),
                )
            )
            table = pd.DataFrame(
                {
                    tr("walks.col.state"): follow["state"].map(lambda s: tr(f"walks.state.{s}")),
                    tr("walks.col.due"): follow["due"].map(display.text),
                    tr("walks.col.walk"): follow["walk_date"].map(lambda d: display.text(d)[:10]),
                    tr("walks.col.area"): follow["area"],
                    tr("walks.col.category"): follow["category"].map(lambda c: tr(f"walks.category.{c}")),
                    tr("walks.col.place"): follow["place_text"],
                    tr("walks.col.measure"): follow["proposed_measure"],
                    tr("walks.col.action"): follow["action_id"].map(
                        lambda a: "" if display.missing(a) else str(int(a))
                    ),
                    tr("walks.col.followup"): follow["followup_status"].map(
                        lambda s: tr(f"walks.followup.{s}")
                    ),
                    tr("walks.col.done"): follow["followup_done"].map(display.text),
                }
            )
            show_table(table, hide_index=True, width="stretch", key="walks_followup_table")
            download_table(table, "trygghetsvandringar_uppfoljning", key="walks_followup_xlsx")
            if can_edit:
                st.subheader(tr("walks.followup.record"))
                fu_ids = [int(i) for i in follow["id"]]
                fu_labels = {
                    int(r.id): f"#{r.id} {tr('walks.state.' + r.state)} · {display.text(r.due)} · "
                    + tr(f"walks.category.{r.category}")
                    + f": {display.text(r.place_text, display.text(r.description))[:60]}"
                    for r in follow.itertuples()
                }
                fu = st.selectbox(
                    tr("walks.finding.choose"), fu_ids, format_func=fu_labels.get, key="walks_fu_id"
                )
                current = follow[follow["id"] == fu].iloc[0]
                with st.form(f"walks_fu_{fu}"):
                    u1, u2 = st.columns(2)
                    statuses = list(walks.FOLLOWUP_STATUSES)
                    u_status = u1.selectbox(
                        tr("walks.followup.status"),
                        statuses,
                        index=statuses.index(current["followup_status"]),
                        format_func=labels("walks.followup"),
                        key=f"walks_fu_status_{fu}",
                    )
                    u_date = u2.date_input(
                        tr("walks.followup.date"),
                        value=current["followup_done"]
                        if not display.missing(current["followup_done"])
                        else today(),
                        key=f"walks_fu_date_{fu}",
                        format="YYYY-MM-DD",
                    )
                    u_outcome = st.text_area(
                        tr("walks.followup.outcome"),
                        value=display.text(current["followup_outcome"]),
                        key=f"walks_fu_outcome_{fu}",
                    )
                    if st.form_submit_button(
                        tr("walks.followup.submit"), type="primary", key="walks_fu_submit"
                    ):
                        try:
                            walks.record_followup(ctx.con, me, fu, u_status, u_outcome, u_date)
                        except UserError as err:
                            show_error(err)
                        else:
                            saved(None, tr("walks.followup.saved"))
        if can_edit:
            with st.form("walks_months"):
                mm1, mm2 = st.columns([1, 3])
                new_months = mm1.number_input(
                    tr("walks.followup.months"),
                    min_value=1,
                    max_value=36,
                    value=months,
                    step=1,
                    key="walks_months_n",
                )
                if st.form_submit_button(tr("walks.followup.months_submit"), key="walks_months_submit"):
                    try:
                        walks.set_followup_months(ctx.con, me, new_months)
                    except UserError as err:
                        show_error(err)
                    else:
                        saved(None, tr("walks.followup.saved"))
