"""Tests of text measured once per process: shared measures draw the same bytes, and the quick wrap breaks where matplotlib does."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import matplotlib.text as mtext
import pytest

from infantile_spasms_market.figures import text_metrics
from infantile_spasms_market.figures.save import add_source_line, encode
from infantile_spasms_market.figures.style import SOURCE_SIZE, use_style
from infantile_spasms_market.figures.text_metrics import WrappedText

SOURCES = [
    "short",
    "Infantile spasms market book, scenario 'Base case + growth from diagnosis set to 0.013'; TechSci Research accessed "
    "2026 for the total; data/prices.csv; data/dosing.csv; data/price_levels.csv; Mallinckrodt 2018 (US Acthar Gel list "
    "price); CMS 2016 (US Medicaid spending on Sabril)",
    "one-very-long-word-that-cannot-fit-on-any-line-of-a-narrow-figure-whatever-is-done-with-it and then some words",
    "a first paragraph\nand a second one, long enough to wrap " + "word " * 40,
    "double  spaces  and a trailing space ",
]


@pytest.fixture
def shared(monkeypatch):
    """Measures shared for this test only (matplotlib's own function back afterwards)."""
    monkeypatch.setattr(mtext, "_get_text_metrics_function", text_metrics._ORIGINAL)
    monkeypatch.setattr(text_metrics, "_tables", {})
    text_metrics.share()
    assert mtext._get_text_metrics_function is text_metrics._metrics_function


def _figure(width: float, source: str, wrapped: type | None):
    use_style()
    fig, ax = plt.subplots(figsize=(width, 3))
    ax.plot([2024, 2030], [146.34, 181.94], label="total")
    ax.set_title("Market value, USD million")
    ax.legend()
    line = fig.text(0.01, -0.02, f"Source: {source}", ha="left", va="top", fontsize=8, wrap=True)
    if wrapped is not None:
        line.__class__ = wrapped
    return fig, line


@pytest.mark.parametrize("width", [2.5, 6.4, 11])
@pytest.mark.parametrize("source", SOURCES)
def test_wrapped_text_breaks_lines_where_matplotlib_does(width, source):
    for dpi in (72, 100, 300):
        texts = []
        for kind in (None, WrappedText):
            fig, line = _figure(width, source, kind)
            fig.set_dpi(dpi)
            line.get_window_extent(fig.canvas.get_renderer())  # gives the text its renderer
            texts.append(line._get_wrapped_text())
            plt.close(fig)
        assert texts[0] == texts[1]
        if len(source) > 200 and width < 7:
            assert "\n" in texts[1]  # a long source line does wrap


def _plot(width: float = 6.4):
    use_style()
    fig, ax = plt.subplots(figsize=(width, 3))
    ax.plot([2024, 2030], [146.34, 181.94], label="total")
    ax.set_title("Market value, USD million")
    ax.legend()
    return fig


def test_the_source_line_draws_as_matplotlib_wraps_it():
    fig = _plot()
    fig.text(0.01, -0.02, f"Source: {SOURCES[1]}", ha="left", va="top", fontsize=SOURCE_SIZE, color="#444444", wrap=True)
    plain = encode(fig)
    fig = _plot()
    line = add_source_line(fig, SOURCES[1])
    assert isinstance(line, WrappedText) and line.get_wrap()
    quick = encode(fig)
    assert (quick.svg, quick.png, quick.page_png, quick.thumbnail_png) == (plain.svg, plain.png, plain.page_png,
                                                                          plain.thumbnail_png)


def _drawings(fig) -> tuple[bytes, bytes]:
    encoded = encode(fig)  # reproducible SVG ids and metadata
    return encoded.svg, encoded.png


def test_shared_measures_draw_the_same_bytes(shared, monkeypatch):
    monkeypatch.setattr(mtext, "_get_text_metrics_function", text_metrics._ORIGINAL)
    fig, _ = _figure(6.4, SOURCES[1], WrappedText)
    alone = _drawings(fig)
    plt.close(fig)
    text_metrics.share()
    for _ in range(2):  # the second figure finds every measure in the table
        fig, _ = _figure(6.4, SOURCES[1], WrappedText)
        assert _drawings(fig) == alone
        plt.close(fig)
    assert text_metrics.shared_entries() > 0


def test_a_measure_is_shared_only_under_the_same_text_settings(shared):
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(size=10)
    text = "Market value by therapeutic class"
    measured = {}
    for hinting in ("no_hinting", "force_autohint"):
        with mpl.rc_context({"text.hinting": hinting}):
            renderer = RendererAgg(640, 480, 300)
            shared_value = mtext._get_text_metrics_with_cache(renderer, text, prop, False, 300)
            assert shared_value == renderer.get_text_width_height_descent(text, prop, ismath=False)
            measured[hinting] = shared_value
    assert measured["no_hinting"] != measured["force_autohint"]  # else this test shows nothing
    with mpl.rc_context({"text.hinting": "no_hinting"}):
        other = RendererAgg(320, 200, 300)  # a new renderer of the same kind and settings: the table's measure
        assert mtext._get_text_metrics_with_cache(other, text, prop, False, 300) == measured["no_hinting"]
    with mpl.rc_context({"text.hinting": "no_hinting"}):
        at_100 = RendererAgg(320, 200, 100)  # another resolution: measured anew
        assert mtext._get_text_metrics_with_cache(at_100, text, prop, False, 100) == at_100.get_text_width_height_descent(
            text, prop, ismath=False)


def test_share_stands_aside_for_another_measuring_function(monkeypatch):
    def other(renderer):
        return renderer

    monkeypatch.setattr(mtext, "_get_text_metrics_function", other)
    text_metrics.share()
    assert mtext._get_text_metrics_function is other
