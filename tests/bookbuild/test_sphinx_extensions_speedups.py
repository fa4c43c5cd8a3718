"""The Sphinx speed-ups look each thing up once, and hand back what the uncached lookup gives."""

from __future__ import annotations

import pybtex.plugin

from infantile_spasms_market.bookbuild import sphinx_extensions as sphinx_speedups


class CountingEnv:
    """An environment whose doctrees are counted as they are "unpickled"."""

    def __init__(self) -> None:
        self.loads: list[str] = []
        self.config = "the config"

    def get_doctree(self, docname: str) -> dict:
        self.loads.append(docname)
        return {"doc": docname, "copy": len(self.loads)}


def test_each_page_is_unpickled_once_for_numbered_references_until_the_build_ends():
    env = CountingEnv()
    first = [sphinx_speedups._DoctreeReader(env).get_doctree(d) for d in ("a", "b", "a", "a", "b")]
    assert env.loads == ["a", "b"]
    assert first[0] is first[2] is first[3] and first[1] is first[4]
    assert sphinx_speedups._DoctreeReader(env).config == "the config"  # everything else is the environment's
    app = type("App", (), {"env": env})()
    sphinx_speedups._forget_doctrees(app)
    sphinx_speedups._DoctreeReader(env).get_doctree("a")
    assert env.loads == ["a", "b", "a"]  # a new build reads the page again


def test_entry_points_are_looked_up_once_per_group_and_name():
    calls = []

    def lookup(*, group, name):
        calls.append((group, name))
        return [f"{group}:{name}"]

    cached = sphinx_speedups._cached_entry_points(lookup)
    assert cached(group="pybtex.backends", name="plaintext") == ("pybtex.backends:plaintext",)
    assert cached(group="pybtex.backends", name="plaintext") == ("pybtex.backends:plaintext",)
    assert cached(group="pybtex.style.formatting", name="plain") == ("pybtex.style.formatting:plain",)
    assert calls == [("pybtex.backends", "plaintext"), ("pybtex.style.formatting", "plain")]


def test_the_cached_plugins_are_pybtex_own():
    ignore = lambda self, *a, **k: None  # noqa: E731
    sphinx_speedups.setup(type("App", (), {"connect": ignore, "add_role": ignore, "add_directive_to_domain": ignore})())
    cached = pybtex.plugin.find_plugin("pybtex.backends", "plaintext")
    uncached = next(iter(pybtex.plugin.entry_points.uncached(group="pybtex.backends", name="plaintext"))).load()
    assert cached is uncached


def test_the_search_index_leaves_out_terms_no_page_holds_any_more():
    from sphinx.search import IndexBuilder

    index = IndexBuilder.__new__(IndexBuilder)
    index._mapping = {"kept": {"a", "b"}, "once": {"b"}, "gone": set()}  # "gone": only in a page as it was before
    index._title_mapping = {"title": {"a"}, "old": set()}
    terms, titles = sphinx_speedups._get_terms(index, {"a": 0, "b": 1})
    assert terms == {"kept": [0, 1], "once": 1} and titles == {"title": 0}


def test_pages_are_unpickled_with_the_collector_paused_and_the_page_is_what_sphinx_gives():
    import gc
    import pickle

    states = []

    def load(env, docname):
        states.append(gc.isenabled())
        return pickle.loads(pickle.dumps({"doc": docname}))

    paused = sphinx_speedups._collector_paused(load)
    assert sphinx_speedups._collector_paused(paused) is paused  # installed once per process, however many builds
    assert gc.isenabled()
    assert paused(None, "a") == load(None, "a") == {"doc": "a"}
    assert states == [False, True] and gc.isenabled()  # paused while loading, on again after
    gc.disable()
    try:
        paused(None, "b")
        assert not gc.isenabled()  # a collector paused by someone else stays paused
    finally:
        gc.enable()


def test_a_failed_load_turns_the_collector_on_again():
    import gc

    def load(env, docname):
        raise OSError("no such page")

    try:
        sphinx_speedups._collector_paused(load)(None, "a")
    except OSError:
        pass
    assert gc.isenabled()
