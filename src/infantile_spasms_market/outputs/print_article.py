"""A built page's article made ready for print (the PDF's print document), with lxml, written as BeautifulSoup writes it.

The print document takes the article of each of the book's pages (about 1.5 MB of HTML) and
drops what only a screen uses, relinks it inside the document and points figures at their
SVG. Parsed by lxml's tree and edited with its C-level iteration, this takes about a fifth of
the time BeautifulSoup's tree did, and it lies on the PDF's path (Chromium waits for it). The
article is written back exactly as BeautifulSoup's ``decode_contents()`` wrote it (same parser,
whitespace-only text collapsed, attributes sorted, class lists single-spaced, ``<img/>``), so
the document Chromium prints, and so the PDF, are the same bytes as before.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from lxml import etree

from .html_tree import classes, parse, text

EXTERNAL = re.compile(r"^(https?:|mailto:)")
ID_REFERENCES = ("aria-labelledby", "aria-describedby", "for")  # attributes that name ids (besides links)
SHORT_TABLE_ROWS = 10  # a table this short is kept on one page; a longer one may break between rows (fewer half-empty pages)
EDITIONS_CLASS = "book-editions"  # the site's "Download the PDF / the workbook" line, which a PDF does not need
KEY_FINDINGS_CLASS = "key-findings"  # the front page's key numbers, printed on a page of their own after the contents
SCREEN_ONLY_CLASSES = frozenset({"d-print-none", "toggle-button", EDITIONS_CLASS})  # dropped whatever the tag
SCREEN_ONLY_TAGS = frozenset({"script", "button"})
SCREEN_ONLY_TAGGED = {"a": "headerlink", "img": "figure-thumbnail"}  # heading links, the Figures page's thumbnails

# How BeautifulSoup (its HTML tree builder and "minimal" formatter) writes a tree.
VOID = frozenset({"area", "base", "basefont", "bgsound", "br", "col", "command", "embed", "frame", "hr", "image", "img",
                  "input", "isindex", "keygen", "link", "menuitem", "meta", "nextid", "param", "source", "spacer",
                  "track", "wbr"})
RAW_TEXT = frozenset({"script", "style"})  # their text is written unescaped
KEEPS_WHITESPACE = frozenset({"pre", "textarea"})
LISTS = {"*": frozenset({"class", "accesskey", "dropzone"}), "a": frozenset({"rel", "rev"}), "link": frozenset({"rel", "rev"}),
         "td": frozenset({"headers"}), "th": frozenset({"headers"}), "form": frozenset({"accept-charset"}),
         "object": frozenset({"archive"}), "area": frozenset({"rel"}), "icon": frozenset({"sizes"}),
         "iframe": frozenset({"sandbox"}), "output": frozenset({"for"})}  # attributes held as space-separated lists
BLANK = re.compile(r"[ \n\t\f\r]+")
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


# HTML 4's boolean attributes: libxml2's tree gives a minimised one (<input disabled>) its name as value, where
# BeautifulSoup, fed by the same parser's events, had "" (so wrote disabled=""); written out, "disabled" would differ.
BOOLEAN_ATTRIBUTES = ("checked", "compact", "declare", "defer", "disabled", "ismap", "multiple", "nohref", "noresize",
                      "noshade", "nowrap", "readonly", "selected")
MINIMISED = re.compile(  # a start tag, its attributes before (quoted values may hold < or >), then one of them without a value
    r"<[a-zA-Z][^\s/>]*(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*?\s+(?:"
    + "|".join(BOOLEAN_ATTRIBUTES) + r")(?=[\s/>])", re.IGNORECASE)


class _EmptyValues:
    """A parser target noting, for each start tag in order, the attributes the parser's events give with no value."""

    def __init__(self) -> None:
        self.tags: list[tuple[str, list[str]]] = []

    def start(self, tag, attributes):
        self.tags.append((tag, [name for name, value in attributes.items() if value == ""]))

    def close(self):
        return self.tags


