"""The style's helpers: short axis labels and one colour per name."""

from infantile_spasms_market.figures.style import PALETTE, colour_map, short_label


def test_short_label_shortens_acth_and_leaves_other_names():
    assert short_label("Adrenocorticotropic Hormone") == "ACTH"
    assert short_label("Vigabatrin") == "Vigabatrin"
    assert short_label(2024) == "2024"


def test_colour_map_gives_palette_colours_in_order():
    assert colour_map(["a", "b", "c"]) == {"a": PALETTE[0], "b": PALETTE[1], "c": PALETTE[2]}
