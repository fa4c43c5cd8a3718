"""Who earns the market: the product register as the chapter shows it, a product timeline, company profiles and shares."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..inputs.taxonomy import short_drug_name
from ..model.companies import company_ids, company_shares
from ..scenario.company_sections import UNIDENTIFIED
from ..scenario.parameters import Parameters
from .landscape import company_key
from .wording import join_names

KINDS = {"approval": "o", "launch": "^", "other": "s"}
"""Timeline markers by the kind of a product's date."""


def cite(source_id: str) -> str:
    """A MyST citation of a register source."""
    return f"{{cite:p}}`{source_id.replace('-', '')}`"


def products_table(products: pd.DataFrame) -> pd.DataFrame:
    """The product register as the chapter lists it, one row per product and market, in five columns that fit a page.

    Returns
    -------
    DataFrame
        ``Product, molecule and drug group``, ``Form (dosage)``, ``Market and company``,
        ``Labelled for infantile spasms`` and ``Date and source`` (the date, what it is, and the
        citation); lines separated by ``<br>``.
    """
    dates = products["date"].dt.strftime("%Y-%m-%d").fillna("not found") + " (" + products["date_kind"] + ")"
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
    with_is = set(labelled["company_id"])
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


def _value_line(values: pd.DataFrame, company_id: str, years: Sequence[int]) -> str:
    mine = values[values["company_id"] == company_id]
    if mine.empty:
        return "none in this scenario"
    by = mine.groupby(["drug", "region"])["value_usd_m"].sum()
    parts = []
    for (drug, region), _ in by.groupby(level=[0, 1]):
        amounts = [mine[(mine["drug"] == drug) & (mine["region"] == region) & (mine["year"] == y)]["value_usd_m"].sum()
                   for y in years]
        parts.append(f"{short_drug_name(drug)} in {region}: " + ", ".join(f"{a:.1f} ({y})" for a, y in zip(amounts, years)))
    return "; ".join(parts) + " USD million"


def profiles(products: pd.DataFrame, companies: pd.DataFrame, players: pd.DataFrame, events: pd.DataFrame,
             revenue: pd.DataFrame, values: pd.DataFrame, years: Sequence[int]) -> str:
    """A Markdown profile of each company with an infantile spasms product, then a shorter one per key player without.

    ``values`` is :func:`..model.companies.company_values` of the scenario.
    """
    lines: list[str] = []
    for company in companies.itertuples():
        if company.company_id == UNIDENTIFIED:
            continue
        mine = products[products["company_id"] == company.company_id]
        labelled = mine[mine["labelled_for_infantile_spasms"] == "yes"]
        if labelled.empty and company.key_player == "no":
            continue
        lines.append(f"**{company.company}**\n")
        hq = company.headquarters if pd.notna(company.headquarters) else "not confirmed"
        sourced = hq != "not confirmed" and "key_players.csv" not in hq and company.source_id != "dapmed-depakine"
        lines.append(f"- **Headquarters:** {hq}{' ' + cite(company.source_id) if sourced else ''}.")
        sells = [f"{p.brand} ({p.market}{', labelled for infantile spasms' if p.labelled_for_infantile_spasms == 'yes' else ', not labelled for infantile spasms' if p.labelled_for_infantile_spasms == 'no' else ', label not confirmed'}) {cite(p.source_id)}"
                 for p in mine.itertuples()]
        lines.append("- **Sells for infantile spasms, and where:** " + ("; ".join(sells) if sells else "no product found") + ".")
        key = company_key(company.company)
        own = events[events["company"].map(company_key) == key]
        lines.append("- **Events:** " + ("; ".join(f"{e.date:%Y-%m-%d}: {e.event} {cite(e.source_id)}" for e in own.itertuples())
                                         if len(own) else "none recorded") + ".")
        lines.append("- **Model value of its product groups in its markets:** " + _value_line(values, company.company_id, years) + ".")
        rev = revenue[revenue["company_id"] == company.company_id]
        lines.append("- **Reported revenue of these products:** " + ("; ".join(
            f"{r.product}, {r.market}, {r.year}: USD {r.revenue_usd_m:,.1f} million ({r.measure}) {cite(r.source_id)}"
            for r in rev.itertuples()) if len(rev) else "none found in a primary source") + ".")
        if pd.notna(company.other_anticonvulsants):
            lines.append(f"- **Other anticonvulsants:** {company.other_anticonvulsants} {cite(company.source_id)}.")
        lines.append("")
    known = {company_key(c) for c in companies["company"]}
    for player in players.itertuples():
        if company_key(player.company) in known:
            continue
        lines.append(f"**{player.company}** (key player of the report)\n")
        lines.append(f"- **Headquarters:** {player.headquarters_country}.")
        lines.append("- **Sells for infantile spasms:** no infantile spasms product could be found in the sources read, "
                     "and no drug of the other anticonvulsants group was confirmed for it in them.")
        lines.append("")
    return "\n".join(lines)


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


def range_chart_data(params: Parameters, ranges: pd.DataFrame, companies: pd.DataFrame) -> pd.DataFrame:
    """The Monte Carlo range of each company's share as ``low``, ``point`` (median), ``high``, named, smallest first."""
    names = companies.set_index("company_id")["company"]
    frame = ranges.rename(columns={"P5": "low", "P50": "point", "P95": "high"})[["low", "point", "high"]]
    frame.index = [names.get(c, c).split(" (")[0] for c in company_ids(params)]
    return frame.sort_values("point")
