"""Working days of a Belgian CPAS: no weekends, no legal holidays."""

import datetime
import functools


def easter(year: int) -> datetime.date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return datetime.date(year, month, day + 1)


@functools.cache
def public_holidays(year: int) -> frozenset[datetime.date]:
    """Belgian legal holidays: the CPAS is closed, nothing is registered those days."""
    fixed = [(1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)]
    sunday = easter(year)
    moving = [
        sunday + datetime.timedelta(days=n) for n in (1, 39, 50)
    ]  # Easter Monday, Ascension, Whit Monday
    return frozenset([datetime.date(year, m, d) for m, d in fixed] + moving)


def is_workday(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def workday(day: datetime.date, until: datetime.date) -> datetime.date:
    """The next working day, but never after `until` (then the last working day before it)."""
    while not is_workday(day):
        day += datetime.timedelta(days=1)
    if day > until:
        day = until
        while not is_workday(day):
            day -= datetime.timedelta(days=1)
    return day
