"""The drug groups behind every segment view: the segments each belongs to and the parameters that split them."""

from __future__ import annotations

import pandas as pd

from ..inputs.taxonomy import DRUGS, REGIONS, short_drug_name
from ..model.views import view
from ..scenario.parameters import Parameters

DRUG_TABLE_FORMATS = {"Liquid share (%)": ".0f", "Growth against its region (% a year)": "+.1f"}


def drug_groups_table(params: Parameters) -> pd.DataFrame:
    """One row per drug group: its drug type and therapeutic class, liquid share and growth differential (percent).

    Groups without a growth differential (novel therapies, a scenario lever) get NaN. Print with
    :data:`DRUG_TABLE_FORMATS`.
    """
    drug_growth = params.segments.drug_growth_differential.model_dump()
    liquid = params.segments.liquid_share.model_dump()
    return pd.DataFrame(
        [
            (d.name, d.drug_type, d.therapeutic_class, 100 * liquid[d.id],
             100 * drug_growth[d.id] if d.id in drug_growth else float("nan"))
            for d in DRUGS.values()
        ],
        columns=["Drug group", "Drug type", "Therapeutic class", "Liquid share (%)", "Growth against its region (% a year)"],
    )


def drug_mix_table(params: Parameters) -> pd.DataFrame:
    """Each region's base-year value split across the drug groups (percent; rows regions, columns short drug names)."""
    mix = pd.DataFrame(params.segments.drug_mix_2024.model_dump()).T
    mix = 100 * mix.rename(index=REGIONS, columns=short_drug_name)
    mix.index.name = "Region"
    return mix


def alternative_class_leader(table: pd.DataFrame, year: int) -> str:
    """The largest therapeutic class in ``year`` if ACTH were filed under *Others* instead of *Corticosteroids*."""
    alternative = table.assign(therapeutic_class=table["therapeutic_class"].mask(table["drug"] == "acth", "Others"))
    return str(view(alternative, "therapeutic_class").loc[year].idxmax())
