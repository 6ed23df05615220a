"""Register: the municipality's reporters, factors, areas and named places (coordinators and admins).

Nothing is deleted here: reporters, factors, areas and places are made inactive, so past answers keep
their reporter, factor and area. Forms are cleared after a successful save (their widget keys carry
a counter that moves on), and keep their input after a mistake.
"""

import pandas as pd
import streamlit as st

from est_data import config, geo, queries, register
from est_data.auth import UserError
from est_data.ingest import IMPORTERS
from est_data.ui import imports, mapclick
from est_data.ui.common import download_table, page_setup, show_table
from est_data.ui.state import cached, tr, tr_user

ctx = page_setup("register")
me = ctx.user.username
code = ctx.filters.municipality_code if ctx.filters else config.get_setting(ctx.con, "municipality_code")

if notice := st.session_state.pop("register_notice", None):
    st.toast(notice, icon=":material/check_circle:")


def form_round(name: str) -> int:
    """The counter in a form's widget keys: a new value gives empty widgets after a successful save."""
    return st.session_state.setdefault(f"register_round_{name}", 0)


def saved(name: str | None, message: str) -> None:
    if name:
        st.session_state[f"register_round_{name}"] = form_round(name) + 1
    st.session_state["register_notice"] = message
    st.rerun()


def show_error(err: UserError) -> None:
    st.error(tr(err.key, **err.kwargs))


def yes_no(value: object) -> str:
    return tr("register.yes") if bool(value) else tr("register.no")


area_frame = cached(register.areas, code)
active_areas = area_frame[area_frame["active"]]
area_names = dict(zip(area_frame["id"].astype(int), area_frame["name"], strict=True))
active_area_ids = [int(i) for i in active_areas["id"]]

tab_reporters, tab_factors, tab_areas, tab_places = st.tabs(
    [
        tr("register.tab.reporters"),
        tr("register.tab.factors"),
        tr("register.tab.areas"),
        tr("register.tab.places"),
    ]
)

