"""The style's helpers: short axis labels and one colour per name."""

from infantile_spasms_market.figures.style import PALETTE, colour_map, short_label


def test_short_label_shortens_acth_and_leaves_other_names():
    assert short_label("Adrenocorticotropic Hormone") == "ACTH"
    assert short_label("Vigabatrin") == "Vigabatrin"
    assert short_label(2024) == "2024"


def test_colour_map_gives_palette_colours_in_order():
    assert colour_map(["a", "b", "c"]) == {"a": PALETTE[0], "b": PALETTE[1], "c": PALETTE[2]}


def test_the_palette_stays_distinct_for_colour_blind_readers():
    """Every pair of series colours (grey is kept for neutral marks) stays apart in CAM02-UCS, for normal vision
    and simulated full deuteranomaly, protanomaly and tritanomaly (Machado et al. 2009, via colorspacious)."""
    import itertools

    import numpy as np
    from colorspacious import cspace_convert
    from matplotlib.colors import to_rgb

    series = [to_rgb(c) for c in PALETTE if c != "#999999"]
    for vision in (None, "deuteranomaly", "protanomaly", "tritanomaly"):
        seen = series if vision is None else [
            np.clip(cspace_convert(c, {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}, "sRGB1"), 0, 1) for c in series]
        ucs = [cspace_convert(c, "sRGB1", "CAM02-UCS") for c in seen]
        closest = min(float(np.linalg.norm(a - b)) for a, b in itertools.combinations(ucs, 2))
        assert closest >= 10, f"two palette colours look alike to a reader with {vision or 'normal vision'} (distance {closest:.1f})"
