"""The facts a social report already states, as plain paragraphs for a proposal's motivation in fact.

The report is sanitised rich text (files.richtext): headings, paragraphs and lists. The motivation is plain
text, so each section becomes "Heading : text" paragraphs and list items "– item" lines. The social worker's
own analysis and proposal to the committee are not facts: sections headed so are left out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

OPINION_HEADING = re.compile(r"^\s*(analyse|proposition|avis|conclusion)", re.IGNORECASE)
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = {"p", "li", "blockquote", "div"} | HEADINGS


class _Blocks(HTMLParser):
    """(tag, text) of each block of the report, in order; text outside any block counts as a paragraph."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.tag = "p"
        self.text: list[str] = []

    def _close(self) -> None:
        text = "\n".join(" ".join(line.split()) for line in "".join(self.text).split("\n")).strip()
        if text:
            self.blocks.append((self.tag, text))
        self.tag, self.text = "p", []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.text.append("\n")
        elif tag in BLOCKS:
            self._close()
            self.tag = tag

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self._close()

    def handle_data(self, data):
        self.text.append(data)

    def close(self):
        super().close()
        self._close()


def facts_of(body: str) -> str:
    """The report's facts as plain paragraphs separated by a blank line."""
    parser = _Blocks()
    parser.feed(body or "")
    parser.close()
    paragraphs: list[str] = []
    heading, skipping, in_list = "", False, False
    for tag, text in parser.blocks:
        if tag in HEADINGS:
            heading, skipping, in_list = text.rstrip(" :"), bool(OPINION_HEADING.match(text)), False
            continue
        if skipping:
            continue
        if tag == "li":
            line = f"– {text}"
            if in_list:
                paragraphs[-1] += f"\n{line}"
            else:
                paragraphs.append(f"{heading} :\n{line}" if heading else line)
            in_list, heading = True, ""
            continue
        paragraphs.append(f"{heading} : {text}" if heading else text)
        heading, in_list = "", False
    return "\n\n".join(paragraphs)


def inserted(facts: str, addition: str) -> str:
    """The facts typed so far with the report's facts after them (the page inserts at the cursor)."""
    facts = (facts or "").rstrip()
    return f"{facts}\n\n{addition}" if facts and addition else facts or addition