# --- Reporters ---------------------------------------------------------------------------------
with tab_reporters:
    people = cached(register.reporters, True)
    if area_frame.empty:
        st.info(tr("register.no_areas"), icon=":material/info:")
    if people.empty:
        st.caption(tr("register.no_reporters"))
    else:
        shown = pd.DataFrame(
            {
                tr("register.col.name"): people["name"],
                tr("register.col.email"): people["email"].fillna(""),
                tr("register.col.organisation"): people["organisation"].fillna(""),
                tr("register.col.org_kind"): people["org_kind"].fillna(""),
                tr("register.col.areas"): people["areas"],
                tr("register.col.active"): people["active"].map(yes_no),
                tr("register.col.answers"): people["answers"],
            }
        )
        show_table(shown, hide_index=True, width="stretch", key="register_reporters_table")
        download_table(shown, "rapportorer", key="register_reporters_xlsx")

    left, right = st.columns(2)
    with left:
        st.subheader(tr("register.reporter.add"))
        n = form_round("reporter_add")
        with st.form(f"register_reporter_add_{n}"):
            name = st.text_input(tr("register.col.name"), key=f"reg_rep_name_{n}")
            email = st.text_input(tr("register.col.email"), key=f"reg_rep_email_{n}")
            organisation = st.text_input(tr("register.col.organisation"), key=f"reg_rep_org_{n}")
            kind = st.selectbox(
                tr("register.col.org_kind"),
                register.ORG_KINDS,
                index=None,
                accept_new_options=True,
                placeholder=tr("register.choose_or_type"),
                key=f"reg_rep_kind_{n}",
            )
            covered = st.multiselect(
                tr("register.col.areas"),
                active_area_ids,
                format_func=area_names.get,
                placeholder=tr("register.choose_areas"),
                key=f"reg_rep_areas_{n}",
            )
            if st.form_submit_button(
                tr("register.reporter.add_submit"), type="primary", key="reg_rep_add_submit"
            ):
                try:
                    register.add_reporter(ctx.con, name, email, organisation, kind, covered, by=me)
                except UserError as err:
                    show_error(err)
                else:
                    saved("reporter_add", tr_user("register.reporter.added", name=name.strip()))

    with right:
        st.subheader(tr("register.reporter.edit"))
        if people.empty:
            st.caption(tr("register.no_reporters"))
        else:
            ids = [int(i) for i in people["id"]]
            labels = {
                int(r.id): f"{r.name}{'' if r.active else ' (' + tr('register.inactive') + ')'}"
                for r in people.itertuples()
            }
            chosen = st.selectbox(
                tr("register.reporter.choose"), ids, format_func=labels.get, key="reg_rep_edit_id"
            )
            record = register.reporter_record(ctx.con, chosen)
            with st.form("register_reporter_edit"):
                e_name = st.text_input(
                    tr("register.col.name"), value=record["name"], key=f"reg_rep_e_name_{chosen}"
                )
                e_email = st.text_input(
                    tr("register.col.email"), value=record["email"] or "", key=f"reg_rep_e_email_{chosen}"
                )
                e_org = st.text_input(
                    tr("register.col.organisation"),
                    value=record["organisation"] or "",
                    key=f"reg_rep_e_org_{chosen}",
                )
                kinds = list(register.ORG_KINDS)
                if record["org_kind"] and record["org_kind"] not in kinds:
                    kinds.append(record["org_kind"])
                e_kind = st.selectbox(
                    tr("register.col.org_kind"),
                    kinds,
                    accept_new_options=True,
                    index=kinds.index(record["org_kind"]) if record["org_kind"] else None,
                    placeholder=tr("register.choose_or_type"),
                    key=f"reg_rep_e_kind_{chosen}",
                )
                options = sorted({*active_area_ids, *record["area_ids"]}, key=lambda i: area_names.get(i, ""))
                e_areas = st.multiselect(
                    tr("register.col.areas"),
                    options,
                    default=record["area_ids"],
                    format_func=lambda i: area_names.get(i, str(i)),
                    placeholder=tr("register.choose_areas"),
                    key=f"reg_rep_e_areas_{chosen}",
                )
                e_active = st.checkbox(
                    tr("register.col.active"),
                    value=bool(record["active"]),
                    help=tr("register.reporter.active_help"),
                    key=f"reg_rep_e_active_{chosen}",
                )
                if st.form_submit_button(tr("register.save"), type="primary", key="reg_rep_edit_submit"):
                    try:
                        changed = register.update_reporter(
                            ctx.con,
                            chosen,
                            me,
                            name=e_name,
                            email=e_email,
                            organisation=e_org,
                            org_kind=e_kind,
                            area_ids=e_areas,
                            active=e_active,
                        )
                    except UserError as err:
                        show_error(err)
                    else:
                        saved(None, tr("register.saved") if changed else tr("register.unchanged"))

    with st.expander(tr("register.reporter.import"), icon=":material/upload_file:"):
        st.caption(tr("register.reporter.import_help"))
        imports.upload_flow("reporters", IMPORTERS["reporters"], code)

