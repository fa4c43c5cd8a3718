"""The Excel data pack: a cover, the key numbers, every table of the book, annual series, the market table, the parameters,
cross-tables, dictionary, sources and data files.

Written with XlsxWriter (through pandas) from what the build published and from the data
register, never from a list kept here: a new table in a chapter, a new data file in the register
or a new source appears in the workbook without a change to this module. Sheets are named for what
they hold (a book table keeps its number as a prefix, ``T1.1 Drug groups of the model``); headers are
plain words with units; numbers are shown rounded and kept at full precision in the cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .. import labels
from ..inputs.taxonomy import REGIONS
from ..paths import edition_file
from .book_tables import BookTable
from .citing import Cited
from .export import SEGMENTATIONS, TOTAL, _country_order, country_crosstab, data_dictionary  # noqa: F401 - the cross-tables, re-exported


MARKET_SHEET = "Market table"
COLUMNS_SHEET = "Market table columns"  # its data dictionary (the Data chapter's table of it is the "Data dictionary")
KEY_SHEET = "Key numbers"
PARAMETER_SHEET = "Parameters"
REGION_SERIES_SHEET = "Series by region and segment"
COUNTRY_SERIES_SHEET = "Series by country and drug"
ASSUMED_SPLIT = "the world's value split by assumed regional shares, not measured regional or country markets"
MAX_SHEET_NAME = 31  # Excel's limit
VALUE_FORMAT = "#,##0.00"
WORLD = "World"


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name, what the cover says it holds, its frame, and how to write it."""

    name: str
    about: str
    frame: pd.DataFrame
    title: str = ""
    excel_table: bool = False


def workbook_name(scenario: str) -> str:
    """The data pack's file name for a scenario, e.g. ``infantile-spasms-market-base.xlsx``."""
    return edition_file(scenario, ".xlsx")


