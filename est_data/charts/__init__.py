"""The app's charts and map layers, one module per part of the app; pure functions that take
aggregated tables (or an analysis result) and return a plotly Figure or a folium Map.

- `common`: the shared plotly style (fonts, background, Swedish separators);
- `trends`: Trender's and Uppföljning's charts (weekday, hour, month by year, weekly, daily, groups);
- `weekly`: the weekly cycle (area × factor matrix, response-rate history);
- `actions`: the action evaluation (interrupted time series, evaluation and drawing maps);
- `maps`: Karta's folium layers (areas, events, heat, places, Gi* hotspots);
- `trend_figures`: query + chart for the Trender and Uppföljning pages, hashable arguments only, so
  the UI can cache the finished figure (the one module here that reads the database).

The report's matplotlib figures are in `est_data/report/figures.py` (PDF), not here.
"""
