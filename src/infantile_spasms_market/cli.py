"""The command line: ``python -m infantile_spasms_market build|pdf|compare|params|check-data|verify``. Exit 0 ok, 1 failed, 2 bad input."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    from .paths import BASE_SCENARIO, CACHE_DIR, HTML_DIR, PDF_DIR, SCENARIO_SITES, edition_file, shown

    parser = argparse.ArgumentParser(
        prog="python -m infantile_spasms_market",
        description="Build the infantile spasms therapeutics market book for a scenario.",
    )
    parser.add_argument("--debug", action="store_true", help="show full tracebacks on errors")
    commands = parser.add_subparsers(dest="command", required=True)

    def debug_option(sub: argparse.ArgumentParser) -> None:
        # Accepted after the subcommand too; SUPPRESS keeps the top-level value when it is absent.
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show full tracebacks on errors")

    def scenario_options(sub: argparse.ArgumentParser) -> None:
        debug_option(sub)
        sub.add_argument("--scenario", type=Path, default=None, help=f"scenario file (default: {shown(BASE_SCENARIO)})")
        sub.add_argument(
            "--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
            help="override one parameter, e.g. --set growth.diagnosis=0.02 (repeatable; values are YAML)",
        )

    build = commands.add_parser("build", help="execute the notebooks and build the HTML book")
    scenario_options(build)
    build.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebooks run in parallel (default: cores)")
    build.add_argument("--force", action="store_true", help="execute every notebook and rebuild even if nothing changed")
    build.add_argument("--output", type=Path, default=None, help=f"HTML folder (default: {shown(HTML_DIR)}, or {shown(SCENARIO_SITES)}/<name>/{HTML_DIR.name})")
    build.add_argument("--cache-dir", type=Path, default=None, help=f"cache folder (default: {shown(CACHE_DIR)})")
    build.add_argument("--no-pdf", dest="pdf", action="store_false",
                       help="skip the PDF edition (quicker rebuilds while exploring; the site and the Excel data pack are built)")
    build.add_argument("--wait", type=float, default=900.0, help="seconds to wait for another build of the same output")

    pdf = commands.add_parser("pdf", help=f"build the PDF edition alone (needs Chromium), into {shown(PDF_DIR)}")
    scenario_options(pdf)
    pdf.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebooks run in parallel (default: cores)")
    pdf.add_argument("--output", type=Path, default=None, help=f"PDF file (default: {shown(PDF_DIR)}/{edition_file('<scenario>', '.pdf')})")
    pdf.add_argument("--cache-dir", type=Path, default=None, help=f"cache folder (default: {shown(CACHE_DIR)})")

    compare = commands.add_parser(
        "compare", help="compare two or more scenarios (files or built books) from the model, in seconds, without building a book",
        description="Compare scenarios side by side: the parameters that differ, the headline numbers, the market by region "
                    "and by segment in the report's base and last forecast years, and the book's own estimate where a "
                    "scenario sizes its level bottom-up. Computed from the model; no book is built.",
        epilog="examples:\n  python -m infantile_spasms_market compare params/base.yaml my-view.yaml\n"
               "  python -m infantile_spasms_market compare my-view.yaml my-other-view.yaml --output views.xlsx\n"
               "  python -m infantile_spasms_market compare params/base.yaml --set growth.diagnosis=0.002   # with and without\n"
               "  python -m infantile_spasms_market compare _build/html _build/scenarios/pessimistic   # built books",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    debug_option(compare)
    compare.add_argument("scenarios", nargs="+", type=Path, metavar="SCENARIO",
                         help="a scenario file (.yaml) or a built book's folder; two or more (one with --set: with and without)")
    compare.add_argument("--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
                         help="override a parameter in every scenario file compared (repeatable; values are YAML)")
    compare.add_argument("--output", type=Path, default=None, metavar="FILE",
                         help="also write the comparison to FILE: .csv (one long table) or .xlsx (one sheet per section)")

    params = commands.add_parser(
        "params", help="validate a scenario and print its resolved parameters, or describe every parameter (--describe)",
        epilog="examples:\n  python -m infantile_spasms_market params --set growth.diagnosis=0.002   # validate, warn, print\n"
               "  python -m infantile_spasms_market params --describe growth                # what each growth parameter means\n"
               "  python -m infantile_spasms_market params --scenario my-view.yaml --describe --format csv > params.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scenario_options(params)
    params.add_argument("--json", action="store_true", help="print JSON instead of YAML")
    params.add_argument("--describe", nargs="?", const="", default=None, metavar="NAME",
                        help="describe every parameter (or those under NAME, e.g. growth): label, description, unit, allowed "
                             "range, base value, this scenario's value, basis, distribution and plausible range")
    params.add_argument("--format", choices=("text", "csv"), default="text", help="--describe as text (default) or CSV")

    debug_option(commands.add_parser("check-data", help="validate every data file and the data register"))

    verify = commands.add_parser(
        "verify", help="check a built or downloaded book against its manifest (exit 1 on any difference)",
        description="Check a built or downloaded book against the manifest.json it holds: every file the manifest lists is "
                    "present with the SHA-256 it records, and nothing else is there. Says which files changed, are missing "
                    "or were added; exit 0 when none, 1 on any difference, 2 when PATH is not a book with a manifest.",
    )
    debug_option(verify)
    verify.add_argument("path", type=Path, metavar="PATH", help="the book's folder (the one holding manifest.json, e.g. _build/html), or a .zip of it")
    verify.add_argument("--against", type=Path, default=None, metavar="OTHER",
                        help="also compare the file hashes PATH's manifest records with another build's (e.g. your own build "
                             "of the same commit): the same commit publishes the same bytes")
    return parser


def _build(args: argparse.Namespace) -> int:
    from .bookbuild.build import build
    from .bookbuild.interrupt import Interrupted, install_handlers
    from .bookbuild.options import BuildFailed, BuildOptions
    from .bookbuild.progress import Reporter
    from .bookbuild.publish import BuildLocked
    from .paths import BUILD_LOG, CACHE_DIR, CACHE_LOGS

    install_handlers()  # Ctrl-C and SIGTERM stop the build cleanly, even when SIGINT was ignored at start
    if args.jobs < 1:
        print(f"error: --jobs: {args.jobs} is not allowed; use 1 or more", file=sys.stderr)
        return 2
    options = BuildOptions(
        scenario=args.scenario, overrides=args.overrides, jobs=args.jobs, force=getattr(args, "force", False), output=args.output,
        cache_dir=(args.cache_dir or CACHE_DIR).resolve(), wait_seconds=getattr(args, "wait", 900.0), debug=args.debug,
        pdf=getattr(args, "pdf", True),
    )
    _log_to_file(options.cache_dir / CACHE_LOGS / BUILD_LOG)
    reporter = Reporter()
    try:
        if args.command == "pdf":
            from .bookbuild.build import build_pdf

            build_pdf(options, reporter)
        else:
            build(options, reporter)
    except Interrupted as exc:
        reporter.close()
        if args.debug:
            import traceback

            traceback.print_exception(exc, file=sys.stderr)
        print(f"interrupted ({exc}): {exc.progress or 'nothing executed'}; the published book is unchanged", file=sys.stderr)
        # Everything is cleaned up by now; leave at once rather than wait for the process pool's
        # threads, which can hang on workers that were being started when the signal came.
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(exc.exit_code)
    except BuildFailed as exc:
        reporter.close()
        if args.debug:  # the full chain, including the error the build turned into this message
            import traceback

            exc.__suppress_context__ = False
            traceback.print_exception(exc, file=sys.stderr)
        print(f"error: {exc}\nThe published site was not changed.", file=sys.stderr)
        return exc.exit_code
    except BuildLocked as exc:
        reporter.close()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _log_to_file(path: Path) -> None:
    """Keep a log of every build step (the terminal shows the short version); none when the cache is not writable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return  # the build says which folder it cannot write to
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("infantile_spasms_market")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _params(args: argparse.Namespace) -> int:
    import yaml

    from .scenario.resolved import read_scenario

    scenario = read_scenario(args.scenario, args.overrides)  # a scenario file, a published scenario.yaml or a built book
    params = scenario.params
    _warn_implausible(params)
    if args.describe is not None:
        return _describe(params, args.describe, args.format)
    resolved = params.resolved()
    if args.json:
        print(json.dumps(resolved, indent=2))
        return 0
    # its section holds the file's own name and title; the comment says what the overrides make of it
    print(f"# Scenario: {scenario.title}\n" + yaml.safe_dump(resolved, sort_keys=False), end="")
    return 0


