"""A kept model result is what computing it again gives, and a call reused from the store records the same reads."""

from __future__ import annotations

import functools
import os
import time

import pandas as pd
import pytest

from infantile_spasms_market import paths
from infantile_spasms_market.inputs import declared
from infantile_spasms_market import remembered
from infantile_spasms_market.model import montecarlo
from infantile_spasms_market.model.bottomup import bottom_up_by_region
from infantile_spasms_market.model.sensitivity import with_values
from infantile_spasms_market.model.topdown import market_table
from infantile_spasms_market.scenario.loading import load_parameters

CHANGES = {  # one parameter of each section the benchmark changes
    "growth.diagnosis": 0.013,
    "pricing.infant_weight_kg": 8.0,
    "companies.share_concentration": 40.0,
    "trends.novel_therapy.peak_uptake": 0.4,
    "regions.growth_differential.europe": 0.01,
}


@pytest.fixture
def store(tmp_path, monkeypatch):
    folder = tmp_path / "results"
    monkeypatch.setenv(paths.RESULT_STORE_VARIABLE, str(folder))
    return folder


def chapter_scenario(changes=None):
    """A scenario as a chapter holds it: its reads recorded from now on."""
    declared.forget()
    params = load_parameters()
    if changes:
        params = with_values(params, changes)
    declared.track(params)
    return params


