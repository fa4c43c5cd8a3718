"""The "What changed" page: a build set beside the published book it replaces (inputs, code, headline numbers).

Both sides come from run manifests: the one the published book carries and the one of this build.
A manifest records what the next build needs to compare: the resolved parameters, a hash of every
data file, the code version and the headline numbers (:func:`headline_numbers`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..reproducible import edition_date, source_commit
from ..scenario.diff import parameter_changes
from .markdown import pipe_table

NOTHING = "none"
HEADLINE_LABELS = {  # what each recorded number is, in the order the page lists them
    "value-base": "Market value, base year (USD million)",
    "value-end": "Market value, end year (USD million)",
    "cagr": "Growth a year over the report's period (%)",
    "drug-leader": "Largest drug type, base year",
    "drug-leader-share": "Its share of the value (%)",
    "dosage-leader": "Largest dosage, base year",
    "dosage-leader-share": "Its share of the value (%)",
    "region-leader": "Largest region, base year",
    "region-leader-share": "Its share of the value (%)",
    "fastest-class": "Fastest-growing therapeutic class",
    "fastest-class-cagr": "Its growth a year (%)",
}


def headline_numbers(params) -> dict[str, Any]:
    """The scenario's headline numbers as the executive summary glues them, under year-free keys, with the years.

    Parameters
    ----------
    params : Parameters
        The scenario's validated parameters (the model is run once, about 25 ms).
    """
    from ..analysis.summary import key_figures
    from ..inputs.headline import Headline
    from ..model.topdown import market_table

    headline = Headline.from_data()
    numbers = key_figures(market_table(params, headline), headline)
    base, first, end = headline.key_years
    renamed = {f"value-{base}": "value-base", f"value-{end}": "value-end"}
    recorded = {renamed.get(k, k): v for k, v in numbers.items() if renamed.get(k, k) in HEADLINE_LABELS}
    return {"years": {"base": base, "first": first, "end": end}, "numbers": recorded}


def data_changes(old: Mapping[str, str], new: Mapping[str, str]) -> list[tuple[str, str]]:
    """``(file, what happened)`` for every data file added, removed or changed (by SHA-256)."""
    rows = []
    for name in sorted(old.keys() | new.keys()):
        if name not in old:
            rows.append((name, "added"))
        elif name not in new:
            rows.append((name, "removed"))
        elif old[name] != new[name]:
            rows.append((name, f"changed (`{old[name][:12]}` to `{new[name][:12]}`)"))
    return rows


def code_version(manifest: Mapping[str, Any]) -> str:
    """The git commit a manifest records (``with uncommitted changes`` when dirty) and the hash of the package's code."""
    commit, dirty = source_commit(dict(manifest))
    commit, dirty = commit or "not a git checkout", " with uncommitted changes" if dirty else ""
    package = manifest.get("package_hash")
    return f"commit `{commit}`{dirty}" + (f", package code `{package[:12]}`" if package else "")


def _value(value: Any) -> str:
    """A headline number with two decimals, a name as it is, a missing one as a dash."""
    if value is None:
        return "\u2014"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _parameter(value: Any) -> str:
    """A parameter's value as written in a scenario file (floats in their shortest exact form)."""
    return "\u2014" if value is None else f"`{value!r}`" if isinstance(value, float) else f"`{value}`"


def headline_rows(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[list[str]]:
    """One row per headline number: what it is, old, new and the difference (numbers) or whether it changed (names)."""
    before = (old or {}).get("numbers", {})
    rows = []
    for key, label in HEADLINE_LABELS.items():
        a, b = before.get(key), new["numbers"].get(key)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            difference = f"{b - a:+.2f}"
        else:
            difference = "same" if a == b else ("not recorded" if a is None else "changed")
        rows.append([label, _value(a), _value(b), difference])
    return rows


def render(previous: Mapping[str, Any] | None, current: Mapping[str, Any]) -> str:
    """The page's generated body (MyST Markdown): first build, or inputs, code and headline numbers old and new."""
    if previous is None:
        return (
            "This is the first build published in this folder: there is no earlier book to compare it with. "
            "The next build that replaces it will list here what changed.\n"
        )
    scenario = lambda m: f"{m['scenario']['title']} (`{m['scenario']['name']}`)"  # noqa: E731
    overrides = lambda m: ", ".join(f"`{o}`" for o in m["scenario"].get("overrides", [])) or NOTHING  # noqa: E731
    parts = [
        f"This build (dated {edition_date(current)}) replaced the book dated {edition_date(previous)}.",
        "## The two builds",
        pipe_table(["", "Replaced book", "This build"], [
            ["Scenario", scenario(previous), scenario(current)],
            ["Overrides", overrides(previous), overrides(current)],
            ["Code", code_version(previous), code_version(current)],
        ]),
        "## Parameters",
    ]
    params = parameter_changes(current["parameters"], previous.get("parameters", {}), ignore=())
    rows = [[f"`{row.path}`", _parameter(row.base), _parameter(row.scenario)] for row in params.itertuples()]
    parts.append(pipe_table(["Parameter", "Before", "Now"], rows) if rows else "No parameter changed.")
    parts.append("## Data files")
    files = data_changes(previous.get("data", {}), current["data"])
    parts.append(pipe_table(["File", "Change"], [[f"`{f}`", what] for f, what in files]) if files else "No data file changed.")
    parts.append("## Headline numbers")
    if "headline" not in current:
        return "\n\n".join(parts + ["This build's manifest does not record its headline numbers."]) + "\n"
    if "headline" not in previous:
        parts.append("The replaced book's manifest does not record its headline numbers (it was built by an older version).")
    years = current["headline"]["years"]
    parts.append(f"Base year {years['base']}, end year {years['end']}, growth over {years['first']}-{years['end']}.")
    parts.append(pipe_table(["Number", "Before", "Now", "Difference"], headline_rows(previous.get("headline"), current["headline"])))
    return "\n\n".join(parts) + "\n"
