"""Who earns the market: the product register as the chapter shows it, a product timeline, company profiles and shares."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from ..inputs.headline import Headline
from ..inputs.taxonomy import REGION_OF_COUNTRY_NAME, short_drug_name
from ..model.companies import company_ids, company_shares, company_values
from ..model.topdown import market_table
from ..scenario.company_sections import UNIDENTIFIED
from ..scenario.parameters import Parameters
from .events import date_text
from .landscape import company_key
from .own_estimate import estimate_params
from .pricing import cited_sales_numbers, pack_spread_numbers, unit_price_ratio
from .wording import MarkdownText, cite, cite_ids, join_names

KINDS = {"approval": "o", "launch": "^", "other": "s"}
"""Timeline markers by the kind of a product's date."""


def products_table(products: pd.DataFrame, source_ids: Iterable[str] = ()) -> pd.DataFrame:
    """The product register as the chapter lists it, one row per product and market, in five columns that fit a page.

    A register id in what a date is (``source_ids``: a date from another source than the row's) becomes a citation.

    Returns
    -------
    DataFrame
        ``Product, molecule and drug group``, ``Form (dosage)``, ``Market and company``,
        ``Labelled for infantile spasms`` and ``Date and source`` (the date, what it is, and the
        citation); lines separated by ``<br>``.
    """
    kinds = products["date_kind"].map(lambda kind: cite_ids(kind, source_ids))
    dates = products["date"].dt.strftime("%Y-%m-%d").fillna("not found") + " (" + kinds + ")"
    return pd.DataFrame({
        "Product, molecule and drug group": (products["brand"] + "<br>" + products["molecule"] + "<br>drug group: "
                                             + products["drug_group"].map(short_drug_name)),
        "Form (dosage)": products["form"] + " (" + products["dosage"] + ")",
        "Market and company": products["market"] + "<br>" + products["company"],
        "Labelled for infantile spasms": products["labelled_for_infantile_spasms"],
        "Date and source": dates + " " + products["source_id"].map(cite),
    })


def timeline(products: pd.DataFrame, companies: pd.DataFrame) -> pd.DataFrame:
    """The dated products for the timeline: ``date``, ``lane`` (company), ``kind``, ``label`` (product, market), ``filled``."""
    dated = products.dropna(subset=["date"]).copy()
    names = companies.set_index("company_id")["company"]
    kind = dated["date_kind"].str.extract(r"^(approval|launch)", expand=False).fillna("other")
    return pd.DataFrame({
        "date": pd.to_datetime(dated["date"]),
        "lane": dated["company_id"].map(names).str.split(" \\(").str[0],
        "kind": kind,
        "label": dated["brand"].str.split(" \\(").str[0] + ", " + dated["market"].str.replace("United ", "U. "),
        "filled": dated["labelled_for_infantile_spasms"].eq("yes").to_numpy(),
    }).sort_values("date").reset_index(drop=True)


def counts(products: pd.DataFrame, companies: pd.DataFrame, players: pd.DataFrame, prefix: str = "") -> dict[str, object]:
    """How many products, markets and companies the register holds, keyed for ``glue``."""
    labelled = products[products["labelled_for_infantile_spasms"] == "yes"]
    with_is = set(labelled["company_id"]) - set(GROUPS)
    player_keys = {company_key(c) for c in players["company"]}
    players_with = sorted(c for c in companies.loc[companies["company_id"].isin(with_is), "company"]
                          if company_key(c) in player_keys)
    return {
        f"{prefix}products": int(len(products)),
        f"{prefix}products-labelled": int(len(labelled)),
        f"{prefix}products-not-confirmed": int((products["labelled_for_infantile_spasms"] == "not confirmed").sum()),
        f"{prefix}markets": int(products["market"].nunique()),
        f"{prefix}companies-labelled": int(len(with_is)),
        f"{prefix}players-with-products": int(len(players_with)),
        f"{prefix}players-with-products-names": join_names(players_with) if players_with else "none",
    }


GROUPS = ("unidentified", "oral_steroid_makers", "other_anticonvulsant_makers", "other_treatment_makers",
          "other_us_vigabatrin_labelers")
"""Rows of companies.csv that are not companies: suppliers no source names, and the labelled groups of many makers."""


