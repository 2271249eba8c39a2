"""Name normalisation for search and duplicate detection: lower case, no accents, single spaces."""

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("-", " ").replace("'", " ").split())


def search_name(last_name: str, first_names: str) -> str:
    return fold(f"{last_name} {first_names}")