def _describe(params, prefix: str, form: str) -> int:
    """Print every parameter (under ``prefix``) with what it means and where its value stands."""
    from .constraints import InputError
    from .scenario.loading import load_parameters
    from .analysis.parameter_table import describe

    table = describe(params, load_parameters(), prefix)
    if table.empty:
        raise InputError(f"--describe {prefix}: no parameter is called so or lies under it; try --describe alone for every one")
    if form == "csv":
        table.to_csv(sys.stdout, index=False)
        return 0
    blocks = []
    for row in table.itertuples(index=False):
        lines = [f"{row.path}: {row.label}", f"  {row.description}",
                 f"  unit: {row.unit}; allowed: {row.allowed}; basis: {row.basis}"
                 + (f" ({row.derived_from})" if row.derived_from else "") + (f"; sources: {row.sources}" if row.sources else ""),
                 f"  base case: {row.base}", f"  this scenario: {row.value}" if row.value != row.base else "  this scenario: the same",
                 f"  distribution: {row.distribution}"]
        if row.plausible:
            lines.append(f"  plausible (the base case's range): {row.plausible}")
        blocks.append("\n".join(lines))
    print("\n\n".join(blocks))
    return 0


def _warn_implausible(params, say=None) -> None:
    """A warning, on stderr, for each value outside the range the base case finds plausible (allowed, but said)."""
    from .scenario.loading import load_parameters
    from .scenario.uncertainty import outside_plausible

    for warning in outside_plausible(params, load_parameters()):
        (say or (lambda text: print(text, file=sys.stderr)))(f"warning: {warning}")