def coverage(products: pd.DataFrame, prefix: str = "") -> dict[str, object]:
    """Which of the report's named countries have a product in the data, keyed for ``glue``.

    Keys (after ``prefix``): ``countries-named``, ``countries-with-products`` and ``countries-without-products-names``.
    """
    named = list(REGION_OF_COUNTRY_NAME)
    found = set(products["market"])
    without = [c for c in named if c not in found]
    return {f"{prefix}countries-named": len(named), f"{prefix}countries-with-products": len(named) - len(without),
            f"{prefix}countries-without-products-names": join_names(without) if without else "none"}


SABRIL_SANOFI_SOURCES = ("emc-sabril-granules", "apotheke-adhoc-sabril-import", "guide-medicament-sabril",
                         "dica33-sabril", "mixonline-2016", "tga-2023-sabril", "bula-sabril-br", "doh-za-mpr-2016")
"""The sources the chapter cites where Sabril was Sanofi's (UK, Germany, France, Italy, Japan, Australia, Brazil, South
Africa): :func:`sources_span` dates them, and a test holds the chapter's citation to exactly these."""
UK_STEROID_SPREAD = ("United Kingdom", "oral_steroids")
"""The market and drug group whose pack prices' spread of course costs the chapter quotes (the model takes their mean)."""
DEPOT_AND_SHORT = ("synacthen-depot-uk", "synacthen-uk")
"""One market's depot and short-acting tetracosactide (rows of prices.csv), whose prices per unit the chapter compares."""


def pack_numbers(params: Parameters) -> dict[str, float | int]:
    """The pack prices the chapter quotes, keyed for ``glue``: ``uk-steroids-n``, ``-min``, ``-max``, ``-mean`` (the spread
    of :data:`UK_STEROID_SPREAD`'s courses, USD) and ``depot-over-short`` (:data:`DEPOT_AND_SHORT`'s ratio per unit)."""
    market, group = UK_STEROID_SPREAD
    return {**pack_spread_numbers(params, market, group, prefix="uk-steroids-"),
            "depot-over-short": unit_price_ratio(*DEPOT_AND_SHORT)}


def course_takeaway(cost: Mapping[str, float]) -> str:
    """The course-cost slide's title from :func:`.pricing.course_cost_numbers` (unprefixed): the US ACTH course against the UK's."""
    return (f"A course of ACTH costs about USD {cost['acth-united-states-derived']:,.0f} in the United States at "
            f"Acthar Gel's list price, against USD {cost['acth-united-kingdom-derived']:,.0f} in the United Kingdom")


def sources_span(sources: Iterable[dict], ids: Sequence[str], prefix: str = "") -> dict[str, object]:
    """The years a set of register sources spans, and how many are undated: prose about "the sources read" quotes them.

    ``sources`` is the register's list; ``ids`` the sources a sentence cites. An id the register lacks is an error,
    so the span cannot silently leave out a source.
    """
    chosen = [s for s in sources if s["id"] in set(ids)]
    missing = sorted(set(ids) - {s["id"] for s in chosen})
    if missing:
        raise KeyError(f"sources not in the register: {', '.join(missing)}")
    years = sorted(int(str(s["date_published"])[:4]) for s in chosen if s.get("date_published"))
    return {f"{prefix}from": years[0], f"{prefix}to": years[-1], f"{prefix}undated": len(chosen) - len(years)}


def profiled_companies(products: pd.DataFrame, companies: pd.DataFrame) -> list[str]:
    """The ids of the companies that get a profile: every company holding a product in products.csv, in companies.csv order."""
    holders = set(products["company_id"]) - set(GROUPS)
    return [c for c in companies["company_id"] if c in holders]


def _value_line(values: pd.DataFrame, company_id: str, years: Sequence[int]) -> str:
    mine = values[values["company_id"] == company_id]
    if mine.empty:
        return "none in this scenario"
    parts = []
    for (drug, country), rows in mine.groupby(["drug", "country"]):
        amounts = [rows.loc[rows["year"] == y, "value_usd_m"].sum() for y in years]
        parts.append(f"{short_drug_name(drug)} in {country}: " + ", ".join(f"{a:.1f} ({y})" for a, y in zip(amounts, years)))
    return "; ".join(parts) + " USD million"


