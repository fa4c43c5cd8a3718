"""The book's bibliography (``references.bib``) written from the data register, so the two cannot disagree."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..inputs.register import _PERSON, citation_year

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
