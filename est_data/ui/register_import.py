"""The Data page's options for an incident register (est_data.ingest.register): the register's name as a
source, a saved profile, the column mapping, the category mapping and saving them as a profile."""

from __future__ import annotations

from types import ModuleType

import streamlit as st

from est_data.ui.state import con, tr

MAX_CATEGORY_INPUTS = 40  # the most common words get a field each; the rest are kept as written


def options(mod: ModuleType, data: bytes, file_name: str, default_municipality: str) -> dict:
    key = "data_register"
    cols, detected = mod.file_columns(data, file_name)
    saved = mod.profiles(con())
    known = mod.sources(con())
    profile_name = st.selectbox(
        tr("incidents.data.profile"),
        [""] + sorted(saved),
        key=f"{key}_profile",
        format_func=lambda p: p or tr("incidents.data.no_profile"),
    )
    profile = mod.Profile.from_dict(saved[profile_name]) if profile_name else mod.Profile()
    source = st.text_input(
        tr("incident_register.ui.source"),
        value=profile.source,
        key=f"{key}_source_{profile_name}",
        help=tr("incident_register.ui.source_help") + (f" ({', '.join(known)})" if known else ""),
    )
    base = {**detected, **profile.columns}
    with st.expander(tr("incidents.data.mapping"), expanded=not all(base.get(f) for f in mod.REQUIRED)):
        st.caption(tr("incidents.data.mapping_help"))
        mapping: dict[str, str] = {}
        grid = st.columns(3)
        for i, field in enumerate(mod.FIELDS):
            choices = [""] + cols
            current = base.get(field) or ""
            chosen = grid[i % 3].selectbox(
                tr(f"incidents.data.field.{field}"),
                choices,
                index=choices.index(current) if current in choices else 0,
                key=f"{key}_map_{field}_{profile_name}",
                format_func=lambda c: c or "—",
            )
            if chosen:
                mapping[field] = chosen
    words = mod.file_categories(data, file_name, mapping.get("category"))
    categories: dict[str, str] = {}
    with st.expander(tr("incident_register.ui.categories"), expanded=False):
        st.caption(tr("incident_register.ui.categories_help"))
        grid = st.columns(2)
        for i, word in enumerate(words[:MAX_CATEGORY_INPUTS]):
            value = grid[i % 2].text_input(
                word, value=profile.categories.get(word, ""), key=f"{key}_category_{i}_{profile_name}"
            )
            if value.strip():
                categories[word] = value.strip()
    chosen_profile = mod.Profile(source.strip(), mapping, {**profile.categories, **categories})
    p1, p2 = st.columns([3, 1])
    new_name = p1.text_input(tr("incidents.data.profile_name"), value=profile_name, key=f"{key}_profile_name")
    if p2.button(
        tr("incidents.data.save_profile"),
        key=f"{key}_save_profile",
        disabled=not (new_name.strip() and source.strip()),
    ):
        mod.check_source_name(source)
        mod.save_profile(con(), new_name.strip(), chosen_profile, by=str(st.session_state.get("user_id")))
        st.success(tr("incidents.data.profile_saved", name=new_name.strip()))
    return {
        "source": chosen_profile.source,
        "mapping": chosen_profile.columns,
        "categories": chosen_profile.categories,
        "municipality_code": default_municipality,
    }
