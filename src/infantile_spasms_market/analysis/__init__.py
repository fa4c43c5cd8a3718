"""Analyses built on the model: triangulation, the diagnosis gap, incidence, other estimates, events, adoption, scenarios."""

__all__ = [
    "adoption", "assumptions_log", "assumptions_summary", "diagnosis_gap", "estimates", "estimates_comparison", "events",
    "incidence", "market_table_summary", "reference_tables", "report_consistency", "scenarios", "triangulation",
    "triangulation_summary", "wording",
]
