"""The reference chapters' listings as text tables: every parameter of the scenario, the data register's sources,
and where each data file's rows stand in their sources."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .. import labels
from ..inputs.taxonomy import DRUGS, SEGMENTATIONS
from ..model.bottomup import compare_with_top_down
from ..model.views import totals, view
from ..paths import record_file, table_file
from ..scenario.parameters import Parameters


NO_SOURCE = "none (assumption)"


def _sources_text(ids: str, sources: Mapping[str, str] | None = None) -> str:
    """Source ids (``a; b``) by their short citations: ``sources`` when given, else the label registry's."""
    names = [s.strip() for s in ids.split(";") if s.strip()]
    if names and sources is None:
        sources = labels.registry()
    return "; ".join((sources or {}).get(s, s) for s in names) or NO_SOURCE


def _choice(text: str, unit: str) -> str:
    """A choice's value (or list of allowed values) in code format, as a reader types it after ``--set``."""
    if unit != "choice":
        return text
    if text.startswith("one of "):
        return "one of " + ", ".join(f"`{v.strip()}`" for v in text[len("one of "):].split(","))
    code = text if text in labels.CHOICES else next((k for k, v in labels.CHOICES.items() if v == text), None)
    return f"{labels.CHOICES[code]} (`{code}`)" if code else text  # the value may come as its label (labels.value_text)


def parameter_listing(table: pd.DataFrame) -> pd.DataFrame:
    """The parameter table (:func:`.parameter_table.parameter_table`) as the methodology chapter's short listing.

    Three columns that fit a page: the parameter by name with its code name (for ``--set``), its
    value with its unit (a section of sections one group per line), and its basis. The reasons
    are in :func:`parameter_reasons`.

    Returns
    -------
    DataFrame
        ``Parameter``, ``Value``, ``Basis``.
    """
    values = [
        f"{_choice(v, u)}" + ("" if u in ("choice", "on/off") else f" ({u})")
        for v, u in zip(table["value"], table["unit"])
    ]
    return pd.DataFrame({
        "Parameter": [labels.parameter_cell(p, code=True) for p in table["path"]],
        "Value": [v.replace("; ", "<br>") for v in values],
        "Basis": table["basis"] if "basis" in table else "",
    })


