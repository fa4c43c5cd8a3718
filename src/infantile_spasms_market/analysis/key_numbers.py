"""The book's key numbers as the front page, the deck and the data pack show them: the report's figures, the own estimate, the findings.

Computed once by the summary chapter, which glues them for the front page and writes them as
``key_numbers.json`` (:func:`key_numbers_record`) for the deck, the data pack and any reader's script.
"""

from __future__ import annotations

import re

import pandas as pd

from .. import labels
from ..inputs.headline import Headline
from ..inputs.reading import load_record
from ..inputs.taxonomy import COUNTRIES, ESTABLISHED_DRUG_IDS, REGIONS, rest_of
from ..model.pricing import REFERENCE_COUNTRY, priced_products
from ..model.topdown import market_table
from ..model.views import totals, view
from ..paths import PARAMS_DIR
from ..scenario import loading
from .estimates import REPORT_SOURCE_ID
from .own_estimate import STATISTIC, report_place, span, usd


def key_number_lines(numbers: dict[str, object], headline: Headline, own: dict[str, object] | None = None) -> list[str]:
    """The headline numbers of :func:`.summary.key_figures` as short sentences (the deck's and the data pack's key numbers).

    ``own``: the book's own estimate (:func:`.own_estimate.estimate_values`, no prefix), given right after
    the report's figures with its range, since the scenario's base-year value is the report's by construction.
    """
    base, first, end = headline.key_years
    lines = [
        f"The report: USD {headline.base_value_usd_m:.2f} million in {base}, USD {headline.end_value_usd_m:.2f} million in {end}, "
        f"{100 * headline.cagr:.2f} % a year from {first} to {end}",
    ]
    if own:
        lines.append(f"The book's own estimate: {usd(own[f'value-{base}'])} in {base} ({span(own[f'p5-{base}'], own[f'p95-{base}'])}), "
                     f"{usd(own[f'value-{end}'])} in {end}; the report's {base} value lies {report_place(own, base)}")
    lines += [
        f"Largest drug type in {base}: {numbers['drug-leader']}, {numbers['drug-leader-share']:.1f} % of the value",
        f"Largest region in {base}: {numbers['region-leader']}, {numbers['region-leader-share']:.1f} %",
        f"Fastest-growing class, {first}-{end}: {numbers['fastest-class']}, {numbers['fastest-class-cagr']:.2f} % a year",
    ]
    return lines


RANGE_ROW = "Its range, P5 to P95 (level and growth drawn)"
"""The own estimate's range in the key-numbers table: it draws the 2024 level too, unlike the fan chart's growth-only range."""


def us_column(base: int) -> str:
    """The key-numbers table's column of the base year's value in the United States."""
    return f"{base}: of it, the {labels.name('united_states')}"


def key_table(numbers: dict[str, object], headline: Headline, own: dict[str, object], *, scenario: str | None = None,
              bold: bool = True, split: dict[str, float] | None = None, assumed_growth: bool = False) -> pd.DataFrame:
    """The front page's key numbers (Table 1): the report's figures, the book's own estimate and its range, as text.

    One row each for the report, the own estimate and its range (P5 to P95), and for this build's scenario
    when ``scenario`` (its title) is given, i.e. when it differs from the base case (whose values are the
    report's by construction). Columns: the base and end years' values (USD million, said by the caption) and the growth a year;
    ``bold`` marks the own estimate's row in Markdown. ``split`` (:func:`.own_estimate.us_split`) adds a last column: the
    base year's value in the United States (the report's as the book splits it). ``assumed_growth`` labels the own
    estimate's growth cell as assumed (it keeps a scenario's growth, :func:`.own_estimate.growth_words`), so that the
    same number beside the report's does not read as a confirmation.
    """
    base, first, end = headline.key_years
    fmt = "{:,.2f}".format
    strong = (lambda text: f"**{text}**") if bold else str
    own_growth = fmt(own["cagr"]) + (" (assumed)" if assumed_growth else "")
    rows = [
        ["The report", fmt(headline.base_value_usd_m), fmt(headline.end_value_usd_m), fmt(100 * headline.cagr)],
        [strong("The book's own estimate"), *(strong(fmt(own[k])) for k in (f"value-{base}", f"value-{end}")), strong(own_growth)],
        [RANGE_ROW, f"{fmt(own[f'p5-{base}'])} to {fmt(own[f'p95-{base}'])}",
         f"{fmt(own[f'p5-{end}'])} to {fmt(own[f'p95-{end}'])}", f"{fmt(own['cagr-p5'])} to {fmt(own['cagr-p95'])}"],
    ]
    if scenario is not None:
        rows.append([f"This build: {scenario}", fmt(numbers[f"value-{base}"]), fmt(numbers[f"value-{end}"]), fmt(numbers["cagr"])])
    columns = ["Estimate", str(base), str(end), f"Growth a year, {first}-{end} (%)"]
    if split is not None:
        us = [f"{fmt(split['report-us'])} (assumed split)", strong(fmt(split["us"])),
              f"{fmt(split['us-p5'])} to {fmt(split['us-p95'])}" if "us-p5" in split else ""]
        for row, cell in zip(rows, us + [""] * (len(rows) - len(us))):
            row.append(cell)
        columns.append(us_column(base))
    return pd.DataFrame(rows, columns=columns)


