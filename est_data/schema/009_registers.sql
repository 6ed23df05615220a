-- 009 (issue 15, items 1 and 2): Brå's yearly municipality files and incident registers of any kind.

-- Brå's yearly files give each municipality's count and its rate per 100 000 inhabitants; the rate
-- is kept, so the population it was computed on can be compared (municipalities of similar size).
alter table crime_stat add column if not exists rate_per_100k double;

-- How precisely an incident's time is known (the same columns as migration 007 of issue 14, written
-- with "if not exists" so the two apply in either order): 'exact' (occurred_at is the moment),
-- 'day' (only the date: occurred_at is its midnight, occurred_to the next midnight, never an exact
-- 00:00) or 'window' (some time from occurred_at until occurred_to).
alter table incident add column if not exists time_precision varchar default 'exact';
alter table incident add column if not exists occurred_to timestamp;

-- The EST factor an incident register's category was mapped to (null when none was chosen).
alter table incident add column if not exists factor_code varchar;
