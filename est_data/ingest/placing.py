"""Events without a position placed by the names in their text (issue 15 item 3).

The police open API gives only the municipality's or county's centre point, but the summary often
names where it happened: "Bramd i fordon på Hamngatan.", "En bil brinner på Rosengård.". When that
text names one of the municipality's registered places or areas, the event is placed there, and
`location_precision` says how:
- 'place': exactly one registered place is named (and no other area): the place's point, place_id
  and area_id;
- 'area': the names all lie in one area (one area named, or several places of the same area): the
  area_id, no point (it is not drawn, but counts for the area);
- otherwise (nothing named, or names in different areas) the event keeps its centre point and
  precision 'municipality' or 'county' and is never drawn.
Names match as whole words with their capital letters (place names are proper nouns: "på stationen"
is not the place "Stationen"), optionally with the genitive s ("Västervångs"). Summaries
("Sammanfattning natt") name many places and are never placed. Counts by municipality, trends and
CompStat use the municipality and are the same with or without placing.

Everything is set-based in DuckDB.
"""

from __future__ import annotations

MIN_NAME_LENGTH = 4  # shorter names ("Öst", "By") match too much ordinary text
# `name` occurs in `text` as a whole word (or in the genitive, + s): the text split at the name, some
# piece does not end in a letter or digit and the next one starts with an optional s and then no
# letter or digit. Only constant regular expressions: a pattern made per name would be compiled
# again for every event (10 s for 1 000 events and 50 names).
WHOLE_WORD = (
    "len(list_filter(range(1, len(string_split({text}, {name}))),"
    r" lambda i: not regexp_matches(string_split({text}, {name})[i], '[\p{{L}}\p{{N}}]$')"
    r" and regexp_matches(string_split({text}, {name})[i + 1], '^s?(?:$|[^\p{{L}}\p{{N}}])'))) > 0"
)


def matches(con, text: str, name: str) -> bool:
    """Does `text` name `name` as a whole word (the import's own rule, for tests and checks)?"""
    sql = "select " + WHOLE_WORD.format(text="?", name="?")
    return bool(con.execute(sql, [text, name] * 3).fetchone()[0])


_NAMES_SQL = """
with codes as (
    select distinct municipality_code from {table} where municipality_code is not null
), places as (
    select 'place' as kind, p.id as place_id, p.area_id, a.municipality_code, trim(p.name) as name, p.lat, p.lon
    from place p
    join area a on a.id = p.area_id
    where coalesce(p.active, true) and coalesce(a.active, true)
      and p.lat is not null and p.lon is not null
      and a.municipality_code in (select municipality_code from codes)
), areas as (
    select 'area' as kind, cast(null as integer) as place_id, a.id as area_id, a.municipality_code,
           trim(a.name) as name, cast(null as double) as lat, cast(null as double) as lon
    from area a
    where coalesce(a.active, true)
      and a.municipality_code in (select municipality_code from codes)
), final as (
    select * from places
    union all
    select * from areas
)
select * from final where length(name) >= ?
"""

_PLACE_SQL = """
with events as (
    select external_id, municipality_code, summary
    from {table}
    where not is_summary
      and location_precision in ('municipality', 'county')
      and municipality_code is not null
      and summary is not null
), hits as (
    select e.external_id, e.summary, n.name, n.kind, n.place_id, n.area_id, n.lat, n.lon
    from events e
    join placing_names n on n.municipality_code = e.municipality_code
    where contains(e.summary, n.name)
), whole_words as (
    select * from hits
    where {whole_word}
), per_event as (
    select external_id,
           count(distinct place_id) filter (where kind = 'place') as places,
           count(distinct area_id) as areas,
           any_value(area_id) as area_id,
           any_value(place_id) filter (where kind = 'place') as place_id,
           any_value(lat) filter (where kind = 'place') as lat,
           any_value(lon) filter (where kind = 'place') as lon
    from whole_words
    group by external_id
), final as (
    select external_id,
           case when places = 1 then 'place' else 'area' end as precision,
           area_id,
           case when places = 1 then place_id end as place_id,
           case when places = 1 then lat end as lat,
           case when places = 1 then lon end as lon
    from per_event
    where areas = 1
)
select * from final
"""

_UPDATE_SQL = """
update {table}
set location_precision = r.precision, area_id = r.area_id, place_id = r.place_id, lat = r.lat, lon = r.lon
from placing_result r
where {table}.external_id = r.external_id
"""

STAGING_TABLES = frozenset({"polisen_staged"})  # the importers' own temp tables (names in SQL)


def place_staged(con, table: str) -> int:
    """Place the events of the temp table `table` (columns of the police staging table) by the names
    in their summaries; adds the columns area_id and place_id. Returns the number of events placed."""
    if table not in STAGING_TABLES:  # the name goes into SQL text: only our own constants
        raise ValueError(table)
    for column in ("area_id", "place_id"):
        con.execute(f"alter table {table} add column if not exists {column} integer")
    names = con.execute(_NAMES_SQL.format(table=table), [MIN_NAME_LENGTH]).df()  # noqa: S608 (constant table)
    if names.empty:
        return 0
    names = names.drop_duplicates(["municipality_code", "kind", "place_id", "area_id", "name"])
    con.register("placing_names_df", names)
    try:
        con.execute("create or replace temp table placing_names as select * from placing_names_df")
    finally:
        con.unregister("placing_names_df")
    try:
        con.execute("create or replace temp table placing_result as "
                    + _PLACE_SQL.format(table=table, whole_word=WHOLE_WORD.format(text="summary", name="name")))  # noqa: S608 (constant table)
        placed = con.execute("select count(*) from placing_result").fetchone()[0]
        if placed:
            con.execute(_UPDATE_SQL.format(table=table))  # noqa: S608 (constant table)
    finally:
        con.execute("drop table if exists placing_names")
        con.execute("drop table if exists placing_result")
    return int(placed)

