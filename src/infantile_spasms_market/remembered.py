"""Model results kept between chapters and between builds, each under the values of the parameters it read.

Several chapters compute the same market table, bottom-up market and Monte Carlo run, and a rebuild after one
parameter changed computes again much that the parameter does not reach (the bottom-up market reads no growth rate).
A :func:`remembered` function's result is kept in the build's result store under the function, the package's code,
the libraries, the Python running it, its other arguments, the values of the parameters the call read and the versions of the input files
it read (both recorded as a chapter's are, :mod:`..inputs.declared`). A later call whose scenario has the same
values at those paths, while those files are unchanged, takes the kept result and records the same parameter reads
and input-file checks as computing it does, so the chapter's own cache key, and its check that it declared every
file it reads, are what computing it again would give.

Outside a build's chapter kernel (no store, or no reads recorded) the function simply runs.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import os
import pickle
import sys
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from . import paths
from .inputs import declared

__all__ = ["prune_results", "remembered", "result_store"]

F = TypeVar("F", bound=Callable[..., Any])
LIBRARIES = ("numpy", "pandas", "scipy", "pydantic", "pyarrow", "PyYAML")
"""Libraries whose version can change what the model computes (PyYAML reads the scenarios and the data's YAML)."""
_MISSING = object()
READ_SETS_KEPT = 16
"""Read sets kept per call, the newest first (a call reads other parameters only when its branches do)."""


def result_store() -> Path | None:
    """The build's result store (``ISM_RESULT_STORE``), or None: run by hand or in a test, every result is computed."""
    folder = os.environ.get(paths.RESULT_STORE_VARIABLE)
    return Path(folder) if folder else None


def remembered(function: F) -> F:
    """Keep ``function``'s results in the result store; its first argument is the scenario's :class:`.Parameters`.

    Its other arguments must pickle the same when they are equal (numbers, strings, the headline); a call with one
    that does not pickle is computed. Its result must pickle, and must depend on nothing but those arguments, the
    parameters it reads, the input files it reads (through the package's readers) and the package's code.

    It must be a module-level ``def``: its results are kept under its module and name, which two closures of one
    factory, or two lambdas, share while they compute different things. A closure's captured values are inputs the
    key cannot see (keyed by their pickles, a mutable one would miss on every call and one that does not pickle would
    keep nothing), so such a function is refused here, with :class:`TypeError`, rather than served another's results.
    """
    _refuse_unkeyable(function)
    signature = inspect.signature(function)
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def wrapper(params, *args, **kwargs):
        store = result_store()
        if store is None or not declared.recording() or not declared.tracked_root(params):
            return function(params, *args, **kwargs)
        call = _call_key(name, signature, params, args, kwargs)
        if call is None:
            return function(params, *args, **kwargs)
        for read, files in _read_sets(store, call):
            kept = _load(store, _entry_key(call, params, read, files))
            if kept is not _MISSING:
                for path in files:
                    declared.check(path)  # an undeclared input stops the chapter, as computing it would
                for path in read:
                    declared.note(path)
                _touch(_read_sets_file(store, call))  # recently used, as the result is (see prune_results)
                _warn_again(kept["warnings"])
                return kept["result"]
        try:
            with declared.apart() as (read, checked), warnings.catch_warnings(record=True) as raised:
                warnings.simplefilter("always")  # each one, to keep: the caller's filters decide when they are replayed
                result = function(params, *args, **kwargs)
        except BaseException:
            _warn_again(raised)
            raise
        read, files = declared.minimal(read), sorted(checked)
        entry = _entry_key(call, params, read, files)
        if entry is not None:
            _save(store, entry, {"result": result, "warnings": [_Warned.of(w) for w in raised]})
            _remember_read_set(store, call, read, files)
        _warn_again(raised)
        return result

    return wrapper  # type: ignore[return-value]


def _refuse_unkeyable(function: Callable[..., Any]) -> None:
    """Raise :class:`TypeError` unless ``function``'s module and qualified name name it alone (see :func:`remembered`).

    A wrapper made with :func:`functools.wraps` (mutmut's trampoline, which mutation testing puts around every function)
    is judged by the function it wraps, whose name it carries.
    """
    inner = inspect.unwrap(function)
    qualname = getattr(inner, "__qualname__", "")
    why = ("it is a lambda" if qualname.split(".")[-1] == "<lambda>"
           else "it is defined inside another function" if "<locals>" in qualname
           else "it captures variables (a closure)" if getattr(inner, "__closure__", None)
           else None if inspect.isfunction(inner) else "it is not a plain function")
    if why:
        label = f"{getattr(function, '__module__', '?')}.{qualname}" if qualname else repr(function)
        raise TypeError(f"remembered: cannot keep the results of {label}: "
                        f"{why}; its results would be kept under a name another function can share. "
                        "Define it with def at the top level of a module.")


# --------------------------------------------------------------------------- warnings
@dataclass(frozen=True)
class _Warned:
    """A warning the computation raised, kept with its result: a reused result warns as computing it did, so a
    chapter's output (its stderr, or its failure under ``-W error``) does not depend on whether the store was warm."""

    message: Warning
    category: type[Warning]
    filename: str
    lineno: int
    module: str | None  # the module raising it, for filters that name one (None: derived from the file name)

    @classmethod
    def of(cls, caught: warnings.WarningMessage) -> _Warned:
        return cls(caught.message, caught.category, caught.filename, caught.lineno, _module_of(caught.filename))


_REGISTRIES: dict[str, dict] = {}  # per file, as each module's own: a "default" filter shows a warning once per place


def _module_of(filename: str) -> str | None:
    return next((name for name, module in list(sys.modules.items()) if getattr(module, "__file__", None) == filename), None)


def _warn_again(raised: Iterable[_Warned | warnings.WarningMessage]) -> None:
    """Warn each of ``raised`` again, from where it was first raised, through the caller's filters."""
    for w in raised:
        module = w.module if isinstance(w, _Warned) else _module_of(w.filename)
        named = {"module": module} if module else {}  # module=None given outright would drop the warning
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, registry=_REGISTRIES.setdefault(w.filename, {}),
                               **named)


