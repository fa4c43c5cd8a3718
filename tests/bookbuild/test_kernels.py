"""A worker's kernel serves chapter after chapter, each in a new session: nothing of one chapter reaches the next."""

from __future__ import annotations

import pytest
from jupyter_client.manager import KernelManager

from infantile_spasms_market.bookbuild import kernels


def _run(manager: KernelManager, code: str) -> dict:
    client = manager.client()
    client.start_channels()
    try:
        reply = client.execute_interactive(code, timeout=60, store_history=True)
        return reply["content"]
    finally:
        client.stop_channels()


def _value(manager: KernelManager, expression: str) -> str:
    client = manager.client()
    client.start_channels()
    try:
        reply = client.execute_interactive("", user_expressions={"v": expression}, timeout=60)
        return reply["content"]["user_expressions"]["v"]["data"]["text/plain"]
    finally:
        client.stop_channels()


@pytest.fixture
def worker_kernel():
    yield
    kernels.discard()


def test_the_kernel_is_reused_in_a_new_session_for_each_chapter(worker_kernel, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    manager = kernels.for_chapter(first)
    _run(manager, "x = 42\nimport matplotlib as mpl\nmpl.rcParams['lines.linewidth'] = 9\nimport matplotlib.pyplot as plt\nplt.figure()")
    assert _value(manager, "x") == "42" and _value(manager, "__import__('os').getcwd()") == repr(str(first))
    pid = manager.provisioner.process.pid if hasattr(manager, "provisioner") else None

    again = kernels.for_chapter(second)
    assert again is manager and (pid is None or again.provisioner.process.pid == pid), "the same kernel"
    assert _value(again, "'x' in globals()") == "False", "the namespace is new"
    assert _value(again, "__import__('os').getcwd()") == repr(str(second))
    assert _value(again, "__import__('matplotlib').rcParams['lines.linewidth']") != "9.0", "matplotlib's settings are back"
    assert _value(again, "len(__import__('matplotlib.pyplot').pyplot.get_fignums())") == "0", "no figure left open"
    assert _run(again, "1 + 1")["execution_count"] == 1, "execution counts start again at 1"


def test_a_discarded_kernel_is_replaced_by_a_fresh_one(worker_kernel, tmp_path):
    manager = kernels.for_chapter(tmp_path)
    kernels.discard()
    assert not manager.is_alive()
    assert kernels.for_chapter(tmp_path) is not manager


def test_the_next_chapter_starts_although_the_last_chapters_folder_is_gone(worker_kernel, tmp_path):
    # a forced rebuild removes a run whose result the cache already holds, while the kernel still sits in it
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    manager = kernels.for_chapter(first)
    _run(manager, "y = 1")
    first.rmdir()
    again = kernels.for_chapter(second)
    assert again is manager, "the same kernel, not a set-up failure"
    assert _value(again, "__import__('os').getcwd()") == repr(str(second))
