-- 007 (issue 14): statistics that hold up.

-- How exactly an incident's time is known (issue 14 item 7; filled by the importers):
--   'exact'  occurred_at is the moment (to the minute or hour): police events, most fault reports;
--   'day'    only the date is known: occurred_at is that day at 00:00, which is NOT a time of day;
--   'window' it happened between occurred_at and occurred_to (a fault found in the morning that
--            happened overnight).
-- Rows from before this migration are 'exact' (every importer so far wrote real times).
alter table incident add column if not exists time_precision varchar default 'exact';
alter table incident add column if not exists occurred_to timestamp;

-- Gi* hotspot results (analysis/hotspots.py) computed after each import, so the map's first run after
-- new data does not wait for the permutation inference. Keyed by a digest of the inference's input (the
-- grid's counts, cell size and settings): a result can never be stale, only missing.
create table if not exists hotspot_result (
    input_key varchar not null,
    ix integer not null,
    iy integer not null,
    z double,
    "window" double,
    expected double,
    p double,
    q double,
    level integer,
    isolated boolean,
    reason varchar,
    computed_at timestamp not null
);

-- trend_events (first in 003) again, now honouring incident.time_precision: a day-only event is spread
-- evenly over the 24 hours of its day and a from-to event over the hours of its window (aoristic
-- weighting, Ratcliffe 2002), so no event is drawn at 00:00 for want of a time. A window of a week or
-- more says nothing about weekday or hour: it is spread over the 168 hours of one week from its start.
-- Observations as in 003. The column `exact` (1 or 0) lets callers count events without an exact time.
create or replace macro trend_events(src, use_cost, with_obs, muni, areas, d0, d1) as table
with incident_rows as (
    select cast(i.occurred_at as date) as day0,
           case when i.time_precision = 'day' then 0 else hour(i.occurred_at) end as h0,
           case when i.time_precision = 'day' then 24
                when i.time_precision = 'window' and i.occurred_to is not null
                    then cast(least(greatest(ceil((epoch(i.occurred_to)
                                                   - epoch(date_trunc('hour', i.occurred_at))) / 3600.0), 1),
                                    168) as integer)
                else 1 end as span,
           case when use_cost then coalesce(i.cost_sek, 0) else 1.0 end as value,
           i.area_id,
           i.category,
           case when coalesce(i.time_precision, 'exact') = 'exact' then 1 else 0 end as exact
    from incident i
    where src is not null
      and i.source = src
      and not i.is_summary
      and i.occurred_at >= cast(d0 as timestamp)
      and i.occurred_at < cast(d1 as timestamp) + interval 1 day
      and (muni is null or i.municipality_code = muni)
      and (areas is null or list_contains(areas, i.area_id))
),
parts as (
    select *
    from (values ('morgon', 6, 10), ('förmiddag', 6, 12), ('dag', 10, 17), ('eftermiddag', 12, 17),
                 ('kväll', 17, 22), ('natt', 22, 6)) as p(name, h_from, h_to)
),
observation_windows as (
    select coalesce(cast(o.occurred_at as date), o.occurred_date, cast(o.reported_at as date)) as day0,
           case when o.occurred_at is not null then hour(o.occurred_at)
                when o.hour_from is not null and o.hour_to is not null then o.hour_from
                when p.name is not null then p.h_from
                else 0 end as h0,
           case when o.occurred_at is not null then 1
                when o.hour_from is not null and o.hour_to is not null
                    then coalesce(nullif((o.hour_to - o.hour_from + 24) % 24, 0), 24)
                when p.name is not null then coalesce(nullif((p.h_to - p.h_from + 24) % 24, 0), 24)
                else 24 end as span,
           1.0 as value,
           o.area_id,
           o.factor_code as category,
           case when o.occurred_at is not null then 1 else 0 end as exact
    from observation o
    left join area a on a.id = o.area_id
    left join parts p on p.name = lower(trim(o.time_of_day))
    where with_obs
      and (muni is null or a.id is null or a.municipality_code = muni)
      and (areas is null or list_contains(areas, o.area_id))
),
observations as (
    select *
    from observation_windows
    where day0 between cast(d0 as date) and cast(d1 as date)
),
events as (
    select * from incident_rows
    union all
    select * from observations
),
spread as (
    select day0, h0, span, value, area_id, category, exact, unnest(range(span)) as k
    from events
),
final as (
    select day0,
           cast(day0 + cast((h0 + k) // 24 as integer) as date) as day,
           cast((h0 + k) % 24 as integer) as hour,
           1.0 / span as weight,
           value,
           area_id,
           category,
           exact
    from spread
)
select * from final;