def sheet_name(text: str, taken: set[str]) -> str:
    """``text`` as a valid, unused sheet name (at most 31 characters, none of ``[]:*?/\\``)."""
    clean = "".join("-" if c in "[]:*?/\\" else c for c in text)[:MAX_SHEET_NAME]
    name, n = clean, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        name, n = clean[: MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


FILLERS = re.compile(r"\b(?:the|a|an|each|this|its|their|in the data)\s+", re.I)
TOPIC = re.compile(r"\binfantile spasms\s+", re.I)  # the whole book is about them: said last
SHORTER = {"against": "vs", "and": "&", "therapeutic class": "class", "treatments": "drugs", "population": "cases",
           "scenario\u2019s": "", "with & without": "\u00b1"}
PHRASE_START = re.compile(r"\s(?:by|in|with|for|from|at|of|against|vs|&|and|under|that|per|now)\s")
DANGLING = {"the", "a", "an", "each", "this", "its", "their", "of", "by", "in", "with", "for", "from", "at", "and", "&", "to",
            "on", "or", "vs", "under", "that", "per", "whether", "is", "as", "other", "first-line", "novel", "behind",
            "plausible", "prevalent", "incident", "recent", "health", "infantile", "effective"}  # words that leave a phrase open


def short_name(text: str, room: int) -> str:
    """``text`` (a caption's first clause, a file's title) in at most ``room`` characters, still a phrase that says what it is.

    Whole when it fits; else without filler words (``the``, ``each``), then with short forms (``vs``, ``&``); else
    cut where a phrase starts (before ``by``, ``in``, ``with``...), never after a dangling word or a possessive
    (``Share of each region's`` was a cut Excel's 31 characters made).
    """
    plain = FILLERS.sub("", text + " ").strip()
    variants = [text, plain[:1].upper() + plain[1:]]
    variants.append(variants[-1])
    for long, abbr in SHORTER.items():
        variants[-1] = " ".join(re.sub(rf"(?<!\w){re.escape(long)}(?!\w)", abbr, variants[-1]).split())
    topic = TOPIC.sub("", variants[-1] + " ").strip()
    variants.append(topic[:1].upper() + topic[1:])

    def ok(cut: str) -> bool:
        words = cut.split()
        last = words[-1] if words else ""
        return (len(cut) <= room and len(words) >= 2 and last.lower() not in DANGLING and not last.endswith(("\u2019s", "'s"))
                and not re.fullmatch(r"\d{1,3}", last))  # a count without its noun ("19"); a year may end a name

    fitting = [v for v in variants if len(v) <= room and (v == text or ok(v))]
    if fitting:
        return fitting[0]
    phrases = [v[:m.start()] for v in variants for m in PHRASE_START.finditer(v)]
    words = [" ".join(v.split()[:i]) for v in variants for i in range(1, len(v.split()))]
    # a phrase of three words or more first, then of two ("Data dictionary", not "Data dictionary of the long"), then words
    for cuts in ([c for c in phrases if len(c.split()) >= 3], phrases, words):
        if any(map(ok, cuts)):
            return max(filter(ok, cuts), key=len)
    return text[:room].rsplit(" ", 1)[0]


SHEET_TITLES: dict[str, str] = {
    "tbl-landscape-key-players": "Key players and data held",
    "tbl-companies-players-without": "Key players, no product",
    "tbl-scenarios-claims": "Report claims by scenario",
    "tbl-uncertainty-claims": "Report claims across draws",
    "tbl-landscape-pipeline": "Trials, sponsors & phases",
    "tbl-trends-pipeline": "Trials and their status",
    "tbl-data-locators": "Where rows stand in sources",  # "Where each data file's rows" stopped before its verb
}
"""Sheet titles (after the table's number) of the tables whose captions open alike, by table id: two sheets called
``The report's key players`` did not say which holds what. A new pair of look-alikes fails the data pack's tests."""


def table_sheet_name(number: str, caption: str, taken: set[str], prefix: str = "T", table_id: str = "") -> str:
    """A book table's sheet: ``T`` (``A`` in the Method and reference part) and its number, then its caption's first
    clause in the room left (``T1.1 Drug groups of the model``, ``A2 Every parameter``), or its :data:`SHEET_TITLES` entry."""
    name, first = f"{prefix}{number} ", re.split(r",\s", re.split(r"[:;(]", caption, maxsplit=1)[0].strip().rstrip(",."), maxsplit=1)[0]
    return sheet_name(name + (SHEET_TITLES.get(table_id) or short_name(first, MAX_SHEET_NAME - len(name))), taken)


def data_sheet_name(index: int, title: str, taken: set[str]) -> str:
    """An input data file's sheet: ``D`` and its place in the register, then its register title (``D2 Live births...``);
    ``file`` after it when a book table's sheet already says the same (``T2.4 Live births`` beside ``D2 Live births file``)."""
    name, short = f"D{index} ", short_name(title, MAX_SHEET_NAME - len(f"D{index} "))
    if short.lower() in {t.split(" ", 1)[-1].lower() for t in taken}:
        short = short_name(title, MAX_SHEET_NAME - len(name) - 5) + " file"
    return sheet_name(name + short, taken)


def with_units(table: pd.DataFrame) -> pd.DataFrame:
    """The market table for readers: plain headers with units (``Value (USD million)``), drug groups by name."""
    shown = table.assign(drug=[labels.name(d, fallback=str(d)) for d in table["drug"]]) if "drug" in table else table
    return shown.rename(columns=labels.header)


def region_series(market: pd.DataFrame) -> pd.DataFrame:
    """Value by year (one column a year) for the world and each region: its total, then by drug type, class and dosage (USD million)."""
    rows = []
    for region in [WORLD, *REGIONS.values()]:
        part = market if region == WORLD else market[market["region"] == region]
        total = part.groupby("year")["value_usd_m"].sum()
        rows.append({"Region": region, "Segmentation": "Total", "Segment": "All drugs", **{str(y): float(v) for y, v in total.items()}})
        for by in ("drug_type", "therapeutic_class", "dosage"):
            pivot = part.pivot_table(index=by, columns="year", values="value_usd_m", aggfunc="sum")
            for segment, values in pivot.iterrows():
                rows.append({"Region": region, "Segmentation": labels.header(by), "Segment": segment,
                             **{str(y): float(v) for y, v in values.items()}})
    return pd.DataFrame(rows)


def country_series(market: pd.DataFrame) -> pd.DataFrame:
    """Value by year (columns) for each country and drug group, region by region (USD million)."""
    pivot = market.pivot_table(index=["region", "country", "drug"], columns="year", values="value_usd_m", aggfunc="sum")
    order = {place: i for i, place in enumerate(_country_order())}
    pivot = pivot.reset_index()
    pivot["order"] = [order.get((r, c), len(order)) for r, c in zip(pivot["region"], pivot["country"])]
    pivot = pivot.sort_values(["order", "drug"], kind="stable").drop(columns="order")
    pivot["drug"] = [labels.name(d, fallback=str(d)) for d in pivot["drug"]]
    pivot = pivot.rename(columns={"region": "Region", "country": "Country", "drug": "Drug group"})
    pivot.columns = [str(c) for c in pivot.columns]
    return pivot.reset_index(drop=True)


def key_numbers(record: dict[str, Any], years: tuple[int, int, int], report: tuple[float, float, float]) -> pd.DataFrame:
    """The front page's key numbers at full precision: the report's, the own estimate's, its range (and this build's).

    ``record`` is the summary chapter's key numbers (:func:`.deck.read_key_numbers`); ``years`` the base, first
    growth and end years; ``report`` the report's base and end values (USD million) and growth (percent a year).
    """
    base, first, end = years
    own = record["own"]
    columns = ["Figure", f"{base} (USD million)", f"{end} (USD million)", f"Growth a year, {first}-{end} (%)", "What it is"]
    rows = [
        ["The report", *report, "The report's published figures (TechSci Research)"],
        ["The book's own estimate", own[f"value-{base}"], own[f"value-{end}"], own["cagr"], record["statistic"]],
        ["Own estimate, P5", own[f"p5-{base}"], own[f"p5-{end}"], own["cagr-p5"], "5th percentile of the Monte Carlo draws"],
        ["Own estimate, P95", own[f"p95-{base}"], own[f"p95-{end}"], own["cagr-p95"], "95th percentile of the Monte Carlo draws"],
    ]
    split = record.get("us_split")
    if split:  # where the gap between the two lies: in the United States or outside it (base year only)
        us, assumed = labels.name("united_states"), "the report's total split by the book's assumed regional and country shares"
        rows += [
            [f"The report: {us}", split["report-us"], None, None, f"{base} only: {assumed}"],
            [f"The report: outside the {us}", split["report-outside"], None, None, f"{base} only: {assumed}"],
            [f"Own estimate: {us}", split["us"], None, None, f"{base} only: the own estimate's value in the {us}"],
            [f"Own estimate: outside the {us}", split["outside"], None, None, f"{base} only: the own estimate's value outside the {us}"],
        ]
        rows += [[f"Own estimate: {us}, P{p}", split[f"us-p{p}"], None, None, f"{base} only: its P{p} over the draws"]
                 for p in (5, 95) if f"us-p{p}" in split]
    rows += [["What US courses are priced at", None, None, None, record["us_prices"]]] if record.get("us_prices") else []
    build = record.get("this_build")
    if build:
        rows.append([f"This build: {build['title']}", build[f"value-{base}"], build[f"value-{end}"], build["cagr"],
                     "The scenario this book was built with"])
    frame = pd.DataFrame(rows, columns=columns)
    findings = pd.DataFrame({"Figure": [f"Finding {i}" for i, _ in enumerate(record.get("takeaways", []), start=1)],
                             "What it is": record.get("takeaways", [])})
    return pd.concat([frame, findings], ignore_index=True)


def source_rows(register: dict[str, Any], data_dir: Path) -> pd.DataFrame:
    """One row per source and data file it feeds, with the distinct locators of its rows there (a source no file uses: one row)."""
    located: dict[str, list[tuple[str, str]]] = {}
    for entry in register["files"]:
        path = Path(data_dir) / entry["file"]
        if path.suffix == ".csv" and path.is_file():
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            if {"source_id", "locator"} <= set(frame.columns):
                for source_id, group in frame.groupby("source_id", sort=False):
                    located.setdefault(source_id, []).append((entry["file"], "; ".join(dict.fromkeys(group["locator"]))))
        elif path.suffix == ".yaml" and path.is_file():
            record = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if isinstance(record, dict) and record.get("source_id"):
                where = "; ".join(f"{labels.name(k, fallback=k.replace('_', ' '))}: {v}"  # a field by its label, as the Data page
                                  for k, v in (record.get("locators") or {}).items())
                located.setdefault(record["source_id"], []).append((entry["file"], where))
    rows = []
    for source in register["sources"]:
        base = {"id": source["id"], "title": str(source["title"]), "producer": source["producer"], "url": source["url"]}
        for file, locators in located.get(source["id"], [("", "")]):
            rows.append({**base, "data file": file, "locator": locators})
    return pd.DataFrame(rows, columns=["id", "title", "producer", "url", "data file", "locator"])


def data_file_rows(register: dict[str, Any], data_dir: Path) -> pd.DataFrame:
    """The register's data files: file, title, description, columns, sources, rows (CSV) and the sheet holding it."""
    rows = []
    for entry in register["files"]:
        path = Path(data_dir) / entry["file"]
        count = len(pd.read_csv(path)) if path.suffix == ".csv" and path.is_file() else None
        rows.append({
            "file": entry["file"], "title": entry.get("title", ""), "description": " ".join(str(entry.get("description", "")).split()),
            "columns": "; ".join(f"{k}: {v}" for k, v in (entry.get("columns") or {}).items()),
            "sources": ", ".join(entry.get("sources") or []), "rows": count,
        })
    return pd.DataFrame(rows, columns=["file", "title", "description", "columns", "sources", "rows"])


AGAINST_BASE = "Scenario against the base"


def against_base(base: dict[str, Any], this: dict[str, Any], changes: list[tuple[str, Any, Any]]) -> Sheet:
    """The sheet a scenario other than the base case gets: its headline numbers and its parameters beside the base case's.

    ``base``, ``this``: :func:`.changes.headline_numbers` of the base case and of the build;
    ``changes``: ``(path, base value, this value)`` of every parameter that differs
    (:func:`..scenario.diff.parameter_changes`).
    """
    from .. import labels
    from .changes import HEADLINE_LABELS

    years = this["years"]
    rows = []
    for key, label in HEADLINE_LABELS.items():
        old, new = base["numbers"].get(key), this["numbers"].get(key)
        numeric = all(isinstance(v, (int, float)) for v in (old, new))
        rows.append({"What": label.replace("base year", str(years["base"])).replace("end year", str(years["end"])),
                     "Code name": "", "Base case": old, "This scenario": new, "Difference": new - old if numeric else None})
    for path, old, new in changes:
        numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (old, new))
        rows.append({"What": labels.name(path, fallback=path), "Code name": path,
                     "Base case": old if numeric else labels.value_text(old) if old is not None else "(not set)",
                     "This scenario": new if numeric else labels.value_text(new) if new is not None else "(not set)",
                     "Difference": new - old if numeric else None})
    about = "This scenario's headline numbers and every parameter it changes, beside the base case's"
    return Sheet(AGAINST_BASE, about, pd.DataFrame(rows, columns=["What", "Code name", "Base case", "This scenario", "Difference"]),
                 about + f" (money in USD million; growth {years['first']}-{years['end']})")


