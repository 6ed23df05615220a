"""Karta: where things happen. Areas, clustered events, heat, named places and statistical hotspots."""

import streamlit as st

from est_data import i18n, incidents
from est_data.charts import maps
from est_data.ui import emerging as emerging_view
from est_data.ui import mapview, riskmap
from est_data.ui import walks as walk_ui
from est_data.ui.common import download_table, page_setup, show_table
from est_data.ui.state import cached, tr

ctx = page_setup("karta")
if ctx.filters is None:
    st.warning(tr("incidents.empty"))
    st.stop()
f = ctx.filters

options = cached(incidents.category_options, f.municipality_code)
with st.container(border=True):
    c1, c2, c3 = st.columns([3, 3, 2])
    source_list = cached(incidents.source_options, f.municipality_code)
    sources = c1.multiselect(
        tr("incidents.map.sources"),
        source_list,
        default=source_list,
        format_func=lambda s: incidents.source_label(s, ctx.lang),
        key=f"karta_sources_{ctx.lang}",
    )
    category_list = options[options["source"].isin(sources)]["category"].drop_duplicates().tolist()
    categories = c2.multiselect(
        tr("incidents.map.categories"),
        category_list,
        key="karta_categories",
        placeholder=tr("incidents.map.categories_all"),
    )
    colouring = c3.radio(
        tr("incidents.map.area_colouring"),
        list(incidents.AREA_COLOURINGS),
        index=1,
        format_func=lambda v: tr(f"incidents.map.colour.{v}"),
        key=f"karta_colouring_{ctx.lang}",
    )
    l1, l2, l3, l4, l5, l6 = st.columns(6)
    layers = tuple(
        name
        for name, column, default in (
            ("clusters", l1, True),
            ("heat", l2, False),
            ("places", l3, True),
            ("hotspots", l4, True),
            ("emerging", l5, False),
            ("risk", l6, False),
        )
        if column.toggle(tr(f"incidents.layer.{name}"), value=default, key=f"karta_layer_{name}")
    )
    s1, s2, s3 = st.columns(3)
    cell = s1.select_slider(
        tr("incidents.map.cell_size"),
        [100, 150, 200, 250, 300, 400, 500],
        value=200,
        key="karta_cell",
        disabled=not {"hotspots", "risk"} & set(layers),
    )
    bandwidth = s2.select_slider(
        tr("incidents.map.bandwidth"),
        [50, 100, 150, 250, 400],
        value=150,
        key="karta_bandwidth",
        disabled="heat" not in layers,
    )
    show_cold = s3.toggle(
        tr("incidents.map.show_cold"), value=False, key="karta_cold", disabled="hotspots" not in layers
    )
    walk_findings = walk_ui.karta_toggle(f)  # safety walks' findings as a layer, when the period has any

query = incidents.EventQuery(
    f.municipality_code, f.start, f.end, f.area_ids, tuple(sources), tuple(categories)
)
map_args = (query, layers, colouring, float(cell), float(bandwidth), ctx.user.sees_personal_data)
with st.spinner(tr("incidents.map.computing")):  # shown only when not cached (after new data)
    data = mapview.karta_data(map_args)

totals = data.totals
n_all = int(totals["n"].sum()) if not totals.empty else 0
on_map = int(totals["on_map"].sum()) if not totals.empty else 0
st.caption(
    tr("incidents.map.totals", n=i18n.number(n_all, 0, ctx.lang), on_map=i18n.number(on_map, 0, ctx.lang))
)
if options.empty:  # nothing imported yet: say why the map and tables are empty, and what fills them
    st.info(tr("incidents.map.nothing_loaded"), icon=":material/info:")
not_drawn = incidents.not_drawn_note(totals, ctx.lang)
if not_drawn:
    st.caption(not_drawn)
if data.binned is not None:
    st.caption(tr("incidents.map.binned_note"))
if data.cells is not None and data.cell != float(cell):
    st.caption(tr("incidents.map.cell_enlarged", cell=int(data.cell)))

