"""The register's text filter (mail.senders): a number in full, as its digits or as its last digits, or the
start of the sender's words; each found through an index, never by reading the whole register."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from mail import selectors, services
from mail.models import SenderWord
from mail.selectors import Filters
from tests.query_plans import plan

pytestmark = pytest.mark.django_db
SENDERS = ["Société de logement", "SPF Finances", "Mutualité chrétienne", "Madame Marie Dupont"]


@pytest.fixture
def mails(clerk):
    """This year's four senders, then one mail of last year and one of three years ago."""
    today = timezone.localdate()
    registered = {
        sender: services.register(actor=clerk, sender_name=sender, subject="Objet", received_on=today)
        for sender in SENDERS
    }
    for years in (1, 3):
        day = datetime.date(today.year - years, 6, 1)
        registered[f"{years} an(s)"] = services.register(
            actor=clerk, sender_name="Ville de Mons", subject="Objet", received_on=day
        )
    return registered


def found(clerk, text: str) -> set[str]:
    return {m.number for m in selectors.register(clerk, Filters(text=text))}


def test_each_word_typed_starts_a_word_of_the_sender_in_any_case_and_accents(clerk, mails):
    def senders(text):
        return {m.sender_name for m in selectors.register(clerk, Filters(text=text))}

    assert senders("dupont") == senders("DUPONT") == {"Madame Marie Dupont"}
    assert senders("chret") == senders("Chrétienne") == {"Mutualité chrétienne"}
    assert senders("soc log") == senders("logement société") == {"Société de logement"}
    assert senders("spf fin") == {"SPF Finances"}
    assert senders("pont") == set()  # inside a word: not the start of any
    assert senders("mutualite spf") == set()  # every word must be found
    assert senders("?!") == set()
    assert set(SenderWord.objects.filter(mail=mails["SPF Finances"]).values_list("word", flat=True)) == {
        "spf",
        "finances",
    }


def test_a_number_is_found_in_full_in_any_case_or_by_its_digits(clerk, mails):
    mail = mails["SPF Finances"]  # CE-<this year>-000002
    year, seq = mail.number.split("-")[1:]
    for typed in (mail.number, mail.number.lower(), f"{year}{seq}", f"{year}-{int(seq)}", f" {mail.number} "):
        assert found(clerk, typed) == {mail.number}, typed
    old = mails["3 an(s)"]
    assert found(clerk, old.number) == {old.number}  # in full, whatever its year


def test_the_last_digits_find_this_years_and_last_years_number(clerk, mails):
    first = mails["Société de logement"]  # number 1 of this year
    last_year = mails["1 an(s)"]  # number 1 of last year
    assert found(clerk, "1") == found(clerk, "000001") == {first.number, last_year.number}
    assert mails["3 an(s)"].number not in found(clerk, "1")  # older: typed in full
    assert found(clerk, "4") == {mails["Madame Marie Dupont"].number}


NUMBER_INDEX = {"sqlite": "sqlite_autoindex_mail_incomingmail", "postgresql": "mail_incomingmail_number"}


@pytest.mark.parametrize(("text", "index"), [("soc log", "mail_sender_word_idx"), ("123", "number")])
def test_the_filter_reads_an_index(clerk, mails, text, index):
    index = NUMBER_INDEX[connection.vendor] if index == "number" else index
    explained = plan(selectors.register(clerk, Filters(text=text)))
    assert index in explained, explained
    if connection.vendor == "sqlite":
        assert "SCAN mail_incomingmail" not in explained, explained  # the register is never read whole
