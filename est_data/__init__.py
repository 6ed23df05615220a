"""EST-dashboard: the data side. Never imports streamlit (except est_data.ui)."""

__version__ = "0.1.0"