def sheets(tables: list[BookTable], market: pd.DataFrame, register: dict[str, Any], data_dir: Path,
           years: tuple[int, int], first: Sheet | None = None, *, key_record: dict[str, Any] | None = None, headline=None,
           parameters: pd.DataFrame | None = None, root: str | None = None) -> list[Sheet]:
    """Every sheet after the cover, in order (names made unique and valid).

    ``first`` (:func:`against_base`) leads; ``key_record`` (the front page's key numbers) with
    ``headline`` adds the key-numbers sheet next;
    ``parameters`` (:func:`..analysis.parameter_table.parameter_values`) adds the parameter sheet.
    A table of an unnumbered page other than the front page (``root``) is in the Method and reference part:
    its sheet is ``A`` and its number, apart from the chapters' ``T2.1``.
    """
    taken = {"Cover", *([first.name] if first else [])}
    out = [first] if first else []
    if key_record and headline is not None:
        report = (headline.base_value_usd_m, headline.end_value_usd_m, 100 * headline.cagr)
        out.append(Sheet(sheet_name(KEY_SHEET, taken), "The key numbers of the front page, at full precision, and the book's findings",
                         key_numbers(key_record, headline.key_years, report), "Key numbers: the report's figures and the book's own estimate"))
    for t in tables:
        appendix = "." not in t.number and root is not None and t.document != root
        where = f"Table {t.number}" + (f" ({t.document.rsplit('/', 1)[-1].replace('-', ' ').capitalize()})" if appendix else "")
        out.append(Sheet(table_sheet_name(t.number, t.caption, taken, "A" if appendix else "T", t.table_id), f"{where}: {t.caption}",
                         t.frame.rename(columns=labels.plain_header), f"{where}: {t.caption}"))  # code names the page sets as code
    out.append(Sheet(sheet_name(REGION_SERIES_SHEET, taken), "Value by year for the world and each region, by drug type, class and dosage "
                     f"(USD million; {ASSUMED_SPLIT})", region_series(market),
                     f"Market value by year, region and segment (USD million; {ASSUMED_SPLIT})"))
    out.append(Sheet(sheet_name(COUNTRY_SERIES_SHEET, taken), f"Value by year for each country and drug group (USD million; {ASSUMED_SPLIT})",
                     country_series(market), f"Market value by year, country and drug group (USD million; {ASSUMED_SPLIT})"))
    out.append(Sheet(sheet_name(MARKET_SHEET, taken), "The long market table: one row per year, country, drug group and dosage "
                     "(filter it with the header's buttons)", with_units(market), excel_table=True))
    if parameters is not None:
        out.append(Sheet(sheet_name(PARAMETER_SHEET, taken), "Every parameter of this build: code name, label, value, unit, allowed "
                         "range, basis and source", parameters, "Parameters of this build (a scenario file or an override names each by its code name)"))
    for by, label in SEGMENTATIONS.items():
        for year in years:
            about = f"Value by country and {by.replace('_', ' ')} in {year} (USD million), with totals; {ASSUMED_SPLIT}"
            out.append(Sheet(sheet_name(f"Country x {label} {year}", taken), about, country_crosstab(market, by, year), about))
    out.append(Sheet(sheet_name(COLUMNS_SHEET, taken), "What each column of the market table holds",
                     data_dictionary(market).rename(columns=labels.plain_header)))
    out.append(Sheet(sheet_name("Sources", taken), "Every source of the data register, with where in it each data file's rows stand",
                     source_rows(register, data_dir)))
    files = data_file_rows(register, data_dir)
    files_sheet = Sheet(sheet_name("Data files", taken), "The input data files, as the data register documents them", files)
    out.append(files_sheet)
    named = {}
    for entry in register["files"]:
        path = Path(data_dir) / entry["file"]
        if path.suffix == ".csv" and path.is_file():
            title = str(entry.get("title") or path.stem)
            named[entry["file"]] = data_sheet_name(len(named) + 1, title, taken)
            out.append(Sheet(named[entry["file"]], f"Input data file {entry['file']}: {title}",
                             pd.read_csv(path, keep_default_na=False).rename(columns=labels.plain_header),
                             f"{title} (input data file {entry['file']})"))
    files.insert(0, "sheet", [named.get(f, "") for f in files["file"]])
    return out