OVERTAKER, LEADER = "vigabatrin", "acth"  # the drug groups whose crossing the front page reports
ACTH_PRICE_SCENARIO = "acth_generic_erosion"  # the scenario file in which ACTH's price falls fastest


def overtake_year(table: pd.DataFrame, challenger: str = OVERTAKER, leader: str = LEADER) -> int | None:
    """The first year in which drug group ``challenger`` is worth more than ``leader``, or None if it never is."""
    by_drug = view(table, "drug")
    ahead = by_drug.index[by_drug[challenger] > by_drug[leader]]
    return int(ahead[0]) if len(ahead) else None


def country_share(table: pd.DataFrame, country: str, year: int) -> float:
    """``country``'s share of the world's value in ``year``, percent."""
    rows = table[table["year"] == year]
    return float(100 * rows.loc[rows["country"] == country, "value_usd_m"].sum() / rows["value_usd_m"].sum())


def us_comparison(split: dict[str, float]) -> str:
    """The United States' two values side by side, in words that follow from the own estimate's US range.

    The report's US value below the own estimate's P5 (``us-p5``): the own estimate is the larger across its range;
    above its P95 (``us-p95``): the report's is; between them: the two overlap. Without a range, no verdict.
    """
    us = labels.name("united_states")
    report = f"the report's {usd(split['report-us'])} (an assumed {split['report-us-share']:.1f} % of its total)"
    if "us-p5" not in split:
        return f"In the {us} the own estimate has {usd(split['us'])} against {report}."
    own = f"{usd(split['us'])}, {span(split['us-p5'], split['us-p95'])} from P5 to P95"
    if split["report-us"] < split["us-p5"]:
        return f"In the {us} the own estimate is the larger across its range: {own}, against {report}."
    if split["report-us"] > split["us-p95"]:
        return f"In the {us} the report's value is the larger, above the own estimate's range: {report} against {own}."
    return (f"In the {us} the two overlap: {report} lies inside the own estimate's range, "
            f"{span(split['us-p5'], split['us-p95'])} around {usd(split['us'])}.")


def us_price_note(year: int) -> str:
    """What the United States' courses are priced at, from the data: each kind of price, its year and its products.

    The US rows of data/prices.csv that set a course (:func:`..model.pricing.priced_products`), grouped by year
    (``price_date``) and kind of price (``price_type`` up to its first comma or parenthesis). The model takes them as
    they stand, neither brought to ``year`` nor net of rebates, and the note says so (Table 1's note, the deck's
    key-numbers slide, the data pack).
    """
    used = priced_products()
    rows = used[used["market"] == REFERENCE_COUNTRY]
    if rows.empty:
        return f"No pack price of the {REFERENCE_COUNTRY} sets a course in the data."
    rows = rows.assign(kind=[re.split(r"[,(]", str(t))[0].strip() for t in rows["price_type"]],
                       year=pd.to_datetime(rows["price_date"]).dt.year,
                       order=[ESTABLISHED_DRUG_IDS.index(g) for g in rows["drug_group"]]).sort_values("order")
    parts = []
    for (when, kind), group in rows.groupby(["year", "kind"], sort=False):
        drugs = "; ".join(f"{_word(labels.name(g))}: {str(b).split(' (')[0]}" for g, b in zip(group["drug_group"], group["brand"]))
        parts.append(f"the {when} {kind} ({drugs})")
    return (f"In the {REFERENCE_COUNTRY}, courses are priced at {' and at '.join(parts)}; the model neither brings "
            f"these prices to {year} nor takes rebates off them.")


