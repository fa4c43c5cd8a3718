"""Run a module's mutmut mutants by hand, the way mutmut runs one, on test files you name.

mutmut runs a mutant's tests in a process forked from one that imported the tests, with ``MUTANT_UNDER_TEST``
naming the mutant, the mutated tree ``mutants/src`` first on the path, ``pytest -x``, and a time limit. This does
the same on the test files given (mutmut's own choice, every test that reached the function when it recorded
coverage, takes its long run to learn), and writes one verdict a line, so a run stopped part way goes on where it
stopped. Before any verdict, a run without a mutant must pass and the mutant ``--known`` must fail: else the
setup, not the mutants, would decide the verdicts, and nothing is reported.

    python tools/mutation_by_hand.py generate            # mutants/ as `mutmut run` makes it, without running tests
    python tools/mutation_by_hand.py run analysis.own_estimate --known NAME --verdicts FILE [--timeout 300]
        [--jobs 2] [--names FILE] TEST_FILE...

Run it from the project root at ``nice -n 10``. A verdict line is ``NAME VERDICT SECONDS``: ``killed`` (a test
failed), ``survived`` (every test passed), ``timeout`` (past the limit; counted as killed, as mutmut counts it)
or ``error:CODE`` (pytest could not run the tests: 2 interrupted, 4 usage, 5 no tests; counted as neither).
A survivor's pytest output is kept in ``FILE.logs/``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from collections.abc import Iterable
from pathlib import Path

PACKAGE = "infantile_spasms_market"
MUTANTS = Path("mutants")
KILLED = {"killed", "timeout"}


def verdict_of(status: int | None) -> str:
    """The verdict of a child's wait status (``None``: it ran past its time limit and was stopped)."""
    if status is None:
        return "timeout"
    if os.WIFSIGNALED(status):
        return "killed"  # a crash (segfault, out of memory) is a kill, as mutmut counts it
    code = os.WEXITSTATUS(status)
    if code == 0:
        return "survived"
    if code in (1, 3):
        return "killed"  # 3: an internal error in pytest, which mutmut counts as a kill
    return f"error:{code}"


def read_verdicts(path: Path) -> dict[str, str]:
    """The verdicts already written to ``path`` (the last one of a name wins), empty if there is no file."""
    if not path.is_file():
        return {}
    verdicts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            verdicts[parts[0]] = parts[1]
    return verdicts


def summary(verdicts: dict[str, str], names: Iterable[str]) -> dict[str, int]:
    """Counts of ``names`` by verdict (``not run`` for a name without one), with ``killed`` counting timeouts."""
    counts: dict[str, int] = {}
    for name in names:
        verdict = verdicts.get(name, "not run")
        key = "killed" if verdict in KILLED else verdict
        counts[key] = counts.get(key, 0) + 1
    return counts


def module_mutants(module: str) -> list[str]:
    """Every mutant mutmut generated for ``module`` (``analysis.own_estimate``), from its ``.meta`` file."""
    meta = MUTANTS / "src" / PACKAGE / (module.replace(".", "/") + ".py.meta")
    if not meta.is_file():
        raise SystemExit(f"no mutants of {module}: {meta} is missing (run `generate` first; is it in only_mutate?)")
    return sorted(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"], key=_natural)


def _natural(name: str) -> tuple[str, int]:
    head, _, number = name.rpartition("_")
    return (head, int(number)) if number.isdigit() else (name, 0)


def generate() -> None:
    """Write ``mutants/`` as ``mutmut run`` does before it runs anything (its first step), and stop there."""
    from mutmut.__main__ import create_mutants
    from mutmut.mutation.trampoline import set_mutant_under_test
    from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir

    set_mutant_under_test("mutant_generation")
    MUTANTS.mkdir(exist_ok=True)
    copy_src_dir()
    copy_also_copy_files()
    print(create_mutants(2))


def _mutated_tree_first() -> None:
    """In this process: work in ``mutants/``, import the package from ``mutants/src`` and never from ``src``."""
    source = Path("src").resolve()
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != source]
    sys.path.insert(0, str((MUTANTS / "src").resolve()))
    os.chdir(MUTANTS)
    import mutmut  # noqa: F401  (the tests' conftest checks for it: fixed Hypothesis examples, the memo emptied)

    module = __import__(PACKAGE)
    if not Path(module.__file__).resolve().is_relative_to(Path.cwd().resolve()):
        raise SystemExit(f"{PACKAGE} was imported from {module.__file__}, not from mutants/src: refusing to run")