def cover(cited: Cited, contents: list[Sheet]) -> list[tuple[str, str]]:
    """The cover's lines: (label, text)."""
    return [
        ("", cited.book_title), ("Contents", "Excel data pack"), ("Scenario", cited.scenario), ("Built", cited.built),
        ("Cite as", cited.book()), ("Licence", "Text, tables and generated data CC BY 4.0; the input data keep their "
                                   "producers' terms (see the Sources sheet)"),
        ("Numbers", "Shown rounded; every cell keeps the full precision the model computed (the book's tables hold the "
                    "numbers as the pages show them)"),
        ("", ""), ("Sheet", "What it holds"), *[(s.name, s.about) for s in contents],
    ]


def _write_sheet(writer: pd.ExcelWriter, sheet: Sheet, formats: dict[str, Any], label: str = "") -> None:
    """One sheet: its title and ``label`` (the scenario it was built from) above the table, or beside a table that starts at
    the top (the filterable market table); ``label`` also in the printed page's header."""
    first = 2 if sheet.title else 0
    sheet.frame.to_excel(writer, sheet_name=sheet.name, index=False, startrow=first)
    worksheet = writer.sheets[sheet.name]
    rows, cols = sheet.frame.shape
    if sheet.title:
        worksheet.write(0, 0, sheet.title, formats["title"])
    if label:
        worksheet.write(1 if sheet.title else 0, 0 if sheet.title else cols + 1, label, formats["label"])
        worksheet.set_header(f"&L&8{sheet.name.replace('&', '&&')}&R&8{label.replace('&', '&&')}")
    for i, column in enumerate(sheet.frame.columns):
        width = max([len(str(column)), *sheet.frame[column].astype(str).str.len().head(200).tolist()]) if rows else len(str(column))
        numeric = pd.api.types.is_float_dtype(sheet.frame[column]) or (
            sheet.frame[column].map(lambda v: isinstance(v, float)).any() if rows else False)
        worksheet.set_column(i, i, min(max(width + 2, 8), 60), formats["value"] if numeric else None)
    if sheet.excel_table and rows:
        worksheet.add_table(first, 0, first + rows, cols - 1, {
            "name": "MarketTable", "style": "Table Style Medium 2", "autofilter": True,
            "columns": [{"header": str(c), **({"format": formats["value4"]} if pd.api.types.is_float_dtype(sheet.frame[c]) else {})}
                        for c in sheet.frame.columns],
        })
    worksheet.freeze_panes(first + 1, 0)


