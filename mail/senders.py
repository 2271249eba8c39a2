"""Finding incoming mail by its number or its sender without reading the whole register (100,000 mails).

A number is found by equality on its unique column: typed in full in any case ("ce-2026-000123"), as its
digits ("2026000123", "2026-123"), or as its last digits ("123"), which stand for that number of this year
and of last year. Any other text is a sender: each of its words starts a word of the sender's name, looked up
in the index of the senders' folded words (mail.models.SenderWord), as "soc log" finds "Société de logement".
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from mail.models import SenderWord
from people.normalize import fold

MAX_WORDS = 5  # of a sender typed: enough to tell two senders apart
_NUMBER = re.compile(r"[0-9 ./-]*[0-9][0-9 ./-]*")  # digits and the separators typed between them


def matching(text: str) -> Q:
    """The mails `text` finds: by number when it is one, else by the words of their sender."""
    if number_typed(text):
        return Q(number__in=numbers(text))
    typed = words(text)[:MAX_WORDS]
    if not typed:
        return Q(pk__in=[])
    found = Q()
    for word in typed:
        found &= Q(pk__in=SenderWord.objects.filter(starting_with(word)).values("mail_id"))
    return found


def sender_words(mail) -> list[SenderWord]:
    """The rows of `mail`'s sender's words, to store with it."""
    return [SenderWord(mail=mail, word=word[:200]) for word in words(mail.sender_name)]


def words(text: str) -> list[str]:
    """The folded words of `text` (lower case, no accents, letters and digits), each once, in order."""
    return list(dict.fromkeys(re.findall(r"\w+", fold(text))))


def number_typed(text: str) -> bool:
    """Whether `text` is a mail number, in full (its prefix in any case) or as digits."""
    prefix = settings.MAIL_NUMBER_FORMAT.split("{", 1)[0].strip(" -").upper()
    rest = text.strip()
    if prefix and rest.upper().startswith(prefix):
        rest = rest[len(prefix) :]
    return bool(_NUMBER.fullmatch(rest))


def numbers(text: str) -> list[str]:
    """The numbers `text` may stand for: its year and sequence when it starts with a year (a number in full),
    else its digits as a sequence number of this year or last year."""
    digits = re.sub(r"[^0-9]", "", text).lstrip("0")[:12]
    if not digits:
        return []
    this_year = timezone.localdate().year
    found = [(year, int(digits)) for year in (this_year, this_year - 1)]
    if len(digits) > 4 and 2000 <= int(digits[:4]) <= this_year:
        found.insert(0, (int(digits[:4]), int(digits[4:])))
    return [settings.MAIL_NUMBER_FORMAT.format(year=year, seq=seq) for year, seq in found]


def starting_with(prefix: str) -> Q:
    """SenderWord rows whose word starts with `prefix`, as their index serves it: LIKE 'prefix%' on
    PostgreSQL (a pattern_ops index); a range on SQLite, whose LIKE ignores case and so no binary index."""
    if connection.vendor == "postgresql":
        return Q(word__startswith=prefix)
    return Q(word__gte=prefix, word__lt=prefix[:-1] + chr(ord(prefix[-1]) + 1))