def _restore_minimised(root: etree._Element, text: str) -> None:
    """Give minimised boolean attributes the empty value BeautifulSoup saw (read again from the parser's events: the
    tree cannot tell ``<input disabled>`` from ``<input disabled="disabled">``). Only for a page that has one, as
    reading the events in Python takes several times as long as building the tree."""
    parser = etree.HTMLParser(recover=True, target=_EmptyValues())
    parser.feed(text)
    tags = parser.close()
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    if [tag for tag, _ in tags] != [e.tag for e in elements]:
        raise ValueError("the page's elements parsed differently as a tree and as events (minimised attributes)")
    for element, (_, empty) in zip(elements, tags):
        for name in empty:
            if name in BOOLEAN_ATTRIBUTES:
                element.set(name, "")


def parse_article(text: str) -> etree._Element | None:
    """The first ``<article>`` of ``text`` (HTML), parsed as BeautifulSoup's lxml builder parses it; None when there is none."""
    root = parse(text)
    start = text.find("<article")  # only the article is returned: a <script defer> in the head needs no second reading
    if root is not None and start >= 0 and MINIMISED.search(text, start):
        _restore_minimised(root, text)
    article = next(root.iter("article"), None) if root is not None else None
    if article is not None:
        _collapse_blanks(article, False)
    return article


def _collapse_blanks(element: etree._Element, keep: bool) -> None:
    """Whitespace-only text becomes one newline (or one space), outside ``<pre>`` and ``<textarea>`` (BeautifulSoup's rule)."""
    inside = keep or element.tag in KEEPS_WHITESPACE
    if element.text and not inside and BLANK.fullmatch(element.text):
        element.text = "\n" if "\n" in element.text else " "
    for child in element:
        if isinstance(child.tag, str):
            _collapse_blanks(child, inside)
        elif child.text and not inside and BLANK.fullmatch(child.text):  # a comment's text
            child.text = "\n" if "\n" in child.text else " "
        if child.tail and not inside and BLANK.fullmatch(child.tail):
            child.tail = "\n" if "\n" in child.tail else " "


def _elements(article: etree._Element, tag: str | None = None):
    """The article's elements below it (not itself), in document order; ``tag`` only those."""
    return article.iterdescendants(tag) if tag else article.iterdescendants(etree.Element)


def drop(element: etree._Element) -> None:
    """Remove ``element`` and what it holds; the text after it stays."""
    parent = element.getparent()
    if parent is None:
        return
    _append_text(parent, element.getprevious(), element.tail)
    element.tail = None
    parent.remove(element)


def unwrap(element: etree._Element) -> None:
    """Replace ``element`` by what it holds (its text and children stay where it was)."""
    parent = element.getparent()
    previous, index, children = element.getprevious(), parent.index(element), list(element)
    _append_text(parent, previous, element.text)
    for n, child in enumerate(children):
        parent.insert(index + n, child)
    _append_text(parent, children[-1] if children else previous, element.tail)
    element.tail = None
    parent.remove(element)


def _append_text(parent: etree._Element, before: etree._Element | None, text: str | None) -> None:
    if not text:
        return
    if before is None:
        parent.text = (parent.text or "") + text
    else:
        before.tail = (before.tail or "") + text


def clean(article: etree._Element) -> None:
    """Drop what only a screen uses: heading links, buttons, scripts, the Figures page's thumbnails, the editions' line."""
    for element in list(_elements(article)):
        names = classes(element)
        if (element.tag in SCREEN_ONLY_TAGS or SCREEN_ONLY_TAGGED.get(element.tag) in names
                or not SCREEN_ONLY_CLASSES.isdisjoint(names)):
            drop(element)
    for image in _elements(article, "img"):
        image.attrib.pop("loading", None)  # a lazy image below the first screen would never load in a print


