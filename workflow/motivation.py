"""The reasons of a decision in fact and in law, each under its own heading once.

The catalogue's default motivation reads "En fait : … En droit : …" and the letter prints its own headings:
texts typed or saved that way are split here, for the form's prefill and for every letter, so that no letter
says "En fait : En fait :" nor "En droit" twice.
"""

from __future__ import annotations

import re

FACTS_HEADING = re.compile(r"^\s*en\s+fait\s*[:.–-]\s*", re.IGNORECASE)
LAW_HEADING = re.compile(r"^\s*en\s+droit\s*[:.–-]\s*", re.IGNORECASE)
LAW_PARAGRAPH = re.compile(r"^[ \t]*en\s+droit\s*[:.–-]", re.IGNORECASE | re.MULTILINE)


def split(facts: str, law: str) -> tuple[str, str]:
    """(facts, law) without their headings; a law paragraph written among the facts joins the law."""
    facts = FACTS_HEADING.sub("", facts or "", count=1)
    law = LAW_HEADING.sub("", law or "", count=1).strip()
    found = LAW_PARAGRAPH.search(facts)
    if found:
        moved = LAW_HEADING.sub("", facts[found.start() :], count=1).strip()
        facts = facts[: found.start()]
        if law and law not in moved:
            moved = f"{moved}\n\n{law}"
        law = moved
    return facts.strip(), law


# The catalogue's blanks the file itself answers (aid migration 0003); any other blank stays for the social
# worker, and the letter lists it as missing (workflow.notification.missing_mentions).
REQUEST_DATE_BLANK = re.compile(r"\[\s*date\s+de\s+la\s+demande\s*\]", re.IGNORECASE)


def fill_blanks(text: str, requested_on) -> str:
    """The text with "[date de la demande]" replaced by the request's date (dd/mm/yyyy)."""
    if not text or requested_on is None:
        return text or ""
    return REQUEST_DATE_BLANK.sub(requested_on.strftime("%d/%m/%Y"), text)


def has_request_date_blank(text: str) -> bool:
    return bool(text) and REQUEST_DATE_BLANK.search(text) is not None
