"""analysis.diagnosis_gap: the care cascade by region, the gap's numbers and table, and the delay to treatment."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.transforms import Bbox

from infantile_spasms_market.analysis import diagnosis_gap
from infantile_spasms_market.figures import plot_bars, plot_grouped_bars, plot_panels
from infantile_spasms_market.model.bottomup import bottom_up_by_region
from infantile_spasms_market.scenario.loading import load_parameters


def regions() -> pd.DataFrame:
    return pd.DataFrame({
        "births": [1000.0, 4000.0],
        "incident_cases": [100.0, 400.0],
        "diagnosed_cases": [90.0, 200.0],
        "treated_patients": [80.0, 100.0],
        "value_usd_m": [50.0, 5.0],
    }, index=pd.Index(["North", "South"], name="region"))


def gap() -> pd.DataFrame:
    frame = pd.DataFrame({
        "incident_cases": [100.0, 400.0], "treated_patients": [80.0, 100.0], "treated_patients_at_benchmark": [80.0, 320.0],
        "value_usd_m": [50.0, 5.0], "value_at_benchmark_usd_m": [50.0, 15.0],
    }, index=["North", "South"])
    frame.loc["Global"] = frame.sum()
    frame["added_patients"] = frame["treated_patients_at_benchmark"] - frame["treated_patients"]
    frame["untreated_at_benchmark"] = frame["incident_cases"] - frame["treated_patients_at_benchmark"]
    frame["added_value_usd_m"] = frame["value_at_benchmark_usd_m"] - frame["value_usd_m"]
    return frame


def test_care_cascade_last_region_first_with_named_stages():
    cascade = diagnosis_gap.care_cascade(regions())
    assert cascade.index.tolist() == ["South", "North"]
    assert cascade.columns.tolist() == ["Incident cases", "Diagnosed", "Treated"]
    assert cascade["Treated"].tolist() == [100.0, 80.0]
    assert diagnosis_gap.treated_notes(cascade) == ["25 % treated", "80 % treated"]


def test_cascade_numbers():
    numbers = diagnosis_gap.cascade_numbers(regions(), prefix="c-")
    assert (numbers["c-incident"], numbers["c-diagnosed"], numbers["c-treated"], numbers["c-untreated"]) == (500.0, 290.0, 180.0, 320.0)
    assert numbers["c-untreated-pct"] == pytest.approx(64.0)
    assert (numbers["c-treated-best-region"], numbers["c-treated-best-pct"]) == ("North", 80.0)
    assert (numbers["c-treated-worst-region"], numbers["c-treated-worst-pct"]) == ("South", 25.0)


def test_gap_numbers():
    params = load_parameters()
    numbers = diagnosis_gap.gap_numbers(params, gap())
    assert (numbers["gap-patients"], numbers["gap-value"]) == (220.0, 10.0)
    assert numbers["gap-patients-pct"] == pytest.approx(100 * 220 / 180)
    assert numbers["gap-value-pct"] == pytest.approx(100 * 10 / 55)
    assert (numbers["bottom-up-value"], numbers["bottom-up-closed"]) == (55.0, 65.0)
    assert (numbers["gap-top-region"], numbers["gap-top-region-value"]) == ("South", 10.0)
    assert (numbers["gap-top-patients-region"], numbers["gap-top-patients"]) == ("South", 220.0)
    assert numbers["gap-still-untreated"] == 100.0
    assert numbers["na-diagnosed"] == pytest.approx(100 * params.epidemiology.diagnosed_share.north_america)
    assert numbers["na-treated"] == pytest.approx(100 * params.epidemiology.treated_share.north_america)


def test_gap_table():
    table = diagnosis_gap.gap_table(gap())
    assert table.index.name == "Region" and table.index.tolist() == ["North", "South", "Global"]
    assert table.columns.tolist() == ["Treated now", "Treated at benchmark", "Added patients", "Value now (USD m)", "Added value (USD m)"]
    assert table.loc["Global", "Added patients"] == 220.0
    assert set(diagnosis_gap.GAP_COUNTS) <= set(table.columns)


def test_delay_numbers():
    ttt = pd.DataFrame({"value": [28.5, 41.0]}, index=[diagnosis_gap.DELAY, diagnosis_gap.WITHIN_WEEK])
    assert diagnosis_gap.delay_numbers(ttt, prefix="t-") == {"t-days-to-effective": 28.5, "t-within-week": 41.0}


def test_the_charts_options_come_from_their_data():
    cascade = diagnosis_gap.care_cascade(regions())
    options = diagnosis_gap.cascade_bars(cascade, ["a", "b", "c"])
    assert options["colours"] == ["a", "b", "c"] and options["notes"] == ["25 % treated", "80 % treated"]
    (added, left), (value, right) = diagnosis_gap.gap_bars(diagnosis_gap.gap_chart_data(gap()), "green")
    assert added.tolist() == [0.22, 0.0] and left["texts"] == ["220", "0"] and left["colours"] == "green"
    assert value.tolist() == [10.0, 0.0]


def test_glue_keys_have_no_prefix_unless_one_is_given():
    assert {"incident", "untreated-pct", "treated-worst-region"} <= set(diagnosis_gap.cascade_numbers(regions()))
    ttt = pd.DataFrame({"value": [28.5, 41.0]}, index=[diagnosis_gap.DELAY, diagnosis_gap.WITHIN_WEEK])
    assert diagnosis_gap.delay_numbers(ttt) == {"days-to-effective": 28.5, "within-week": 41.0}


@pytest.fixture(scope="module")
def params():
    return load_parameters()


@pytest.fixture(scope="module")
def model_regions(params) -> pd.DataFrame:
    return bottom_up_by_region(params)


def drawn(fig):
    """The figure drawn, and a function giving an artist's box on the canvas (pixels)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return lambda artist: artist.get_window_extent(renderer)


