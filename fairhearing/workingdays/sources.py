"""Where the England and Wales bank holiday list comes from, computed offline.

The ``holidays`` package knows the rules of the Banking and Financial Dealings Act 1971 (fixed
days, Easter, substitute days) and the one-off days added or moved by Royal Proclamation under
section 1(3) of that Act. We never call a web service at run time: this module is used offline to
generate the committed seed file, and by the refresh service to add years beyond it.

Pure Python, no Django, so the generator script runs without settings.
"""

from datetime import date

import holidays

# "ENG" is the England subdivision of GB in the ``holidays`` package (others: NIR, SCT, WLS).
# England and Wales share one list under the 1971 Act; "WLS" would give the same days.
HOLIDAYS_COUNTRY = "GB"
HOLIDAYS_SUBDIVISION = "ENG"

# One-off days since 2010 (the first year we seed), each made by Royal Proclamation under
# s.1(3) BFDA 1971. The ``holidays`` package already has all of them; they are repeated here so a
# future package release that loses one cannot silently change a statutory deadline.
PROCLAIMED_DAYS: dict[date, str] = {
    # Royal Wedding of Prince William and Catherine Middleton: extra bank holiday.
    date(2011, 4, 29): "Wedding of William and Catherine",
    # Diamond Jubilee: spring bank holiday moved from 28 May to 4 June, plus 5 June.
    date(2012, 6, 4): "Spring Bank Holiday",
    date(2012, 6, 5): "Diamond Jubilee of Elizabeth II",
    # 75th anniversary of VE Day: early May bank holiday moved from Monday 4 to Friday 8 May.
    date(2020, 5, 8): "May Day",
    # Platinum Jubilee: spring bank holiday moved from 30 May to Thursday 2 June, plus 3 June.
    date(2022, 6, 2): "Spring Bank Holiday",
    date(2022, 6, 3): "Platinum Jubilee of Elizabeth II",
    # State Funeral of Queen Elizabeth II: extra bank holiday.
    date(2022, 9, 19): "State Funeral of Queen Elizabeth II",
    # Coronation of King Charles III: extra bank holiday.
    date(2023, 5, 8): "Coronation of Charles III",
}

# The usual dates those proclamations moved away from: they were ordinary working days.
DISPLACED_DAYS: frozenset[date] = frozenset(
    {date(2012, 5, 28), date(2020, 5, 4), date(2022, 5, 30)}
)


def england_and_wales_bank_holidays(first_year: int, last_year: int) -> dict[date, str]:
    """Every bank and public holiday in England and Wales from 1 January of ``first_year`` to
    31 December of ``last_year``, as {date: name}.

    Includes Christmas Day, Boxing Day and New Year's Day even when they fall at a weekend, and
    the substitute ("observed") weekdays that follow them.
    """
    if first_year > last_year:
        raise ValueError(f"first_year {first_year} is after last_year {last_year}")
    years = range(first_year, last_year + 1)
    found = dict(
        holidays.country_holidays(
            HOLIDAYS_COUNTRY, subdiv=HOLIDAYS_SUBDIVISION, years=years, language="en_GB"
        ).items()
    )
    for day in DISPLACED_DAYS:
        found.pop(day, None)
    for day, name in PROCLAIMED_DAYS.items():
        if day.year in years:
            found.setdefault(day, name)
    return dict(sorted(found.items()))