def write_datapack(output: Path, cited: Cited, contents: list[Sheet]) -> Path:
    """Write the workbook: the cover, then ``contents`` (:func:`sheets`); returns ``output``."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(output, engine="xlsxwriter") as writer:
        book = writer.book
        book.set_properties({"title": cited.book_title, "subject": f"Data pack, scenario \u201c{cited.scenario}\u201d",
                             "author": cited.author, "comments": cited.book()})
        formats = {"title": book.add_format({"bold": True, "font_size": 12}), "value": book.add_format({"num_format": VALUE_FORMAT}),
                   "value4": book.add_format({"num_format": "#,##0.0000"}), "bold": book.add_format({"bold": True}),
                   "link": book.add_format({"font_color": "blue", "underline": 1}),
                   "label": book.add_format({"italic": True, "font_color": "#555555"})}
        scenario_line = f"Scenario: {cited.scenario} \u00b7 built {cited.built}"
        front = book.add_worksheet("Cover")
        front.set_column(0, 0, 26)
        front.set_column(1, 1, 110)
        for row, (label, text) in enumerate(cover(cited, contents)):
            if row == 0:
                front.write(row, 0, text, book.add_format({"bold": True, "font_size": 16}))
                continue
            if label in {s.name for s in contents}:
                front.write_url(row, 0, f"internal:'{label}'!A1", formats["link"], string=label)
            else:
                front.write(row, 0, label, formats["bold"])
            front.write(row, 1, text, formats["bold"] if label == "Sheet" else None)
        for sheet in contents:
            _write_sheet(writer, sheet, formats, scenario_line)
    return output
