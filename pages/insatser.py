"""Insatser: the action register, the before/after evaluation of one action and the annual view."""

import datetime as dt

import streamlit as st
from streamlit_folium import st_folium

from est_data import actions, incidents, queries
from est_data.actions import ActionError
from est_data.analysis import evaluation
from est_data.charts import actions as action_charts
from est_data.model import ACTION_KINDS, ACTION_STATUSES
from est_data.text import md
from est_data.ui.common import download_table, page_setup, show_chart, show_table
from est_data.ui.state import cached, tr, tr_user

ctx = page_setup("insatser")
if ctx.filters is None:
    st.warning(tr("actions.empty"))
    st.stop()

can_edit = ctx.user.role in ("admin", "samordnare")
municipality = ctx.filters.municipality_code
areas = cached(queries.areas, municipality)
area_names = dict(zip(areas["id"].tolist(), areas["name"].tolist(), strict=True))
places = cached(actions.places, municipality)
place_names = {int(r.id): f"{r.name} ({r.area})" for r in places.itertuples()}
factors = cached(queries.factors)
factor_labels = dict(
    zip(factors["code"], factors["label_en" if ctx.lang == "en" else "label_sv"], strict=True)
)
category_options = cached(actions.categories)
all_actions = cached(actions.list_actions, municipality)
action_titles = {int(r.id): f"{r.id}. {r.title}" for r in all_actions.itertuples()}


def localized(df) -> dict:
    """Numbers written the way the reader's browser writes them (decimal comma in Swedish)."""
    return {
        c: st.column_config.NumberColumn(format="localized")
        for c in df.columns
        if str(df[c].dtype).lower().startswith(("int", "float"))
    }


def show_error(err: ActionError) -> None:
    st.error(tr_user(err.key, **err.kwargs))


def action_fields(prefix: str, current: dict | None) -> dict:
    """The widgets of the create and edit forms; returns the fields as actions.create_action takes them."""
    current = current or {}
    c1, c2, c3 = st.columns([3, 1, 1])
    title = c1.text_input(
        tr("actions.form.title"), value=current.get("title") or "", key=f"{prefix}_title", max_chars=200
    )
    kind = c2.selectbox(
        tr("actions.form.kind"),
        ACTION_KINDS,
        index=ACTION_KINDS.index(current.get("kind") or "annat"),
        key=f"{prefix}_kind",
    )
    status = c3.selectbox(
        tr("actions.form.status"),
        ACTION_STATUSES,
        index=ACTION_STATUSES.index(current.get("status") or "planerad"),
        key=f"{prefix}_status",
    )
    c1, c2, c3 = st.columns([2, 2, 1])
    area_ids = list(area_names)
    area_default = current.get("area_id")
    area_id = c1.selectbox(
        tr("actions.form.area"),
        area_ids,
        format_func=area_names.get,
        index=area_ids.index(area_default) if area_default in area_ids else 0,
        key=f"{prefix}_area",
    )
    place_ids = [None, *place_names]
    place_id = c2.selectbox(
        tr("actions.form.place"),
        place_ids,
        format_func=lambda v: tr("actions.form.no_place") if v is None else place_names[v],
        index=place_ids.index(current.get("place_id")) if current.get("place_id") in place_ids else 0,
        key=f"{prefix}_place",
    )
    radius = c3.number_input(
        tr("actions.form.radius"),
        min_value=0,
        max_value=5000,
        step=50,
        value=int(current.get("radius_m") or 250),
        key=f"{prefix}_radius",
    )
    c1, c2, c3 = st.columns(3)
    start = c1.date_input(
        tr("actions.form.start"),
        value=current.get("start_date") or dt.date.today(),
        key=f"{prefix}_start",
        format="YYYY-MM-DD",
    )
    end = c2.date_input(
        tr("actions.form.end"), value=current.get("end_date"), key=f"{prefix}_end", format="YYYY-MM-DD"
    )
    cost = c3.number_input(
        tr("actions.form.cost"),
        min_value=0,
        step=1000,
        value=int(current.get("cost_sek") or 0),
        key=f"{prefix}_cost",
    )
    c1, c2 = st.columns(2)
    partners = c1.text_input(
        tr("actions.form.partners"), value=current.get("partners") or "", key=f"{prefix}_partners"
    )
    responsible = c2.text_input(
        tr("actions.form.responsible"), value=current.get("responsible") or "", key=f"{prefix}_responsible"
    )
    c1, c2 = st.columns(2)
    target_factors = c1.multiselect(
        tr("actions.form.factors"),
        list(factor_labels),
        format_func=factor_labels.get,
        default=[f for f in current.get("target_factors", []) if f in factor_labels],
        key=f"{prefix}_factors",
        placeholder=tr("actions.placeholder.choose"),
    )
    categories = c2.multiselect(
        tr("actions.form.categories"),
        category_options,
        default=[c for c in current.get("target_categories", []) if c in category_options],
        key=f"{prefix}_categories",
        placeholder=tr("actions.placeholder.choose"),
    )
    description = st.text_area(
        tr("actions.form.description"), value=current.get("description") or "", key=f"{prefix}_description"
    )
    polygon_key = f"{prefix}_polygon"
    if polygon_key not in st.session_state:
        st.session_state[polygon_key] = current.get("geometry_wkt") or ""
    polygon = st.text_input(tr("actions.form.polygon"), key=polygon_key, help=tr("actions.form.polygon_help"))
    return {
        "title": title,
        "kind": kind,
        "status": status,
        "area_id": area_id,
        "place_id": place_id,
        "radius_m": float(radius) if radius else None,
        "start_date": start,
        "end_date": end,
        "cost_sek": float(cost),
        "partners": partners,
        "responsible": responsible,
        "target_factors": target_factors,
        "target_categories": categories,
        "description": description,
        "geometry_wkt": polygon,
    }


