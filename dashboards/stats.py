"""Median and 90th percentile of durations in days, computed over the rows one figure reads."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Spread:
    """How many values, their median (mean of the two middle values when even) and their 90th percentile
    (nearest rank: the smallest value at or above 90 % of them, so always a duration that happened)."""

    count: int
    median: float | None
    p90: int | float | None


def spread(values: list[int]) -> Spread:
    if not values:
        return Spread(0, None, None)
    ordered = sorted(values)
    rank = math.ceil(0.9 * len(ordered))
    return Spread(len(ordered), statistics.median(ordered), ordered[rank - 1])


def days(value: float | None) -> str:
    """A number of days as the tables show it: "12", "12,5", or an en dash for none."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")