focus = st.session_state.get("karta_focus")
map_slot = st.container()  # the map uses the page's width; the tables below it choose where it looks
with st.container():
    tabs = st.tabs([tr("incidents.table.places"), tr("incidents.table.cells"), tr("emerging.tab")])
    with tabs[0]:
        places = data.places if data.places is not None else cached(incidents.place_counts, query)
        top_places = places[places["n"] > 0].head(15)
        if top_places.empty:
            st.write(tr("common.no_data"))
        else:
            k = min(len(top_places), max(1, round(len(places[places["n"] > 0]) * 0.2)))
            st.caption(
                tr(
                    "incidents.table.places_caption",
                    k=k,
                    share=i18n.number(100 * float(places["share"].head(k).sum()), 0, ctx.lang),
                )
            )
            table = top_places.assign(verdict=incidents.verdicts(top_places, "n", ctx.lang))[
                ["name", "n", "previous", "verdict"]
            ].rename(
                columns={
                    "name": tr("incidents.col.place"),
                    "n": tr("incidents.col.n"),
                    "previous": tr("incidents.col.previous"),
                    "verdict": tr("incidents.col.change"),
                }
            )
            chosen = show_table(
                table,
                hide_index=True,
                width="stretch",
                on_select="rerun",
                selection_mode="single-row",
                key="karta_places_table",
            )
            download_table(table, "karta_platser", key="karta_places_xlsx")
            st.caption(tr("incidents.map.click_hint"))
            rows = chosen.selection.rows if chosen else []
            if rows:
                row = top_places.iloc[rows[0]]
                focus = (float(row["lat"]), float(row["lon"]), 17)
    with tabs[1]:
        cells = incidents.top_cells(data.cells)
        if cells.empty:
            st.write(tr("common.no_data"))
        else:
            table = cells.assign(
                cell=lambda d: d["ix"].astype(str) + ":" + d["iy"].astype(str),
                level=lambda d: [
                    maps.hot_label(int(v), bool(i), ctx.lang)
                    for v, i in zip(d["level"], d["isolated"], strict=True)
                ],
                change=incidents.verdicts(cells, "count", ctx.lang),
                window=lambda d: [
                    f"{i18n.number(w, 0, ctx.lang)} ({i18n.number(e, 0, ctx.lang)})"
                    for w, e in zip(d["window"], d["expected"], strict=True)
                ],
            )[["cell", "count", "previous", "change", "window", "level"]].rename(
                columns={
                    "cell": tr("incidents.col.cell"),
                    "count": tr("incidents.col.n"),
                    "previous": tr("incidents.col.previous"),
                    "change": tr("incidents.col.change"),
                    "window": tr("incidents.col.window"),
                    "level": tr("incidents.col.hotspot"),
                }
            )
            chosen = show_table(
                table,
                hide_index=True,
                width="stretch",
                on_select="rerun",
                selection_mode="single-row",
                key="karta_cells_table",
            )
            download_table(table, "karta_rutor", key="karta_cells_xlsx")
            rows = chosen.selection.rows if chosen else []
            if rows:
                row = cells.iloc[rows[0]]
                focus = (float(row["lat"]), float(row["lon"]), 16)

    with tabs[2]:
        focus = emerging_view.tab(data, query, float(cell), ctx.lang) or focus

with map_slot:
    mapview.show(
        walk_ui.karta_map(map_args, ctx.lang, show_cold, f, walk_findings),
        key="karta_map",
        height=620,
        center=focus[:2] if focus else None,
        zoom=focus[2] if focus else None,
    )
    if data.cells is not None:
        with st.expander(tr("incidents.legend.title"), expanded=False):
            st.markdown(maps.hotspot_legend_html(ctx.lang, show_cold), unsafe_allow_html=True)
            st.markdown(tr("incidents.legend.text"))
    riskmap.show(data.risk, ctx.lang)  # issue 19: "Risk nästa vecka" and its accuracy, beside the map
