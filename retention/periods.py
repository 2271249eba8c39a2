"""Whole years added to or taken from a date (29 February becomes 28 February in a common year)."""

import datetime


def years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def years_before(day: datetime.date, years: int) -> datetime.date:
    return years_after(day, -years)
