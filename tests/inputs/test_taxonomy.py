"""inputs.taxonomy.short_drug_name: a drug group's name without its parenthesis."""

from infantile_spasms_market.inputs.taxonomy import short_drug_name


def test_short_drug_name_drops_the_parenthesis():
    assert short_drug_name("acth") == "ACTH"
    assert short_drug_name("oral_steroids") == "Oral steroids"
    assert short_drug_name("vigabatrin") == "Vigabatrin"
