"""The book's built pages read with lxml's own tree, as BeautifulSoup read them: the same parser, the same text.

BeautifulSoup builds its tree from lxml's parser in Python, a call per tag; lxml's tree is built
in C, in about a tenth of the time. The editions (the PDF's print document, the data pack's
tables) read the built pages with these helpers, which give what BeautifulSoup's ``get_text`` and
class lists gave, so the editions' bytes do not change.
"""

from __future__ import annotations

from lxml import etree

NOT_TEXT = frozenset({"script", "style", "template", "rt", "rp"})  # strings BeautifulSoup's get_text leaves out


def parse(text: str) -> etree._Element | None:
    """``text`` (HTML) parsed as BeautifulSoup's lxml builder parses it; None for a document with no element."""
    parser = etree.HTMLParser(recover=True)
    parser.feed(text)
    return parser.close()


def classes(element: etree._Element) -> list[str]:
    """The element's classes (its ``class`` split at whitespace)."""
    return (element.get("class") or "").split()


def within(element: etree._Element, tag: str) -> bool:
    """Whether ``element`` has an ancestor ``tag`` (as a CSS descendant selector ``tag x`` matches)."""
    return next(element.iterancestors(tag), None) is not None


def strings(element: etree._Element, hidden: bool = False) -> list[str]:
    """The text strings inside ``element`` in document order: neither comments nor scripts', styles' or templates' text."""
    hidden = hidden or element.tag in NOT_TEXT
    out = [element.text] if element.text and not hidden else []
    for child in element:
        if isinstance(child.tag, str):
            out += strings(child, hidden)
        if child.tail and not hidden:
            out.append(child.tail)
    return out


def text(element: etree._Element, separator: str = "") -> str:
    """BeautifulSoup's ``get_text(separator, strip=True)``: each string stripped, empty ones left out, joined."""
    return separator.join(s for s in (s.strip() for s in strings(element)) if s)