def parameter_reasons(table: pd.DataFrame, sources: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Why each parameter has its value: what it is, the rationale (in italics), what a derived value comes from,
    what the model accepts and the sources (named by ``sources``, register id to a short citation, when given).

    Returns
    -------
    DataFrame
        ``Parameter`` (display name), ``What it is, and why this value``, ``Allowed``, ``Source``.
    """
    derived = table["derived_from"] if "derived_from" in table else pd.Series("", index=table.index)
    why = [  # a data file by the register's title (labels.plain_source): readers see no path
        labels.plain_source(f"{d}. *{r}*" + (f" Derived from {f}." if f else ""))
        for d, r, f in zip(table["description"], table["rationale"], derived)
    ]
    return pd.DataFrame({
        "Parameter": table["path"].map(labels.name),
        "What it is, and why this value": why,
        "Allowed": [_choice(a, u) for a, u in zip(table["allowed"], table["unit"])],
        "Source": [_sources_text(s, sources) for s in table["source"]],
    })


def glossary_table() -> pd.DataFrame:
    """The glossary: every code name a reader may meet in a download or a command, in code format, with its plain label.

    Returns
    -------
    DataFrame
        ``Code name``, ``Plain label``, ``Kind`` (parameter, choice, scenario file, column, drug group, place, company).
    """
    rows = labels.glossary()
    return pd.DataFrame({"Code name": [f"`{code}`" for _, code, _ in rows], "Plain label": [label for _, _, label in rows],
                         "Kind": [kind for kind, _, _ in rows]})


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


def source_list(register: Mapping[str, Any], sources: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The register's sources for the methodology chapter, in four columns that fit a page (inside a dropdown, too).

    Square brackets in a title become parentheses (they would break the Markdown link); a source
    without a publication date is ``undated``; ``sources`` names each source (register id to a short
    citation; default: the label registry's).

    Returns
    -------
    DataFrame
        ``Source`` (the short citation, then the register id in code for the data files' ``source_id``),
        ``Producer and title`` (the title linked), ``Published, accessed, read`` (the dates, then what was read
        and whether its figures were verified) and ``Licence``.
    """
    listed = register_sources(register)
    names = sources if sources is not None else labels.registry()
    titles = listed["title"].map(_cell).str.replace("[", "(").str.replace("]", ")")
    verified = listed["verified"].map({"yes": "; verified", "no": "; not verified"}).fillna("")
    return pd.DataFrame({
        "Source": [f"{names.get(i, i)}<br>`{i}`" for i in listed["id"]],
        "Producer and title": [f"{_cell(p)}: [{t}]({u})" for p, t, u in zip(listed["producer"], titles, listed["url"])],
        "Published, accessed, read": [f"{p}<br>accessed {a}" + (f"<br>read: {r}" if r else "") for p, a, r in zip(
            listed["published"], listed["accessed"], [f"{r}{v}".lstrip("; ") for r, v in zip(listed["read"].map(_cell), verified)])],
        "Licence": listed["licence"].map(_cell),
    })


VERBATIM = re.compile(r"(?<![\w`.-])([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w`-]|\.\w)")  # a source's own field name


def _verbatim(text: str) -> str:
    """A locator with the source's own field names (``product_ndc``, as an API spells them) in code format."""
    return VERBATIM.sub(r"`\1`", text)


def _cell(text: Any) -> str:
    """Text on one line with pipes escaped, safe in a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _link(url: str) -> str:
    """A Markdown link that shows the address's host (``who.int``)."""
    host = url.split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")
    return f"[{host}]({url})"


def sources_by_file(register: Mapping[str, Any]) -> pd.DataFrame:
    """The register's sources for the data chapter, each with the data files that use it, in four columns that fit a page.

    Returns
    -------
    DataFrame
        ``Source`` (producer, title and a link showing the address's host), ``Published``
        (``undated`` when missing), ``Licence`` and ``Used in`` (the files, or ``(cited in the book)``
        for a source no data file uses).
    """
    sources = register_sources(register)
    return pd.DataFrame({
        "Source": [f"{_cell(p)}: {_cell(t)} ({_link(u)})" for p, t, u in zip(sources["producer"], sources["title"], sources["url"])],
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
            "Where in the source": _cell(_verbatim("; ".join(distinct))),
        })

    for name, frame in tables.items():
        for source_id, group in frame.groupby("source_id", sort=False):
            add(table_file(name), str(source_id), [str(x) for x in group["locator"]])
    for name, record in records.items():
        add(record_file(name), str(record["source_id"]), [f"{labels.name(k)}: {v}" for k, v in record["locators"].items()])
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- the long market table as the data chapter shows it
# The long market table as the data chapter shows it: a country's largest rows, and proof that every view sums to the total.

TOLERANCE_USD = 1.0  # a view further than a dollar from the total does not add up


def largest_rows(table: pd.DataFrame, country: str, year: int, n: int = 6) -> pd.DataFrame:
    """The ``n`` largest rows of ``country`` in ``year``, largest first, as a reader sees them in the download.

    The year is shown as text (a year, not a quantity: no thousands separator) and the value
    column's header names its unit (``value_usd_m (USD m)``).
    """
    rows = table[(table["country"] == country) & (table["year"] == year)]
    rows = rows.sort_values("value_usd_m", ascending=False).head(n).reset_index(drop=True)
    rows["year"] = rows["year"].astype(str)
    return rows.rename(columns={"value_usd_m": "value_usd_m (USD m)"})


def as_typed(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of the long table as the page shows them: what a reader types in pandas, in code format.

    Column names and the drug ids (the ``drug`` column's values) are code; the columns with one
    value in every row (``year``, ``region``, ``country`` of :func:`largest_rows`) are left out,
    since the caption names them.
    """
    constant = [c for c in ("year", "region", "country") if c in rows and rows[c].nunique() == 1]
    shown = rows.drop(columns=constant)
    if "drug" in shown:
        shown["drug"] = [f"`{d}`" for d in shown["drug"]]
    return shown.rename(columns=lambda c: f"`{c.split(' ')[0]}`" + (c[len(c.split(' ')[0]):]))


def dictionary_as_typed(dictionary: pd.DataFrame) -> pd.DataFrame:
    """The data dictionary (:func:`..outputs.export.data_dictionary`) for the page: column names and drug ids in code format."""
    shown = dictionary.copy()
    drug = shown["column"] == "drug"
    shown.loc[drug, "allowed_values"] = "; ".join(f"`{d}` ({DRUGS[d].name})" for d in DRUGS)
    shown["column"] = [f"`{c}`" for c in shown["column"]]
    return shown


def view_gaps(table: pd.DataFrame) -> pd.DataFrame:
    """The largest gap in any year between the sum of each view's segments and the total, in US dollars.

    Returns
    -------
    DataFrame
        Indexed by the view's name (``SEGMENTATIONS``): ``largest_gap_usd``.

    Raises
    ------
    AssertionError
        When a view is more than :data:`TOLERANCE_USD` from the total in some year.
    """
    total = totals(table)
    gaps = pd.DataFrame({SEGMENTATIONS[by]: (view(table, by).sum(axis=1) - total).abs() * 1e6 for by in SEGMENTATIONS})
    largest = gaps.max().rename("largest_gap_usd").to_frame()
    if (largest["largest_gap_usd"] > TOLERANCE_USD).any():
        raise AssertionError(f"a view does not sum to the total:\n{largest}")
    return largest


RATIO_COLUMNS = {"bottom_up_usd_m": "Bottom-up (USD m)", "top_down_usd_m": "Top-down (USD m)",
                 "bottom_up_pct_of_top_down": "Bottom-up (% of top-down)"}
"""The columns of :func:`bottom_up_ratio` as the data chapter's table heads them."""


def bottom_up_ratio(params: Parameters, table: pd.DataFrame, year: int) -> pd.DataFrame:
    """:func:`..model.bottomup.compare_with_top_down` in ``year`` with its ratio as a percentage (``bottom_up_pct_of_top_down``)."""
    comparison = compare_with_top_down(params, table, year=year)
    comparison["bottom_up_pct_of_top_down"] = 100 * comparison.pop("ratio")
    return comparison


def ratio_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """:func:`bottom_up_ratio` for print, its columns named by :data:`RATIO_COLUMNS`."""
    return comparison.rename(columns=RATIO_COLUMNS)
