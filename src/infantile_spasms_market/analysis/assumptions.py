"""The assumptions log: evidence quality (judged in ``params/assumptions_log.yaml``) beside measured impact, and the methodology chapter's views of it.

Quality is a judgement with its reason, kept in a data-like file and checked against the parameters'
declarations (every path exists, an unverified or unsourced assumption is never green). A parameter
the log does not judge yet is rated by its declared basis (:func:`unrated`), so a new parameter is its
declaration and its value.
Impact is measured, not judged: the one-at-a-time swing of the total in the last forecast year and of the bottom-up
value when the assumption's distributions move from their low to their high values. An assumption
that moves neither (a regional or drug split) is rated ``split only``; one without a distribution
is ``not measured``. The chapter shows the log as a listing, a matrix of evidence against impact,
counts and a chart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import pandas as pd
import yaml
from IPython.display import Markdown
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from .. import labels
from ..inputs import declared
from ..model.sensitivity import tornado
from ..paths import ASSUMPTIONS_LOG as LOG_FILE
from ..paths import shown
from .parameter_table import parameter_table
from ..scenario.parameters import Parameters

# --------------------------------------------------------------------------- the log: quality read, impact measured
NOT_ASSUMPTIONS = ("uncertainty.",)  # Monte Carlo settings
# Impact ratings: the larger relative swing (top-down total in the last forecast year or bottom-up value) at or above these.
IMPACT_RED, IMPACT_AMBER = 0.05, 0.01
RATINGS = ("green", "amber", "red")


class LogEntry(BaseModel):
    """One judged assumption."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    path: str
    quality: Literal["green", "amber", "red"]
    reasoning: str = Field(min_length=20)


class AssumptionsLogError(ValueError):
    """The assumptions log is malformed or disagrees with the parameter model."""