def computed(function, changes=None, **arguments):
    """``function``'s result and the parameters read, computed with no store."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(paths.RESULT_STORE_VARIABLE, raising=False)
        params = chapter_scenario(changes)
        return function(params, **arguments), declared.parameters_read()


def test_a_kept_result_is_what_computing_it_gives_and_records_the_same_reads(store):
    expected, expected_reads = computed(market_table)
    params = chapter_scenario()
    first = market_table(params)  # computed and kept
    assert declared.parameters_read() == expected_reads
    reused = market_table(chapter_scenario())
    pd.testing.assert_frame_equal(first, expected, check_exact=True)
    pd.testing.assert_frame_equal(reused, expected, check_exact=True)
    assert declared.parameters_read() == expected_reads, "a reused result records the reads computing it makes"
    assert any(store.glob("*/*")), "the result was kept"


@pytest.mark.parametrize("path", sorted(CHANGES))
def test_after_one_parameter_changed_every_result_equals_a_forced_computation(store, path):
    for function in (market_table, bottom_up_by_region):
        function(chapter_scenario())  # the base case's results kept
        expected, expected_reads = computed(function, {path: CHANGES[path]})
        got = function(chapter_scenario({path: CHANGES[path]}))
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
        assert declared.parameters_read() == expected_reads


CALLS: list[str] = []  # the module-level functions below note each computation here (remembered refuses closures)


def _scaled_diagnosis(params, scale=1.0):
    CALLS.append("scaled")
    return params.growth.diagnosis * scale


def _events_and_diagnosis(params):
    from infantile_spasms_market.inputs.reading import load_table

    return len(load_table("events")) + params.growth.diagnosis


def _note_and_diagnosis(params):
    declared.check("data/note.txt")
    CALLS.append("note")
    return (paths.PROJECT_ROOT / "data" / "note.txt").read_text() + str(params.growth.diagnosis)


@pytest.fixture
def calls():
    CALLS.clear()
    yield CALLS
    CALLS.clear()


def test_a_result_is_reused_only_while_the_parameters_it_read_keep_their_values(store, calls):
    real = remembered.remembered(_scaled_diagnosis)
    assert real(chapter_scenario()) == 0.012 and real(chapter_scenario()) == 0.012
    assert len(calls) == 1, "the second call took the kept result"
    assert real(chapter_scenario({"companies.share_concentration": 40.0})) == 0.012 and len(calls) == 1, "a parameter it never read"
    assert real(chapter_scenario({"growth.diagnosis": 0.013})) == 0.013 and len(calls) == 2, "one it read"
    assert real(chapter_scenario(), scale=2.0) == 0.024 and len(calls) == 3, "another argument"


def test_a_reused_result_checks_the_input_files_it_read(store):
    reader = remembered.remembered(_events_and_diagnosis)
    declared.forget()
    params = chapter_scenario()
    declared.declare(["data/events.csv"])
    reader(params)
    declared.declare([])  # a chapter that does not declare the file
    with pytest.raises(declared.UndeclaredInput, match="data/events.csv"):
        reader(params)


def test_outside_a_chapter_or_without_a_store_nothing_is_kept(tmp_path, monkeypatch):
    declared.forget()
    monkeypatch.setenv(paths.RESULT_STORE_VARIABLE, str(tmp_path / "results"))
    market_table(load_parameters())  # no reads recorded: nothing to key a result on
    assert not (tmp_path / "results").exists()


def test_a_damaged_result_is_computed_again(store):
    expected = montecarlo.run(chapter_scenario(), n=200)
    for kept in store.glob("*/*"):
        if kept.parent.name != paths.CACHE_READ_SETS:
            data = bytearray(kept.read_bytes())
            data[len(data) // 2] ^= 0xFF  # inside the draws: a pickle that still loads, with another number
            kept.write_bytes(bytes(data))
    again = montecarlo.run(chapter_scenario(), n=200)
    assert (again.values == expected.values).all() and again.claims.equals(expected.claims)


def test_pruning_keeps_the_most_recently_used(store):
    for value in (0.010, 0.011, 0.012):
        market_table(chapter_scenario({"growth.diagnosis": value}))
    sizes = sorted(p.stat().st_size for p in store.glob("*/*") if p.parent.name != paths.CACHE_READ_SETS)
    remembered.prune_results(store, sizes[-1] + sizes[-2])
    assert len([p for p in store.glob("*/*") if p.parent.name != paths.CACHE_READ_SETS]) == 2


def test_a_result_is_computed_again_when_an_input_file_it_read_changes(store, tmp_path, monkeypatch, calls):
    monkeypatch.setattr(paths, "PROJECT_ROOT", tmp_path)
    (tmp_path / "data").mkdir()
    note, other = tmp_path / "data" / "note.txt", tmp_path / "data" / "other.txt"
    note.write_text("a")
    other.write_text("x")
    reader = remembered.remembered(_note_and_diagnosis)
    assert reader(chapter_scenario()) == "a0.012" and reader(chapter_scenario()) == "a0.012" and len(calls) == 1
    other.write_text("xy")  # a file it did not read
    assert reader(chapter_scenario()) == "a0.012" and len(calls) == 1
    note.write_text("bb")
    assert reader(chapter_scenario()) == "bb0.012" and len(calls) == 2
    stat = note.stat()
    note.write_text("cc")  # the same size, and the modification time put back (as cp -p or an unpacked archive does)
    os.utime(note, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert reader(chapter_scenario()) == "cc0.012" and len(calls) == 3


def _factory(scale):
    def scaled(params):
        return params.growth.diagnosis * scale

    return scaled


def test_a_function_its_module_and_name_do_not_identify_is_refused(store):
    # two closures of one factory share a module and qualified name: kept under one key, the second would be
    # served the first's result (0.012 for the scale 2 as well)
    with pytest.raises(TypeError, match=r"remembered: cannot keep the results of .*scaled: it is defined inside another function"):
        remembered.remembered(_factory(2.0))
    with pytest.raises(TypeError, match="it is a lambda"):
        remembered.remembered(lambda params: params.growth.diagnosis)
    assert remembered.remembered(_scaled_diagnosis)  # a module-level def is kept under its own name
    with pytest.raises(TypeError, match="it is defined inside another function"):  # a wrapper does not hide one
        remembered.remembered(functools.wraps(_factory(2.0))(lambda params: 0.0))


def test_a_module_level_function_inside_mutmuts_trampoline_is_kept_as_itself(store, calls):
    # mutation testing wraps every function of the model in a trampoline, a closure made with functools.wraps: the
    # function it wraps names it, so the model's remembered functions still import under mutmut
    from mutmut.mutation.trampoline import wrap_in_trampoline

    trampolined = wrap_in_trampoline({"_mutmut_orig": _scaled_diagnosis})(_scaled_diagnosis)
    assert trampolined.__closure__, "the trampoline is a closure"
    kept = remembered.remembered(trampolined)
    assert kept(chapter_scenario(), scale=2.0) == kept(chapter_scenario(), scale=2.0) == 0.024
    assert calls == ["scaled"], "computed once, then reused"


def test_the_key_holds_the_python_pyyaml_and_libyaml_in_use(monkeypatch):
    import sys

    import yaml

    def digest():
        return remembered._code_and_libraries.__wrapped__()  # not the digest read at import

    here = digest()
    assert digest() == here, "the same code and environment: the same digest"
    with monkeypatch.context() as patch:
        patch.setattr(sys, "version", sys.version + " (another build)")
        assert digest() != here, "another Python"
    with monkeypatch.context() as patch:
        patch.setattr(yaml, "__with_libyaml__", not yaml.__with_libyaml__)
        assert digest() != here, "PyYAML with libyaml, or without it"
    real = remembered.metadata.version
    with monkeypatch.context() as patch:
        patch.setattr(remembered.metadata, "version", lambda name: "0.0" if name == "PyYAML" else real(name))
        assert digest() != here, "another PyYAML"


def _warning_diagnosis(params):
    import warnings

    CALLS.append("warned")
    warnings.warn(f"diagnosis rate {params.growth.diagnosis} is an assumption", UserWarning)
    return params.growth.diagnosis


def test_a_reused_result_warns_as_computing_it_did(store, calls):
    import warnings

    warner = remembered.remembered(_warning_diagnosis)
    with pytest.warns(UserWarning, match="diagnosis rate 0.012 is an assumption") as computing:
        assert warner(chapter_scenario()) == 0.012
    with pytest.warns(UserWarning, match="diagnosis rate 0.012 is an assumption") as reusing:
        assert warner(chapter_scenario()) == 0.012
    assert calls == ["warned"], "the second call took the kept result"
    assert [(w.category, str(w.message), w.filename, w.lineno) for w in reusing] == \
        [(w.category, str(w.message), w.filename, w.lineno) for w in computing], "the same warning, from the same place"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a chapter run with warnings as errors fails warm as it fails cold
        with pytest.raises(UserWarning, match="is an assumption"):
            warner(chapter_scenario())
    assert calls == ["warned"]


def test_a_failed_write_leaves_no_temporary_file(store, monkeypatch):
    import errno

    def full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(remembered.os, "replace", full)
    market_table(chapter_scenario())  # computed; keeping it fails (a full disk)
    assert [p for p in store.rglob("*") if p.is_file()] == [], "no result, read set or temporary file"


def kept_files(store):
    return sorted(p.relative_to(store).as_posix() for p in store.rglob("*") if p.is_file())


def test_pruning_removes_what_killed_kernels_left_and_the_read_sets_of_results_pruned(store, calls):
    real = remembered.remembered(_scaled_diagnosis)
    for scale in (1.0, 2.0, 3.0):  # three calls: three results, three read sets
        real(chapter_scenario(), scale=scale)
    a_minute_ago = time.time_ns() - 60 * 10**9  # the files' times a jiffy apart at most: set them earlier, as a
    for path in store.rglob("*"):  # store written in an earlier build would have them
        os.utime(path, ns=(a_minute_ago, a_minute_ago))
    assert real(chapter_scenario(), scale=1.0) == 0.012 and len(calls) == 3  # reused: the most recently used
    results = [p for p in store.glob("*/*") if p.parent.name != paths.CACHE_READ_SETS]
    read_sets = list((store / paths.CACHE_READ_SETS).iterdir())
    assert len(results) == len(read_sets) == 3
    left = store / results[0].parent.name / f".{results[0].name}.4242.tmp"  # a kernel killed while it wrote
    left.write_bytes(b"half")
    newest = max(results, key=lambda p: p.stat().st_mtime_ns)
    remembered.prune_results(store, newest.stat().st_size)
    assert not left.exists(), "the temporary file is removed"
    assert [p for p in store.glob("*/*") if p.parent.name != paths.CACHE_READ_SETS] == [newest]
    assert len(list((store / paths.CACHE_READ_SETS).iterdir())) == 1, "the read sets of the pruned results are removed"
    assert real(chapter_scenario(), scale=1.0) == 0.012 and len(calls) == 3, "the result kept is still found"
    remembered.prune_results(store, 0)
    assert kept_files(store) == [], "no result left: no read set either"


def test_a_call_keeps_its_newest_read_sets_only(store):
    for n in range(remembered.READ_SETS_KEPT + 4):
        remembered._remember_read_set(store, "call", [f"growth.p{n}"], [])
    kept = remembered._read_sets(store, "call")
    assert len(kept) == remembered.READ_SETS_KEPT and kept[0] == ([f"growth.p{remembered.READ_SETS_KEPT + 3}"], [])



def test_a_replayed_warning_meets_the_filters_that_name_its_module():
    import warnings

    raised = warnings.WarningMessage(UserWarning("kept"), UserWarning, declared.__file__, 10)  # as a package module raises it
    kept = remembered._Warned.of(raised)
    assert kept.module == "infantile_spasms_market.inputs.declared"
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=UserWarning, module=r"infantile_spasms_market\.inputs\.declared$")
        remembered._warn_again([kept])
        remembered._warn_again([raised])
    assert not shown, "a filter naming the module that warned silences its warning, replayed from the store or computed"
    unnamed = remembered._Warned.of(warnings.WarningMessage(UserWarning("from a cell"), UserWarning, "<cell 3>", 2))
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        remembered._warn_again([unnamed])
    assert unnamed.module is None and [str(w.message) for w in shown] == ["from a cell"], "a file no module has: still warned"