def drawn_polygon(prefix: str) -> None:
    """A map to draw the action's own boundary on; the drawing fills the form's boundary field."""
    with st.expander(tr("actions.form.draw"), icon=":material/draw:"):
        st.caption(tr("actions.form.draw_help"))
        result = st_folium(
            action_charts.drawing_map(areas, ctx.lang),
            key=f"{prefix}_draw",
            height=380,
            use_container_width=True,
            returned_objects=["last_active_drawing"],
        )
        drawn = actions.polygon_wkt_from_geojson((result or {}).get("last_active_drawing"))
        if drawn and st.session_state.get(f"{prefix}_polygon") != drawn:
            st.session_state[f"{prefix}_polygon"] = drawn


labels = [tr("actions.tab.list")]
if can_edit:
    labels += [tr("actions.tab.new"), tr("actions.tab.edit")]
labels += [tr("actions.tab.evaluate"), tr("actions.tab.year")]
tabs = dict(zip(labels, st.tabs(labels, key="actions_tab", on_change="rerun"), strict=True))

# ---------------------------------------------------------------------------------------------- register
with tabs[tr("actions.tab.list")]:
    if tabs[tr("actions.tab.list")].open:
        if not can_edit:
            st.caption(tr("actions.read_only"))
        c1, c2, c3, c4 = st.columns([1, 1, 1, 1])
        any_text = tr("actions.placeholder.any")
        statuses = c1.multiselect(
            tr("actions.filter.status"), ACTION_STATUSES, key="actions_filter_status", placeholder=any_text
        )
        kinds = c2.multiselect(
            tr("actions.filter.kind"), ACTION_KINDS, key="actions_filter_kind", placeholder=any_text
        )
        chosen_areas = c3.multiselect(
            tr("actions.filter.area"),
            list(area_names),
            format_func=area_names.get,
            key="actions_filter_area",
            placeholder=any_text,
        )
        use_period = c4.checkbox(
            tr("actions.filter.use_period"),
            key="actions_filter_period",
            help=tr("actions.filter.use_period_help", start=ctx.filters.start, end=ctx.filters.end),
        )
        listed = cached(
            actions.list_actions,
            municipality,
            tuple(statuses),
            tuple(kinds),
            tuple(chosen_areas),
            ctx.filters.start if use_period else None,
            ctx.filters.end if use_period else None,
        )
        st.caption(tr("actions.count", n=len(listed)))
        if listed.empty:
            st.info(tr("actions.none"))
        else:
            table = actions.display_table(listed, ctx.lang)
            show_table(
                table,
                hide_index=True,
                width="stretch",
                key="actions_register",
                column_config=localized(table),
            )
            download_table(table, "insatser", key="actions_register_xlsx")

