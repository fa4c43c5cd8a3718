"""Tests of the save family: saving a figure for readers and presenters: each drawn once per format (PNG, SVG), its CSV and a record."""

from __future__ import annotations

import io

import matplotlib
import matplotlib.figure
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from PIL import Image

from infantile_spasms_market.chapter import open_chapter
from infantile_spasms_market.figures import save as enc
from infantile_spasms_market.figures.save import FIGURES_SUBDIR, save_figure
from infantile_spasms_market.figures.style import use_style


# --------------------------------------------------------------------------- encode
# Each figure is laid out once and drawn once per format; the page image and thumbnail are scaled from the raster.

@pytest.fixture
def fig():
    use_style()
    figure, ax = plt.subplots()
    ax.plot([2024, 2030], [146.34, 181.94], label="total")
    ax.set_title("A title")
    ax.legend()
    figure.text(0.01, -0.02, "Source: below the axes, where tight bounding boxes must reach", va="top")
    yield figure
    plt.close(figure)


@pytest.fixture
def draws(monkeypatch):
    """Every pass through ``Figure.draw``, by renderer (a ``bbox_inches="tight"`` save makes two)."""
    counted = []
    real = matplotlib.figure.Figure.draw

    def draw(self, renderer):
        counted.append(type(renderer).__name__)
        return real(self, renderer)

    monkeypatch.setattr(matplotlib.figure.Figure, "draw", draw)
    return counted


def test_one_drawing_per_format(fig, draws):
    encoded = enc.encode(fig)
    assert sorted(draws) == ["MixedModeRenderer", "RendererAgg"], draws  # the SVG backend's renderer is mixed-mode
    assert encoded.svg.startswith(b"<?xml") and b"<text" in encoded.svg, "text in the SVG stays text"


def test_the_page_image_and_thumbnail_are_scaled_from_the_raster(fig):
    encoded = enc.encode(fig)
    sizes = {name: Image.open(io.BytesIO(getattr(encoded, name))).size for name in ("png", "page_png", "thumbnail_png")}
    width, height = sizes["png"]
    assert sizes["page_png"] == (round(width / 3), round(height / 3))
    assert sizes["thumbnail_png"] == (round(width * 40 / 300), round(height * 40 / 300))
    assert Image.open(io.BytesIO(encoded.png)).info.get("dpi", (300, 300))[0] == pytest.approx(300, abs=1)


def test_the_tight_box_reaches_text_below_the_axes(fig):
    encoded = enc.encode(fig)
    raster = Image.open(io.BytesIO(encoded.png)).convert("L")
    bottom = raster.crop((0, raster.height - 60, raster.width, raster.height))
    assert bottom.getextrema()[0] < 128, "the source line under the axes is in the image"


def test_save_figure_writes_each_file_once_and_returns_the_page_image(fig, tmp_path, draws):
    saved = save_figure(fig, "fig-test-one", pd.DataFrame({"x": [1]}), caption="c", alt="a", source="s", output_dir=tmp_path)
    folder = tmp_path / FIGURES_SUBDIR
    assert sorted(p.name for p in folder.iterdir()) == [
        "fig-test-one.csv", "fig-test-one.json", "fig-test-one.png", "fig-test-one.svg", "fig-test-one.thumb.png",
    ]
    assert len(draws) == 2
    assert Image.open(io.BytesIO(saved.page_png)).format == "PNG" and saved.record["id"] == "fig-test-one"


def test_a_chapter_glues_the_page_image_without_drawing_again(fig, tmp_path, draws, monkeypatch):
    chapter = open_chapter(None, None, tmp_path)
    glued = {}
    monkeypatch.setattr(type(chapter), "glue", lambda self, key, value: glued.update({key: value}))
    record = chapter.figure(fig, "fig-test-two", pd.DataFrame({"x": [1]}), caption="c", alt="a", source="s")
    assert record["id"] == "fig-test-two" and len(draws) == 2
    image = glued["fig-test-two"]
    assert image.format == "png" and image.data[:8] == b"\x89PNG\r\n\x1a\n"
    page = Image.open(io.BytesIO(image.data)).size
    download = Image.open(tmp_path / FIGURES_SUBDIR / "fig-test-two.png").size
    assert page == (round(download[0] / 3), round(download[1] / 3)), "the page shows the download scaled, not redrawn"
    assert not plt.fignum_exists(fig.number), "the figure is closed"


