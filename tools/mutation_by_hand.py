"""Run a module's mutmut mutants by hand, the way mutmut runs one, on the test files named.

As mutmut: the mutated tree ``mutants/src`` first on the path, a child forked per mutant from a process that imported
the tests, ``MUTANT_UNDER_TEST`` naming the mutant, ``pytest -x``, a time limit (a timeout is a kill). One verdict a
line (``NAME VERDICT SECONDS``: killed, survived, timeout, crashed, no-tests, ``error:CODE`` for pytest's 2, 4 or 5), so a
stopped run resumes. A run without a mutant must pass and ``--known`` must be killed, or nothing is reported.

    python tools/mutation_by_hand.py generate     # mutants/ as `mutmut run` writes it, then stop (no tests run)
    python tools/mutation_by_hand.py run analysis.own_estimate --known NAME --verdicts FILE [--timeout 300]
        [--jobs 2] [--names FILE] [--first FILE] [--by-function] TEST_FILE...

``--by-function`` runs, as mutmut does, only the tests that call the mutated function (recorded first, as mutmut
records them): fast, but a test reusing a fixture another test built is left out, so kills are under-counted. Run
its survivors and no-tests again on the whole files (``--names``, another verdicts file). Survivors' output is kept
in ``FILE.logs/``. Run it from the project root at ``nice -n 10``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

PACKAGE = "infantile_spasms_market"
MUTANTS = Path("mutants")
KILLED = {"killed", "timeout"}


def verdict_of(status: int | None) -> str:
    """The verdict of a child's wait status (``None``: it ran past its time limit and was stopped)."""
    if status is None:
        return "timeout"
    if os.WIFSIGNALED(status):  # a crash (segfault, out of memory): mutmut's "segfault", which its score does not count
        return "crashed"
    code = os.WEXITSTATUS(status)  # 3, an internal error in pytest, is a kill for mutmut too
    return "survived" if code == 0 else "killed" if code in (1, 3) else f"error:{code}"


