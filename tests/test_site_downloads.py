"""What the built site offers for download: the presenters' deck opens and holds each key figure as the site
publishes it, and the data behind the headline figure is the exported market table's."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from infantile_spasms_market.paths import DATA_DOWNLOADS, DOWNLOADS, FIGURES

pytestmark = pytest.mark.slow


def test_the_deck_opens_with_the_key_numbers_then_one_slide_per_key_figure(built_site):
    """Title, key numbers, findings, method, then each key figure: a native chart holding the figure's data where its
    record describes it as data, else the site's PNG."""
    downloads = built_site / DOWNLOADS
    [deck_file] = downloads.glob("*.pptx")
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((downloads / "figures").glob("*.json"))]
    key = {r["caption"]: r for r in records if r.get("key")}
    assert len(key) >= 5, f"only {len(key)} key figures"
    slides = list(Presentation(str(deck_file)).slides)
    assert len(slides) == 4 + len(key), "a title slide, the key numbers, the findings and the method, then one slide per key figure"
    record = json.loads((downloads / "data" / "key_numbers.json").read_text(encoding="utf-8"))
    assert slides[1].shapes.title.text_frame.text == record["headline"]
    table = next(s for s in slides[1].shapes if s.has_table).table
    own = f"{record['own']['value-2024']:.2f}"
    assert table.cell(2, 1).text == own, "the deck's own estimate is the front page's"
    shown = set()
    for slide in slides[4:]:
        caption = slide.notes_slide.notes_text_frame.text.split(".\n", 1)[0]
        figure = key[caption]
        shown.add(caption)
        assert slide.shapes.title.text_frame.text == figure["takeaway"]
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert texts.count(f"Source: {figure['source']}") == 1
        charts = [s for s in slide.shapes if s.has_chart]
        if figure.get("chart"):
            series = charts[0].chart.plots[0].series
            assert [s.name for s in series] == [s["name"] for s in figure["chart"]["series"]]
            drawn = [v for v in series[0].values if v is not None]
            assert drawn == pytest.approx([v for v in figure["chart"]["series"][0]["values"] if v is not None])
        else:
            [picture] = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
            png = (downloads / "figures" / figure["files"].get("slide", figure["files"]["png"])).read_bytes()
            assert hashlib.sha256(picture.image.blob).hexdigest() == hashlib.sha256(png).hexdigest(), caption
    assert shown == set(key)


def test_the_headline_figures_data_is_the_exported_market_table(built_site):
    market = pd.read_csv(built_site / DATA_DOWNLOADS / "market_table.csv")
    totals = market.groupby("year")["value_usd_m"].sum()
    plotted = pd.read_csv(built_site / FIGURES / "fig-summary-total.csv").set_index("year")
    pd.testing.assert_series_equal(plotted["scenario_usd_m"], totals.round(4), check_names=False, atol=1e-9)
    by_region = market.groupby(["year", "region"])["value_usd_m"].sum().unstack()
    regions = pd.read_csv(built_site / FIGURES / "fig-regions-by-year.csv").set_index("year")
    pd.testing.assert_frame_equal(regions, by_region[regions.columns].round(4), check_names=False, atol=1e-9)