class Runner:
    """Forks one child per mutant from this process (which imported the tests), at most ``jobs`` at a time."""

    def __init__(self, tests: list[str], timeout: float, logs: Path) -> None:
        self.tests, self.timeout, self.logs = tests, timeout, logs
        self.running: dict[int, tuple[str, float, Path]] = {}

    def start(self, mutant: str) -> None:
        log = self.logs / f"{mutant.rpartition('.')[2] or 'clean'}.txt"
        pid = os.fork()
        if pid == 0:  # the child: one pytest run under the mutant, its output to its log
            try:
                fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(fd, 1)
                os.dup2(fd, 2)
                os.environ["MUTANT_UNDER_TEST"] = mutant
                import pytest

                code = pytest.main(["--rootdir=.", "--tb=native", "-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
                                    "-m", "not slow and not browser", *self.tests])
            except BaseException:  # noqa: BLE001 (whatever happens in the child, it must not return to the loop)
                code = 3
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(int(code))
        self.running[pid] = (mutant, time.monotonic(), log)

    def wait_one(self) -> tuple[str, str, float, Path]:
        """The next child to finish (or to pass its time limit, then stopped): its mutant, verdict, seconds, log."""
        while True:
            for pid, (mutant, began, log) in list(self.running.items()):
                done, status = os.waitpid(pid, os.WNOHANG)
                elapsed = time.monotonic() - began
                if done == 0 and elapsed > self.timeout:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    done, status = pid, None
                if done:
                    del self.running[pid]
                    return mutant, verdict_of(status), elapsed, log
            time.sleep(0.2)

    def one(self, mutant: str) -> str:
        self.start(mutant)
        return self.wait_one()[1]


def run(args: argparse.Namespace) -> None:
    names = module_mutants(args.module)
    if args.names:
        wanted = set(Path(args.names).read_text(encoding="utf-8").split())
        names = [name for name in names if name in wanted]
    if args.known not in module_mutants(args.module):
        raise SystemExit(f"--known {args.known} is not a mutant of {args.module}")
    out = Path(args.verdicts).resolve()
    logs = out.with_name(out.name + ".logs")
    logs.mkdir(parents=True, exist_ok=True)
    tests = [str(Path(test)) for test in args.tests]
    missing = [test for test in tests if not (MUTANTS / test).exists()]
    if missing:
        raise SystemExit(f"test files not in mutants/: {', '.join(missing)}")
    _mutated_tree_first()
    import pytest

    if pytest.main(["--rootdir=.", "--collect-only", "-qq", "-p", "no:cacheprovider", *tests]) != 0:
        raise SystemExit("the tests could not be collected: refusing to run")
    runner = Runner(tests, args.timeout, logs)
    clean = runner.one("")  # the empty name: no mutant active
    if clean != "survived":
        raise SystemExit(f"the tests without any mutant: {clean}, not passed (see {logs / 'clean.txt'}): refusing to report")
    known = runner.one(args.known)
    if known not in KILLED:
        raise SystemExit(f"the known mutant {args.known} was not killed ({known}): refusing to report")
    done = read_verdicts(out)
    queue = [name for name in names if name not in done]
    print(f"{args.module}: {len(names)} mutants, {len(names) - len(queue)} with a verdict already, {len(queue)} to run",
          flush=True)
    with out.open("a", encoding="utf-8") as sink:
        while queue or runner.running:
            while queue and len(runner.running) < args.jobs:
                runner.start(queue.pop(0))
            mutant, verdict, elapsed, log = runner.wait_one()
            sink.write(f"{mutant} {verdict} {elapsed:.1f}\n")
            sink.flush()
            if verdict in KILLED:
                log.unlink(missing_ok=True)
            print(f"{mutant} {verdict} {elapsed:.1f}s", flush=True)
    print(json.dumps(summary(read_verdicts(out), names)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("generate", help="write mutants/ as mutmut run does, without running tests")
    go = commands.add_parser("run", help="run a module's mutants on the test files given")
    go.add_argument("module", help="the module as mutmut names it under the package: analysis.own_estimate")
    go.add_argument("tests", nargs="+", help="test files (project-relative), run in the order given")
    go.add_argument("--known", required=True, help="a mutant the tests must kill, or nothing is reported")
    go.add_argument("--verdicts", required=True, help="the file of verdicts, appended to, read to resume")
    go.add_argument("--timeout", type=float, default=300.0, help="seconds a mutant may run (then: timeout, killed)")
    go.add_argument("--jobs", type=int, default=1, help="mutants run at once (default 1)")
    go.add_argument("--names", help="a file of mutant names: run only those")
    args = parser.parse_args(argv)
    if args.command == "generate":
        generate()
    else:
        run(args)


if __name__ == "__main__":
    main()