# ---------------------------------------------------------------------------------------------- create
if can_edit:
    with tabs[tr("actions.tab.new")]:
        if tabs[tr("actions.tab.new")].open:
            drawn_polygon("actions_new")
            with st.form("actions_new_form", clear_on_submit=False):
                fields = action_fields("actions_new", None)
                submitted = st.form_submit_button(
                    tr("actions.form.create"), type="primary", key="actions_new_submit"
                )
            if submitted:
                try:
                    new_id = actions.create_action(ctx.con, ctx.user.username, **fields)
                except ActionError as err:
                    show_error(err)
                else:
                    st.success(tr("actions.form.created", id=new_id))

    # ------------------------------------------------------------------------------------------ edit / close
    with tabs[tr("actions.tab.edit")]:
        if tabs[tr("actions.tab.edit")].open and action_titles:
            chosen = st.selectbox(
                tr("actions.form.choose"),
                list(action_titles),
                format_func=action_titles.get,
                key="actions_edit_choice",
            )
            current = actions.get_action(ctx.con, chosen)
            drawn_polygon(f"actions_edit_{chosen}")
            with st.form(f"actions_edit_form_{chosen}"):
                fields = action_fields(f"actions_edit_{chosen}", current)
                saved = st.form_submit_button(
                    tr("actions.form.save"), type="primary", key="actions_edit_submit"
                )
            if saved:
                try:
                    actions.update_action(ctx.con, ctx.user.username, chosen, **fields)
                except ActionError as err:
                    show_error(err)
                else:
                    st.success(tr("actions.form.saved"))
            st.subheader(tr("actions.form.close_heading"))
            c1, c2, c3 = st.columns([1, 1, 1])
            close_as = c1.selectbox(
                tr("actions.form.close_as"), ["avslutad", "avbruten"], key="actions_close_status"
            )
            close_date = c2.date_input(
                tr("actions.form.close_date"),
                value=dt.date.today(),
                key="actions_close_date",
                format="YYYY-MM-DD",
            )
            if c3.button(tr("actions.form.close"), key="actions_close_button", icon=":material/flag:"):
                try:
                    actions.close_action(ctx.con, ctx.user.username, chosen, close_date, close_as)
                except ActionError as err:
                    show_error(err)
                else:
                    st.success(tr("actions.form.closed"))

