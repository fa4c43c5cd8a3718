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


def source_list(register: Mapping[str, Any]) -> pd.DataFrame:
    """The register's sources for the methodology chapter: id, producer, linked title, dates, licence.

    Square brackets in a title become parentheses (they would break the Markdown link); a source
    without a publication date is ``undated``.
    """
    rows = []
    for source in register["sources"]:
        title = str(source["title"]).replace("[", "(").replace("]", ")")
        published = source.get("date_published")
        rows.append({
            "Id": f"`{source['id']}`",
            "Producer": source["producer"],
            "Title": f"[{title}]({source['url']})",
            "Published": str(published) if published else "undated",
            "Accessed": str(source.get("date_accessed", "")),
            "Licence": source.get("licence", ""),
        })
    return pd.DataFrame(rows)


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
    used_in: dict[str, list[str]] = {}
    for entry in register["files"]:
        for source_id in entry.get("sources") or []:
            used_in.setdefault(source_id, []).append(entry["file"])
    return pd.DataFrame([
        {
            "Producer": _cell(s["producer"]),
            "Title": _cell(s["title"]),
            "URL": _link(s["url"]),
            "Published": "undated" if s.get("date_published") in (None, "") else str(s.get("date_published")),
            "Licence": _cell(s["licence"]),
            "Used in": ", ".join(f"`{f}`" for f in used_in.get(s["id"], [])) or "(cited in the book)",
        }
        for s in register["sources"]
    ])
