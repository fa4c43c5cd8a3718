"""The build pipeline: parameters -> notebooks executed in parallel (cached) -> Jupyter Book -> publish."""
