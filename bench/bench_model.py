"""Benchmarks the market model: one scenario's long table (target < 50 ms) and 10,000 vectorised draws (target < 2 s).

Run as a script (``.venv/bin/python bench/bench_model.py``) to print both figures and whether they
meet their targets; ``bench/run.py`` imports :func:`bench_market_table` and :func:`bench_draws`.
Timings are wall-clock medians, measured after the data files are loaded once (the model's
steady state inside a chapter notebook).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np

from infantile_spasms_market.inputs.headline import Headline
from infantile_spasms_market.model import arrays
from infantile_spasms_market.model.topdown import evaluate, market_table
from infantile_spasms_market.scenario.loading import load_parameters

TABLE_TARGET_MS = 50.0
DRAWS_TARGET_S = 2.0
DEFAULT_SEED = 20261123


def bench_market_table(repeats: int = 30) -> dict:
    """Median milliseconds to build the base scenario's long market table (data already loaded).

    Parameters
    ----------
    repeats : int
        Timed builds after one untimed warm-up build.

    Returns
    -------
    dict
        ``rows``, ``repeats``, ``median_ms``, ``min_ms``, ``target_ms`` and ``meets_target``.
    """
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, got {repeats}")
    params = load_parameters()
    headline = Headline.from_data()
    rows = len(market_table(params, headline))  # warm-up: loads and validates the data files once
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        market_table(params, headline)
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    return {
        "rows": rows,
        "repeats": repeats,
        "median_ms": median,
        "min_ms": min(times),
        "target_ms": TABLE_TARGET_MS,
        "meets_target": median < TABLE_TARGET_MS,
    }


def bench_draws(n: int = 10_000, repeats: int = 3, seed: int = DEFAULT_SEED) -> dict:
    """Seconds to draw ``n`` parameter sets and evaluate them through :func:`..model.topdown.evaluate` at once.

    The draws are the book's own Monte Carlo draws (:func:`arrays.draw_inputs`: every declared
    distribution), so the benchmark times what the Uncertainty chapter runs.

    Parameters
    ----------
    n : int
        Number of parameter draws (rows of the leading axis).
    repeats : int
        Timed runs; the median is reported.
    seed : int
        Seed of numpy's ``default_rng`` (the same seed gives the same draws).

    Returns
    -------
    dict
        ``draws``, ``seconds`` (drawing plus evaluating, median), ``draw_seconds``,
        ``evaluate_seconds``, ``value_2030_p5_p50_p95`` (a sanity check of the result),
        ``target_s`` and ``meets_target``.
    """
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, got {repeats}")
    params = load_parameters()
    headline = Headline.from_data()
    arrays.scenario_draw(params, headline)  # warm-up: loads the data files once
    draw_times, eval_times = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        inputs = arrays.draw_inputs(params, n, seed)
        middle = time.perf_counter()
        values = evaluate(inputs, headline, params.market.reconciliation)
        end = time.perf_counter()
        draw_times.append(middle - start)
        eval_times.append(end - middle)
    if values.shape[0] != n:
        raise RuntimeError(f"evaluate returned {values.shape[0]} draws, expected {n}")
    year_2030 = int(np.flatnonzero(inputs.years == headline.end_year)[0])
    total_2030 = values[:, year_2030].sum(axis=(-1, -2))
    seconds = statistics.median(d + e for d, e in zip(draw_times, eval_times))
    return {
        "draws": n,
        "repeats": repeats,
        "seconds": seconds,
        "draw_seconds": statistics.median(draw_times),
        "evaluate_seconds": statistics.median(eval_times),
        "value_2030_p5_p50_p95": [float(v) for v in np.percentile(total_2030, [5, 50, 95])],
        "target_s": DRAWS_TARGET_S,
        "meets_target": seconds < DRAWS_TARGET_S,
    }


def main(argv: list[str] | None = None) -> int:
    """Print both benchmarks; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30, help="timed builds of the market table (default 30)")
    parser.add_argument("--draws", type=int, default=10_000, help="parameter draws to evaluate (default 10000)")
    args = parser.parse_args(argv)
    table = bench_market_table(args.repeats)
    draws = bench_draws(args.draws)
    verdict = {True: "meets", False: "MISSES"}
    print(
        f"market table ({table['rows']:,} rows): median {table['median_ms']:.1f} ms over {table['repeats']} builds "
        f"(min {table['min_ms']:.1f} ms); target < {table['target_ms']:.0f} ms: {verdict[table['meets_target']]}"
    )
    p5, p50, p95 = draws["value_2030_p5_p50_p95"]
    print(
        f"{draws['draws']:,} parameter draws: {draws['seconds']:.3f} s (draw {draws['draw_seconds']:.3f} s, "
        f"evaluate {draws['evaluate_seconds']:.3f} s); target < {draws['target_s']:.0f} s: {verdict[draws['meets_target']]}"
    )
    print(f"  2030 total across draws, P5 / P50 / P95: {p5:.2f} / {p50:.2f} / {p95:.2f} USD million")
    return 0 if table["meets_target"] and draws["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
