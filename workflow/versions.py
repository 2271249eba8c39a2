"""What changed between two saved versions of a proposal, field by field, as the social worker reads it.

Long texts (motivation, conditions, computation) also get a word-level diff, so that a head's correction
of one sentence is seen without rereading the whole paragraph.
"""

import datetime
import difflib
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from aid.models import AidCategory, AidType
from workflow import catalogue
from workflow.models import Proposal
from workflow.proposals import FIELDS

LONG_TEXTS = {"computation", "conditions", "motivation_facts", "motivation_law"}


def label_of(name: str) -> str:
    return str(Proposal._meta.get_field(name).verbose_name)


def shown(name: str, value, names: dict) -> str:
    """A snapshot value as it reads on screen (dd/mm/yyyy, 1.314,20 €, Oui/Non, the catalogue's labels)."""
    if value is None or value == "":
        return "—"
    if name in ("aid_type", "category"):
        return names[name].get(value, "?")
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    if name == "amount":
        return catalogue.euros(Decimal(value))
    if name in ("start_on", "end_on", "heard_informed_on"):
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    if name == "periodicity":
        return str(Proposal.Periodicity(value).label)
    return str(value)


def word_diff(old: str, new: str) -> SafeString:
    """The new text with removed words in <del> and added words in <ins> (everything escaped)."""
    a, b = old.split(), new.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 - every piece is escaped above


def compare(old: dict, new: dict, names: dict) -> list[dict]:
    """The fields whose value differs between two snapshots: label, old and new as shown, word diff."""
    changes = []
    for name in FIELDS:
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        change = {
            "label": label_of(name),
            "old": shown(name, before, names),
            "new": shown(name, after, names),
        }
        if name in LONG_TEXTS:
            change["diff"] = word_diff(before or "", after or "")
        changes.append(change)
    return changes


def history(proposal: Proposal) -> list[dict]:
    """Each saved version after the first, most recent first: who, when, and each field changed."""
    versions = list(proposal.versions.select_related("author"))
    names = catalogue_names([v.content for v in versions])
    entries = [
        {
            "version": current,
            "changes": compare(previous.content, current.content, names),
            "by_other": current.author_id != proposal.author_id,
        }
        for previous, current in zip(versions, versions[1:], strict=False)
    ]
    return entries[::-1]


def catalogue_names(contents: list[dict]) -> dict[str, dict]:
    """The labels of the aid types and categories that some snapshots name, in two queries."""
    ids = {name: {c.get(name) for c in contents} - {None} for name in ("aid_type", "category")}
    return {
        "aid_type": dict(AidType.objects.filter(pk__in=ids["aid_type"]).values_list("pk", "label")),
        "category": dict(AidCategory.objects.filter(pk__in=ids["category"]).values_list("pk", "label")),
    }
