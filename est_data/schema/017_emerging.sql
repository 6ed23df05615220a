-- 017 (issue 19): emerging hot spot results (analysis/emerging.py), computed after each import for Karta's
-- first view as hotspot_result is (007), so the page does not wait for Gi* on every time step. Keyed by a
-- digest of the analysis's input (the cube's cells, steps and counts, the cell size, the methods): a
-- result can never be stale, only missing. One row per analysis in emerging_run (also when it found
-- nothing) and one per cell that was a significant hot or cold spot in some step in emerging_cell.
create table if not exists emerging_run (
    input_key varchar not null,
    status varchar not null,
    computed_at timestamp not null
);

create table if not exists emerging_cell (
    input_key varchar not null,
    ix integer not null,
    iy integer not null,
    category varchar not null,
    hot_steps integer,
    cold_steps integer,
    last_level integer,
    trend integer,
    trend_tau double,
    trend_z double,
    trend_p double,
    count_trend integer,
    count_p double,
    total double,
    last_count double,
    mean_count double
);