def _word(name: str) -> str:
    """A display name inside a sentence: ``ACTH`` stays, ``Oral steroids`` reads ``oral steroids``."""
    return name if name.isupper() else name[0].lower() + name[1:]


def split_sentence(split: dict[str, float], year: int) -> str:
    """Where the gap between the report and the own estimate lies, in or outside the United States, in two sentences.

    ``split``: :func:`.own_estimate.us_split`. The report's US value is its total split by the book's assumed regional
    and country shares, and the sentence says so; the US values are compared with the own estimate's US range
    (:func:`us_comparison`).
    """
    us = labels.name("united_states")
    inside = us_comparison(split)
    outside = (f"with courses at local pack prices or price levels, the own estimate has {usd(split['outside'])} against "
               f"the report's {usd(split['report-outside'])} as the book splits it")
    if split["gap"] <= 0:
        return f"In {year} the own estimate is not below the report. {inside} Outside it, {outside}."
    if split["gap-us"] < 0:
        return f"The gap to the report in {year} lies outside the {us}: there, {outside}. {inside}"
    if split["gap-outside-pct"] >= 50:
        return (f"Most of the gap to the report in {year} ({split['gap-outside-pct']:.0f} %) lies outside the {us}: there, "
                f"{outside}. {inside}")
    return (f"Most of the gap to the report in {year} ({100 - split['gap-outside-pct']:.0f} %) lies in the {us}. {inside} "
            f"Outside it, {outside}.")


def takeaways(table: pd.DataFrame, headline: Headline, own: dict[str, object], at_risk: tuple[float, float],
              split: dict[str, float] | None = None) -> list[dict[str, str]]:
    """Computed findings of this build, each with the chapter that shows it: the size first, then where its gap lies.

    Parameters
    ----------
    table : DataFrame
        The scenario's market table.
    own : dict
        :func:`.own_estimate.estimate_values` (no prefix).
    at_risk : (float, float)
        The end year's value lost in the scenario where ACTH's price falls fastest, USD million and percent
        (:func:`acth_price_risk`).
    split : dict, optional
        :func:`.own_estimate.us_split`: where the gap to the report lies (:func:`split_sentence`). Without it, the
        finding gives the United States' share of the report's total, as the assumed split puts it.

    Returns
    -------
    list of dict
        ``text`` (a plain sentence) and ``doc`` (the chapter, e.g. ``segments``).
    """
    base, _, end = headline.key_years
    year = overtake_year(table)
    challenger, leader = labels.name(OVERTAKER), labels.name(LEADER)
    us = labels.name("united_states")
    where = ({"text": split_sentence(split, base), "doc": "triangulation"} if split is not None else
             {"text": f"In the book's assumed regional split, the {us} holds {country_share(table, us, base):.1f} % of the "
                      f"world's value in {base}.", "doc": "regions"})
    return [
        {"text": f"Sized from patients and prices, the market is {usd(own[f'value-{base}'])} in {base}, "
                 f"{100 - own['bu-pct']:.0f} % below the report, which lies {report_place(own, base)}.", "doc": "triangulation"},
        where,
        {"text": (f"{challenger} overtakes {leader} as the largest drug group by value in {year}, in the book's model."
                  if year is not None else f"{leader} stays the largest drug group by value to {end}."), "doc": "segments"},
        {"text": f"{usd(at_risk[0])} ({at_risk[1]:.1f} %) of the {end} market is at risk if ACTH's price erodes fast "
                 "(the ACTH generic erosion scenario).", "doc": "scenarios"},
    ]