# --- Factors -----------------------------------------------------------------------------------
with tab_factors:
    st.caption(tr("register.factor.intro"))
    factor_frame = cached(register.factors)
    if factor_frame.empty:
        st.info(tr("register.factor.none"))
        if st.button(
            tr("register.factor.defaults"), key="reg_factor_defaults", icon=":material/playlist_add:"
        ):
            added = register.ensure_default_factors(ctx.con)
            saved(None, tr("register.factor.defaults_added", n=added))
    else:
        shown = pd.DataFrame(
            {
                tr("register.col.order"): factor_frame["sort_order"],
                tr("register.col.code"): factor_frame["code"],
                tr("register.col.label_sv"): factor_frame["label_sv"],
                tr("register.col.label_en"): factor_frame["label_en"],
                tr("register.col.description"): factor_frame["description"].fillna(""),
                tr("register.col.active"): factor_frame["active"].map(yes_no),
                tr("register.col.ratings"): factor_frame["ratings"],
            }
        )
        show_table(shown, hide_index=True, width="stretch", key="register_factors_table")

    left, right = st.columns(2)
    with right:
        st.subheader(tr("register.factor.add"))
        n = form_round("factor_add")
        with st.form(f"register_factor_add_{n}"):
            f_label = st.text_input(tr("register.col.label_sv"), key=f"reg_fac_label_{n}")
            f_en = st.text_input(tr("register.col.label_en"), key=f"reg_fac_en_{n}")
            f_desc = st.text_area(tr("register.col.description"), key=f"reg_fac_desc_{n}", height=80)
            if st.form_submit_button(
                tr("register.factor.add_submit"), type="primary", key="reg_fac_add_submit"
            ):
                try:
                    register.add_factor(ctx.con, f_label, f_en, f_desc, by=me)
                except UserError as err:
                    show_error(err)
                else:
                    saved("factor_add", tr_user("register.factor.added", label=f_label.strip()))
    with left:
        st.subheader(tr("register.factor.edit"))
        if not factor_frame.empty:
            codes = factor_frame["code"].tolist()
            flabels = {
                r.code: f"{r.label_sv}{'' if r.active else ' (' + tr('register.inactive') + ')'}"
                for r in factor_frame.itertuples()
            }
            fcode = st.selectbox(
                tr("register.factor.choose"), codes, format_func=flabels.get, key="reg_fac_edit_code"
            )
            frecord = register.factor_record(ctx.con, fcode)
            with st.form("register_factor_edit"):
                e_label = st.text_input(
                    tr("register.col.label_sv"), value=frecord["label_sv"], key=f"reg_fac_e_label_{fcode}"
                )
                e_en = st.text_input(
                    tr("register.col.label_en"), value=frecord["label_en"], key=f"reg_fac_e_en_{fcode}"
                )
                e_desc = st.text_area(
                    tr("register.col.description"),
                    value=frecord["description"] or "",
                    height=80,
                    key=f"reg_fac_e_desc_{fcode}",
                )
                e_active = st.checkbox(
                    tr("register.col.active"),
                    value=bool(frecord["active"]),
                    help=tr("register.factor.active_help"),
                    key=f"reg_fac_e_active_{fcode}",
                )
                if st.form_submit_button(tr("register.save"), type="primary", key="reg_fac_edit_submit"):
                    try:
                        changed = register.update_factor(
                            ctx.con,
                            fcode,
                            me,
                            label_sv=e_label,
                            label_en=e_en,
                            description=e_desc,
                            active=e_active,
                        )
                    except UserError as err:
                        show_error(err)
                    else:
                        saved(None, tr("register.saved") if changed else tr("register.unchanged"))
            if frecord["active"]:
                up, down = st.columns(2)
                if up.button(
                    tr("register.factor.up"),
                    key="reg_fac_up",
                    icon=":material/arrow_upward:",
                    width="stretch",
                ):
                    register.move_factor(ctx.con, fcode, -1, me)
                    saved(None, tr("register.saved"))
                if down.button(
                    tr("register.factor.down"),
                    key="reg_fac_down",
                    icon=":material/arrow_downward:",
                    width="stretch",
                ):
                    register.move_factor(ctx.con, fcode, 1, me)
                    saved(None, tr("register.saved"))

# --- Areas -------------------------------------------------------------------------------------
with tab_areas:
    st.caption(tr("register.area.intro"))
    if area_frame.empty:
        st.info(tr("register.no_areas"), icon=":material/info:")
    else:
        shown = pd.DataFrame(
            {
                tr("register.col.name"): area_frame["name"],
                tr("register.col.kind"): area_frame["kind"],
                tr("register.col.population"): area_frame["population"].map(
                    lambda v: "" if pd.isna(v) else f"{int(v):,}".replace(",", "\u00a0")
                ),
                tr("register.col.active"): area_frame["active"].map(yes_no),
                tr("register.col.reporters"): area_frame["reporters"],
                tr("register.col.places"): area_frame["places"],
            }
        )
        show_table(shown, hide_index=True, width="stretch", key="register_areas_table")
        aid = st.selectbox(
            tr("register.area.choose"), list(area_names), format_func=area_names.get, key="reg_area_edit_id"
        )
        arecord = register.area_record(ctx.con, aid)
        with st.form("register_area_edit"):
            c1, c2, c3 = st.columns(3)
            a_name = c1.text_input(tr("register.col.name"), value=arecord["name"], key=f"reg_area_name_{aid}")
            kinds = list(register.AREA_KINDS)
            if arecord["kind"] not in kinds:
                kinds.append(arecord["kind"])
            a_kind = c2.selectbox(
                tr("register.col.kind"),
                kinds,
                index=kinds.index(arecord["kind"]),
                accept_new_options=True,
                key=f"reg_area_kind_{aid}",
            )
            a_pop = c3.text_input(
                tr("register.col.population"),
                help=tr("register.area.population_help"),
                value="" if arecord["population"] is None else str(arecord["population"]),
                key=f"reg_area_pop_{aid}",
            )
            a_active = st.checkbox(
                tr("register.col.active"),
                value=bool(arecord["active"]),
                help=tr("register.area.active_help"),
                key=f"reg_area_active_{aid}",
            )
            if st.form_submit_button(tr("register.save"), type="primary", key="reg_area_submit"):
                try:
                    changed = register.update_area(
                        ctx.con, aid, me, name=a_name, kind=a_kind, population=a_pop, active=a_active
                    )
                except UserError as err:
                    show_error(err)
                else:
                    saved(None, tr("register.saved") if changed else tr("register.unchanged"))

