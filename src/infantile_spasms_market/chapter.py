"""What a chapter notebook needs in one call: the scenario, its market table, and helpers to glue and save.

A chapter's setup cell is ``chapter = open_chapter(scenario, overrides, output_dir, reads=[...])``;
papermill injects the first three, and run by hand the defaults build the base. ``reads`` declares
the input files the chapter reads besides the model's own: the build hashes exactly those for the
chapter's cache key, and reading anything else stops the chapter with a message saying so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .figures.save import save_figure
from .figures.style import use_style
from .inputs import declared
from .inputs.headline import Headline
from .model.topdown import market_table
from .outputs.markdown import markdown_table
from .paths import DATA_DOWNLOADS, PROJECT_ROOT, STANDALONE_DOWNLOADS
from .scenario import yaml_loading
from .scenario.errors import ParameterError
from .scenario.parameters import Parameters
from .scenario.resolved import ResolvedScenario, read_scenario

BOOK_NAME = "Infantile spasms market book"


def resolve_scenario_path(scenario: str | Path | None) -> Path | None:
    """A scenario path as given, or relative to the project root (papermill runs in a work folder)."""
    if scenario in (None, ""):
        return None
    path = Path(scenario)
    if path.is_absolute() or path.exists():
        return path
    return PROJECT_ROOT / path


def plain(value: Any) -> Any:
    """``value`` as a plain Python value for ``glue`` (numpy scalars become ``float``, ``int`` or ``bool``)."""
    return value.item() if isinstance(value, np.generic) else value


@dataclass
class Chapter:
    """One scenario as a chapter sees it, and where the chapter's files go."""

    scenario: ResolvedScenario
    output_dir: Path

    @property
    def params(self) -> Parameters:
        """The scenario's validated parameters."""
        return self.scenario.params

    @property
    def overrides(self) -> list[str]:
        """The ``--set`` overrides the scenario was built with (the chapter depends on all of them from now on)."""
        declared.note(declared.OVERRIDES)
        return self.scenario.overrides

    @property
    def label(self) -> str:
        """The scenario's name as figures cite it: ``base``, or ``base with --set ...`` naming the overrides read so far.

        An override of a parameter the chapter has not read (yet) changes nothing it shows, so its
        figures do not name it: they are the same as without it.
        """
        read = declared.parameters_read()
        shown = [o for o in self.scenario.overrides if any(declared.overlaps(override_path(o), p) for p in read)]
        return self.params.scenario.name + (" with --set " + ", ".join(shown) if shown else "")

    @property
    def is_base(self) -> bool:
        """The base scenario exactly: named ``base`` and nothing overridden."""
        return self.params.scenario.name == "base" and not self.overrides

    @property
    def data_folder(self) -> Path:
        """Where the chapter's data downloads go (the market table, the bottom-up model): the site's ``downloads/data``."""
        return self.output_dir / DATA_DOWNLOADS

    @cached_property
    def headline(self) -> Headline:
        """The report's headline: its years, figures and claims (``data/report_headline.yaml``)."""
        return Headline.from_data()

    @cached_property
    def table(self) -> pd.DataFrame:
        """The scenario's long market table."""
        return market_table(self.params, self.headline)

    def labelled(self, text: str) -> str:
        """``text`` with its ``scenario '<name>...'`` naming the scenario as :attr:`label` does now (a source line written before the reads)."""
        pattern = re.compile("scenario '" + re.escape(self.params.scenario.name) + "(?: with --set [^']*)?'")
        return pattern.sub(lambda _: f"scenario '{self.label}'", text, count=1)

    def source(self, *sources: str) -> str:
        """A figure's source line: this book and scenario, then ``sources`` (e.g. the report for the total)."""
        return "; ".join([f"{BOOK_NAME}, scenario '{self.label}'", *sources])

    def glue(self, key: str, value: Any) -> None:
        """Glue one value for the prose (``{glue:text}`key```), as a plain Python value."""
        from myst_nb import glue

        glue(key, plain(value), display=False)

    def glue_all(self, values: Mapping[str, Any]) -> None:
        """Glue every ``key: value`` of ``values``."""
        for key, value in values.items():
            self.glue(key, value)

    def glue_table(self, key: str, frame: pd.DataFrame, **formats: Any) -> None:
        """Glue ``frame`` as a Markdown table (see :func:`..outputs.markdown.markdown_table` for ``formats``)."""
        self.glue(key, markdown_table(frame, **formats))

    def figure(
        self, fig, fig_id: str, data: pd.DataFrame, *, caption: str, alt: str, source: str, key: bool = False
    ) -> dict[str, Any]:
        """Save ``fig`` for readers and presenters (PNG, SVG, the CSV of ``data``, a record), glue its page image, close it.

        ``key`` puts the figure in the presenters' deck. Returns the figure's record.
        """
        import matplotlib.pyplot as plt
        from IPython.display import Image

        source = self.labelled(source)
        saved = save_figure(fig, fig_id, data, caption=caption, alt=alt, source=source, output_dir=self.output_dir, key=key)
        plt.close(fig)
        self.glue(fig_id, Image(data=saved.page_png, format="png"))  # the page's image, not a fourth drawing
        return saved.record


def override_path(override: str) -> str:
    """The dotted parameter path an override ``path=value`` sets."""
    return override.partition("=")[0].strip()


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


def open_chapter(
    scenario: str | Path | None = None,
    overrides: list[str] | str | None = None,
    output_dir: str | Path | None = None,
    *,
    reads: Iterable[str] = (),
) -> Chapter:
    """Read the scenario, declare what the chapter reads, apply the figure style, and return the :class:`Chapter`.

    Parameters
    ----------
    scenario : path, optional
        A resolved scenario written by the build, or a scenario file of ``params/`` (default: the base).
    overrides : list of str, optional
        ``dotted.name=value`` overrides of a scenario file (papermill passes the list as one string).
    output_dir : path, optional
        Where the chapter's figure and data files go (``downloads/`` inside it); the build passes its
        own folder. Empty or None: :data:`STANDALONE_DOWNLOADS`, so a chapter run by hand writes
        nothing into the project's sources.
    reads : iterable of str
        Input files this chapter reads besides the market model's own, relative to the project
        (``"data/events.csv"``, ``"params/*.yaml"``).
    """
    declared.forget()  # a new chapter: nothing declared until its scenario is read
    resolved = read_scenario(resolve_scenario_path(scenario), override_list(overrides))
    declared.declare(reads)
    declared.track(resolved.params)  # from here on, every parameter read is recorded (the chapter's cache key)
    use_style()
    return Chapter(resolved, Path(output_dir) if output_dir not in (None, "") else STANDALONE_DOWNLOADS)