def _revenue_line(rows: pd.DataFrame) -> str:
    period = {"year": "", "fiscal year to 30 Sep": "fiscal year to 30 Sep ", "Q1": "Q1 ", "Q2": "Q2 ", "Q3": "Q3 ", "Q4": "Q4 "}
    return "; ".join(f"{r.product}, {period[r.period]}{r.year}: {r.currency} {r.revenue_m:,.1f} million ({r.measure}) "
                     f"{cite(r.source_id)}" for r in rows.itertuples())


def profiles(products: pd.DataFrame, companies: pd.DataFrame, events: pd.DataFrame, revenue: pd.DataFrame,
             values: pd.DataFrame, years: Sequence[int], source_ids: Iterable[str] = ()) -> dict[str, str]:
    """A Markdown profile body for each company with a product (:func:`profiled_companies`), keyed by company id.

    The chapter gives each its own heading (a glued heading would not reach the page's contents);
    ``values`` is :func:`..model.companies.company_values` of the scenario; a register id in a company's note
    (``source_ids``) becomes a citation.
    """
    out = {}
    source_ids = list(source_ids)
    for company in companies.set_index("company_id").loc[profiled_companies(products, companies)].reset_index().itertuples():
        mine = products[products["company_id"] == company.company_id]
        lines = []
        hq = company.headquarters if pd.notna(company.headquarters) else "not confirmed"
        sourced = hq != "not confirmed" and "list of key players" not in hq and company.source_id != "dapmed-depakine"
        lines.append(f"- **Headquarters:** {hq}{' ' + cite(company.source_id) if sourced else ''}.")
        if company.key_player == "yes":
            lines.append("- **Key player of the report** " + cite("techsci-2025") + ".")
        label = {"yes": "labelled for infantile spasms", "no": "not labelled for infantile spasms",
                 "not confirmed": "label not confirmed"}
        sells = [f"{p.brand} ({p.market}, {label[p.labelled_for_infantile_spasms]}) {cite(p.source_id)}" for p in mine.itertuples()]
        lines.append("- **Products, and where:** " + "; ".join(sells) + ".")
        if pd.notna(company.note) and company.note:
            lines.append(f"- **Note:** {cite_ids(company.note, source_ids)}.")
        own = events[events["company"].map(company_key) == company_key(company.company)]
        when = date_text(own) if len(own) else []
        lines.append("- **Events:** " + ("; ".join(f"{d}: {e.event} {cite(e.source_id)}" for d, e in zip(when, own.itertuples()))
                                         if len(own) else "none recorded") + ".")
        lines.append("- **Model value of its product groups in its markets:** " + _value_line(values, company.company_id, years) + ".")
        rev = revenue[revenue["company_id"] == company.company_id]
        lines.append("- **Reported revenue of these products:** " + (_revenue_line(rev) if len(rev) else "none found") + ".")
        if pd.notna(company.other_anticonvulsants) and company.other_anticonvulsants:
            lines.append(f"- **Other anticonvulsants:** {company.other_anticonvulsants} {cite(company.source_id)}.")
        out[company.company_id] = "\n".join(lines)
    return out


def players_without_products(players: pd.DataFrame, products: pd.DataFrame, companies: pd.DataFrame,
                             source_ids: Iterable[str] = ()) -> pd.DataFrame:
    """The report's key players that hold no product in products.csv: company, headquarters and what the data hold on them.

    A register id in a note (``source_ids``) becomes a citation.
    """
    holders = {company_key(c) for c in companies.loc[companies["company_id"].isin(set(products["company_id"])), "company"]}
    rows = players[~players["company"].map(company_key).isin(holders)]
    notes = rows["note"].fillna("").str.replace("Headquarters country is public record, not from the report. ", "", regex=False)
    return pd.DataFrame({
        "Key player (as the report names it)": rows["company"].to_numpy(),
        "Headquarters country": rows["headquarters_country"].to_numpy(),
        "What the book's data hold": [cite_ids(n, source_ids) if n and not n.startswith("Headquarters country is public record")
                                      else "no infantile spasms product found" for n in notes],
    })


