"""The competitive landscape: company names matched across data files, which drug group and timeline lane each event belongs to."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pandas as pd

from ..model.views import view
from .events import for_infantile_spasms, in_date_order
from .wording import cite_ids, join_names

DRUG_OF_EVENT = {"acth": "acth", "vigabatrin": "vigabatrin", "cannabidiol": "other_anticonvulsants"}
"""The modelled drug group of each drug named in ``data/events.csv`` (cannabidiol is one of the other anticonvulsants)."""
LANES = {"acth": "ACTH", "vigabatrin": "Vigabatrin", "cannabidiol": "Cannabidiol"}
OTHER_LANE = "Other"
LANE_ORDER = (*LANES.values(), OTHER_LANE)
"""The timeline's lanes from top to bottom."""
MARKERS = {"approval": "o", "launch": "^", "deal": "D", "generic": "s", "pipeline": "*", "market": "X"}
MARKER_SIZES = {"pipeline": 300}
"""Marker area of a kind of event when it differs from the timeline's default (a star needs more room)."""
OTHER_INDICATION = " (other indication)"
KEY_PLAYER_MARK = " ★"


def company_key(name: str) -> str:
    """First word of a company name, lower case, letters and digits only: enough to match
    ``Teva Pharmaceutical Industries (Ltd)`` in the report's list with ``Teva`` in the events."""
    return re.sub(r"[^a-z0-9]", "", name.split()[0].lower())


def chapter_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events in date order (:func:`.events.in_date_order`, with ``date_text``) and what the chapter shows of each.

    Added columns: ``specific`` (concerns infantile spasms), ``drug_group`` (a modelled drug id, or
    missing), ``lane`` (the timeline's lane) and ``label`` (the company's first word).
    """
    events = in_date_order(events)
    return events.assign(
        specific=for_infantile_spasms(events),
        drug_group=events["drug"].map(DRUG_OF_EVENT),
        lane=events["drug"].map(LANES).fillna(OTHER_LANE),
        label=events["company"].str.split().str[0],
    )


def event_counts(events: pd.DataFrame, prefix: str = "") -> dict[str, int]:
    """How many events, how many concern infantile spasms, and the years they span, keyed for ``glue``.

    Keys (after ``prefix``): ``events``, ``events-specific``, ``events-other``, ``first-year``, ``last-year``.
    """
    specific = int(events["specific"].sum())
    years = events["date"].dt.year
    return {
        f"{prefix}events": int(len(events)),
        f"{prefix}events-specific": specific,
        f"{prefix}events-other": int(len(events) - specific),
        f"{prefix}first-year": int(years.min()),
        f"{prefix}last-year": int(years.max()),
    }


def suppliers(events: pd.DataFrame, drug_group: str) -> str:
    """The companies behind the events on ``drug_group`` (first word of each name, in order of their
    first event), those with no infantile spasms event marked ``(other indication)``."""
    rows = events[events["drug_group"] == drug_group]
    names = [
        company.split()[0] + ("" if group["specific"].any() else OTHER_INDICATION)
        for company, group in rows.groupby("company", sort=False)
    ]
    return ", ".join(names) if names else "no event in the data"


def value_by_drug(table: pd.DataFrame, events: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """Market value of each drug group in ``years`` (columns), with the companies behind its events.

    Drug groups with no value in the last year are left out; rows are sorted by that value, smallest first.
    The last column, ``companies_in_events``, is :func:`suppliers` of each group.
    """
    values = view(table, "drug").loc[list(years)].T
    values = values[values[years[-1]] > 0].sort_values(years[-1])
    return values.assign(companies_in_events=[suppliers(events, d) for d in values.index])


def share_numbers(values: pd.Series, prefix: str = "") -> dict[str, float]:
    """ACTH's and vigabatrin's share (%) of ``values`` (one year of :func:`value_by_drug`), keyed for ``glue``.

    Keys (after ``prefix``): ``acth-share`` and ``vigabatrin-share``.
    """
    shares = 100 * values / values.sum()
    return {f"{prefix}acth-share": float(shares["acth"]), f"{prefix}vigabatrin-share": float(shares["vigabatrin"])}


def value_takeaway(shares: dict[str, float], year: int, prefix: str = "") -> str:
    """The value chart's slide title from :func:`share_numbers` (its keys after ``prefix``): ACTH's and vigabatrin's share."""
    held = shares[f"{prefix}acth-share"] + shares[f"{prefix}vigabatrin-share"]
    return f"ACTH and vigabatrin hold {held:.0f} % of the {year} market"


