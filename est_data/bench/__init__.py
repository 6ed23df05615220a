"""`python -m est_data bench`: the benchmark (DESIGN's speed targets), one module per part.

- `runner`: runs everything on a dataset of a scale and prints the table (`run`, `table`, `Measure`);
- `data`: generates and caches the datasets (demo, small, large, national);
- `limits`: peak memory of importing the largest file the import limits allow;
- `police`: the police import on a national-archive-shaped file built from real events;
- `pages`: the page-timing result type; the AppTest driver that fills it is `est_data/ui/bench.py`
  (it imports streamlit, which only est_data/ui/ may).

The command itself is `est_data/cli/bench.py`.
"""
