"""The spare kernel a worker starts ahead: ready, in the notebook's folder, and never left running."""

from __future__ import annotations

from infantile_spasms_market.bookbuild import warm_kernel


def _cwd_of(manager) -> str:
    """The working folder the kernel reports."""
    outputs: list[dict] = []
    client = manager.client()
    client.start_channels(hb=False)
    try:
        reply = client.execute_interactive("import os; print(os.getcwd(), end='')", timeout=60, output_hook=outputs.append)
    finally:
        client.stop_channels()
    assert reply["content"]["status"] == "ok"
    return "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")


def test_spare_kernel_is_ready_in_the_notebooks_folder(tmp_path):
    warm_kernel.start_spare()
    manager = warm_kernel.take_spare(tmp_path)
    try:
        assert manager is not None and manager.is_alive()
        assert _cwd_of(manager) == str(tmp_path)
        assert warm_kernel.take_spare(tmp_path) is None, "a spare serves one notebook only"
    finally:
        manager.shutdown_kernel(now=True)
    assert not manager.is_alive()


def test_without_a_spare_the_worker_starts_afresh(tmp_path):
    assert warm_kernel._spare is None, "a spare left over from another test"
    assert warm_kernel.take_spare(tmp_path) is None


class _BrokenSpare:
    """A spare whose kernel died: taking it fails; it records that it was shut down."""

    discarded = False

    def take(self, workdir):
        raise RuntimeError("Kernel didn't respond to the warm-up in time")

    def discard(self):
        self.discarded = True


def test_a_spare_that_fails_is_shut_down_and_the_worker_starts_afresh(tmp_path, monkeypatch):
    broken = _BrokenSpare()
    monkeypatch.setattr(warm_kernel, "_spare", broken)
    assert warm_kernel.take_spare(tmp_path) is None
    assert broken.discarded and warm_kernel._spare is None


def test_unused_spare_is_shut_down_at_exit():
    warm_kernel.start_spare()
    manager = warm_kernel._spare.manager
    warm_kernel._discard_unused()
    assert warm_kernel._spare is None and not manager.is_alive()
