"""Snapshot what a built book publishes, to prove a refactoring changed no number.

    python tools/book_snapshot.py _build/html before.json      # after a build
    python tools/book_snapshot.py _build/html after.json
    python tools/book_snapshot.py --compare before.json after.json

The snapshot holds the data downloads (market table, bottom-up), every figure's CSV and record,
and every glued value of every chapter (text and Markdown outputs; figures by their caption only,
since PNG bytes depend on the renderer). ``--compare`` prints each difference and exits 1 if any.
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import re
import sys
from pathlib import Path

from infantile_spasms_market.paths import DATA_DOWNLOADS, FIGURES, NOTEBOOK_SOURCES

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
REL_TOL = 1e-9  # floating-point noise from a different order of operations, far below any printed digit

TEXT_TYPES = ("text/markdown", "text/plain")


def glued_values(notebook: Path) -> dict[str, str]:
    """``{glue key: text}`` of one executed notebook (myst-nb keeps the key in the output metadata)."""
    values = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            name = (output.get("metadata") or {}).get("scrapbook", {}).get("name")
            if not name:
                continue
            prefix = output["metadata"]["scrapbook"].get("mime_prefix", "")
            data = {mime.removeprefix(prefix): value for mime, value in output.get("data", {}).items()}
            kind = next((t for t in TEXT_TYPES if t in data), None)
            if "image/png" in data:
                values[name] = "<image>"
            elif kind:
                text = data[kind]
                values[name] = "".join(text) if isinstance(text, list) else text
    return values


def snapshot(site: Path) -> dict[str, dict[str, str]]:
    """Everything the comparison covers, keyed by kind then by file or glue key."""
    result: dict[str, dict[str, str]] = {"data": {}, "figures": {}, "glue": {}}
    for path in sorted((site / DATA_DOWNLOADS).glob("*.csv")):
        result["data"][path.name] = path.read_text(encoding="utf-8")
    for path in sorted((site / FIGURES).glob("*")):
        if path.suffix in (".csv", ".json"):
            result["figures"][path.name] = path.read_text(encoding="utf-8")
    for notebook in sorted((site / "_sources" / NOTEBOOK_SOURCES).glob("*.ipynb")):
        for key, value in glued_values(notebook).items():
            result["glue"][f"{notebook.stem}:{key}"] = value
    return result


def same_numbers(a: str, b: str) -> bool:
    """Whether two texts differ only in numbers that agree to :data:`REL_TOL`."""
    if NUMBER.sub("#", a) != NUMBER.sub("#", b):
        return False
    pairs = zip(NUMBER.findall(a), NUMBER.findall(b))
    return all(math.isclose(float(x), float(y), rel_tol=REL_TOL, abs_tol=1e-12) for x, y in pairs)


def compare(before: dict, after: dict) -> tuple[list[str], list[str]]:
    """Differences (one line each, with the changed lines) and the entries equal only within :data:`REL_TOL`."""
    problems, close = [], []
    for kind in sorted(set(before) | set(after)):
        a, b = before.get(kind, {}), after.get(kind, {})
        for name in sorted(set(a) | set(b)):
            if name not in b:
                problems.append(f"{kind}: {name} is gone")
            elif name not in a:
                problems.append(f"{kind}: {name} is new")
            elif a[name] != b[name] and same_numbers(a[name], b[name]):
                close.append(f"{kind}: {name}")
            elif a[name] != b[name]:
                lines = difflib.unified_diff(a[name].splitlines(), b[name].splitlines(), lineterm="", n=0)
                problems.append(f"{kind}: {name} differs\n" + "\n".join("    " + line[:200] for line in list(lines)[2:12]))
    return problems, close


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path, help="a built site (or, with --compare, a snapshot)")
    parser.add_argument("second", type=Path, help="the snapshot file to write (or, with --compare, another snapshot)")
    parser.add_argument("--compare", action="store_true", help="compare two snapshots")
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in (args.first, args.second))
        problems, close = compare(before, after)
        counts = ", ".join(f"{len(v)} {k}" for k, v in before.items())
        if close:
            print(f"equal to a relative {REL_TOL:g} (last digits of floating-point results): {len(close)}")
            print("\n".join("  " + c for c in close))
        print("\n".join(problems) or f"identical: {counts}")
        return 1 if problems else 0
    args.second.write_text(json.dumps(snapshot(args.first), indent=1, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
