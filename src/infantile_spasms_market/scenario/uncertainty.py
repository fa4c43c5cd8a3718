"""How uncertain the parameters are: one distribution per uncertain parameter, checked against its allowed range."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from ..constraints import Interval, number
from .fields import SHARE_TOLERANCE, Strict, _locate, param


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
    """How uncertain one parameter is: a distribution to draw from, with the reason for its width.

    ``triangular`` and ``uniform`` use ``low``/``high`` (and ``mode``); ``normal`` is a normal with
    ``mean``/``sd`` truncated to ``low``/``high``; ``dirichlet`` applies to a whole share section
    (e.g. ``regions.share_2024``), centred on the scenario's values with ``concentration``.
    """

    kind: Literal["triangular", "uniform", "normal", "dirichlet"]
    low: float | None = None
    mode: float | None = None
    high: float | None = None
    mean: float | None = None
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
        if missing:
            raise ValueError(f"a {self.kind} distribution needs {', '.join(needed)} (missing: {', '.join(missing)})")
        if self.kind != "dirichlet" and not self.low < self.high:
            raise ValueError(f"low ({self.low:g}) must be below high ({self.high:g})")
        centre = self.mode if self.kind == "triangular" else self.mean
        if centre is not None and not self.low <= centre <= self.high:
            raise ValueError(f"{'mode' if self.kind == 'triangular' else 'mean'} ({centre:g}) must lie within [{self.low:g}, {self.high:g}]")
        return self


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
        description="Distribution of each uncertain parameter", unit="by parameter",
        rationale="Each entry states its own rationale", basis="assumption",
    )

    @field_validator("distributions", mode="before")
    @classmethod
    def _dotted_keys(cls, value: Any) -> Any:
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