def _compare(args: argparse.Namespace) -> int:
    from .analysis.scenarios import compare_table
    from .constraints import InputError
    from .scenario.resolved import read_scenario

    sources = list(args.scenarios)
    if len(sources) == 1 and not args.overrides:
        raise InputError("compare: give two or more scenarios (files or built books), or one with --set to compare it with and without")
    if args.output is not None and args.output.suffix.lower() not in (".csv", ".xlsx"):
        raise InputError(f"--output {args.output}: the comparison is written as .csv or .xlsx")
    scenarios = {}
    if len(sources) == 1:
        scenarios[_column(read_scenario(sources[0]), scenarios)] = read_scenario(sources[0]).params
    for source in sources:
        scenario = read_scenario(source, args.overrides if not source.is_dir() else ())
        _warn_implausible(scenario.params, lambda text, where=source: print(f"{text} ({where})", file=sys.stderr))
        scenarios[_column(scenario, scenarios)] = scenario.params
    table = compare_table(scenarios)
    print(_compare_text(table, list(scenarios)))
    if args.output is not None:
        _write_comparison(table, args.output)
        print(f"\nwritten to {args.output}")
    return 0


def _column(scenario, taken) -> str:
    """A scenario's column in the comparison: the name it publishes under, numbered when two share it."""
    name, n = scenario.published_name, 2
    while name in taken:
        name, n = f"{scenario.published_name} ({n})", n + 1
    return name


