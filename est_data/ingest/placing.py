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
# `name` occurs in a text as a whole word (or in the genitive, + s). `parts` is the text split at the
# name (string_split): an occurrence is a whole word when the piece before it does not end in a letter
# or digit and the piece after it does not start with one (after an optional s). A letter is a
# character with two cases (lower <> upper), which covers å, ä, ö and é without a regular expression:
# a regex per name would be compiled per event (10 s for 1 000 events and 50 names), and constant
# regexes in a list lambda were still five times slower than these string functions.
_ALNUM = "(lower({c}) <> upper({c}) or {c} between '0' and '9')"


def _occurrence(before: str, after: str) -> str:
    def alnum(c: str) -> str:
        return _ALNUM.format(c=c)

    return (
        f"(not {alnum(f'right({before}, 1)')} and (not {alnum(f'left({after}, 1)')}"
        f" or (left({after}, 1) = 's' and not {alnum(f'substr({after}, 2, 1)')})))"
    )


# the first occurrence, or (rarely) a later one: CASE evaluates the list only for the rows that need it
WHOLE_WORD = (
    f"case when {_occurrence('parts[1]', 'parts[2]')} then true"
    f" when len(parts) > 2 then coalesce(list_bool_or(list_transform(range(2, len(parts)),"
    f" lambda i: {_occurrence('parts[i]', 'parts[i + 1]')})), false) else false end"
)


def matches(con, text: str, name: str) -> bool:
    """Does `text` name `name` as a whole word (the import's own rule, for tests and checks)?"""
    sql = "select coalesce(" + WHOLE_WORD + ", false) from (select string_split(?, ?) as parts)"  # noqa: S608 (constants)
    return bool(con.execute(sql, [text, name]).fetchone()[0])


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
    select e.external_id, n.name, string_split(e.summary, n.name) as parts, n.kind, n.place_id, n.area_id, n.lat,
           n.lon
    from events e
    join placing_names n on n.municipality_code = e.municipality_code
    where contains(e.summary, n.name)
), whole_words as materialized (
    select * from hits
    where coalesce({whole_word}, false)
), names as (
    select distinct municipality_code, name from placing_names
), nested as (
    -- pairs of names where one lies inside the other, found once on the names, not per event
    select i.name as inner_name, o.name as outer_name
    from names i
    join names o on o.municipality_code = i.municipality_code and o.name <> i.name and contains(o.name, i.name)
), covered as (
    select w.external_id, n.inner_name
    from whole_words w
    join nested n on n.outer_name = w.name
), longest as (
    -- a name inside a longer name that the text gives is not a mention of its own: "Hamnen Smygehamn"
    -- names that place, not also the areas Hamnen and Smygehamn
    select w.* from whole_words w
    anti join covered c on c.external_id = w.external_id and c.inner_name = w.name
), per_event as (
    select external_id,
           count(distinct place_id) filter (where kind = 'place') as places,
           count(distinct area_id) as areas,
           any_value(area_id) as area_id,
           any_value(place_id) filter (where kind = 'place') as place_id,
           any_value(lat) filter (where kind = 'place') as lat,
           any_value(lon) filter (where kind = 'place') as lon
    from longest
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
        con.execute(
            "create or replace temp table placing_result as "
            + _PLACE_SQL.format(table=table, whole_word=WHOLE_WORD)
        )  # noqa: S608 (constant table)
        placed = con.execute("select count(*) from placing_result").fetchone()[0]
        if placed:
            con.execute(_UPDATE_SQL.format(table=table))  # noqa: S608 (constant table)
    finally:
        con.execute("drop table if exists placing_names")
        con.execute("drop table if exists placing_result")
    return int(placed)
