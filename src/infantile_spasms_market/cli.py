"""The command line: ``python -m infantile_spasms_market build|pdf|params|check-data``. Exit 0 ok, 1 failed, 2 bad input."""

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

    params = commands.add_parser("params", help="validate a scenario and print its resolved parameters")
    scenario_options(params)
    params.add_argument("--json", action="store_true", help="print JSON instead of YAML")

    debug_option(commands.add_parser("check-data", help="validate every data file and the data register"))
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
            from .bookbuild.pdf_only import build_pdf

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

    from .scenario.loading import load_parameters

    resolved = load_parameters(args.scenario, args.overrides).resolved()
    print(json.dumps(resolved, indent=2) if args.json else yaml.safe_dump(resolved, sort_keys=False), end="")
    return 0


def _check_data(args: argparse.Namespace) -> int:
    from .inputs.reading import check_data

    check_data()
    print("data files and register: ok")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    from .bookbuild.interrupt import Interrupted
    from .bookbuild.options import BuildFailed
    from .errors import InputError

    try:
        return {"build": _build, "pdf": _build, "params": _params, "check-data": _check_data}[args.command](args)
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
    except Exception:
        if args.debug:
            raise
        import traceback

        print("error: unexpected failure (run again with --debug for the full traceback):", file=sys.stderr)
        print("  " + traceback.format_exc().strip().splitlines()[-1], file=sys.stderr)
        return 1
