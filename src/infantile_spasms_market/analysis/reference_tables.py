"""The reference chapters' listings as text tables: every parameter of the scenario, the data register's sources."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from .wording import breakable

NO_SOURCE = "none (assumption)"


def parameter_listing(table: pd.DataFrame) -> pd.DataFrame:
    """The parameter table (:func:`..scenario.parameter_table.parameter_table`) as the methodology chapter prints it.

    Paths, values, allowed ranges and rationales may wrap after dots and underscores; the
    description and the rationale (in italics) share a column; a parameter without a source says so.

    Returns
    -------
    DataFrame
        ``Parameter``, ``Value``, ``Unit``, ``Allowed``, ``What it is, and why this value``, ``Source``.
    """
    return pd.DataFrame({
        "Parameter": table["path"].map(breakable),
        "Value": [breakable(v, "_") for v in table["value"]],
        "Unit": table["unit"],
        "Allowed": [breakable(v, "_") for v in table["allowed"]],
        "What it is, and why this value": [breakable(f"{d}. *{r}*", "_") for d, r in zip(table["description"], table["rationale"])],
        "Source": table["source"].replace("", NO_SOURCE),
    })


def parameter_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many parameters the table lists (``met-n-parameters``) and how many name a source (``met-n-sourced``)."""
    return {"met-n-parameters": len(table), "met-n-sourced": int((table["source"] != "").sum())}


def register_sources(register: Mapping[str, Any]) -> pd.DataFrame:
    """The register's sources, one row each, with the data files that use each: what both source listings show.

    Returns
    -------
    DataFrame
        ``id``, ``producer``, ``title``, ``url``, ``published`` (``undated`` when missing),
        ``accessed``, ``licence`` and ``used_in`` (the list of data files that cite the source).
    """
    used_in: dict[str, list[str]] = {}
    for entry in register["files"]:
        for source_id in entry.get("sources") or []:
            used_in.setdefault(source_id, []).append(entry["file"])
    return pd.DataFrame([
        {
            "id": s["id"],
            "producer": s["producer"],
            "title": str(s["title"]),
            "url": s["url"],
            "published": str(s["date_published"]) if s.get("date_published") else "undated",
            "accessed": str(s.get("date_accessed", "")),
            "licence": s.get("licence", ""),
            "used_in": used_in.get(s["id"], []),
        }
        for s in register["sources"]
    ], columns=["id", "producer", "title", "url", "published", "accessed", "licence", "used_in"])


def source_list(register: Mapping[str, Any]) -> pd.DataFrame:
    """The register's sources for the methodology chapter: id, producer, linked title, dates, licence.

    Square brackets in a title become parentheses (they would break the Markdown link); a source
    without a publication date is ``undated``.
    """
    sources = register_sources(register)
    titles = sources["title"].str.replace("[", "(").str.replace("]", ")")
    return pd.DataFrame({
        "Id": [f"`{i}`" for i in sources["id"]],
        "Producer": sources["producer"],
        "Title": [f"[{title}]({url})" for title, url in zip(titles, sources["url"])],
        "Published": sources["published"],
        "Accessed": sources["accessed"],
        "Licence": sources["licence"],
    })


def _cell(text: Any) -> str:
    """Text on one line with pipes escaped, safe in a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _link(url: str) -> str:
    """A Markdown link that shows the address's host (``who.int``)."""
    host = url.split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")
    return f"[{host}]({url})"


def sources_by_file(register: Mapping[str, Any]) -> pd.DataFrame:
    """The register's sources for the data chapter, each with the data files that use it.

    Returns
    -------
    DataFrame
        ``Producer``, ``Title``, ``URL`` (a link showing the host),
        ``Published`` (``undated`` when missing), ``Licence`` and ``Used in`` (the files, or
        ``(cited in the book)`` for a source no data file uses).
    """
    sources = register_sources(register)
    return pd.DataFrame({
        "Producer": sources["producer"].map(_cell),
        "Title": sources["title"].map(_cell),
        "URL": sources["url"].map(_link),
        "Published": sources["published"],
        "Licence": sources["licence"].map(_cell),
        "Used in": [", ".join(f"`{f}`" for f in files) or "(cited in the book)" for files in sources["used_in"]],
    })