def read_verdicts(path: Path) -> dict[str, str]:
    """The verdicts already written to ``path`` (the last one of a name wins), empty if there is no file."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return {parts[0]: parts[1] for parts in map(str.split, lines) if len(parts) >= 2}


def summary(verdicts: dict[str, str], names: Iterable[str]) -> dict[str, int]:
    """Counts of ``names`` by verdict (``not run`` for a name without one), with ``killed`` counting timeouts."""
    counts = Counter("killed" if verdicts.get(name) in KILLED else verdicts.get(name, "not run") for name in names)
    return dict(counts)


def module_mutants(module: str) -> list[str]:
    """Every mutant mutmut generated for ``module`` (``analysis.own_estimate``), from its ``.meta`` file."""
    meta = MUTANTS / "src" / PACKAGE / (module.replace(".", "/") + ".py.meta")
    if not meta.is_file():
        raise SystemExit(f"no mutants of {module}: {meta} is missing (run `generate` first; is it in only_mutate?)")
    return sorted(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"], key=_natural)


def _natural(name: str) -> tuple[str, int]:  # x_f__mutmut_9 before x_f__mutmut_10
    head, _, number = name.rpartition("_")
    return (head, int(number)) if number.isdigit() else (name, 0)


def generate() -> None:
    """Write ``mutants/`` as ``mutmut run`` does before it runs anything (its first step), and stop there."""
    import filecmp
    import shutil

    from mutmut.__main__ import create_mutants
    from mutmut.configuration import config
    from mutmut.mutation.trampoline import set_mutant_under_test
    from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir, walk_all_files

    set_mutant_under_test("mutant_generation")
    MUTANTS.mkdir(exist_ok=True)
    copy_src_dir()
    for root, name in walk_all_files():  # mutmut copies a file it does not mutate only once: copy it again if it changed
        source, target = Path(root) / name, MUTANTS / root / name
        if not config().should_mutate(source) and not filecmp.cmp(source, target, shallow=False):
            shutil.copy2(source, target)
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
        self.running: dict[int, tuple[str, float, Path, float]] = {}

    def start(self, mutant: str, tests: list[str] | None = None, plugins: list | None = None, limit: bool = True) -> None:
        log = self.logs / f"{mutant.rpartition('.')[2] or mutant or 'clean'}.txt"
        pid = os.fork()
        if pid == 0:  # the child: one pytest run under the mutant, its output to its log
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(fd, 1), os.dup2(fd, 2)
                os.environ["MUTANT_UNDER_TEST"] = mutant
                import pytest

                code = pytest.main(["--rootdir=.", "--tb=native", "-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
                                    "-m", "not slow and not browser", *(tests or self.tests)], plugins=plugins or [])
            except BaseException:  # noqa: BLE001 (the child must never return to the loop; its verdict: error:70)
                code = 70
            sys.stdout.flush(), sys.stderr.flush()
            os._exit(int(code))
        self.running[pid] = (mutant, time.monotonic(), log, self.timeout if limit else float("inf"))

    def wait_one(self) -> tuple[str, str, float, Path]:
        """The next child to finish (or to pass its time limit, then stopped): its mutant, verdict, seconds, log."""
        while True:
            for pid, (mutant, began, log, timeout) in list(self.running.items()):
                done, status = os.waitpid(pid, os.WNOHANG)
                elapsed = time.monotonic() - began
                if done == 0 and elapsed > timeout:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    done, status = pid, None
                if done:
                    del self.running[pid]
                    return mutant, verdict_of(status), elapsed, log
            time.sleep(0.2)

    def stop(self) -> None:
        """Stop every child, then this process (a stopped run resumes from its verdicts)."""
        for pid in self.running:
            os.kill(pid, signal.SIGKILL)
        raise SystemExit(143)

    def one(self, mutant: str, tests: list[str] | None = None, plugins: list | None = None) -> str:
        self.start(mutant, tests, plugins, limit=False)  # the clean run, the calls recorded, the known mutant: no limit
        return self.wait_one()[1]

    def reach(self, module: str) -> dict[str, list[str]]:
        """Which tests call each function of ``module``, recorded as mutmut records it (``MUTANT_UNDER_TEST=stats``: the
        trampolines note each call, given to the test that was running, its fixtures' setup included)."""
        out = self.logs / "reach.json"

        class Recorder:
            def __init__(self) -> None:
                self.hits: set[str] = set()
                self.tests: dict[str, list[str]] = {}

            def pytest_runtest_teardown(self, item) -> None:
                for function in self.hits:
                    self.tests.setdefault(function, []).append(item.nodeid)
                self.hits.clear()

            def pytest_sessionfinish(self) -> None:
                out.write_text(json.dumps(self.tests), encoding="utf-8")

        from mutmut.mutation import trampoline

        recorder = Recorder()
        trampoline.record_trampoline_hit = lambda name, caller=None: recorder.hits.add(name)
        if self.one("stats", plugins=[recorder]) != "survived":
            raise SystemExit(f"the tests failed while their calls were recorded (see {self.logs / 'stats.txt'})")
        prefix = f"{PACKAGE}.{module}."
        return {name.removeprefix(prefix): tests for name, tests in json.loads(out.read_text(encoding="utf-8")).items()
                if name.startswith(prefix)}


def run(args: argparse.Namespace) -> None:
    names = module_mutants(args.module)
    wanted, first = ({*Path(f).read_text(encoding="utf-8").split()} if f else None for f in (args.names, args.first))
    names = [name for name in names if wanted is None or name in wanted]
    if args.known not in module_mutants(args.module):
        raise SystemExit(f"--known {args.known} is not a mutant of {args.module}")
    out = Path(args.verdicts).resolve()
    (logs := out.with_name(out.name + ".logs")).mkdir(parents=True, exist_ok=True)
    if missing := [test for test in args.tests if not (MUTANTS / test).exists()]:
        raise SystemExit(f"test files not in mutants/: {', '.join(missing)}")
    _mutated_tree_first()
    if __import__("pytest").main(["--rootdir=.", "--collect-only", "-qq", "-p", "no:cacheprovider", *args.tests]) != 0:
        raise SystemExit("the tests could not be collected: refusing to run")
    runner = Runner(args.tests, args.timeout, logs)
    signal.signal(signal.SIGTERM, lambda *_: runner.stop())
    clean = runner.one("")  # the empty name: no mutant active
    if clean != "survived":
        raise SystemExit(f"the tests without any mutant: {clean}, not passed (see {logs / 'clean.txt'}): refusing to report")
    reach = runner.reach(args.module) if args.by_function else None

    def tests_of(mutant: str) -> list[str] | None:  # None: every test given; [] none calls the mutated function
        return None if reach is None else reach.get(mutant.rpartition(".")[2].partition("__mutmut_")[0], [])

    known = runner.one(args.known, tests_of(args.known))
    if known not in KILLED:
        raise SystemExit(f"the known mutant {args.known} was not killed ({known}): refusing to report")
    done = read_verdicts(out)
    queue = sorted((name for name in names if name not in done), key=lambda name: name not in (first or ()))
    print(f"{args.module}: {len(names)} mutants, {len(names) - len(queue)} with a verdict already", flush=True)
    with out.open("a", encoding="utf-8") as sink:
        while queue or runner.running:
            while queue and len(runner.running) < args.jobs:
                mutant = queue.pop(0)
                if tests_of(mutant) == []:
                    sink.write(f"{mutant} no-tests 0.0\n")
                else:
                    runner.start(mutant, tests_of(mutant))
            if runner.running:
                mutant, verdict, elapsed, log = runner.wait_one()
                sink.write(f"{mutant} {verdict} {elapsed:.1f}\n")
                sink.flush()
                if verdict in KILLED:
                    log.unlink(missing_ok=True)
    print(json.dumps(summary(read_verdicts(out), names)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("generate", help="write mutants/ as mutmut run does, without running tests")
    go = commands.add_parser("run", help="run a module's mutants on the test files given")
    go.add_argument("module", help="the module under the package, as mutmut names it: analysis.own_estimate")
    go.add_argument("tests", nargs="+", help="test files, project-relative (the conftest orders them as under mutmut)")
    go.add_argument("--known", required=True, help="a mutant the tests must kill, or nothing is reported")
    go.add_argument("--verdicts", required=True, help="the file of verdicts, appended to, read to resume")
    go.add_argument("--timeout", type=float, default=300.0, help="seconds a mutant may run (then: timeout, killed)")
    go.add_argument("--jobs", type=int, default=1, help="mutants run at once (default 1)")
    go.add_argument("--names", help="a file of mutant names: run only those")
    go.add_argument("--first", help="a file of mutant names: run those first, then the others")
    go.add_argument("--by-function", action="store_true", help="only the tests that call the mutated function")
    args = parser.parse_args(argv)
    generate() if args.command == "generate" else run(args)


if __name__ == "__main__":
    main()