def shares_table(params: Parameters, table: pd.DataFrame, ranges: pd.DataFrame, companies: pd.DataFrame,
                 years: Sequence[int]) -> pd.DataFrame:
    """Company shares of the global market in the first and last year, with the Monte Carlo range of the last."""
    shares = company_shares(params, table, list(years))
    names = companies.set_index("company_id")["company"]
    frame = pd.DataFrame({
        "Company": [names.get(c, c) for c in shares.index],
        f"Value {years[0]} (USD m)": shares[f"value_{years[0]}_usd_m"].to_numpy(),
        f"Share {years[0]} (%)": shares[f"share_{years[0]}_pct"].to_numpy(),
        f"Share {years[-1]} (%)": shares[f"share_{years[-1]}_pct"].to_numpy(),
        f"P5-P95 {years[-1]} (%)": [f"{lo:.1f}-{hi:.1f}" for lo, hi in zip(ranges["P5"], ranges["P95"])],
    })
    return frame


def share_chart_data(params: Parameters, table: pd.DataFrame, companies: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """Shares (%) in the first and last year by company, smallest first (the chart's bottom row), names as index."""
    shares = company_shares(params, table, list(years))[[f"share_{y}_pct" for y in years]]
    shares.index = [companies.set_index("company_id")["company"].get(c, c).split(" (")[0] for c in shares.index]
    return shares.sort_values(f"share_{years[-1]}_pct")


def shares_takeaway(shares: pd.DataFrame, companies: pd.DataFrame, year: int) -> str:
    """The company-shares slide's title: the named company with the largest share in ``year``, and the share of makers no
    source names, under the chart's label for them (``shares``: :func:`share_chart_data`)."""
    names = companies.set_index("company_id")["company"].map(lambda n: str(n).split(" (")[0])
    groups = {names[g] for g in GROUPS if g in names.index}
    column = f"share_{year}_pct"
    named = shares.loc[[n for n in shares.index if n not in groups], column]
    unnamed = names[UNIDENTIFIED]  # in the chart's own words, lower-cased inside the sentence
    return (f"{named.idxmax()} holds an estimated {named.max():.1f} % of the {year} market, the most of any named company; "
            f"{unnamed[0].lower() + unnamed[1:]} hold {float(shares.loc[unnamed, column]):.1f} %")


def range_chart_data(params: Parameters, ranges: pd.DataFrame, companies: pd.DataFrame) -> pd.DataFrame:
    """The Monte Carlo range of each company's share as ``low``, ``point`` (median), ``high``, named, smallest first."""
    names = companies.set_index("company_id")["company"]
    frame = ranges.rename(columns={"P5": "low", "P50": "point", "P95": "high"})[["low", "point", "high"]]
    frame.index = [names.get(c, c).split(" (")[0] for c in company_ids(params)]
    return frame.sort_values("point")


def share_numbers(params: Parameters, table: pd.DataFrame, claims: pd.DataFrame, year: int, prefix: str = "") -> dict[str, object]:
    """The shares the chapter quotes, keyed for ``glue``: the groups' shares in ``year``, and Mallinckrodt and Lundbeck
    beside the peer's claim (``claims``: peer_claims.csv) measured four ways.

    Keys (after ``prefix``): ``unidentified-share``, ``groups-share`` (the labelled groups of many makers), ``named-share``
    (companies), ``mallinckrodt-share``, ``pair-share`` (Mallinckrodt and Lundbeck), ``pair-share-acth-vigabatrin`` (of
    ACTH and vigabatrin only), ``pair-share-us`` (of the US market), ``pair-share-no-generics`` (had Lundbeck all US
    vigabatrin), ``claim-pct``, ``claim-bound``, ``claim-publisher``, ``claim-verdict`` and ``claim-reading`` (what the
    verdict means for the claim, worded from which measures reach it).
    """
    values = company_values(params, table)
    now = values[values["year"] == year]
    total = now["value_usd_m"].sum()

    def share(rows: pd.DataFrame, of: float = total) -> float:
        return float(100 * rows["value_usd_m"].sum() / of)

    pair = now[now["company_id"].isin(["mallinckrodt", "lundbeck"])]
    us = now[now["country"] == "United States"]
    main_groups = now[now["drug"].isin(["acth", "vigabatrin"])]
    no_generics = (now.loc[now["company_id"] == "mallinckrodt", "value_usd_m"].sum()
                   + us.loc[us["drug"] == "vigabatrin", "value_usd_m"].sum()
                   + now.loc[(now["company_id"] == "lundbeck") & (now["country"] != "United States"), "value_usd_m"].sum())
    claim = claims.iloc[0]
    groups = [g for g in GROUPS if g != UNIDENTIFIED]
    ways = {"the US market": share(pair[pair["country"] == "United States"], us["value_usd_m"].sum()),
            "ACTH and vigabatrin": share(pair, main_groups["value_usd_m"].sum()),
            "the world without US generics": float(100 * no_generics / total), "the world market": share(pair)}
    reach = [way for way, value in ways.items() if value >= claim["share_pct"]]
    verdict = (f"Of these, only {join_names(reach)} {'reaches' if len(reach) == 1 else 'reach'} the claimed share"
               if reach else "None of these reaches the claimed share")
    return {
        f"{prefix}claim-verdict": verdict,
        f"{prefix}claim-reading": claim_reading(reach),
        f"{prefix}unidentified-share": share(now[now["company_id"] == UNIDENTIFIED]),
        f"{prefix}groups-share": share(now[now["company_id"].isin(groups)]),
        f"{prefix}named-share": share(now[~now["company_id"].isin(GROUPS)]),
        f"{prefix}mallinckrodt-share": share(now[now["company_id"] == "mallinckrodt"]),
        f"{prefix}pair-share": share(pair),
        f"{prefix}pair-share-acth-vigabatrin": share(pair, main_groups["value_usd_m"].sum()),
        f"{prefix}pair-share-us": share(pair[pair["country"] == "United States"], us["value_usd_m"].sum()),
        f"{prefix}pair-share-no-generics": float(100 * no_generics / total),
        f"{prefix}claim-pct": float(claim["share_pct"]), f"{prefix}claim-bound": str(claim["bound"]),
        f"{prefix}claim-publisher": str(claim["publisher"]),
    }


def claim_reading(reach: Sequence[str]) -> str:
    """What the peer's claim matches, from the measures of the pair's share that reach it (``share_numbers``)."""
    if "the world market" in reach:
        return "in this scenario the claim holds even for the world market"
    if reach == ["the US market"]:
        return "the claim matches the two companies' share of the US market, not their share of the world market"
    if reach:
        return f"the claim matches {join_names(reach)}, not the world market"
    return "in this scenario the claim matches none of these measures, not even the US market"


# --------------------------------------------------------------------------- the chapter's glue and tables
def profile_texts(profiles: dict[str, str]) -> dict[str, MarkdownText]:
    """Each company's profile (:func:`profiles`) keyed for glue, ``profile-<company id with hyphens>``, in Markdown."""
    return {f"profile-{company_id.replace('_', '-')}": MarkdownText(body) for company_id, body in profiles.items()}


def change_table(change: pd.DataFrame) -> pd.DataFrame:
    """:func:`.pricing.bottom_up_change` for print, with its columns named as readers see them."""
    return change.rename(columns={"index_only_usd_m": "Calibrated price level only (USD m)",
                                  "with_prices_usd_m": "With pack prices (USD m)"})


def priced_markets(change: pd.DataFrame) -> str:
    """The markets of :func:`.pricing.bottom_up_change` with pack prices, as a list (``World`` left out)."""
    return ", ".join(market for market in change.index if market != "World")


def cited_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """:func:`.pricing.cited_sales` for print, with its columns named as readers see them."""
    return comparison.rename(columns={"group": "Drug, market", "series": "Figure", "value": "USD million",
                                      "covers": "What it covers"})


def own_estimate_cited_numbers(params: Parameters, headline: Headline, cited: pd.DataFrame, year: int) -> dict[str, object]:
    """:func:`.pricing.cited_sales_numbers` for the book's own estimate (its market table and its total in ``year``)."""
    table = market_table(estimate_params(params), headline)
    total = float(table.loc[table["year"] == year, "value_usd_m"].sum())
    return cited_sales_numbers(table, cited, total, year)
