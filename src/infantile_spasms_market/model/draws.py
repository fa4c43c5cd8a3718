"""The drawn values of a scenario's uncertain parameters, by dotted path, and what each path feeds.

Every numeric parameter has a value per draw: the drawn values where a distribution is declared,
the scenario's value elsewhere. A distribution on a path the vectorised model does not read is an
error naming the path, never silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from pydantic import BaseModel

from ..inputs import declared
from ..scenario.diff import flatten
from ..scenario.parameters import Parameters
from .sampling import sample, stream

# What each parameter path feeds in the Monte Carlo run (patterns match whole dotted paths).
FEEDS: tuple[tuple[str, str], ...] = (
    (r"growth\.\w+", "the growth rate of the total from 2025 (the components add up)"),
    (r"regions\.share_2024(\.\w+)?", "the split of the total by region in 2024"),
    (r"regions\.growth_differential\.\w+", "how the regional split moves"),
    (r"segments\.drug_mix_2024\.\w+(\.\w+)?", "the split of each region by drug in 2024"),
    (r"segments\.drug_growth_differential\.\w+", "how the drug split moves"),
    (r"segments\.liquid_share\.\w+", "the split by dosage"),
    (
        r"trends\.novel_therapy\.(cannibalisation|peak_uptake|price_per_patient_usd|eligible_share_of_treated|launch_year|peak_year)",
        "novel therapy sales and what they take from established drugs (when the scenario enables them)",
    ),
    (
        r"epidemiology\.(incidence_per_1000|diagnosed_share\.\w+|treated_share\.\w+)",
        "the bottom-up value and the patients novel therapies reach; the total too where the 2024 level is sized bottom-up",
    ),
    (
        r"epidemiology\.(courses_per_treated_patient|first_line_mix(_by_country)?\.\w+(\.\w+)?|course_length_14d_units\.\w+"
        r"|assumed_course_cost_usd\.\w+)",
        "the bottom-up value only (and the total where the 2024 level is sized bottom-up), and the split of a region by country where prices set a country's course costs",
    ),
    (
        r"pricing\.(infant_weight_kg|infant_bsa_m2|outside_us_log_ratio\.\w+)",
        "the course costs (from pack prices, or calibrated on the price level), so the bottom-up value and the split of each region by country",
    ),
    (
        r"countries\.(price_index|price_level_error|births_coverage_factor|rest_of_region_births)\.\w+",
        "the bottom-up value (and the total where the 2024 level is sized bottom-up), the patients novel therapies reach, and the split of each region by country",
    ),
)
# Numeric parameters the vectorised model cannot draw, and why.
NOT_DRAWABLE: dict[str, str] = {
    "market.end_year": "it sets the length of the forecast, which every draw shares",
}
EXCLUDED_SECTIONS = ("scenario", "uncertainty", "companies")
"""Sections the market's Monte Carlo never reads (the company split draws its own shares)."""


class UnsupportedDistribution(ValueError):
    """A distribution is declared on a parameter the Monte Carlo run cannot draw."""


def feeds(path: str) -> str:
    """What drawing ``path`` changes in the Monte Carlo run.

    Raises
    ------
    UnsupportedDistribution
        Naming the path (and why, for a known numeric parameter that cannot be drawn).
    """
    for pattern, effect in FEEDS:
        if re.fullmatch(pattern, path):
            return effect
    reason = NOT_DRAWABLE.get(path, "the Monte Carlo model does not read this parameter")
    if path.split(".")[0] == "companies":
        reason = "the market's Monte Carlo does not read it (the company split draws its own shares, companies.share_concentration)"
    raise UnsupportedDistribution(f"uncertainty.distributions.{path}: cannot be drawn: {reason}")


