"""Synthetic Belgian identifiers for demo data and tests: valid by python-stdnum's rules, belonging to nobody.

Check digits are never computed here: candidates are tried until python-stdnum accepts one.
"""

import datetime
import random

from stdnum import iban as iban_std
from stdnum.be import bis as bis_std
from stdnum.be import iban as be_iban_std
from stdnum.be import nn as nn_std

# Bank codes of banks common in Mons (Belfius, BNP Paribas Fortis, ING, Crelan, Argenta, bpost...).
BANK_CODES = ["068", "001", "363", "103", "973", "000", "063", "310", "732"]


def national_number(birth_date: datetime.date, sex: str, rng: random.Random, *, bis: bool = False) -> str:
    """A valid NISS (or BIS number) for a person born on `birth_date`; `sex` 'M' gives an odd counter."""
    month = birth_date.month + (40 if bis else 0)
    module = bis_std if bis else nn_std
    while True:
        counter = rng.randrange(1, 998)
        if (counter % 2 == 1) != (sex == "M"):
            counter += 1
        base = f"{birth_date:%y}{month:02d}{birth_date:%d}{counter:03d}"
        for check in range(100):
            candidate = f"{base}{check:02d}"
            if module.is_valid(candidate) and module.get_birth_date(candidate) == birth_date:
                return candidate


def belgian_iban(rng: random.Random) -> str:
    """A valid Belgian IBAN at a real bank code, with a random account number."""
    while True:
        body = f"{rng.choice(BANK_CODES)}{rng.randrange(10**7):07d}"
        for check in range(1, 98):
            bban = f"{body}{check:02d}"
            candidate = f"BE{iban_std.calc_check_digits('BE00' + bban)}{bban}"
            if be_iban_std.is_valid(candidate):
                return candidate
