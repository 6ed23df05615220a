-- 004 (issue 4, incidents and hotspots): the events the map shows, as a table macro so callers pass
-- every filter as a `?` parameter. Police events and fault reports come from incident (summaries left
-- out); reporters' event reports from observation (source 'rapportör', category = the factor's label,
-- internal free text never shown). Empty filter lists are passed as null and mean "all".
create or replace macro map_events(muni, d0, d1, sources, categories, areas) as table
with incidents as (
    select i.source, i.category, i.occurred_at, cast(i.occurred_at as date) as day, i.lat, i.lon,
           i.location_precision as precision, i.area_id, i.place_id, i.summary as text, i.url
    from incident i
    where not i.is_summary
      and i.municipality_code = muni
      and i.occurred_at >= cast(d0 as timestamp)
      and i.occurred_at < cast(d1 as timestamp) + interval 1 day
), observations as (
    select 'rapportör' as source, coalesce(f.label_sv, o.factor_code, 'övrigt') as category,
           coalesce(o.occurred_at, cast(coalesce(o.occurred_date, cast(o.reported_at as date)) as timestamp))
             as occurred_at,
           coalesce(o.occurred_date, cast(o.reported_at as date)) as day, o.lat, o.lon,
           case when o.lat is not null then 'exact' else 'area' end as precision, o.area_id, o.place_id,
           case when o.internal then null else o.description end as text, cast(null as varchar) as url
    from observation o
    join area a on a.id = o.area_id
    left join factor f on f.code = o.factor_code
    where a.municipality_code = muni
      and coalesce(o.occurred_date, cast(o.reported_at as date)) between cast(d0 as date) and cast(d1 as date)
), events as (
    select * from incidents
    union all
    select * from observations
), final as (
    select *
    from events
    where (sources is null or list_contains(sources, source))
      and (categories is null or list_contains(categories, category))
      and (areas is null or list_contains(areas, area_id))
)
select * from final;

-- Calls of the police API's live client, so the rate limits hold across processes and runs.
create table if not exists api_call (
    api varchar not null,
    called_at timestamp not null,
    url varchar,
    status integer
);