# --------------------------------------------------------------------------- keys
@functools.cache
def _code_and_libraries() -> str:
    """The package's code and the libraries' versions, read when this module is imported (below): the code a kernel
    runs is the code it imported, so a file edited during a build cannot lend its digest to the old code's results."""
    digest = hashlib.sha256()
    for path in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        if "__pycache__" not in path.parts:
            digest.update(path.relative_to(paths.PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=missing\0".encode())
    digest.update(f"{_interpreter()}\0".encode())
    return digest.hexdigest()


def _interpreter() -> str:
    """The Python that runs the model (its version and build: float formatting, pickles) and whether PyYAML parses with
    libyaml (its C loader, which does not always read a file as the pure-Python one does)."""
    import yaml

    return f"python={sys.implementation.name} {sys.version}\0libyaml={bool(getattr(yaml, '__with_libyaml__', False))}"


def _stamps(files: Iterable[str]) -> list[list[Any]]:
    """Each input file (project-relative, as a chapter declares it) with the SHA-256 of its bytes, as a chapter's own
    cache key has it: an edit that keeps the size and the modification time (``cp -p``, an unpacked archive) still
    changes a key."""
    rows: list[list[Any]] = []
    for name in files:
        try:
            content = (paths.PROJECT_ROOT / name).read_bytes()
        except OSError:
            rows.append([name, None])
            continue
        rows.append([name, hashlib.sha256(content).hexdigest()])
    return rows


def _call_key(name: str, signature: inspect.Signature, params, args, kwargs) -> str | None:
    """What a call's result depends on besides the parameters it reads (None: an argument that cannot be keyed)."""
    bound = signature.bind(params, *args, **kwargs)
    bound.apply_defaults()
    others = list(bound.arguments.items())[1:]
    try:
        blob = pickle.dumps(others, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 (an argument that does not pickle: computed, never kept)
        return None
    always = json.dumps(_stamps(declared.ALWAYS_READ))  # the model's own inputs, whichever it read
    digest = hashlib.sha256(f"{name}\0{_code_and_libraries()}\0{always}\0".encode())
    digest.update(blob)
    return digest.hexdigest()


def _entry_key(call: str, params, read: list[str], files: list[str]) -> str | None:
    """The key of ``call``'s result on a scenario with ``params``' values at the paths ``read``, ``files`` as they are now (None: a path it lacks)."""
    if any(path.startswith("@") for path in read):
        return None  # the overrides as such: not a value of the parameters
    with declared.unrecorded():
        try:
            values = [params.resolved() if path == "" else params.value_at(path) for path in read]
        except (KeyError, AttributeError, TypeError):
            return None
    text = json.dumps([call, read, values, _stamps(files)], sort_keys=True, separators=(",", ":"), default=repr)
    return hashlib.sha256(text.encode()).hexdigest()


# --------------------------------------------------------------------------- the store
def _read_sets_file(store: Path, call: str) -> Path:
    return store / paths.CACHE_READ_SETS / f"{call}.json"


def _read_sets(store: Path, call: str) -> list[tuple[list[str], list[str]]]:
    """The parameter paths and input files each kept call of ``call`` read (newest first)."""
    try:
        sets = json.loads(_read_sets_file(store, call).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(sets, list):
        return []
    return [(s[0], s[1]) for s in sets if isinstance(s, list) and len(s) == 2
            and all(isinstance(part, list) and all(isinstance(p, str) for p in part) for part in s)]


def _remember_read_set(store: Path, call: str, read: list[str], files: list[str]) -> None:
    """Put ``read`` and ``files`` first in ``call``'s read sets (at most :data:`READ_SETS_KEPT`); the file is touched
    whenever a result of ``call`` is kept or reused, so it is never older than its newest result (see :func:`prune_results`)."""
    sets = [list(s) for s in _read_sets(store, call)]
    if [read, files] in sets:
        _touch(_read_sets_file(store, call))
        return
    _write(_read_sets_file(store, call), json.dumps([[read, files], *sets][:READ_SETS_KEPT]).encode())


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def _load(store: Path, key: str | None) -> Any:
    """The kept entry under ``key``, or :data:`_MISSING` (none kept, or damaged: its checksum disagrees)."""
    if key is None:
        return _MISSING
    path = store / key[:2] / key
    try:
        content = path.read_bytes()
    except OSError:
        return _MISSING
    checksum, body = content[:32], content[32:]
    if hashlib.sha256(body).digest() != checksum:
        return _MISSING
    try:
        kept = pickle.loads(body)  # noqa: S301 (the build's own cache, written by this module)
        os.utime(path)  # recently used: kept when the store is pruned
    except Exception:  # noqa: BLE001 (a class that changed shape: computed again)
        return _MISSING
    return kept if isinstance(kept, dict) and kept.keys() == {"result", "warnings"} else _MISSING


def _save(store: Path, key: str, entry: dict[str, Any]) -> None:
    try:
        body = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 (a result that does not pickle: not kept)
        return
    _write(store / key[:2] / key, hashlib.sha256(body).digest() + body)


def _write(path: Path, content: bytes) -> None:
    """Write under a temporary name, then rename: whole or not at all (a full disk only costs the reuse, and leaves no
    temporary file; one a killed kernel left is removed by :func:`prune_results`)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}{paths.STORE_TEMPORARY_SUFFIX}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(content)
        os.replace(temporary, path)
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


def prune_results(store: Path, keep_bytes: int) -> None:
    """Remove the least recently used results until the store holds at most ``keep_bytes``, every temporary file (a
    kernel stopped while writing; the build prunes once its kernels are gone), and the read sets of calls none of whose
    results are left: a read-sets file is touched whenever one of its results is kept or reused, so one older than the
    oldest result kept can lead to none (a new version of the code makes every call new: without this they pile up)."""
    try:
        found = [(p, p.stat()) for p in store.glob("*/*") if p.is_file()]
    except OSError:
        return
    results, read_sets = [], []
    for path, stat in found:
        if path.name.startswith(".") and path.name.endswith(paths.STORE_TEMPORARY_SUFFIX):
            path.unlink(missing_ok=True)
        else:
            (read_sets if path.parent.name == paths.CACHE_READ_SETS else results).append((path, stat))
    results.sort(key=lambda item: item[1].st_mtime_ns, reverse=True)
    total, oldest_kept = 0, None
    for path, stat in results:
        total += stat.st_size
        if total > keep_bytes:
            path.unlink(missing_ok=True)
        else:
            oldest_kept = stat.st_mtime_ns
    for path, stat in read_sets:
        if oldest_kept is None or stat.st_mtime_ns < oldest_kept:
            path.unlink(missing_ok=True)


_code_and_libraries()  # read now, with the code this process imported (see its docstring)