# --- Places ------------------------------------------------------------------------------------
with tab_places:
    st.caption(tr("register.place.intro"))
    place_frame = cached(register.places, code)
    if not place_frame.empty:
        shown = pd.DataFrame(
            {
                tr("register.col.name"): place_frame["name"],
                tr("register.col.kind"): place_frame["kind"],
                tr("register.col.area"): place_frame["area"].fillna(""),
                tr("register.col.lat"): place_frame["lat"].round(5),
                tr("register.col.lon"): place_frame["lon"].round(5),
                tr("register.col.active"): place_frame["active"].map(yes_no),
            }
        )
        show_table(shown, hide_index=True, width="stretch", key="register_places_table")
    if active_areas.empty:
        st.info(tr("register.no_areas"), icon=":material/info:")
    else:
        st.subheader(tr("register.place.add"))
        n = form_round("place_add")
        if st.toggle(tr("register.place.use_map"), key="reg_place_map_on"):
            gdf = geo.areas_gdf(cached(queries.areas, code))
            m = geo.base_map(gdf)
            geo.add_areas(m, gdf, None, {"name": tr("register.col.area")})
            mapclick.pick_point(m, "reg_place_map", f"reg_place_lat_{n}", f"reg_place_lon_{n}")
        with st.form(f"register_place_add_{n}"):
            c1, c2 = st.columns(2)
            p_name = c1.text_input(tr("register.col.name"), key=f"reg_place_name_{n}")
            p_kind = c2.selectbox(
                tr("register.col.kind"),
                register.PLACE_KINDS,
                accept_new_options=True,
                key=f"reg_place_kind_{n}",
            )
            c3, c4, c5 = st.columns(3)
            p_lat = c3.text_input(tr("register.col.lat"), key=f"reg_place_lat_{n}", placeholder="55.3751")
            p_lon = c4.text_input(tr("register.col.lon"), key=f"reg_place_lon_{n}", placeholder="13.1569")
            p_area = c5.selectbox(
                tr("register.col.area"),
                active_area_ids,
                index=None,
                format_func=area_names.get,
                placeholder=tr("register.place.area_by_point"),
                key=f"reg_place_area_{n}",
            )
            if st.form_submit_button(
                tr("register.place.add_submit"), type="primary", key="reg_place_add_submit"
            ):
                try:
                    register.add_place(ctx.con, code, p_name, p_kind, p_lat, p_lon, p_area, by=me)
                except UserError as err:
                    show_error(err)
                else:
                    saved("place_add", tr_user("register.place.added", name=p_name.strip()))

        if not place_frame.empty:
            st.subheader(tr("register.place.edit"))
            pids = [int(i) for i in place_frame["id"]]
            plabels = {int(r.id): f"{r.name} ({r.area or '–'})" for r in place_frame.itertuples()}
            pid = st.selectbox(
                tr("register.place.choose"), pids, format_func=plabels.get, key="reg_place_edit_id"
            )
            precord = register.place_record(ctx.con, pid)
            with st.form("register_place_edit"):
                c1, c2, c3 = st.columns(3)
                e_pname = c1.text_input(
                    tr("register.col.name"), value=precord["name"], key=f"reg_place_e_name_{pid}"
                )
                pkinds = list(register.PLACE_KINDS)
                if precord["kind"] not in pkinds:
                    pkinds.append(precord["kind"])
                e_pkind = c2.selectbox(
                    tr("register.col.kind"),
                    pkinds,
                    index=pkinds.index(precord["kind"]),
                    accept_new_options=True,
                    key=f"reg_place_e_kind_{pid}",
                )
                e_pactive = c3.checkbox(
                    tr("register.col.active"), value=bool(precord["active"]), key=f"reg_place_e_active_{pid}"
                )
                if st.form_submit_button(tr("register.save"), type="primary", key="reg_place_edit_submit"):
                    try:
                        changed = register.update_place(
                            ctx.con, pid, me, name=e_pname, kind=e_pkind, active=e_pactive
                        )
                    except UserError as err:
                        show_error(err)
                    else:
                        saved(None, tr("register.saved") if changed else tr("register.unchanged"))
