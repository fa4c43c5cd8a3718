"""What ``make bench`` measures: the builds, the baselines and the profile, each a function returning its figures."""

from __future__ import annotations

ONE_PARAMETER_CHANGES = (
    "growth.diagnosis=0.013",
    "pricing.infant_weight_kg=8",
    "companies.share_concentration=40",
    "trends.novel_therapy.peak_uptake=0.4",
    "regions.growth_differential.europe=0.01",
)
"""One parameter per section an analyst revises (growth, pricing, companies, trends, regions): each is a rebuild after one
parameter changed, whose median is the ``one_parameter`` measure."""
