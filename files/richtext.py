"""Rich text of reports and notes: only harmless formatting survives (nh3)."""

import html

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote"}


def sanitise(text: str) -> str:
    """Clean HTML from the editor; plain text (no tags) becomes paragraphs."""
    text = (text or "").strip()
    if "<" not in text:
        paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        text = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return nh3.clean(text, tags=ALLOWED_TAGS, attributes={}, link_rel=None).strip()


def is_blank(cleaned: str) -> bool:
    return not nh3.clean(cleaned, tags=set()).strip()