def players_table(players: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The report's key players with their headquarters, the products the data hold and their events."""
    keys = events["company"].map(company_key)
    return pd.DataFrame({
        "Company (as named by the report)": players["company"],
        "Headquarters": players["headquarters_country"],
        "Infantile spasms products in the data": players["relevant_products"].fillna("none found"),
        "Events in this chapter": [int((keys == company_key(c)).sum()) for c in players["company"]],
    })


def player_counts(players: pd.DataFrame, events: pd.DataFrame, prefix: str = "") -> dict[str, int | str]:
    """How the report's key players relate to the recorded events, keyed for ``glue``.

    Keys (after ``prefix``): ``players``, ``players-in-events`` (how many appear in an event) and
    ``players-in-events-names``, ``players-specific`` (in an event about infantile spasms),
    ``players-with-products`` (and ``players-with-products-names``) and ``specific-companies`` (every company
    behind such an event).
    """
    keys = events["company"].map(company_key)
    known = set(keys)
    in_events = [c for c in players["company"] if company_key(c) in known]
    in_specific = [c for c in in_events if events.loc[keys == company_key(c), "specific"].any()]
    return {
        f"{prefix}players": int(len(players)),
        f"{prefix}players-in-events": int(len(in_events)),
        f"{prefix}players-in-events-names": ", ".join(in_events) if in_events else "none",
        f"{prefix}players-specific": int(len(in_specific)),
        f"{prefix}players-with-products": int(players["relevant_products"].notna().sum()),
        f"{prefix}players-with-products-names": join_names(players.loc[players["relevant_products"].notna(), "company"])
        if players["relevant_products"].notna().any() else "none",
        f"{prefix}specific-companies": ", ".join(sorted(set(events.loc[events["specific"], "company"]))),
    }


def companies_in_events(events: pd.DataFrame, players: pd.DataFrame) -> pd.DataFrame:
    """Events per company, about infantile spasms or not, with the report's key players starred.

    One row per company in the events (named as in its last event), most events first; a last row
    counts the key players with no event. Columns: ``company``, ``infantile_spasms_events``,
    ``other_events``, ``key_player``.
    """
    keys = events["company"].map(company_key)
    player_keys = {company_key(p) for p in players["company"]}
    names = dict(zip(keys, events["company"]))
    rows = []
    for key, name in names.items():
        mine = events[keys == key]
        rows.append({
            "company": name + (KEY_PLAYER_MARK if key in player_keys else ""),
            "infantile_spasms_events": int(mine["specific"].sum()),
            "other_events": int((~mine["specific"]).sum()),
            "key_player": key in player_keys,
        })
    frame = pd.DataFrame(rows)
    total = frame["infantile_spasms_events"] + frame["other_events"]
    frame = frame.assign(total=total).sort_values(
        ["total", "infantile_spasms_events", "company"], ascending=[False, False, True]
    )
    absent = sum(1 for p in players["company"] if company_key(p) not in names)
    last = {"company": f"The report's other {absent} key players{KEY_PLAYER_MARK}", "infantile_spasms_events": 0,
            "other_events": 0, "key_player": True}
    return pd.concat([frame.drop(columns="total"), pd.DataFrame([last])], ignore_index=True)


def timeline(events: pd.DataFrame) -> pd.DataFrame:
    """What the timeline plots of each event: ``date``, ``lane``, ``kind``, ``label``, ``filled`` (about infantile spasms)."""
    return events[["date", "lane", "kind", "label"]].assign(filled=events["specific"].to_numpy())


def events_table(events: pd.DataFrame, source_ids: Iterable[str] = ()) -> pd.DataFrame:
    """The recorded events as the chapter lists them, each with a citation of its source.

    A register id in a remark (``source_ids``) becomes a citation, not a code name.
    """
    source_ids = list(source_ids)
    return pd.DataFrame({
        "Date": events["date_text"],
        "Event": events["event"],
        "Company": events["company"],
        "About infantile spasms": events["specific"].map({True: "yes", False: "no"}),
        "Why not, or remark": [cite_ids(note, source_ids) for note in events["note"].fillna("")],
        "Source": events["source_id"].map(lambda s: f"{{cite:p}}`{s.replace('-', '')}`"),
    })


def recent_counts(events: pd.DataFrame, prefix: str = "") -> dict[str, int]:
    """Events of the last two recorded years, and the year of ACTH's and vigabatrin's first approval for infantile spasms.

    Keys (after ``prefix``): ``recent-from``, ``recent``, ``recent-specific``, ``vigabatrin-year``, ``acth-year``.
    """
    years = events["date"].dt.year
    recent = events[years >= years.max() - 1]
    first_approval = events[(events["kind"] == "approval") & events["specific"]].groupby("drug")["date"].min()
    return {
        f"{prefix}recent-from": int(recent["date"].dt.year.min()),
        f"{prefix}recent": int(len(recent)),
        f"{prefix}recent-specific": int(recent["specific"].sum()),
        f"{prefix}vigabatrin-year": int(first_approval["vigabatrin"].year),
        f"{prefix}acth-year": int(first_approval["acth"].year),
    }


def pipeline_table(pipeline: pd.DataFrame) -> pd.DataFrame:
    """The trials as the chapter lists them, in three columns that fit the text column at 1280 px.

    The candidate with its sponsor; the registry number with the trial's phase and status
    (``Phase 2; terminated``); the remark followed by its source's citation (a column of its own
    was too narrow to read). Lines are separated by ``<br>``.
    """
    status = pipeline["status"].fillna("status not given").map(lambda s: s[:1].lower() + s[1:])
    cites = pipeline["source_id"].map(lambda s: f"{{cite:p}}`{s.replace('-', '')}`")
    return pd.DataFrame({
        "Candidate and sponsor": pipeline["candidate"] + "<br>sponsor: " + pipeline["sponsor"].fillna("not given"),
        "Trial: registry number, phase and status": (pipeline["trial_id"].fillna("registry number not given") + "<br>"
                                                     + pipeline["phase"].fillna("phase not given") + "; " + status),
        "Remark and source": [f"{note} {cite}" if note else cite for note, cite in zip(pipeline["note"].fillna(""), cites)],
    })


def value_download(by_drug: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """:func:`value_by_drug` for its figure's CSV: ``value_<year>_usd_m`` columns, rounded."""
    return by_drug.rename(columns={y: f"value_{y}_usd_m" for y in years}).round(4)


def companies_chart_data(companies: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """:func:`companies_in_events` for the stacked bars, last company first: the events about infantile spasms and about
    other conditions by company, and which companies are key players (set in bold)."""
    shown = companies.iloc[::-1].set_index("company")
    counts = shown[["infantile_spasms_events", "other_events"]].set_axis(["About infantile spasms", "About other conditions"], axis=1)
    return counts, shown["key_player"]


def timeline_download(events: pd.DataFrame) -> pd.DataFrame:
    """The events of the timeline for its CSV: date, precision, lane, kind, company, whether about infantile spasms, source."""
    return events[["date", "date_precision", "lane", "kind", "company", "specific", "event", "source_id"]].rename(
        columns={"specific": "about_infantile_spasms"})
