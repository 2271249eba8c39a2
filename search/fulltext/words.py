"""French words as both search backends see them, and the query language of "Dans les textes".

PostgreSQL indexes a text with the `french_unaccent` configuration (its parser, unaccent, the French stop
words, the Snowball French stemmer). SQLite's FTS5 has no stemmer: `lexemes()` turns a text into the same
lexemes in Python (accents and case folded, stop words dropped, snowballstemmer's French), which the FTS5
table indexes as plain words.

The Snowball stemmer leaves some plurals apart from their singular ("loyers" -> "loyer" but "loyer" -> "loi";
"revenus" -> "revenus"), so each word of a query is looked up in its singular and plural forms too. The query
is parsed here once, then written for either backend: a to_tsquery() string or an FTS5 MATCH string.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

# PostgreSQL's french.stop (tsearch_data), the list its french_stem dictionary drops. It is compared with
# the word after unaccent, as PostgreSQL does: its accented entries ("été", "à") then never match.
STOPWORDS = frozenset(
    """au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes moi mon ne
    nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous
    c d j l à m n s t y été étée étées étés étant étante étants étantes suis es est sommes êtes sont serai
    seras sera serons serez seront serais serait serions seriez seraient étais était étions étiez étaient fus
    fut fûmes fûtes furent sois soit soyons soyez soient fusse fusses fût fussions fussiez fussent ayant
    ayante ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais
    aurait aurions auriez auraient avais avait avions aviez avaient eut eûmes eûtes eurent aie aies ait
    ayons ayez aient eusse eusses eût eussions eussiez eussent""".split()  # noqa: SIM905 - as the file reads
)
# Letters and digits; digits with dots between them ("1.314", a version) make one word, as PostgreSQL reads.
WORD = re.compile(r"\d+(?:\.\d+)+|[^\W_]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
_STEMMER = snowballstemmer.stemmer("french")
# Longest query kept, in words: a pasted page is not a search.
MAX_TERMS = 12


def fold(text: str) -> str:
    """Lower case, without accents (as unaccent), ligatures written out."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of `text` (letters and digits; anything else separates them)."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=65536)
def stem(word: str) -> str | None:
    """The lexeme of one folded word, or None for a stop word. Words holding digits are kept whole, as
    PostgreSQL's parser files them (numbers, "art63") under the `simple` dictionary."""
    if word in STOPWORDS:
        return None
    if any(c.isdigit() for c in word):
        return word
    return _STEMMER.stemWord(word)


@lru_cache(maxsize=65536)
def lexeme_of(token: str) -> str | None:
    """The lexeme of one word as written in a text (any case, accents), or None for a stop word."""
    return stem(fold(token))


def lexemes(text: str) -> str:
    """What SQLite's FTS5 table indexes for `text`: its lexemes in order, separated by spaces."""
    return " ".join(lexeme for lexeme in map(stem, words(text)) if lexeme)


def forms(word: str) -> list[str]:
    """A folded word with its singular and plural forms (French regular plurals: -s, -x, -al/-aux)."""
    variants = [word]
    if len(word) > 3 and word.endswith("aux"):
        variants.append(word[:-3] + "al")
    if word[-1] in "sxz":
        if len(word) > 3:
            variants.append(word[:-1])
    elif word.endswith("al"):
        variants += [word + "s", word[:-2] + "aux"]
    elif not word[-1].isdigit():
        variants.append(word + ("x" if word.endswith(("eau", "au", "eu")) else "s"))
    return [v for v in dict.fromkeys(variants) if stem(v)]


@dataclass
class Term:
    """A word (found in any of its forms) or a quoted phrase (its words in this order, as written; its stop
    words only hold their places)."""

    words: list[str]
    phrase: bool = False


@dataclass
class Query:
    """What to find: every group (each one of its terms) and none of the excluded terms."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.groups)

    def highlighted(self) -> frozenset[str]:
        """The lexemes a snippet marks: those of every word sought, in all its forms."""
        found = set()
        for group in self.groups:
            for term in group:
                for word in term.words:
                    found.update(map(stem, [word] if term.phrase else forms(word)))
        return frozenset(found - {None})


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse(text: str) -> Query:
    """A query as typed, read as a web search engine does (websearch_to_tsquery's rules): words must all
    appear, "quoted words" together in this order, `ou`/`or` between two terms for either, `-word` for
    none. Stop words and punctuation count for nothing; a query of nothing but them finds nothing."""
    query, either, count = Query(), False, 0
    for match in _TOKEN.finditer(text):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare.lower() in ("or", "ou"):
            either = bool(query.groups)
            continue
        if bare is not None and bare.startswith("-"):
            negated, bare = "-", bare[1:]
        typed = words(quoted if quoted is not None else bare)
        found = [w for w in typed if stem(w)]
        if not found or count >= MAX_TERMS:
            either = False
            continue
        count += len(found)
        # A phrase keeps its stop words: PostgreSQL counts their places between the others.
        terms = [Term(typed, phrase=True)] if quoted is not None else [Term([w]) for w in found]
        if negated:
            query.excluded += terms
        elif either:
            query.groups[-1].append(terms[0])
            query.groups += [[t] for t in terms[1:]]
        else:
            query.groups += [[t] for t in terms]
        either = False
    return query


def _fts5_term(term: Term) -> str:
    if term.phrase:
        return '"' + " ".join(filter(None, map(stem, term.words))) + '"'
    return "(" + " OR ".join(f'"{lexeme}"' for lexeme in dict.fromkeys(map(stem, forms(term.words[0])))) + ")"


def to_fts5(query: Query) -> str:
    """The query as an FTS5 MATCH string over lexemes (each one quoted: nothing typed is read as syntax)."""
    found = " AND ".join("(" + " OR ".join(map(_fts5_term, group)) + ")" for group in query.groups)
    if query.excluded:
        found = f"({found}) NOT (" + " OR ".join(map(_fts5_term, query.excluded)) + ")"
    return found


def _tsquery_term(term: Term) -> str:
    if term.phrase:
        return "(" + " <-> ".join(f"'{w}'" for w in term.words) + ")"
    return "(" + " | ".join(f"'{v}'" for v in forms(term.words[0])) + ")"


def to_tsquery(query: Query) -> str:
    """The query as to_tsquery() input: folded words (letters and digits only), which PostgreSQL stems."""
    found = " & ".join("(" + " | ".join(map(_tsquery_term, group)) + ")" for group in query.groups)
    for term in query.excluded:
        found += f" & !{_tsquery_term(term)}"
    return found
