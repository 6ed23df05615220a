-- 003: table macros the trend analysis aggregates over (est_data/analysis/trends.py).
-- They take every filter as an argument, so callers pass `?` parameters and never build SQL text.

-- One row per event and hour it may have happened in, with the share of the event (weight) that falls
-- in that hour. Police events and fault reports (incident) have an exact time: one row, weight 1.
-- Reporters' event reports (observation) often have only a part of the day or a time window
-- (hour_from, hour_to; 'natt' 22–6 runs past midnight into the next day): the event is spread evenly
-- over the hours of its window, so the weights of one event always add up to 1 (the total is kept).
-- Without any time it is spread over the whole day. day0 is the day the event (or its window) began.
create or replace macro trend_events(src, use_cost, with_obs, muni, areas, d0, d1) as table
with incidents as (
    select cast(i.occurred_at as date) as day0,
           hour(i.occurred_at) as h0,
           1 as span,
           case when use_cost then coalesce(i.cost_sek, 0) else 1.0 end as value,
           i.area_id,
           i.category
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
           o.factor_code as category
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
    select * from incidents
    union all
    select * from observations
),
spread as (
    select day0, h0, span, value, area_id, category, unnest(range(span)) as k
    from events
),
final as (
    select day0,
           cast(day0 + cast((h0 + k) // 24 as integer) as date) as day,
           cast((h0 + k) % 24 as integer) as hour,
           1.0 / span as weight,
           value,
           area_id,
           category
    from spread
)
select * from final;

-- Survey levels: one row per rating, dated to the Monday of its ISO week (factor null = all factors).
create or replace macro trend_levels(factor, muni, areas, d0, d1) as table
with ratings as (
    select cast(make_date(r.iso_year, 1, 4) - cast(isodow(make_date(r.iso_year, 1, 4)) - 1 as integer)
                + cast((r.iso_week - 1) * 7 as integer) as date) as day0,
           cast(s.level as double) as value,
           r.area_id,
           s.factor_code as category
    from survey_response r
    join survey_rating s on s.response_id = r.id
    join area a on a.id = r.area_id
    where (factor is null or s.factor_code = factor)
      and (muni is null or a.municipality_code = muni)
      and (areas is null or list_contains(areas, r.area_id))
),
final as (
    select *
    from ratings
    where day0 between cast(d0 as date) - 6 and cast(d1 as date)
)
select * from final;