def key_numbers_record(numbers: dict[str, object], headline: Headline, own: dict[str, object], found: list[dict[str, str]],
                       *, scenario: str | None = None, method: list[str] | None = None, split: dict[str, float] | None = None,
                       assumed_growth: bool = False, us_prices: str | None = None) -> dict[str, object]:
    """What the deck and the data pack show as key numbers, from the front page's own values (written as JSON by the build).

    Keys: ``numbers`` (:func:`key_number_records`: each number as data, with its unit), ``report_title`` (the report's title), ``sentences``
    (:func:`key_number_lines`), ``report`` (how the report is cited), ``headline`` (the key-numbers slide's
    title), ``table`` (:func:`key_table` as ``columns`` and ``rows`` of text), ``takeaways`` (the sentences
    of :func:`takeaways`), ``statistic`` (what the own estimate is), ``own`` (its values, full precision,
    keyed as :func:`.own_estimate.estimate_values`), ``method`` (:func:`method_lines`), ``us_split``
    (:func:`.own_estimate.us_split`, when ``split`` is given), ``us_prices`` (:func:`us_price_note`, when given) and, for a
    build other than the base case, ``this_build`` (its title and headline values). ``split`` and ``assumed_growth`` go to
    :func:`key_table` too.
    """
    shown = key_table(numbers, headline, own, scenario=scenario, bold=False, split=split, assumed_growth=assumed_growth)
    base = headline.base_year
    shown.columns = [f"{c} (USD million)" if str(c).isdigit() or c == us_column(base) else c for c in shown.columns]
    return {
        "numbers": key_number_records(numbers, headline, own, split),
        "sentences": key_number_lines(numbers, headline, own),
        "report": labels.registry()[REPORT_SOURCE_ID],
        "report_title": str(load_record("report_headline")["title"]),
        "headline": (f"The report says {usd(headline.base_value_usd_m)} for {base}; sized from patients and prices, "
                     f"the book finds {usd(own[f'value-{base}'])}"),
        "table": {"columns": [str(c) for c in shown.columns], "rows": shown.astype(str).values.tolist()},
        "takeaways": [item["text"] for item in found],
        "statistic": STATISTIC,
        "own": {k: v for k, v in own.items() if isinstance(v, (int, float))},
        "method": method or [],
        **({"us_split": {k: float(v) for k, v in split.items()}} if split is not None else {}),
        **({"us_prices": us_prices} if us_prices else {}),
        **({"this_build": {"title": scenario, **{k: numbers[k] for k in (f"value-{base}", f"value-{headline.end_year}", "cagr")}}}
           if scenario is not None else {}),
    }


def method_lines(table: pd.DataFrame, headline: Headline, own: dict[str, object], sources: int) -> list[str]:
    """The method in one title and four sentences, with this build's counts (the deck's method slide)."""
    base, first, end = headline.key_years
    count = {c: table[c].nunique() for c in ("region", "country", "drug")}
    places = set(table["country"])
    rest = len(places & {COUNTRIES[rest_of(r)] for r in REGIONS})
    held = table.groupby("drug")["value_usd_m"].sum()
    empty = [labels.name(d, fallback=str(d)) for d in held.index[held <= 0]]
    drugs = f"{count['drug']} drug groups" + (f", {' and '.join(empty)} at zero in this scenario" if empty else "")
    return [
        f"One market table of {len(table):,} rows, from {sources} sources: every view is a sum of it",
        f"Top-down: the report's {base} value and its growth to {end}, split by region and drug group with stated shares "
        f"({count['region']} regions; {len(places) - rest} named countries and {rest} rest-of-region groups; {drugs}); growth from {first} is "
        "the sum of named components, one per driver and challenge.",
        "Bottom-up: births x incidence x shares diagnosed and treated x courses x cost per course, by country, from "
        "published counts, studies and pack prices; it splits each region's value across its countries.",
        f"The book's own estimate sizes {base} bottom-up and keeps the growth; {own['draws']:,} Monte Carlo draws of its "
        "inputs give its range (P5 to P95).",
        "Every input names its source and where in it the figure stands; every assumption says why, and the "
        "Methodology chapter rates its evidence and measures its impact.",
    ]


