"""The weekly situation picture: area status from survey levels.

The status rule (DESIGN / issue: the weekly cycle), configurable in settings:
red if any factor reaches `status_red_any_level` (3) or at least `status_red_count_level2` (3)
factors are at level 2 or more; yellow if any factor reaches `status_yellow_any_level` (2);
otherwise green. It is applied to each factor's level for the week (by default the highest level
any reporter gave for that area and factor).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from est_data import config


@dataclass(frozen=True)
class StatusRule:
    red_any_level: int = 3
    red_count_level2: int = 3
    yellow_any_level: int = 2

    @classmethod
    def from_settings(cls, con=None) -> StatusRule:
        def value(name: str) -> int:
            return int(config.get_setting(con, name) if con is not None else config.get(name))

        return cls(value("status_red_any_level"), value("status_red_count_level2"), value("status_yellow_any_level"))

    def status(self, levels: Iterable[float]) -> str:
        values = [v for v in levels if v is not None and not pd.isna(v)]
        if any(v >= self.red_any_level for v in values):
            return "röd"
        if sum(1 for v in values if v >= 2) >= self.red_count_level2:
            return "röd"
        if any(v >= self.yellow_any_level for v in values):
            return "gul"
        return "grön"


def statuses(levels: pd.DataFrame, rule: StatusRule | None = None) -> pd.DataFrame:
    """Status per area from a long frame with columns area_id, factor_code, level."""
    rule = rule or StatusRule()
    if levels.empty:
        return pd.DataFrame(columns=["area_id", "status"])
    out = (levels.groupby("area_id")["level"].apply(lambda s: rule.status(s.tolist()))
           .rename("status").reset_index())
    return out
