"""How uncertain the parameters are: one distribution per uncertain parameter, declared around the parameter's value.

A distribution belongs to the scenario: it says how far a parameter's value may plausibly lie
below and above the value the scenario gives it (``below``, ``above``), so a scenario that moves
a value moves its distribution with it, and its Monte Carlo run is about that scenario. The
validated model also holds the absolute numbers this gives (``low``, ``mode`` or ``mean``,
``high``), which is what the draws use. A distribution written the old way, with absolute numbers
around its own centre, is read as the same offsets from that centre and centred on the value.
"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from ..constraints import Interval, interval_at, number
from .fields import SHARE_TOLERANCE, Strict, _locate, param

RELATIVE = ("below", "above")
ABSOLUTE = ("low", "mode", "high", "mean")
CENTRE = {"triangular": "mode", "normal": "mean"}  # the field that holds the parameter's value


def _check_distribution_target(params: BaseModel, path: str, dist: "Distribution") -> str | None:
    """Why ``dist`` cannot apply to the parameter at ``path`` (None when it can)."""
    try:
        owner, name, node = _locate(params, path)
    except KeyError:
        return "no such parameter"
    if dist.kind == "dirichlet":
        values = node.model_dump() if isinstance(node, BaseModel) else None
        flat = values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values.values())
        if not flat or abs(sum(values.values()) - 1) > SHARE_TOLERANCE:
            return "a dirichlet distribution applies only to a share section that sums to 1"
        return None
    if isinstance(node, bool) or not isinstance(node, (int, float)):
        return f"a {dist.kind} distribution needs a numeric parameter"
    allowed = Interval.of_field(owner, name)
    if allowed is not None and (dist.low not in allowed or dist.high not in allowed):
        return f"its range from {number(dist.low)} to {number(dist.high)} leaves what the parameter allows: {allowed}"
    return None


class Distribution(Strict):
    """How uncertain one parameter is: a distribution around its value, with the reason for its width.

    ``below`` and ``above``: how far the plausible range reaches below and above the parameter's
    value (in its unit; with ``scale: proportional``, as fractions of the value). ``triangular``
    has its mode at the value, ``uniform`` is flat over the range, ``normal`` has its mean at the
    value, standard deviation ``sd``, and is cut at the range's ends; ``dirichlet`` applies to a
    whole share section (e.g. ``regions.share_2024``), centred on the scenario's values with
    ``concentration``. ``low``, ``mode``/``mean`` and ``high`` are the numbers this gives for the
    scenario's value (filled in when the scenario is read).
    """

    kind: Literal["triangular", "uniform", "normal", "dirichlet"]
    below: float | None = Field(default=None, ge=0)
    above: float | None = Field(default=None, ge=0)
    scale: Literal["absolute", "proportional"] = "absolute"
    # The numbers the range gives around the scenario's value: derived, so never written back (a dump
    # holds the declaration, and a scenario read from it centres it on its own values again).
    low: float | None = Field(default=None, exclude=True)
    mode: float | None = Field(default=None, exclude=True)
    high: float | None = Field(default=None, exclude=True)
    mean: float | None = Field(default=None, exclude=True)
    sd: float | None = Field(default=None, gt=0)
    concentration: float | None = Field(default=None, gt=0)
    rationale: str = Field(min_length=10)

    @model_validator(mode="after")
    def _complete(self) -> Distribution:
        needed = {
            "triangular": ("low", "mode", "high"),
            "uniform": ("low", "high"),
            "normal": ("mean", "sd", "low", "high"),
            "dirichlet": ("concentration",),
        }[self.kind]
        missing = [name for name in needed if getattr(self, name) is None]
        if missing and self.kind != "dirichlet" and self.below is not None and self.above is not None \
                and missing == [n for n in needed if n in ABSOLUTE]:
            return self  # declared around a value the scenario does not give (its own error says why): nothing to add
        if missing:
            raise ValueError(f"a {self.kind} distribution needs {', '.join(needed)} (missing: {', '.join(missing)})")
        if self.kind != "dirichlet" and not self.low <= self.high:
            raise ValueError(f"low ({self.low:g}) must not be above high ({self.high:g})")
        centre = self.mode if self.kind == "triangular" else self.mean
        if centre is not None and not self.low <= centre <= self.high:
            raise ValueError(f"{'mode' if self.kind == 'triangular' else 'mean'} ({centre:g}) must lie within [{self.low:g}, {self.high:g}]")
        return self

    @property
    def centre(self) -> float | None:
        """The value it is centred on: the mode of a triangular, the mean of a normal (None otherwise)."""
        return self.mode if self.kind == "triangular" else self.mean if self.kind == "normal" else None

    def words(self) -> str:
        """The distribution in a few words: ``triangular 0.004 / 0.012 / 0.022``, ``dirichlet, concentration 300``."""
        if self.kind == "dirichlet":
            return f"dirichlet, concentration {number(self.concentration)}"
        if self.centre is None:
            return f"{self.kind} {number(round(self.low, 12))} to {number(round(self.high, 12))}"
        return f"{self.kind} " + " / ".join(number(round(v, 12)) for v in (self.low, self.centre, self.high))


def around(entry: dict[str, Any], value: float, allowed: Interval | None) -> dict[str, Any]:
    """A distribution entry of a scenario file centred on the parameter's ``value``: with ``below``, ``above`` and the numbers they give.

    ``below``/``above`` say how far the range reaches on each side of the value. Written instead
    with its ends (``low``, ``high`` and, for a triangular or normal one, its centre), a distribution
    keeps its offsets from that centre and moves to the value; a uniform one, which has no centre,
    must hold the value. One end given alone (``--set ...growth.diagnosis.high=0.03``) sets that
    side. Where the range would leave what the parameter allows, both sides shrink by the same
    factor (the shape is kept, the value stays the centre); at a bound the distribution is the value
    alone.

    Raises
    ------
    ValueError
        Saying what to write, when the entry's numbers cannot be read as a range around the value.
    """
    kind = entry.get("kind")
    given = {k: entry[k] for k in (*RELATIVE, *ABSOLUTE) if entry.get(k) is not None}
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in given.values())
    if kind not in ("triangular", "uniform", "normal") or not numbers:
        return entry  # the model's own checks say what is wrong
    factor = abs(value) if entry.get("scale") == "proportional" else 1.0
    centre_key = CENTRE.get(kind)
    ends = "low" in given and "high" in given and (centre_key is None or centre_key in given)
    if ends:  # written with its ends: the same offsets from its own centre, moved to the value
        centre = given[centre_key] if centre_key else value
        if centre_key is None and not given["low"] <= value <= given["high"]:
            raise ValueError(f"the range {number(given['low'])} to {number(given['high'])} does not hold the parameter's "
                             f"value {number(value)}; write it around the value instead (below: ..., above: ...)")
        below, above = centre - given["low"], given["high"] - centre
        if below < 0 or above < 0:
            raise ValueError(f"its {centre_key} ({number(centre)}) must lie within [{number(given['low'])}, {number(given['high'])}]")
    else:
        missing = [k for k in RELATIVE if k not in given and {"below": "low", "above": "high"}[k] not in given]
        if missing:
            raise ValueError(f"give {' and '.join(missing)} (how far the range reaches {' and '.join(missing)} the value)")
        if centre_key in given and not math.isclose(given[centre_key], value, rel_tol=1e-9, abs_tol=1e-12):
            raise ValueError(f"its {centre_key} is the parameter's value ({number(value)}), not {number(given[centre_key])}; "
                             "change the parameter itself to move it")
        below = value - given["low"] if "low" in given else given["below"] * factor
        above = given["high"] - value if "high" in given else given["above"] * factor
        for side, reach, end in (("low", below, "below"), ("high", above, "above")):
            if reach < 0:
                raise ValueError(f"{side} ({number(given[side])}) lies {('above', 'below')[side == 'high']} the parameter's "
                                 f"value ({number(value)}); the range must reach {end} it")
    if allowed is not None and ("low" in given or "high" in given):  # ends the scenario wrote itself: as written, or refused
        low, high = value - below, value + above
        if low not in allowed or high not in allowed:
            raise ValueError(f"its range from {number(round(low, 12))} to {number(round(high, 12))} leaves what the parameter "
                             f"allows: {allowed}")
    shrink = 1.0
    if allowed is not None:
        if allowed.low is not None and below > 0:
            shrink = min(shrink, (value - allowed.low) / below * (1.0 if allowed.low_included else 1 - 1e-9))
        if allowed.high is not None and above > 0:
            shrink = min(shrink, (allowed.high - value) / above * (1.0 if allowed.high_included else 1 - 1e-9))
    shrink = max(shrink, 0.0)
    centred = {k: v for k, v in entry.items() if k not in ABSOLUTE}
    if ends or "low" in given or "high" in given:  # now declared around the value
        centred.update(below=below / factor if factor else below, above=above / factor if factor else above)
    centred.update(low=value - shrink * below, high=value + shrink * above)
    if centre_key:
        centred[centre_key] = value
    return centred


def centre_distributions(model: type[BaseModel], tree: dict[str, Any]) -> dict[str, Any]:
    """``tree`` (a scenario's parameters, before validation) with every distribution centred on its parameter's value.

    Raises
    ------
    ValueError
        Naming each distribution whose numbers cannot be read as a range around the value.
    """
    section = tree.get("uncertainty") if isinstance(tree, dict) else None
    if not isinstance(section, dict) or not isinstance(section.get("distributions"), dict):
        return tree
    distributions = dotted_keys(section["distributions"])
    centred, problems = {}, []
    for path, entry in distributions.items():
        value = _value_in(tree, path)
        if not isinstance(entry, dict) or value is None:
            centred[path] = entry
            continue
        try:
            centred[path] = around(entry, value, interval_at(model, tuple(path.split("."))))
        except ValueError as exc:
            problems.append(f"uncertainty.distributions.{path}: {exc}")
    if problems:
        raise ValueError("; ".join(problems))
    return {**tree, "uncertainty": {**section, "distributions": centred}}


def _value_in(tree: dict[str, Any], path: str) -> float | None:
    """The number at a dotted ``path`` of an unvalidated tree (None when there is none)."""
    node: Any = tree
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return float(node) if isinstance(node, (int, float)) and not isinstance(node, bool) else None


def dotted_keys(value: Any) -> Any:
    """Nested sections become dotted keys: ``{growth: {access: {kind: ...}}}`` is ``growth.access``.

    A ``--set`` override that adds a new entry (``uncertainty.distributions.growth.access.kind=...``)
    or a scenario file written with nested sections arrives nested; an entry is the first mapping
    that holds a distribution field. Nested changes to an existing dotted entry update it.
    """
    if not isinstance(value, dict):
        return value
    fields = set(Distribution.model_fields)
    flat: dict[str, Any] = {}

    def visit(prefix: str, node: dict[Any, Any]) -> None:
        for key, item in node.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(item, dict) and item and not fields & set(item):
                visit(path, item)
            elif isinstance(item, dict) and isinstance(flat.get(path), dict):
                flat[path] = {**flat[path], **item}
            else:
                flat[path] = item

    visit("", value)
    return flat


LEVEL_INPUTS = ("epidemiology.", "countries.", "pricing.")  # what the bottom-up model sizes the level from


def moves_total(path: str, params: BaseModel) -> bool:
    """Whether drawing ``path`` moves the scenario's global total (not only how it splits, or the bottom-up check)."""
    if path.startswith("growth."):
        return True
    if path.startswith("trends.novel_therapy."):
        return bool(params.trends.novel_therapy.enabled)
    return params.market.level == "bottom_up" and path.startswith(LEVEL_INPUTS)


def value_percentile(dist: Distribution, value: float) -> float | None:
    """Where ``value`` (the parameter's, the distribution's centre) falls in the distribution, 0-1 (None for a share section or a point).

    For a triangular or uniform distribution it is ``below / (below + above)``: how far the range
    reaches below the value, as a share of the whole range.
    """
    if dist.kind == "dirichlet" or dist.low == dist.high:
        return None
    if dist.kind == "normal":
        from scipy.special import ndtr

        lo, hi = ndtr((dist.low - value) / dist.sd), ndtr((dist.high - value) / dist.sd)
        return float((0.5 - lo) / (hi - lo))
    return float((value - dist.low) / (dist.high - dist.low))


CENTRAL = (0.05, 0.95)
"""A parameter that moves the total must lie between these percentiles of its own distribution."""


def off_centre(path: str, dist: Distribution, value: float) -> str | None:
    """Why a distribution that moves the total does not hold its value as a central value (None when it does)."""
    share = value_percentile(dist, value)
    if share is None or CENTRAL[0] - 1e-9 <= share <= CENTRAL[1] + 1e-9:
        return None
    side, other = ("below", "above") if share < CENTRAL[0] else ("above", "below")
    return (f"its value {number(value)} lies at percentile {share * 100:.0f} of its own distribution ({dist.words()}), so the "
            f"Monte Carlo run would hardly ever come out near the scenario's own numbers; a parameter that moves the total "
            f"must lie between the 5th and 95th percentiles of its own range: let it reach further {side} the value "
            f"(a larger '{side}') or less far {other} it")


def outside_plausible_ranges(params: BaseModel, base: BaseModel) -> list[tuple[str, float, float, float]]:
    """``(path, value, low, high)`` for each value of ``params`` outside its plausible range: the range of the base case's distribution.

    The value is allowed (else it would not validate), but the base case finds it implausible.
    """
    outside = []
    for path, plausible in base.uncertainty.distributions.items():
        if plausible.kind == "dirichlet":
            continue
        value = params.value_at(path)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        if not plausible.low - 1e-12 <= value <= plausible.high + 1e-12:
            outside.append((path, float(value), float(plausible.low), float(plausible.high)))
    return outside


def outside_plausible(params: BaseModel, base: BaseModel) -> list[str]:
    """A warning for each value of ``params`` outside its plausible range (:func:`outside_plausible_ranges`), naming the range."""
    warnings = []
    for path, value, low, high in outside_plausible_ranges(params, base):
        own = params.uncertainty.distributions.get(path)
        drawn = f"; its Monte Carlo distribution is centred on it ({own.words()})" if own is not None else ""
        warnings.append(f"{path}: {number(value)} lies outside its plausible range, {number(round(low, 12))} to "
                        f"{number(round(high, 12))} (the base case's uncertainty range){drawn}")
    return warnings


class Uncertainty(Strict):
    """Monte Carlo settings and the distributions of the uncertain parameters (keyed by dotted path)."""

    seed: int = param(
        label="Random seed",
        description="Random seed: the same seed gives the same draws", unit="integer",
        rationale="Any fixed number makes the run reproducible; this one is the date the book's data were read", basis="assumption", ge=0,
    )
    draws: int = param(
        label="Monte Carlo draws",
        description="Number of Monte Carlo draws", unit="draws",
        rationale="A setting of the run: 10,000 draws keep P5 and P95 stable to about 0.1 USD m between seeds", basis="assumption",
        ge=100, le=1_000_000,
    )
    distributions: dict[str, Distribution] = param(
        label="Uncertainty distributions",
        description="Distribution of each uncertain parameter, around its value", unit="by parameter",
        rationale="Each entry states its own rationale", basis="assumption",
    )

    @field_validator("distributions", mode="before")
    @classmethod
    def _dotted_keys(cls, value: Any) -> Any:
        return dotted_keys(value)
