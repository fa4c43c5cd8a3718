"""Summarises a mutmut run: the mutation score per module measured and the surviving mutants (for tests/MUTATION.md).

Usage: python tools/mutation_score.py  (after `mutmut run`; see `make mutation`).
A mutant counts as killed when a test failed on it or it ran past its time-out (an endless loop is
caught); survivors and mutants no test reaches count against the score.
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KILLED = {"killed", "timeout"}
LINE = re.compile(r"^\s*(?P<name>[\w.ǁ]+)__mutmut_(?P<number>\d+): (?P<status>.+)$")


def results(mutmut: str) -> list[tuple[str, str, str]]:
    """(module, mutant, status) of every mutant of the last run."""
    out = subprocess.run([mutmut, "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        match = LINE.match(line)
        if match:
            function = match.group("name")
            module = re.sub(r"\.x[ǁ_].*$", "", function)
            rows.append((module, f"{function}__mutmut_{match.group('number')}", match.group("status").strip()))
    return rows


def main(mutmut: str) -> int:
    rows = results(mutmut)
    if not rows:
        print("no mutants found: run `mutmut run` first (make mutation)", file=sys.stderr)
        return 1
    by_module: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for module, _, status in rows:
        by_module[module][status] += 1
    print("| module | mutants | killed | survived | other | score |")
    print("|---|---:|---:|---:|---:|---:|")
    totals = collections.Counter()
    unmeasured = []
    for module in sorted(by_module):
        counts = by_module[module]
        if counts["not checked"]:  # a module is measured whole or not at all: a partial score says nothing
            unmeasured.append(f"{module.removeprefix('infantile_spasms_market.')} ({counts['not checked']} of {sum(counts.values())} not checked)")
            continue
        totals.update(counts)
        print(_row(module.removeprefix("infantile_spasms_market."), counts))
    print(_row("**measured**", totals))
    if unmeasured:
        print(f"\nNot measured (the run did not finish them): {', '.join(unmeasured)}")
    print("\nSurvivors (`mutmut show NAME` prints each diff):")
    for module, name, status in rows:
        if status not in KILLED | {"not checked"} and not by_module[module]["not checked"]:
            print(f"- {name}: {status}")
    return 0


def _row(label: str, counts: collections.Counter) -> str:
    total = sum(counts.values())
    killed = sum(counts[s] for s in KILLED)
    survived = counts["survived"]
    score = 100 * killed / total if total else 0.0
    return f"| {label} | {total} | {killed} | {survived} | {total - killed - survived} | {score:.1f} % |"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(Path(sys.executable).parent / "mutmut")))
