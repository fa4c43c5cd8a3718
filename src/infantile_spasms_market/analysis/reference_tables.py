"""The reference chapters' listings as text tables: every parameter of the scenario, the data register's sources,
and where each data file's rows stand in their sources."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from .wording import breakable

NO_SOURCE = "none (assumption)"


def _sources_text(ids: str, labels: Mapping[str, str] | None) -> str:
    names = [s.strip() for s in ids.split(";") if s.strip()]
    return "; ".join((labels or {}).get(s, s) for s in names) or NO_SOURCE


def parameter_listing(table: pd.DataFrame, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The parameter table (:func:`..scenario.parameter_table.parameter_table`) as the methodology chapter prints it.

    Paths, values, allowed ranges and rationales may wrap after dots and underscores; the
    description and the rationale (in italics) share a column, followed by what a derived value is
    derived from; sources are named by ``labels`` (register id to a short citation) when given, and
    a parameter without a source says so.

    Returns
    -------
    DataFrame
        ``Parameter``, ``Value``, ``Unit``, ``Allowed``, ``What it is, and why this value``, ``Basis``, ``Source``.
    """
    derived = table["derived_from"] if "derived_from" in table else pd.Series("", index=table.index)
    why = [
        breakable(f"{d}. *{r}*" + (f" Derived from {f}." if f else ""), "_")
        for d, r, f in zip(table["description"], table["rationale"], derived)
    ]
    return pd.DataFrame({
        "Parameter": table["path"].map(breakable),
        "Value": [breakable(v, "_") for v in table["value"]],
        "Unit": table["unit"],
        "Allowed": [breakable(v, "_") for v in table["allowed"]],
        "What it is, and why this value": why,
        "Basis": table["basis"] if "basis" in table else "",
        "Source": [_sources_text(s, labels) for s in table["source"]],
    })


def parameter_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many parameters the table lists and how many are sourced, derived and assumptions.

    Keys ``met-n-parameters``, ``met-n-sourced``, ``met-n-derived``, ``met-n-assumption``.
    """
    bases = table["basis"].value_counts()
    counts = {f"met-n-{basis}": int(bases.get(basis, 0)) for basis in ("sourced", "derived", "assumption")}
    return {"met-n-parameters": len(table), **counts}


def register_sources(register: Mapping[str, Any]) -> pd.DataFrame:
    """The register's sources, one row each, with the data files that use each: what both source listings show.

    Returns
    -------
    DataFrame
        ``id``, ``producer``, ``title``, ``url``, ``published`` (``undated`` when missing),
        ``accessed``, ``read`` (what was read of it), ``verified`` (``yes``, ``no`` or empty), ``licence``
        and ``used_in`` (the list of data files that cite the source).
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
            "read": s.get("read", ""),
            "verified": {True: "yes", False: "no"}.get(s.get("verified"), ""),
            "licence": s.get("licence", ""),
            "used_in": used_in.get(s["id"], []),
        }
        for s in register["sources"]
    ], columns=["id", "producer", "title", "url", "published", "accessed", "read", "verified", "licence", "used_in"])


def source_list(register: Mapping[str, Any]) -> pd.DataFrame:
    """The register's sources for the methodology chapter: id, producer, linked title, dates, what was read, whether verified, licence.

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
        "Read": sources["read"],
        "Verified": sources["verified"],
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


def located_rows(tables: Mapping[str, pd.DataFrame], records: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """For each data file, its rows' sources and where in each source they stand, for the data chapter.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        Each CSV table by name (without ``.csv``), as :func:`..inputs.load_table` reads it.
    records : mapping of str to dict
        Each YAML record by name, with its ``source_id`` and ``locators``.

    Returns
    -------
    DataFrame
        One row per file and source: ``File``, ``Rows`` (rows, or located values of a record),
        ``Source`` (a citation role) and ``Where in the source`` (the distinct locators, joined).
    """
    rows = []

    def add(file: str, source_id: str, locators: list[str]) -> None:
        distinct = list(dict.fromkeys(locators))
        rows.append({
            "File": f"`{file}`",
            "Rows": len(locators),
            "Source": f"{{cite:p}}`{source_id.replace('-', '')}`",
            "Where in the source": _cell("; ".join(distinct)),
        })

    for name, frame in tables.items():
        for source_id, group in frame.groupby("source_id", sort=False):
            add(f"{name}.csv", str(source_id), [str(x) for x in group["locator"]])
    for name, record in records.items():
        add(f"{name}.yaml", str(record["source_id"]), [f"{k}: {v}" for k, v in record["locators"].items()])
    return pd.DataFrame(rows)
