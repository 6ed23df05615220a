"""The municipality against others of similar size: Brå's reported crimes per 100 000 inhabitants.

Brå's yearly file per municipality gives each municipality's count of reported crimes and its rate per
100 000 inhabitants (crime_stat rows of a whole year with `rate_per_100k`). The population Brå used
follows from the two (count × 100 000 / rate), so no other population table is needed: the
comparison group is the municipalities whose population is nearest to this one's (on a log scale, so
a town of 40 000 is compared with 30 000–55 000 rather than with 10 000–70 000), with the national
rate (`Hela landet`) beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from est_data import i18n
from est_data.ingest import reference
from est_data.ingest.bra import NATIONAL_CODE

GROUP_SIZE = 10  # municipalities of similar size shown besides this one


@dataclass(frozen=True)
class SimilarSize:
    year: int
    table: pd.DataFrame  # municipality_code, name, population, count, rate, is_self, rank (1 = lowest rate)
    national_rate: float | None
    rank: int  # this municipality's place in the group, 1 = the lowest rate
    group_median_rate: float


def _yearly(con, year: int | None = None) -> pd.DataFrame:
    return con.execute(
        "with yearly as ("
        "  select municipality_code, year(period_start) as year, sum(count) as count,"
        "         max(rate_per_100k) as rate"
        "  from crime_stat"
        "  where area_id is null"
        "    and rate_per_100k > 0"
        "    and period_start = make_date(year(period_start), 1, 1)"
        "    and period_end = make_date(year(period_start), 12, 31)"
        "    and (? is null or year(period_start) = ?)"
        "  group by municipality_code, year(period_start)"
        "), final as ("
        "  select *, count * 100000.0 / rate as population"
        "  from yearly"
        ")"
        " select * from final",
        [year, year],
    ).df()


def years(con, municipality_code: str) -> list[int]:
    """Years with a yearly figure and rate for the municipality, newest first."""
    rows = con.execute(
        "select distinct year(period_start) as year"
        " from crime_stat"
        " where area_id is null"
        "   and municipality_code = ?"
        "   and rate_per_100k > 0"
        "   and period_start = make_date(year(period_start), 1, 1)"
        "   and period_end = make_date(year(period_start), 12, 31)"
        " order by year desc",
        [municipality_code],
    ).fetchall()
    return [int(r[0]) for r in rows]


def similar_size(
    con, municipality_code: str, year: int | None = None, group_size: int = GROUP_SIZE
) -> SimilarSize | None:
    """The municipality and the group_size municipalities nearest in population, for the year (default:
    the newest year with figures for the municipality); None when there are no such figures."""
    available = years(con, municipality_code)
    if not available:
        return None
    year = year if year in available else available[0]
    frame = _yearly(con, year)
    national = frame.loc[frame["municipality_code"] == NATIONAL_CODE, "rate"]
    frame = frame[frame["municipality_code"] != NATIONAL_CODE].copy()
    own = frame.loc[frame["municipality_code"] == municipality_code]
    own_population = float(own["population"].iloc[0])
    frame["distance"] = np.abs(np.log(frame["population"].astype(float) / own_population))
    others = frame[frame["municipality_code"] != municipality_code].nsmallest(group_size, "distance")
    group = pd.concat([own, others]).drop(columns=["distance", "year"])
    names = dict(
        zip(reference.kommuner()["municipality_code"], reference.kommuner()["municipality_name"], strict=True)
    )
    names.update(dict(con.execute("select code, name from municipality").fetchall()))
    group["name"] = [names.get(code, code) for code in group["municipality_code"]]
    group["is_self"] = group["municipality_code"] == municipality_code
    group["rank"] = group["rate"].rank(method="min").astype(int)
    group = group.sort_values("rate").reset_index(drop=True)
    table = group[["municipality_code", "name", "population", "count", "rate", "is_self", "rank"]]
    return SimilarSize(
        year=year,
        table=table,
        national_rate=float(national.iloc[0]) if len(national) else None,
        rank=int(table.loc[table["is_self"], "rank"].iloc[0]),
        group_median_rate=float(table["rate"].median()),
    )


def display_table(similar: SimilarSize, lang: str = "sv") -> pd.DataFrame:
    """The group as shown on Uppföljning: population rounded to hundreds (it is derived from a rounded rate)."""
    t = similar.table
    return pd.DataFrame(
        {
            i18n.t("similar.col.rank", lang): t["rank"],
            i18n.t("similar.col.municipality", lang): [
                f"{n} ◀" if own else n for n, own in zip(t["name"], t["is_self"], strict=True)
            ],
            i18n.t("similar.col.population", lang): [
                i18n.number(round(p, -2), 0, lang) for p in t["population"]
            ],
            i18n.t("similar.col.count", lang): [i18n.number(c, 0, lang) for c in t["count"]],
            i18n.t("similar.col.rate", lang): [i18n.number(r, 0, lang) for r in t["rate"]],
        }
    )


def summary(similar: SimilarSize, lang: str = "sv") -> str:
    """One sentence: the place in the group, the group's median and the national rate."""
    own = similar.table.loc[similar.table["is_self"]].iloc[0]
    national = (
        i18n.t("similar.national", lang, rate=i18n.number(similar.national_rate, 0, lang))
        if similar.national_rate is not None
        else ""
    )
    return i18n.t(
        "similar.summary",
        lang,
        name=own["name"],
        year=similar.year,
        rate=i18n.number(own["rate"], 0, lang),
        rank=similar.rank,
        n=len(similar.table),
        median=i18n.number(similar.group_median_rate, 0, lang),
        national=national,
    )
