"""Snippets of a hit: a few lines of its text around the words found, those words in <mark>.

The text is the user's own: every part of it is escaped, and only the <mark> tags written here are HTML.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.fulltext.backends import MARK_END, MARK_START
from search.fulltext.words import WORD, lexeme_of

WIDTH = 30  # words shown around the first words found


def from_headline(headline: str) -> SafeString:
    """ts_headline()'s snippet (words found between MARK_START and MARK_END) as escaped HTML."""
    escaped = escape(headline)
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


def around(text: str, lexemes: frozenset[str]) -> SafeString:
    """The WIDTH words of `text` holding the most words whose lexeme is in `lexemes`, those marked."""
    tokens = list(WORD.finditer(text))
    if not tokens:
        return mark_safe("")  # noqa: S308 - nothing of the user's
    hits = [i for i, token in enumerate(tokens) if lexeme_of(token.group()) in lexemes]
    marked = set(hits)
    best = max(
        (hits or [0]),
        key=lambda start: sum(1 for i in hits if start <= i < start + WIDTH),
    )
    first = max(0, min(best - 3, len(tokens) - WIDTH))
    shown = tokens[first : first + WIDTH]
    parts, position = [], shown[0].start()
    for i, token in enumerate(shown, start=first):
        if i in marked:
            parts += [escape(text[position : token.start()]), "<mark>", escape(token.group()), "</mark>"]
            position = token.end()
    parts.append(escape(text[position : shown[-1].end()]))
    html = "".join(parts)
    if first > 0:
        html = "… " + html
    if first + WIDTH < len(tokens):
        html += " …"
    return mark_safe(html)  # noqa: S308 - every part of the text escaped above