def apart(a: Bbox, b: Bbox) -> bool:
    return not a.overlaps(b)


def test_the_cascade_chart_shows_each_regions_stages_apart_with_its_share_treated_beside_them(model_regions):
    """What a reader sees of the chapter's cascade chart (the model's regions): a group of bars a region, in the model's
    order from the top, one colour a stage and its width the stage's count; each region's share treated written right of
    its top bar, on no bar, clear of the legend and of the other notes, and whole on the canvas."""
    cascade = diagnosis_gap.care_cascade(model_regions)
    colours = ["#111111", "#555555", "#999999"]
    fig = plot_grouped_bars(cascade / 1000, **diagnosis_gap.cascade_bars(cascade, colours), xlabel="Infants (thousands)")
    box = drawn(fig)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()][::-1] == list(model_regions.index)  # the first region on top
    n = len(cascade)
    bars = [ax.patches[stage * n:(stage + 1) * n] for stage in range(3)]  # per stage, a bar a region (bottom first)
    for stage, (name, colour) in enumerate(zip(cascade.columns, colours)):
        assert [b.get_width() for b in bars[stage]] == pytest.approx(list(cascade[name] / 1000), rel=1e-12)
        assert all(to_hex(b.get_facecolor()) == colour for b in bars[stage])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(cascade.columns)
    bands = [Bbox.union([box(bars[stage][row]) for stage in range(3)]) for row in range(n)]
    assert all(apart(bands[row], bands[row + 1]) for row in range(n - 1))  # no region's bars reach another's
    assert all(box(bars[0][row]).y0 >= box(bars[1][row]).y1 - 1e-6 >= box(bars[2][row]).y1 - 1e-6 for row in range(n))  # incident on top
    notes = ax.texts
    assert [t.get_text() for t in notes] == diagnosis_gap.treated_notes(cascade)
    canvas, legend = fig.bbox, box(ax.get_legend())
    for row, note in enumerate(notes):
        where = box(note)
        assert where.x0 > box(bars[0][row]).x1  # right of the region's top bar, not on it
        assert bands[row].y0 <= (where.y0 + where.y1) / 2 <= bands[row].y1  # beside its own region
        assert all(apart(where, box(bar)) for stage in bars for bar in stage)
        assert apart(where, legend)
        assert canvas.x0 <= where.x0 and where.x1 <= canvas.x1 and canvas.y0 <= where.y0 and where.y1 <= canvas.y1
    assert all(apart(box(a), box(b)) for i, a in enumerate(notes) for b in notes[i + 1:])
    longest = max(box(bar).width for stage in bars for bar in stage)
    assert longest > box(ax).width / 2  # the chart uses its width: the longest bar spans most of it


@pytest.mark.parametrize("added_value", [None, 0.02])  # the model's gap, and one adding almost no value
def test_the_gap_chart_shows_each_regions_added_infants_and_value_at_its_bars_end_inside_its_panel(params, added_value):
    """What a reader sees of the chapter's gap chart: two panels of the same regions in the model's order from the top,
    the added infants (in thousands, each bar labelled with its count) and the added value (to the cent); each label just
    right of its bar, on no other bar, and inside its panel, also when the gap adds almost no value."""
    gap = diagnosis_gap.closing_the_gap(params)
    if added_value is not None:
        gap = gap.assign(added_value_usd_m=added_value)
    regional = diagnosis_gap.gap_chart_data(gap)
    fig = plot_panels([(plot_bars, data, options) for data, options in diagnosis_gap.gap_bars(regional, "#2ca02c")],
                      sharey=True)
    box = drawn(fig)
    regions = [r for r in gap.index if r != "Global"]
    expected = [([f"{v:,.0f}" for v in gap.loc[regions, "added_patients"]], list(gap.loc[regions, "added_patients"] / 1000),
                 "Infants treated in addition (thousands a year)", "Patients"),
                ([f"{v:,.2f}" for v in gap.loc[regions, "added_value_usd_m"]], list(gap.loc[regions, "added_value_usd_m"]),
                 "Added value (USD million a year)", "Value")]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()][::-1] == regions  # the first region on top
    for ax, (texts, widths, xlabel, title) in zip(fig.axes, expected):
        assert (ax.get_xlabel(), ax.get_title()) == (xlabel, title)
        bars = list(ax.patches)[::-1]  # top first, as the regions
        assert [b.get_width() for b in bars] == pytest.approx(widths, rel=1e-12)
        assert [t.get_text() for t in ax.texts][::-1] == texts
        assert ax.get_xlim()[0] == 0 and ax.get_xlim()[1] > 0
        panel = box(ax)
        for bar, text in zip(bars, list(ax.texts)[::-1]):
            where = box(text)
            assert where.x0 >= box(bar).x1 - 1e-6 and where.x1 <= panel.x1  # at the bar's end, whole inside the panel
            assert box(bar).y0 <= (where.y0 + where.y1) / 2 <= box(bar).y1  # beside its own bar
            assert all(apart(where, box(other)) for other in bars if other is not bar)
        if max(widths) >= 0.1:  # a gap worth showing spans most of its panel (one worth next to nothing keeps a short axis)
            assert max(box(bar).width for bar in bars) > panel.width / 2
    assert to_hex(fig.axes[0].patches[0].get_facecolor()) == "#2ca02c"


def test_the_gap_tables_columns_hold_the_gaps_values():
    table = diagnosis_gap.gap_table(gap())
    assert table.loc["South"].to_dict() == {"Treated now": 100.0, "Treated at benchmark": 320.0, "Added patients": 220.0,
                                            "Value now (USD m)": 5.0, "Added value (USD m)": 10.0}
