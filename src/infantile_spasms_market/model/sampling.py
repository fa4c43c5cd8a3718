"""Drawing from the uncertainty distributions of the parameter model, and their quantiles.

The kinds are those :class:`~.parameters.Distribution` declares: ``triangular`` (low, mode,
high), ``uniform`` (low, high), ``normal`` (mean, sd, truncated to low and high) and
``dirichlet`` (a whole share section, centred on the scenario's shares with a concentration).
"""

from __future__ import annotations

import zlib

import numpy as np
from scipy.special import ndtr, ndtri

from ..scenario.uncertainty import Distribution

TORNADO_QUANTILES = (0.05, 0.95)


def stream(seed: int, path: str) -> np.random.Generator:
    """The random stream of one parameter: ``numpy.random.default_rng`` seeded by the seed and the path.

    Each distribution has its own stream, so adding, removing or reordering one distribution
    leaves the draws of every other distribution unchanged (scenarios compare draw by draw).
    """
    return np.random.default_rng([int(seed), zlib.crc32(path.encode("utf-8"))])


def _normal_bounds(dist: Distribution) -> tuple[float, float]:
    """Cumulative probabilities of the truncation points of a normal distribution."""
    return float(ndtr((dist.low - dist.mean) / dist.sd)), float(ndtr((dist.high - dist.mean) / dist.sd))


def quantile(dist: Distribution, q: float | np.ndarray) -> float | np.ndarray:
    """The ``q`` quantile(s) of a scalar distribution (not defined for ``dirichlet``)."""
    q = np.asarray(q, dtype=float)
    if np.any((q < 0) | (q > 1)):
        raise ValueError(f"quantiles must lie in [0, 1], got {q}")
    if dist.kind != "dirichlet" and dist.low == dist.high:  # narrowed to the value itself (at a bound it may not leave)
        result = np.full_like(q, dist.low)
    elif dist.kind == "uniform":
        result = dist.low + q * (dist.high - dist.low)
    elif dist.kind == "triangular":
        low, mode, high = dist.low, dist.mode, dist.high
        split = (mode - low) / (high - low)
        left = low + np.sqrt(q * (high - low) * (mode - low))
        right = high - np.sqrt((1 - q) * (high - low) * (high - mode))
        result = np.where(q <= split, left, right)
    elif dist.kind == "normal":
        lo, hi = _normal_bounds(dist)
        result = dist.mean + dist.sd * ndtri(lo + q * (hi - lo))
    else:
        raise ValueError(f"a {dist.kind} distribution has no scalar quantiles")
    return float(result) if result.ndim == 0 else result


def ends(dist: Distribution) -> tuple[float, float]:
    """The low and high values a one-at-a-time sensitivity uses.

    ``triangular`` and ``uniform``: the declared ``low`` and ``high`` (the whole plausible range).
    ``normal``: the 5th and 95th percentiles of the truncated normal (its tails are thin, and a
    truncation point chosen to keep the value valid is not a plausible value).
    """
    if dist.kind in ("triangular", "uniform"):
        return float(dist.low), float(dist.high)
    if dist.kind == "normal":
        low, high = quantile(dist, np.array(TORNADO_QUANTILES))
        return float(low), float(high)
    raise ValueError("a dirichlet distribution has no low and high value: it moves a whole share section")


def sample(dist: Distribution, n: int, rng: np.random.Generator, centre: np.ndarray | None = None) -> np.ndarray:
    """``n`` draws: shape ``(n,)`` for a scalar, ``(n, K)`` for a dirichlet over ``K`` shares.

    Parameters
    ----------
    dist : Distribution
    n : int
        Number of draws.
    rng : numpy Generator
    centre : array, optional
        The scenario's shares (``dirichlet`` only): the draws have this mean; a share of zero
        stays zero.
    """
    if n < 1:
        raise ValueError(f"the number of draws must be at least 1, got {n}")
    if dist.kind != "dirichlet" and dist.low == dist.high:  # narrowed to the value itself: no spread to draw
        return np.full(n, float(dist.low))
    if dist.kind == "triangular":
        return rng.triangular(dist.low, dist.mode, dist.high, size=n)
    if dist.kind == "uniform":
        return rng.uniform(dist.low, dist.high, size=n)
    if dist.kind == "normal":
        lo, hi = _normal_bounds(dist)
        return dist.mean + dist.sd * ndtri(rng.uniform(lo, hi, size=n))
    if centre is None:
        raise ValueError("a dirichlet distribution needs the scenario's shares as its centre")
    centre = np.asarray(centre, dtype=float)
    positive = centre > 0
    draws = np.zeros((n, centre.size))
    draws[:, positive] = rng.dirichlet(dist.concentration * centre[positive] / centre[positive].sum(), size=n)
    return draws
