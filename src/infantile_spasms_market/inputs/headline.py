"""The report's published headline figures, which the top-down model is calibrated to."""

from __future__ import annotations

from dataclasses import dataclass

from .reading import load_record


@dataclass(frozen=True)
class Headline:
    """The report's published figures the total is calibrated to."""

    value_2024_usd_m: float
    value_2030_usd_m: float
    cagr_2025_2030: float

    @classmethod
    def from_data(cls) -> Headline:
        record = load_record("report_headline")
        return cls(
            float(record["market_size_2024_usd_m"]),
            float(record["market_size_2030_usd_m"]),
            float(record["cagr_2025_2030_pct"]) / 100,
        )
