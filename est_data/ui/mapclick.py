"""A map to click on that fills a form's latitude and longitude fields (Register's places, the
findings of a safety walk)."""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium


def pick_point(m: folium.Map, key: str, lat_key: str, lon_key: str, height: int = 380) -> None:
    """Show m; a click puts its coordinates (6 decimals) into the text inputs with keys lat_key and
    lon_key. Call it before those inputs are drawn in the same run (Streamlit refuses a change to a
    widget's value after the widget)."""
    clicked = st_folium(
        m, height=height, returned_objects=["last_clicked"], key=key, use_container_width=True
    )
    if clicked and clicked.get("last_clicked"):
        st.session_state[lat_key] = f"{clicked['last_clicked']['lat']:.6f}"
        st.session_state[lon_key] = f"{clicked['last_clicked']['lng']:.6f}"