def takeaways_markdown(items: list[dict[str, str]]) -> str:
    """:func:`takeaways` as a MyST list, each finding linked to its chapter."""
    return "\n".join(f"- {item['text']} ({{doc}}`{item['doc']}`)" for item in items)


def acth_price_risk(headline: Headline, base_total: pd.Series) -> tuple[float, float]:
    """How much of the end year's value the base case loses in the scenario where ACTH's price falls fastest.

    Returns the difference in USD million and in percent of the base case's end-year value.
    """
    end = headline.end_year
    risky = totals(market_table(loading.load_parameters(PARAMS_DIR / f"{ACTH_PRICE_SCENARIO}.yaml"), headline))
    lost = float(base_total.loc[end] - risky.loc[end])
    return lost, 100 * lost / float(base_total.loc[end])


def key_number_records(numbers: dict[str, object], headline: Headline, own: dict[str, object] | None = None,
                       split: dict[str, float] | None = None) -> list[dict[str, object]]:
    """The headline numbers of :func:`.summary.key_figures` (and the own estimate's) as data: one record per number, with its unit.

    Each record: ``id`` (the glue name), ``label``, ``value`` (a JSON number, or the segment's name
    for a leader), ``unit`` (None for a name) and ``year`` (or ``years`` for a growth rate). What
    ``key_numbers.json`` publishes; the Data chapter documents it.
    """
    base, first, end = headline.key_years
    usd, pct_year, share = "USD million", "percent a year", f"percent of the {base} value"
    spec = [
        (f"value-{base}", f"Market value, {base}", usd, base),
        (f"value-{end}", f"Market value, {end}", usd, end),
        ("cagr", f"Growth a year, {first}-{end}", pct_year, [first, end]),
        ("drug-leader", f"Largest drug type, {base}", None, base),
        ("drug-leader-share", "Its share of the value", share, base),
        ("dosage-leader", f"Largest dosage, {base}", None, base),
        ("dosage-leader-share", "Its share of the value", share, base),
        ("region-leader", f"Largest region, {base}", None, base),
        ("region-leader-share", "Its share of the value", share, base),
        ("fastest-class", f"Fastest-growing therapeutic class, {first}-{end}", None, [first, end]),
        ("fastest-class-cagr", "Its growth a year", pct_year, [first, end]),
        (f"report-{base}", f"The report's market value, {base}", usd, base),
        (f"report-{end}", f"The report's market value, {end}", usd, end),
        ("report-cagr", f"The report's growth a year, {first}-{end}", pct_year, [first, end]),
    ]
    records = [{"id": key, "label": label, "value": numbers[key], "unit": unit,
                **({"years": when} if isinstance(when, list) else {"year": when})} for key, label, unit, when in spec]
    if own:
        for year in (base, end):
            records.append({"id": f"own-{year}", "label": f"The book's own estimate, {year} (every input at its stated value)",
                            "value": own[f"value-{year}"], "unit": usd, "year": year})
            for p in (5, 95):
                records.append({"id": f"own-p{p}-{year}", "label": f"Its range, {year}: P{p} of the Monte Carlo draws",
                                "value": own[f"p{p}-{year}"], "unit": usd, "year": year})
            records.append({"id": f"own-report-pctile-{year}", "label": f"Where the report's {year} value falls among those draws",
                            "value": own[f"report-pctile-{year}"], "unit": "percentile", "year": year})
        records.append({"id": "own-draws", "label": "Monte Carlo draws of the own estimate", "value": own["draws"],
                        "unit": "draws", "year": None})
    if split:
        us = labels.name("united_states")
        for key, label in (("us", f"The book's own estimate, {base}: in the {us}"),
                           ("outside", f"The book's own estimate, {base}: outside the {us}"),
                           ("report-us", f"The report's {base} value in the {us}, as the book's assumed split puts it"),
                           ("report-outside", f"The report's {base} value outside the {us}, as the book's assumed split puts it")):
            records.append({"id": f"split-{key}-{base}", "label": label, "value": split[key], "unit": usd, "year": base})
    # to 1e-10 (a millionth of a dollar in USD million): 146.34, not the arithmetic's 146.34000000000003
    return [{k: (round(float(v), 10) if isinstance(v, float) else v) for k, v in r.items()} for r in records]