def relink(article: etree._Element, folder: str, prefix: str, pages: dict[str, str], anchor) -> None:
    """Make the page's ids unique in the print (``prefix`` + id) and its links point inside it.

    ``folder``: the page's folder in the site. ``pages``: each page of the book (its document
    name) and its prefix; ``anchor(document)``: the id of that page's start. ``page.html#id`` of a
    page of the book becomes ``#<its prefix>id``; an image's address is taken from the site's root
    (where the print document is); any other relative link becomes plain text (a download or page
    link would point at the local print server).
    """
    for element in _elements(article):
        if element.get("id") is not None:
            element.set("id", prefix + element.get("id"))
        for name in ID_REFERENCES:
            if element.get(name) is not None:
                element.set(name, " ".join(prefix + i for i in element.get(name).split()))
    for image in _elements(article, "img"):
        src = image.get("src")
        if src is not None and not EXTERNAL.match(src) and not src.startswith("data:"):
            image.set("src", posixpath.normpath(posixpath.join(folder, src)))
    for link in [a for a in _elements(article, "a") if a.get("href") is not None]:
        href = link.get("href")
        if EXTERNAL.match(href):
            continue
        path, _, fragment = href.partition("#")
        target = posixpath.normpath(posixpath.join(folder, path))[: -len(".html")] if path.endswith(".html") else None
        if not path:
            link.set("href", "#" + prefix + fragment)
        elif target in pages:
            link.set("href", "#" + (pages[target] + fragment if fragment else anchor(target)))
        else:
            unwrap(link)


def print_figures(article: etree._Element, site: Path, figures: str, prefix: str = "") -> int:
    """Point each book figure (its id after ``prefix``) at its SVG in ``figures`` (the inline image is a raster for the
    screen): sharp at any size, and fast to print. How many were."""
    count = 0
    for figure in _elements(article, "figure"):
        if figure.get("id") is None:
            continue
        svg = f"{figures}/{figure.get('id').removeprefix(prefix)}.svg"
        image = next(figure.iterdescendants("img"), None)
        if image is not None and (site / svg).is_file():
            image.set("src", svg)
            count += 1
    return count


def keep_short_tables(article: etree._Element) -> None:
    """Mark tables short enough to keep whole; a long one breaks between rows rather than leave a page blank."""
    for table in _elements(article, "table"):
        if sum(1 for row in table.iterdescendants("tr") if next(row.iterancestors("tbody"), None) is not None) <= SHORT_TABLE_ROWS:
            table.set("class", " ".join([*classes(table), "print-keep"]))


def take_out(article: etree._Element, css_class: str) -> str | None:
    """The inner HTML of the first element of class ``css_class``, taken out of the article (None when there is none)."""
    block = next((e for e in _elements(article) if css_class in classes(e)), None)
    if block is None:
        return None
    drop(block)
    return inner_html(block)


def heading(article: etree._Element) -> str:
    """The text of the article's first heading, its whitespace collapsed ('' without one)."""
    found = next((e for e in _elements(article) if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")), None)
    if found is None:
        return ""
    return " ".join(text(found, " ").split())


# --------------------------------------------------------------------------- written as BeautifulSoup writes it
def inner_html(element: etree._Element) -> str:
    """What ``element`` holds, as HTML (BeautifulSoup's ``decode_contents()`` of the same tree)."""
    out: list[str] = []
    _write_contents(element, out)
    return "".join(out)


def _write_contents(element: etree._Element, out: list[str]) -> None:
    raw = element.tag in RAW_TEXT
    if element.text:
        out.append(element.text if raw else element.text.translate(ESCAPES))
    for child in element:
        _write(child, out)
        if child.tail:
            out.append(child.tail if raw else child.tail.translate(ESCAPES))


def _write(element: etree._Element, out: list[str]) -> None:
    tag = element.tag
    if not isinstance(tag, str):
        if tag is etree.Comment:
            out.append(f"<!--{element.text or ''}-->")
        elif tag is etree.ProcessingInstruction:
            out.append(f"<?{element.target} {element.text or ''}>")
        return
    attributes = "".join(f" {key}={_quoted(_value(tag, key, value).translate(ESCAPES))}"
                         for key, value in sorted(element.items()))
    if tag in VOID and not element.text and not len(element):
        out.append(f"<{tag}{attributes}/>")
        return
    out.append(f"<{tag}{attributes}>")
    _write_contents(element, out)
    out.append(f"</{tag}>")


def _value(tag: str, key: str, value: str) -> str:
    return " ".join(value.split()) if key in LISTS["*"] or key in LISTS.get(tag, ()) else value


def _quoted(value: str) -> str:
    if '"' not in value:
        return f'"{value}"'
    return f"'{value}'" if "'" not in value else '"' + value.replace('"', "&quot;") + '"'
