"""What the built site offers for download: the presenters' deck opens and holds each key figure as the site
publishes it, and the data behind the headline figure is the exported market table's."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

pytestmark = pytest.mark.slow


def test_the_deck_opens_with_one_slide_per_key_figure_showing_its_png(built_site):
    downloads = built_site / "downloads"
    [deck_file] = downloads.glob("*.pptx")
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((downloads / "figures").glob("*.json"))]
    key = {r["id"]: r for r in records if r.get("key")}
    assert len(key) >= 5, f"only {len(key)} key figures"
    deck = Presentation(str(deck_file))
    slides = list(deck.slides)
    assert len(slides) == 2 + len(key), "a title slide, the headline numbers, then one slide per key figure"
    numbers = " ".join(s.text_frame.text for s in slides[1].shapes if s.has_text_frame)
    assert "The market in numbers" in numbers
    shown = {}
    for slide in slides[2:]:
        notes = slide.notes_slide.notes_text_frame.text
        figure_id = notes.rsplit("Figure id: ", 1)[1].strip()
        [picture] = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        shown[figure_id] = hashlib.sha256(picture.image.blob).hexdigest()
        texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert key[figure_id]["caption"] in texts and key[figure_id]["source"] in texts, figure_id
    published = {i: hashlib.sha256((downloads / "figures" / r["files"]["png"]).read_bytes()).hexdigest() for i, r in key.items()}
    assert shown == published, "the deck's pictures are not the site's key figures"


def test_the_headline_figures_data_is_the_exported_market_table(built_site):
    market = pd.read_csv(built_site / "downloads" / "data" / "market_table.csv")
    totals = market.groupby("year")["value_usd_m"].sum()
    plotted = pd.read_csv(built_site / "downloads" / "figures" / "fig-summary-total.csv").set_index("year")
    pd.testing.assert_series_equal(plotted["scenario_usd_m"], totals.round(4), check_names=False, atol=1e-9)
    by_region = market.groupby(["year", "region"])["value_usd_m"].sum().unstack()
    regions = pd.read_csv(built_site / "downloads" / "figures" / "fig-regions-by-year.csv").set_index("year")
    pd.testing.assert_frame_equal(regions, by_region[regions.columns].round(4), check_names=False, atol=1e-9)
