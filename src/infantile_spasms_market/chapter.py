"""What a chapter notebook needs in one call: the scenario's parameters, market table and figure saver.

Notebooks stay thin: ``chapter = open_chapter(scenario, overrides, output_dir)`` then prose, a few
calls and charts. Papermill injects the three arguments; run by hand, the defaults build the base.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from .figures.save import save_figure
from .figures.style import use_style
from .inputs.headline import Headline
from .model.topdown import market_table
from .paths import PROJECT_ROOT
from .scenario import yaml_loading
from .scenario.errors import ParameterError
from .scenario.loading import load_parameters
from .scenario.parameters import Parameters


def resolve_scenario_path(scenario: str | Path | None) -> Path | None:
    """A scenario path as given, or relative to the project root (papermill runs in a work folder)."""
    if scenario in (None, ""):
        return None
    path = Path(scenario)
    if path.is_absolute() or path.exists():
        return path
    return PROJECT_ROOT / path


@dataclass
class Chapter:
    """One scenario as a chapter sees it."""

    params: Parameters
    output_dir: Path
    overrides: list[str] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)

    @cached_property
    def headline(self) -> Headline:
        """The report's headline figures (from ``data/report_headline.yaml``)."""
        return Headline.from_data()

    @cached_property
    def table(self) -> pd.DataFrame:
        """The scenario's long market table."""
        return market_table(self.params, self.headline)

    @property
    def is_base(self) -> bool:
        """The base scenario exactly: its file and no overrides."""
        return self.params.scenario.name == "base" and not self.overrides

    def save_figure(self, fig, fig_id: str, data: pd.DataFrame, *, caption: str, alt: str, source: str, key: bool = False) -> Any:
        """Save ``fig`` for download (PNG, SVG, CSV, record) and return it for ``glue``; ``key`` puts it in the deck."""
        record = save_figure(
            fig, fig_id, data, caption=caption, alt=alt, source=source, output_dir=self.output_dir, key=key
        )
        self.figures.append(record)
        return fig


def override_list(overrides: list[str] | str | None) -> list[str]:
    """Overrides as a list: papermill's ``-p overrides '[...]'`` passes the list as one string."""
    if overrides is None or overrides == "":
        return []
    if isinstance(overrides, str):
        try:
            parsed = yaml_loading.load(overrides) if overrides.lstrip().startswith("[") else [overrides]
        except yaml_loading.yaml.YAMLError:
            parsed = None
        if not isinstance(parsed, list):
            raise ParameterError([f"overrides: {overrides!r} is not a list of dotted.name=value strings"])
        return [str(item) for item in parsed]
    return list(overrides)


def open_chapter(scenario: str | Path | None = None, overrides: list[str] | str | None = None, output_dir: str | Path = ".") -> Chapter:
    """Load and validate the scenario, apply the figure style, and return the :class:`Chapter`."""
    overrides = override_list(overrides)
    params = load_parameters(resolve_scenario_path(scenario), overrides)
    use_style()
    return Chapter(params=params, output_dir=Path(output_dir), overrides=overrides)