# ---------------------------------------------------------------------------------------------- evaluation
with tabs[tr("actions.tab.evaluate")]:
    if tabs[tr("actions.tab.evaluate")].open and action_titles:
        latest = cached(actions.latest_started, municipality, cached(queries.reference_date, municipality))
        ids = list(action_titles)
        chosen = st.selectbox(
            tr("actions.eval.choose"),
            ids,
            format_func=action_titles.get,
            index=ids.index(latest) if latest in ids else 0,
            key="actions_eval_choice",
        )
        with st.expander(tr("actions.eval.settings"), icon=":material/tune:"):
            c1, c2, c3, c4 = st.columns(4)
            weeks = c1.number_input(
                tr("actions.eval.weeks"),
                min_value=0,
                max_value=104,
                value=0,
                step=1,
                key="actions_eval_weeks",
                help=tr("actions.eval.weeks_help"),
            )
            run_in = c2.number_input(
                tr("actions.eval.run_in"),
                min_value=0,
                max_value=26,
                value=0,
                step=1,
                key="actions_eval_run_in",
                help=tr("actions.eval.run_in_help"),
            )
            modes = ["", "area", "radius", "polygon"]
            mode = c3.selectbox(
                tr("actions.eval.target_mode"),
                modes,
                key="actions_eval_mode",
                format_func=lambda m: "–" if not m else tr(f"actions.eval.mode.{m}"),
            )
            radius = c4.number_input(
                tr("actions.eval.radius"),
                min_value=0,
                max_value=5000,
                value=0,
                step=50,
                key="actions_eval_radius",
            )
            c1, c2, c3 = st.columns([1, 2, 2])
            buffer_m = c1.number_input(
                tr("actions.eval.buffer"),
                min_value=0,
                max_value=3000,
                value=int(evaluation.DEFAULT_BUFFER_M),
                step=50,
                key="actions_eval_buffer",
                help=tr("actions.eval.buffer_help"),
            )
            control = c2.multiselect(
                tr("actions.eval.control"),
                list(area_names),
                format_func=area_names.get,
                key="actions_eval_control",
                help=tr("actions.eval.control_help"),
                placeholder=tr("actions.placeholder.rest"),
            )
            buffer_control = c3.multiselect(
                tr("actions.eval.buffer_control"),
                list(area_names),
                format_func=area_names.get,
                key="actions_eval_buffer_control",
                help=tr("actions.eval.buffer_control_help"),
                placeholder=tr("actions.placeholder.same"),
            )
            chosen_categories = st.multiselect(
                tr("actions.eval.categories"),
                category_options,
                key="actions_eval_categories",
                help=tr("actions.eval.categories_help"),
                placeholder=tr("actions.placeholder.own"),
            )
            chosen_sources = st.multiselect(
                tr("actions.eval.sources"),
                cached(incidents.incident_sources, municipality),
                format_func=lambda s: incidents.source_label(s, ctx.lang),
                key="actions_eval_sources",
                placeholder=tr("actions.placeholder.all_sources"),
            )
        settings = evaluation.Settings(
            weeks=int(weeks) or None,
            run_in_weeks=int(run_in),
            target_mode=mode or None,
            radius_m=float(radius) or None,
            buffer_m=float(buffer_m),
            control_area_ids=tuple(control),
            buffer_control_area_ids=tuple(buffer_control),
            categories=tuple(chosen_categories),
            sources=tuple(chosen_sources),
        )
        ev = cached(evaluation.evaluate, chosen, settings)
        if ev is None or ev.windows is None:
            st.info(tr("actions.eval.not_possible"))
        else:
            st.subheader(tr("actions.eval.verdict"))
            box = {"worked": st.success, "displacement": st.warning, "increase": st.error}.get(
                ev.verdict, st.info
            )
            box(f"**{evaluation.verdict_label(ev, ctx.lang)}.** {md(evaluation.verdict_text(ev, ctx.lang))}")
            cautions = evaluation.caveat_texts(ev, ctx.lang)
            if cautions:
                st.markdown(f"**{tr('actions.eval.caveats')}**")
                st.markdown("\n".join(f"- {md(c)}" for c in cautions))
            st.caption(md(evaluation.windows_text(ev, ctx.lang)))
            left, right = st.columns([1, 1])
            with left:
                st.subheader(tr("actions.eval.counts"))
                st.caption(
                    tr_user(
                        "actions.eval.counts_caption",
                        categories=", ".join(ev.categories) or tr("actions.eval.all_categories"),
                    )
                )
                counts = evaluation.counts_table(ev, ctx.lang)
                show_table(counts, hide_index=True, width="stretch", key="actions_eval_counts")
                download_table(counts, f"insats_{chosen}_antal", key="actions_eval_counts_xlsx")
            with right:
                st.subheader(tr("actions.eval.survey"))
                survey = evaluation.survey_table(ev, ctx.lang)
                if survey is not None:
                    show_table(
                        survey,
                        hide_index=True,
                        width="stretch",
                        key="actions_eval_survey",
                        column_config=localized(survey),
                    )
                st.caption(md(evaluation.survey_caption(ev, factor_labels, ctx.lang)))
            st.subheader(tr("actions.eval.tests"))
            st.table(evaluation.tests_table(ev, ctx.lang).set_index(tr("actions.eval.test")))
            st.subheader(tr("actions.eval.chart"))
            show_chart(action_charts.its_figure(ev, ctx.lang), key="actions_eval_chart", width="stretch")
            st.caption(tr("actions.eval.chart_caption"))
            st.subheader(tr("actions.eval.map"))
            fmap = action_charts.evaluation_map(ev, ctx.lang)
            if fmap is not None:
                st_folium(
                    fmap, key="actions_eval_map", height=440, use_container_width=True, returned_objects=[]
                )
            st.caption(tr("actions.eval.map_caption"))

# ---------------------------------------------------------------------------------------------- the year
with tabs[tr("actions.tab.year")]:
    if tabs[tr("actions.tab.year")].open:
        years = cached(actions.years) or [dt.date.today().year]
        this_year = cached(queries.reference_date, municipality).year
        year = st.selectbox(
            tr("actions.year.choose"),
            years,
            key="actions_year",
            index=years.index(this_year) if this_year in years else 0,
        )
        st.caption(tr("actions.year.caption"))
        table = cached(evaluation.annual_table, int(year), municipality, ctx.lang)
        if table.empty:
            st.info(tr("actions.year.none"))
        else:
            st.subheader(tr("actions.year.by_kind"))
            summary = evaluation.summary_by_kind(table, ctx.lang)
            st.markdown("\n".join(f"- {md(s)}" for s in summary["summary"]))
            shown = evaluation.annual_display(table, ctx.lang)
            show_table(
                shown,
                hide_index=True,
                width="stretch",
                key="actions_year_table",
                column_config=localized(shown),
            )
            download_table(shown, f"insatser_{year}_utvardering", key="actions_year_xlsx")
