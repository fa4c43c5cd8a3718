"""One setting for where the book lives (``book_url`` in ``_config.yml``), and the citations written from it.

The address is typed once; the How to cite page, the Figures page, the slide deck and the PDF take
it from here, and a test checks that ``CITATION.cff`` agrees. While it is empty, a citation names
the book, its scenario and build date without an address, rather than pointing at a placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..inputs.register import _PERSON, citation_year
from ..paths import FIGURES
from ..reproducible import edition_date, source_commit


LICENCE = "CC BY 4.0"


def book_url(config: Mapping[str, Any]) -> str:
    """The book's address from a parsed ``_config.yml`` (``sphinx.config.html_context.book_url``); ``""`` when unset."""
    context = ((config.get("sphinx") or {}).get("config") or {}).get("html_context") or {}
    url = context.get("book_url") or ""
    if not isinstance(url, str):
        raise ValueError(f"_config.yml: html_context.book_url must be an address or empty, not {url!r}")
    return url.strip()


def address(url: str, path: str = "") -> str:
    """``url`` joined with ``path`` (``""`` when the book has no address)."""
    if not url:
        return ""
    return url.rstrip("/") + "/" + path.lstrip("/") if path else url


@dataclass(frozen=True)
class Cited:
    """What every citation of one build names: the book, its authors, the scenario, the build date, the address."""

    book_title: str
    author: str
    scenario: str
    built: str
    url: str = ""
    overrides: tuple[str, ...] = ()
    version: str = ""
    """The source's version (its git commit, shortened): two builds of one day from different sources cite apart."""

    @classmethod
    def of(cls, config: Mapping[str, Any], manifest: Mapping[str, Any]) -> Cited:
        """What a build's pages and editions cite: the book's ``_config.yml`` (parsed) and the build's manifest (its source's date)."""
        scenario = manifest["scenario"]
        return cls(config["title"], config["author"], scenario["title"], edition_date(manifest), book_url(config),
                   tuple(scenario.get("overrides", [])), source_version(manifest))

    @property
    def built_from(self) -> str:
        """``2026-12-07 from source version 6255d8fe816d`` (the date alone when the source has no version)."""
        return f"{self.built} from source version {self.version}" if self.version else self.built

    def book(self, markdown: bool = False) -> str:
        """The citation of the whole book (plain text; with ``markdown``, each override as code, which no typesetting turns into a dash)."""
        scenario = f"Scenario \u201c{self.scenario}\u201d"
        if self.overrides:
            scenario += " with " + ", ".join(f"`--set {o}`" if markdown else f"--set {o}" for o in self.overrides)
        parts = [f"{self.author}.", f"{self.book_title}.", f"{scenario}.", f"Built {self.built_from}."]
        if self.url:
            parts.append(f"{self.url}.")
        return " ".join([*parts, f"Licence {LICENCE}."])

    def figure(self, caption: str, fig_id: str, png: str) -> str:
        """The citation of one figure, with the address of its PNG when the book has one."""
        link = address(self.url, f"{FIGURES}/{png}")
        return (
            f"{self.author}. \u201c{caption}\u201d (figure file {png}). In: {self.book_title}, "
            f"scenario \u201c{self.scenario}\u201d, built {self.built_from}." + (f" {link}." if link else "") + f" Licence {LICENCE}."
        )

    def bibtex(self) -> str:
        """A BibTeX entry for the book (``url`` only when the book has an address)."""
        fields = [
            ("author", f"{{{{{self.author}}}}}"),
            ("title", f"{{{self.book_title}}}"),
            ("howpublished", f"{{Jupyter Book, scenario ``{self.scenario}''}}"),
            *([("url", f"{{{self.url}}}")] if self.url else []),
            ("note", f"{{Built {self.built_from}; licence {LICENCE}}}"),
        ]
        width = max(len(name) for name, _ in fields)
        body = ",\n".join(f"  {name:<{width}} = {value}" for name, value in fields)
        return f"@misc{{infantile_spasms_market_book,\n{body},\n}}"


def source_version(manifest: Mapping[str, Any]) -> str:
    """The source's commit (:func:`..reproducible.source_commit`), marked when the tree had uncommitted changes; ``""`` without git."""
    commit, dirty = source_commit(dict(manifest))
    return commit + (" with uncommitted changes" if commit and dirty else "")


def how_to_cite(cited: Cited) -> dict[str, str]:
    """The generated parts of the How to cite page, as MyST Markdown: ``book``, ``figure``, ``bibtex``, ``address``."""
    pattern = Cited(cited.book_title, cited.author, "*scenario title*", "*date*", cited.url)
    figure = pattern.figure("*caption*", "*id*", "*id*.png")
    where = (
        f"The book is published at <{cited.url}>."
        if cited.url
        else "This book has no published address yet, so its citations name the book, the scenario and the build "
        "date, without an address."
    )
    return {
        "book": "> " + cited.book(markdown=True) + "\n",
        "figure": "> " + figure + "\n",
        "bibtex": "```bibtex\n" + cited.bibtex() + "\n```\n",
        "address": where + "\n",
    }


# --------------------------------------------------------------------------- the bibliography written from the register
# The book's bibliography (``references.bib``) written from the data register, so the two cannot disagree.

HEADER = "% Written by tools/sync_references.py from data/register.yaml: edit the register, not this file.\n"


def bib_key(source_id: str) -> str:
    """The citation key of a register source: its id without hyphens (``jia-2018`` -> ``jia2018``)."""
    return source_id.replace("-", "")


def _escape(text: str) -> str:
    return text.replace("&", r"\&").replace("%", r"\%").replace("$", r"\$").replace("#", r"\#").replace("_", r"\_")


def bib_authors(producer: str) -> str:
    """BibTeX authors: ``Jia, J. L. and Chen, S.`` for a list of people, a braced literal for an organisation."""
    names = producer.split(" (")[0].split(", ")
    people = []
    for name in names:
        if name.strip() in ("et al.", "..."):
            people.append("others")
            continue
        match = _PERSON.match(name.strip())
        if not match:
            return "{" + _escape(producer) + "}"
        initials = name.strip()[len(match["surname"]):].split()[0]
        rest = name.strip()[len(match["surname"]) + 1 + len(initials):].strip()
        people.append(f"{match['surname']}, {' '.join(c + '.' for c in initials)}")
        if rest.startswith("et al"):
            people.append("others")
    return " and ".join(people)


def bib_entry(source: Mapping[str, Any]) -> str:
    """One ``@misc`` entry: authors, title, year (``accessed 2026`` when undated), address, access date and what was read."""
    undated = not source.get("date_published")
    read = f"{str(source['read']).capitalize()} read" + ("" if source.get("verified") else "; figures not verified")
    note = f"{read}. {'Undated: the year shown is the year of access. ' if undated else ''}Accessed {source['date_accessed']}"
    fields = {
        "author": bib_authors(str(source["producer"])),
        "title": "{" + _escape(str(source["title"])) + "}",
        "year": citation_year(source),
        "url": str(source["url"]),
        "urldate": str(source["date_accessed"]),
        "note": note,
    }
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{bib_key(str(source['id']))},\n{body},\n}}\n"


def render(register: Mapping[str, Any]) -> str:
    """The whole ``references.bib``: one entry per register source, in the register's order."""
    return HEADER + "\n" + "\n".join(bib_entry(source) for source in register["sources"])


def keys(bib: str) -> list[str]:
    """The citation keys of a BibTeX text."""
    return re.findall(r"^@\w+\{([^,]+),", bib, flags=re.M)
