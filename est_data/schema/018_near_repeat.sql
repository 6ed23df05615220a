-- 018 (issue 19 item 2): near-repeat Knox tables (analysis/nearrepeat.py) computed after each import, so
-- Lägesbild and Möte find the "förhöjd risk" list's tables ready. Keyed by a digest of the test's input
-- (positions, days, bands, permutations, method): a result can never be stale, only missing.
create table if not exists near_repeat_result (
    input_key varchar not null,
    result_json varchar not null,
    computed_at timestamp not null
);
