"""Analyses built on the model: triangulation, the diagnosis gap, incidence, other estimates, events, adoption, scenarios."""

__all__ = ["adoption", "assumptions_log", "diagnosis_gap", "estimates", "events", "incidence", "scenarios", "triangulation"]
