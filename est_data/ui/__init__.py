"""Streamlit helpers shared by app.py and the pages: the only part of est_data that imports streamlit."""