def test_the_same_figure_drawn_twice_gives_the_same_svg_bytes():
    """matplotlib salts its SVG ids with a random value unless told otherwise; two builds would differ."""
    def draw():
        use_style()
        figure, ax = plt.subplots()
        ax.bar(["ACTH", "Vigabatrin"], [80.1, 40.2])
        ax.plot([0, 1], [50, 60], marker="o")  # markers and clip paths are what carry ids
        encoded = enc.encode(figure)
        plt.close(figure)
        return encoded

    first, second = draw(), draw()
    assert first.svg == second.svg and first.png == second.png
    assert b"<dc:date>" not in first.svg  # no creation date


# --------------------------------------------------------------------------- the figure store
# A figure whose SVG and settings were drawn before takes the stored rasters: the same bytes as drawing it, one draw less.

def _chart(values, title="A title"):
    use_style()
    figure, ax = plt.subplots()
    ax.bar(["ACTH", "Vigabatrin"], values)
    ax.set_title(title)
    return figure


def _encoded(values, **kw):
    figure = _chart(values, **kw)
    try:
        return enc.encode(figure)
    finally:
        plt.close(figure)


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("ISM_FIGURE_STORE", str(tmp_path / "store"))
    return tmp_path / "store"


def test_a_stored_figure_is_byte_for_byte_what_drawing_it_gives(store, monkeypatch, draws):
    first = _encoded([80.1, 40.2])  # drawn, stored
    assert draws.count("RendererAgg") == 1 and len(list(store.glob("*/*"))) == 1
    again = _encoded([80.1, 40.2])  # from the store: no raster drawn
    assert draws.count("RendererAgg") == 1
    monkeypatch.delenv("ISM_FIGURE_STORE")
    drawn = _encoded([80.1, 40.2])  # no store: drawn as the book always drew it
    assert again == first == drawn


@pytest.mark.parametrize("change", [{"values": [80.1, 40.3]}, {"values": [80.1, 40.2], "title": "Another title"}])
def test_a_figure_whose_data_or_text_changed_is_drawn_again(store, draws, change):
    _encoded([80.1, 40.2])
    changed = _encoded(**change)
    assert draws.count("RendererAgg") == 2 and len(list(store.glob("*/*"))) == 2
    assert changed.svg != _encoded([80.1, 40.2]).svg


def test_a_style_change_is_drawn_again(store, draws):
    _encoded([80.1, 40.2])
    with matplotlib.rc_context({"lines.antialiased": False}):  # not visible in this SVG, but part of the key
        _encoded([80.1, 40.2])
    assert draws.count("RendererAgg") == 2


def test_a_damaged_stored_raster_is_drawn_again(store, draws):
    first = _encoded([80.1, 40.2])
    (stored,) = store.glob("*/*")
    stored.write_bytes(stored.read_bytes()[:-10] + b"0123456789")
    assert _encoded([80.1, 40.2]) == first and draws.count("RendererAgg") == 2


def test_the_store_keeps_the_most_recently_used(store):
    import os

    order = []
    for when, value in enumerate((1.0, 2.0, 3.0)):
        _encoded([80.1, value])
        (newest,) = set(store.glob("*/*")) - set(order)
        os.utime(newest, ns=(when, when))  # in the order they were drawn, whatever the clock's resolution
        order.append(newest)
    oldest = order[0]
    enc.prune_store(store, 2)
    assert len(list(store.glob("*/*"))) == 2 and not oldest.exists()


def test_the_store_leaves_no_temporary_file_when_a_write_fails_or_a_kernel_was_killed(store, monkeypatch):
    import errno
    import os

    def full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(enc.os, "replace", full)
        _encoded([80.1, 40.2])  # drawn and published; keeping it fails (a full disk)
    assert list(store.rglob("*.tmp")) == [], "a failed write removes its temporary file"
    _encoded([80.1, 50.2])
    (kept,) = store.glob("*/*")
    left = kept.with_name(f".{kept.name}.4242.tmp")  # a kernel killed while it wrote (review r24b)
    left.write_bytes(b"half")
    enc.prune_store(store, 2000)
    assert not left.exists() and kept.exists(), "pruning removes temporary files, and keeps the rasters"