def _compare_text(table, names: list[str]) -> str:
    """The comparison for the terminal: one block per section, words left and numbers right, two decimals."""
    from .analysis.scenarios import OWN_SECTION, PARAMETERS_SECTION

    def cell(value) -> str:
        if value is None or value != value:  # None or NaN: the row does not apply to this scenario
            return ""
        return f"{value:,.2f}" if isinstance(value, float) else str(value)

    blocks = []
    for section, rows in table.groupby("section", sort=False):
        first = "name" if section == PARAMETERS_SECTION else "item"
        columns = [first, *[c for c in ("unit", "year") if rows[c].map(cell).astype(bool).any()], *names]
        cells = [[cell(int(v) if c == "year" and v is not None and v == v else v) for c, v in zip(columns, row)]
                 for row in rows[columns].itertuples(index=False)]
        widths = [max(len(str(c)), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
        right = [c in names and not any(r[i] and not r[i].replace(",", "").replace(".", "").lstrip("-").isdigit() for r in cells)
                 for i, c in enumerate(columns)]
        line = lambda values: "  ".join(v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right)).rstrip()  # noqa: E731
        note = {OWN_SECTION: "(empty: the scenario takes the report's 2024 value as its level)"}.get(section, "")
        blocks.append("\n".join([f"{section} {note}".rstrip(), line(columns), *(line(r) for r in cells)]))
    return "\n\n".join(blocks)


def _write_comparison(table, output: Path) -> None:
    """The comparison as one long CSV table, or as a workbook with one sheet per section."""
    import pandas as pd

    output.parent.mkdir(parents=True, exist_ok=True)
    table = table.astype({"year": "Int64"})  # a year is a whole number, empty where none applies (never 2024.0)
    if output.suffix.lower() == ".csv":
        table.to_csv(output, index=False)
        return
    with pd.ExcelWriter(output, engine="xlsxwriter") as writer:
        for section, rows in table.groupby("section", sort=False):
            rows.drop(columns="section").to_excel(writer, sheet_name=section[:31], index=False)


def _check_data(args: argparse.Namespace) -> int:
    from .inputs.reading import check_data

    check_data()
    print("data files and register: ok")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from .bookbuild.manifest import verify

    manifest, own, other = verify(args.path, args.against)
    scenario, commit = manifest.get("scenario", {}), (manifest.get("git") or {}).get("commit") or "no git commit"
    about = f"scenario {scenario.get('name', '?')}, commit {commit[:12]}, dated {(manifest.get('source_date') or {}).get('date', '?')}"
    failed = []
    if own:
        print(f"{args.path} differs from its manifest ({about}):")
        print("\n".join(own.lines()))
        failed.append(f"the book differs from its manifest: {own.counts()}")
    else:
        print(f"{args.path}: all {len(manifest['published_files'])} files match its manifest ({about}), nothing missing or added")
    if other is not None:
        if other:
            print(f"{args.path} does not publish the same files as {args.against}:")
            print("\n".join(other.lines(recorded=f"in {args.against}", found="here")))
            failed.append(f"its files differ from those of {args.against}: {other.counts()}")
        else:
            print(f"{args.path} publishes the same files, byte for byte, as {args.against}")
    for line in failed:
        print(f"error: {line}", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    from .bookbuild.interrupt import Interrupted
    from .bookbuild.options import BuildFailed
    from .constraints import InputError

    try:
        commands = {"build": _build, "pdf": _build, "compare": _compare, "params": _params, "check-data": _check_data,
                    "verify": _verify}
        return commands[args.command](args)
    except Interrupted as exc:  # before the build started, or in another command
        if args.debug:
            raise
        print(f"interrupted ({exc}): nothing was changed", file=sys.stderr)
        return exc.exit_code
    except (InputError, BuildFailed) as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return getattr(exc, "exit_code", 2)
    except BrokenPipeError:  # the reader stopped reading (``| head``): nothing went wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception:
        if args.debug:
            raise
        import traceback

        print("error: unexpected failure (run again with --debug for the full traceback):", file=sys.stderr)
        print("  " + traceback.format_exc().strip().splitlines()[-1], file=sys.stderr)
        return 1