class Leaves(Mapping):
    """Every numeric parameter by dotted path; reading a value records it as read by the running chapter (:mod:`..inputs.declared`).

    Taken in bulk, unrecorded, so that a chapter depends only on the parameters the model then
    uses (the path names themselves are the schema's, the same in every scenario). A mapping, not a
    dict: every way of reading a value (``[]``, ``get``, ``items``, ``dict(...)``) goes through
    :meth:`__getitem__`.
    """

    def __init__(self, values: dict[str, float], note=declared.note) -> None:
        self._values, self._note = values, note

    def __getitem__(self, path: str) -> float:
        value = self._values[path]
        self._note(path)
        return value

    def __contains__(self, path: object) -> bool:
        return path in self._values

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def numeric_leaves(params: Parameters) -> Leaves:
    """Every numeric parameter by dotted path (the scenario and uncertainty sections left out)."""
    with declared.unrecorded():
        leaves = flatten({k: v for k, v in params.model_dump().items() if k not in EXCLUDED_SECTIONS})
    numeric = {p: float(v) for p, v in leaves.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    return Leaves(numeric, declared.reader(params))


def _is_share_section(params: Parameters, path: str) -> bool:
    node = params
    for part in path.split("."):
        node = getattr(node, part, None)
    return isinstance(node, BaseModel) and "shares_sum_to_one" in type(node).__pydantic_decorators__.model_validators


@dataclass
class ParameterDraws:
    """The value of every numeric parameter in each of ``n`` draws.

    ``drawn`` holds an array of ``n`` values per drawn leaf path; every other path keeps the
    scenario's value (``base``).
    """

    n: int
    base: Mapping[str, float]
    drawn: dict[str, np.ndarray] = field(default_factory=dict)

    def value(self, path: str) -> np.ndarray:
        """The ``(n,)`` values of one parameter."""
        if path in self.drawn:
            return self.drawn[path]
        if path not in self.base:
            raise KeyError(f"no numeric parameter {path!r}")
        return np.full(self.n, self.base[path])

    def stack(self, prefix: str, keys: tuple[str, ...] | list[str]) -> np.ndarray:
        """The ``(n, K)`` values of ``prefix.<key>`` for each key."""
        return np.stack([self.value(f"{prefix}.{key}") for key in keys], axis=1)


def set_draws(params: Parameters, n: int, draws: dict[str, np.ndarray]) -> ParameterDraws:
    """A :class:`ParameterDraws` from values per declared path (a share section as an ``(n, K)`` array).

    A scalar drawn inside a share section (e.g. ``regions.share_2024.europe``) keeps its drawn
    value and the section's other shares absorb the difference in proportion to their own size.

    Raises
    ------
    UnsupportedDistribution
        For a path the model cannot draw, or a share section that cannot absorb its drawn shares.
    """
    base = numeric_leaves(params)
    state = ParameterDraws(n, base)
    origin: dict[str, str] = {}
    for path, values in draws.items():
        feeds(path)
        values = np.asarray(values, dtype=float)
        if values.ndim == 2:  # a whole share section
            section = params.value_at(path)
            if not isinstance(section, dict) or values.shape[1] != len(section):
                raise UnsupportedDistribution(f"uncertainty.distributions.{path}: {values.shape[1]} shares drawn for {path}")
            keys = [f"{path}.{k}" for k in section]
            targets = dict(zip(keys, values.T))
        else:
            if path not in base:
                raise UnsupportedDistribution(f"uncertainty.distributions.{path}: not a numeric parameter")
            targets = {path: values}
        for leaf, leaf_values in targets.items():
            if leaf in origin:
                raise UnsupportedDistribution(
                    f"uncertainty.distributions: {leaf} is drawn twice (through {origin[leaf]} and {path})"
                )
            origin[leaf] = path
            state.drawn[leaf] = np.broadcast_to(leaf_values, (n,)).astype(float)
    _rebalance(params, state, {leaf for leaf, p in origin.items() if leaf == p})
    return state


def _rebalance(params: Parameters, state: ParameterDraws, scalar_leaves: set[str]) -> None:
    """Keep share sections summing to 1 when single shares in them are drawn."""
    sections: dict[str, list[str]] = {}
    for leaf in scalar_leaves:
        section = leaf.rsplit(".", 1)[0]
        if _is_share_section(params, section):
            sections.setdefault(section, []).append(leaf)
    for section, drawn in sections.items():
        others = [p for p in state.base if p.rsplit(".", 1)[0] == section and p not in drawn]
        room = sum(state.base[p] for p in others)
        if room <= 0:
            raise UnsupportedDistribution(
                f"uncertainty.distributions: {', '.join(sorted(drawn))}: the other shares of {section} are zero "
                "and cannot absorb the drawn shares; draw the section with a dirichlet distribution instead"
            )
        taken = sum(state.drawn[p] for p in drawn)
        over = int(np.count_nonzero(taken > 1))
        if over:
            raise UnsupportedDistribution(
                f"uncertainty.distributions: {', '.join(sorted(drawn))} add up to more than 1 in {over} draws"
            )
        for p in others:
            state.drawn[p] = state.base[p] * (1 - taken) / room


def draw_parameters(params: Parameters, n: int | None = None, seed: int | None = None,
                    only: Iterable[str] | None = None) -> ParameterDraws:
    """Draw every declared distribution of ``params`` (``n`` draws, default ``uncertainty.draws``).

    ``only`` limits the draws to those declared paths (the others keep the scenario's values); a
    path keeps the same draws whether it is drawn alone or with the others.

    Each distribution draws from its own stream, ``numpy.random.default_rng([seed, crc32(path)])``
    (:func:`~.distributions.stream`): the same seed gives the same draws, and adding a
    distribution leaves the others' draws unchanged. A ``dirichlet`` is centred on the scenario's
    shares.

    Raises
    ------
    UnsupportedDistribution
        Naming every declared path the model cannot draw (checked before anything is drawn).
    """
    uncertainty = params.uncertainty
    n = uncertainty.draws if n is None else int(n)
    seed = uncertainty.seed if seed is None else int(seed)
    problems = []
    for path in uncertainty.distributions:
        try:
            feeds(path)
        except UnsupportedDistribution as exc:
            problems.append(str(exc))
    if problems:
        raise UnsupportedDistribution("; ".join(problems))
    draws = {}
    chosen = None if only is None else set(only)
    for path, dist in uncertainty.distributions.items():
        if chosen is not None and path not in chosen:
            continue
        centre = np.array(list(params.value_at(path).values()), dtype=float) if dist.kind == "dirichlet" else None
        draws[path] = sample(dist, n, stream(seed, path), centre)
    return set_draws(params, n, draws)