def load_log(path: Path = LOG_FILE) -> list[LogEntry]:
    """The entries of the log file, validated (errors name the entry and field)."""
    declared.check(shown(Path(path)))
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AssumptionsLogError(f"assumptions log not found: {path}") from None
    try:
        return TypeAdapter(list[LogEntry]).validate_python(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"])
            problems.append(f"entry {where}: {error['msg']}")
        raise AssumptionsLogError(f"{Path(path).name}: " + "; ".join(problems)) from None


def assumption_paths(params: Parameters) -> list[str]:
    """The assumptions the log must rate: every documented parameter except the Monte Carlo settings."""
    return [p for p in parameter_table(params)["path"] if not p.startswith(NOT_ASSUMPTIONS)]


def check_log(entries: list[LogEntry], params: Parameters) -> list[str]:
    """Problems of the log against the model; an empty list means it is complete and consistent."""
    table = parameter_table(params).set_index("path")
    expected = assumption_paths(params)
    problems = []
    seen: set[str] = set()
    for entry in entries:
        if entry.path in seen:
            problems.append(f"{entry.path}: rated twice")
        seen.add(entry.path)
        if entry.path not in expected:
            problems.append(f"{entry.path}: not a parameter of the model (documented parameters: see the parameter table)")
            continue
        row = table.loc[entry.path]
        if entry.quality == "green" and "unverified" in row["rationale"].lower():
            problems.append(f"{entry.path}: rated green but its rationale says it is unverified")
        if entry.quality == "green" and row["basis"] == "assumption":
            problems.append(f"{entry.path}: rated green but the model calls it an assumption")
    return problems


BASIS_QUALITY = {"sourced": "green", "derived": "amber", "assumption": "red"}
"""The rating a basis implies, by the log's own rules (green: a source measures the value; red: no direct evidence)."""


def unrated(entries: list[LogEntry], params: Parameters) -> list[LogEntry]:
    """The parameters the log does not judge, rated by their declarations: by basis, never green when unverified."""
    rated = {entry.path for entry in entries}
    table = parameter_table(params).set_index("path")
    found = []
    for path in assumption_paths(params):
        if path in rated:
            continue
        row = table.loc[path]
        quality = BASIS_QUALITY[row["basis"]]
        if quality == "green" and "unverified" in row["rationale"].lower():
            quality = "amber"
        reasoning = f"Not judged in the log yet: rated by its basis ({row['basis']}). {row['rationale']}"
        found.append(LogEntry(path=path, quality=quality, reasoning=reasoning))
    return found


def evidence_rating(path: str, params: Parameters, entries: list[LogEntry] | None = None) -> str:
    """The evidence rating (green, amber or red) of one assumption: the log's, else the one its basis implies (:func:`unrated`)."""
    entries = load_log() if entries is None else entries
    for entry in [*entries, *unrated(entries, params)]:
        if entry.path == path:
            return entry.quality
    raise KeyError(f"{path}: not an assumption the log rates (documented parameters: see the parameter table)")


SPLIT_ONLY = "split only"


def _rating(relative_swing: float) -> str:
    """Red, amber or green by size; ``split only`` when neither total moves (the assumption only splits them)."""
    if pd.isna(relative_swing):
        return "not measured"
    if relative_swing == 0:
        return SPLIT_ONLY
    return "red" if relative_swing >= IMPACT_RED else "amber" if relative_swing >= IMPACT_AMBER else "green"


def measured_impact(params: Parameters) -> pd.DataFrame:
    """The largest relative one-at-a-time swing of each assumption that has a distribution.

    Returns
    -------
    DataFrame
        Indexed by assumption path: ``swing_total_pct`` and ``swing_bottom_up_pct`` (swing as a
        percentage of the scenario's value; the largest over the distributions under that path).
    """
    frames = {}
    for outcome in ("total", "bottom_up"):
        frame = tornado(params, outcome=outcome)
        frames[outcome] = (frame["swing"].abs() / frame["outcome_base"].abs()).rename(outcome)
    swings = pd.concat(frames.values(), axis=1)
    owners = {}
    for path in assumption_paths(params):
        under = [p for p in swings.index if p == path or p.startswith(path + ".")]
        if under:
            owners[path] = swings.loc[under].max()
    result = pd.DataFrame(owners).T if owners else pd.DataFrame(columns=list(frames))
    return (100 * result).rename(columns={"total": "swing_total_pct", "bottom_up": "swing_bottom_up_pct"})


def assumptions_log(params: Parameters, entries: list[LogEntry] | None = None) -> pd.DataFrame:
    """The log as the methodology chapter prints it: quality and reasoning beside the measured impact.

    Raises
    ------
    AssumptionsLogError
        When the log disagrees with the model (see :func:`check_log`).
    """
    entries = load_log() if entries is None else entries
    problems = check_log(entries, params)
    if problems:
        raise AssumptionsLogError("assumptions log: " + "; ".join(problems))
    entries = [*entries, *unrated(entries, params)]
    sources = parameter_table(params).set_index("path")["source"]
    impact = measured_impact(params)
    rows = []
    for entry in entries:
        total = impact["swing_total_pct"].get(entry.path, float("nan"))
        bottom_up = impact["swing_bottom_up_pct"].get(entry.path, float("nan"))
        largest = max(total, bottom_up) if not (pd.isna(total) or pd.isna(bottom_up)) else float("nan")
        rows.append(
            {
                "path": entry.path,
                "quality": entry.quality,
                "impact": _rating(largest / 100),
                "swing_total_pct": total,
                "swing_bottom_up_pct": bottom_up,
                "source": sources[entry.path],
                "reasoning": entry.reasoning,
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- the methodology chapter's views
QUALITY_ORDER = ("red", "amber", "green")
IMPACT_ORDER = ("red", "amber", "green", SPLIT_ONLY, "not measured")


def _pct(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.1f}"


def assumptions_listing(log: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """The log (:func:`.assumptions_log.assumptions_log`) as text: ratings, swings (one decimal) and reasons.

    Returns
    -------
    DataFrame
        ``Assumption`` (its display name and its code name), ``Rating and measured swing`` (evidence,
        impact, then the swing of the total in ``end_year`` and of the bottom-up value in %, when
        measured, one per line) and ``Why this rating``.
    """
    def rating(row) -> str:
        text = f"Evidence {row.quality}<br>Impact {row.impact}"
        if not pd.isna(row.swing_total_pct):
            text += f"<br>{end_year} total {_pct(row.swing_total_pct)} %<br>bottom-up {_pct(row.swing_bottom_up_pct)} %"
        return text

    return pd.DataFrame({
        "Assumption": log["path"].map(labels.parameter_cell),
        "Rating and measured swing": [rating(row) for row in log.itertuples(index=False)],
        "Why this rating": list(log["reasoning"]),
    })


def quality_impact_matrix(log: pd.DataFrame) -> pd.DataFrame:
    """Number of assumptions by evidence quality (rows, ``Evidence red`` first) and impact (columns, ``Impact: ...``)."""
    matrix = pd.crosstab(log["quality"], log["impact"]).reindex(index=list(QUALITY_ORDER), columns=list(IMPACT_ORDER),
                                                                fill_value=0)
    matrix.index = [f"Evidence {q}" for q in matrix.index]
    matrix.columns = [f"Impact: {c}" for c in matrix.columns]
    return matrix


def assumptions_values(log: pd.DataFrame) -> dict[str, Any]:
    """The log's counts for the prose, and the assumptions to research first (red evidence and red impact).

    Returns
    -------
    dict
        ``met-n-green``, ``met-n-amber``, ``met-n-red``; ``met-research-first`` (Markdown: the paths
        in code font, or ``none``); ``met-n-measured`` (assumptions with a measured impact) and
        ``met-n-assumptions``; ``met-impact-red-pct`` and ``met-impact-amber-pct`` (the swings, % of the
        value, from which impact is rated red and amber).
    """
    counts = log["quality"].value_counts()
    values: dict[str, Any] = {f"met-n-{q}": int(counts.get(q, 0)) for q in QUALITY_ORDER}
    first = log[(log["quality"] == "red") & (log["impact"] == "red")]["path"].tolist()
    values["met-research-first"] = Markdown(labels.parameter_list(first) if first else "none")
    values["met-n-measured"] = int(log["impact"].isin([*RATINGS, SPLIT_ONLY]).sum())
    values["met-n-assumptions"] = len(log)
    values["met-impact-red-pct"] = 100 * IMPACT_RED
    values["met-impact-amber-pct"] = 100 * IMPACT_AMBER
    return values


def impact_chart_data(log: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """The assumptions with a measured impact, smallest largest swing first (ties: path in reverse order).

    Returns
    -------
    DataFrame
        Indexed by the assumption's display name (``assumption``): ``quality``, ``swing_total_<end_year>_pct`` and ``swing_bottom_up_pct``.
    """
    rated = log.dropna(subset=["swing_total_pct"]).copy()
    rated["largest"] = rated[["swing_total_pct", "swing_bottom_up_pct"]].max(axis=1)
    rated = rated.sort_values(["largest", "path"], ascending=[True, False])
    rated["assumption"] = rated["path"].map(labels.name)
    return (rated.set_index("assumption")[["quality", "swing_total_pct", "swing_bottom_up_pct"]]
            .rename(columns={"swing_total_pct": f"swing_total_{end_year}_pct"}))
