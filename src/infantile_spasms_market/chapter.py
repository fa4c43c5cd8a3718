"""What a chapter notebook needs in one call: the scenario, its market table, and helpers to glue and save.

A chapter's setup cell is ``chapter = open_chapter(scenario, overrides, output_dir, reads=[...])``;
papermill injects the first three, and run by hand the defaults build the base. ``reads`` declares
the input files the chapter reads besides the model's own: the build hashes exactly those for the
chapter's cache key, and reading anything else stops the chapter with a message saying so.
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .analysis.wording import MarkdownText
from .figures.save import save_figure
from .figures.style import use_style
from .figures.text_metrics import share as share_text_metrics
from .inputs import declared
from .inputs.headline import Headline
from .labels import FIGURE_TEXTS
from .model.topdown import market_table
from .outputs.markdown import markdown_table
from .paths import DATA_DOWNLOADS, STANDALONE_DOWNLOADS, shown
from .scenario.loading import taken_name
from .scenario.errors import ParameterError
from .scenario.parameters import Parameters
from .scenario.resolved import ResolvedScenario, read_scenario

BOOK_NAME = "Infantile spasms market book"
PARAMETERS = ("scenario", "overrides", "output_dir")
"""The names every chapter's parameters cell defines, and the only ones papermill may pass (``-p``)."""
PAPERMILL_CELL = "# Parameters\n"  # how the cell papermill injects after the parameters cell begins


def plain(value: Any) -> Any:
    """``value`` as a plain Python value for ``glue`` (numpy scalars become ``float``, ``int`` or ``bool``)."""
    return value.item() if isinstance(value, np.generic) else value


@dataclass(frozen=True)
class ChapterScenario(ResolvedScenario):
    """The scenario as a chapter sees it: its ``overrides`` are those of the parameters the chapter has read so far.

    An override of a parameter the chapter has not read changes nothing it shows, so the names it
    gives figures (``label``, ``display_name``, ``short_title``) leave it out, and a chapter reused
    from a build without it is what executing it again gives. The ``title`` (what the book was
    built with) and ``is_base`` name every override, and the chapter then depends on all of them.
    """

    handed_out: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # name given -> property

    @classmethod
    def of(cls, scenario: ResolvedScenario) -> ChapterScenario:
        return cls(scenario.params, scenario.file, list(scenario.overrides))

    def __getattribute__(self, name: str) -> Any:
        if name == "overrides":
            return declared.overrides_read(object.__getattribute__(self, "overrides"), declared.parameters_read())
        return object.__getattribute__(self, name)

    @property
    def all_overrides(self) -> list[str]:
        """Every override, read as such (the chapter's key holds them all)."""
        declared.note(declared.OVERRIDES)
        return list(object.__getattribute__(self, "overrides"))

    def _whole(self) -> ResolvedScenario:
        return ResolvedScenario(self.params, self.file, self.all_overrides)

    def _handed(self, kind: str, name: str) -> str:
        self.handed_out.setdefault(name, kind)
        return name

    @property
    def label(self) -> str:
        return self._handed("label", super().label)

    @property
    def display_name(self) -> str:
        return self._handed("display_name", super().display_name)

    @property
    def title(self) -> str:
        return self._whole().title

    @property
    def is_base(self) -> bool:
        return self._whole().is_base


@dataclass
class Chapter:
    """One scenario as a chapter sees it, and where the chapter's files go."""

    scenario: ChapterScenario
    output_dir: Path

    @property
    def params(self) -> Parameters:
        """The scenario's validated parameters."""
        return self.scenario.params

    @property
    def overrides(self) -> list[str]:
        """The ``--set`` overrides the scenario was built with (the chapter depends on all of them from now on)."""
        return self.scenario.all_overrides

    @property
    def label(self) -> str:
        """The scenario's name as figures cite it: ``Base case``, with what ``--set`` changed in words (``Base case + growth from diagnosis set to 0.002``).

        In words, not as typed: a source line is prose, where ``--set`` would be typeset as a dash.
        Only the overrides of parameters read so far (:class:`ChapterScenario`).
        """
        return self.scenario.display_name

    @property
    def is_base(self) -> bool:
        """The base scenario exactly: named ``base`` and nothing overridden."""
        return self.scenario.is_base

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

    @property
    def report(self) -> str:
        """The report as figures' source lines cite it: its short citation from the data register (``TechSci Research accessed 2026``)."""
        from . import labels
        from .analysis.estimates import REPORT_SOURCE_ID

        return labels.registry()[REPORT_SOURCE_ID]

    def labelled(self, text: str) -> str:
        """``text`` with the scenario it names as ``scenario '...'`` named as now (a source line written before the reads).

        The names the chapter's scenario handed out earlier (:attr:`ChapterScenario.handed_out`) are
        replaced by what the same property gives now, which names every override read since.
        """
        for old, kind in sorted(self.scenario.handed_out.items(), key=lambda item: -len(item[0])):
            quoted = f"scenario '{old}'"
            if quoted in text:
                return text.replace(quoted, f"scenario '{getattr(self.scenario, kind)}'", 1)
        return text

    def source(self, *sources: str) -> str:
        """A figure's source line: this book and scenario, then ``sources`` (e.g. the report for the total)."""
        return "; ".join([f"{BOOK_NAME}, scenario '{self.label}'", *sources])

    def glue(self, key: str, value: Any) -> None:
        """Glue one value for the prose (``{glue:text}`key```), as a plain Python value (a :class:`.MarkdownText` as Markdown)."""
        from IPython.display import Markdown
        from myst_nb import glue

        glue(key, Markdown(value) if isinstance(value, MarkdownText) else plain(value), display=False)

    def glue_all(self, values: Mapping[str, Any], *, prefix: str = "") -> None:
        """Glue every ``key: value`` of ``values``, each key after ``prefix`` (``prefix="reg-"``: ``reg-top-country``)."""
        for key, value in values.items():
            self.glue(f"{prefix}{key}", value)

    def glue_table(self, key: str, frame: pd.DataFrame, **formats: Any) -> None:
        """Glue ``frame`` as a Markdown table (see :func:`..outputs.markdown.markdown_table` for ``formats``)."""
        self.glue(key, markdown_table(frame, **formats))

    def figure(
        self, fig, fig_id: str, data: pd.DataFrame, *, caption: str, alt: str, source: str, key: bool = False,
        takeaway: str = "", slide_top: tuple[int, str] | None = None,
    ) -> dict[str, Any]:
        """Save ``fig`` for readers and presenters (PNG, SVG, the CSV of ``data``, a record), glue its page image, close it.

        ``caption`` (plain text, no final full stop) and ``alt`` are written here only: the page image
        carries them (:data:`.labels.FIGURE_TEXTS`), and the chapter's ``{glue:figure} <fig_id>`` block shows
        them (:class:`.bookbuild.sphinx_extensions.ChapterFigure`), as the record, the Figures page and the deck do.
        ``key`` puts the figure in the presenters' deck, titled with ``takeaway`` (what it shows, with its
        number); ``slide_top`` keeps a long bar chart's largest categories on its slide (:func:`.save_figure`). Returns the
        figure's record.
        """
        import matplotlib.pyplot as plt
        from IPython.display import Image

        source = self.labelled(source)
        saved = save_figure(fig, fig_id, data, caption=caption, alt=alt, source=source, output_dir=self.output_dir, key=key,
                            takeaway=takeaway, slide_top=slide_top)
        plt.close(fig)
        texts = dict(zip(FIGURE_TEXTS, (caption, alt)))
        self.glue(fig_id, Image(data=saved.page_png, format="png", metadata=texts))  # the page's image, not a fourth drawing
        return saved.record


def injected_parameters(history: Iterable[str] | None = None) -> list[str]:
    """The names papermill's injected parameters cell assigned in this kernel (none outside IPython or papermill).

    ``history``: the kernel's executed cell sources (default: IPython's ``In``); the last cell that
    begins as papermill writes its parameters counts.
    """
    if history is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython is a dependency of the notebooks
            return []
        shell = get_ipython()
        history = shell.user_ns.get("In", []) if shell is not None else []
    injected = [cell for cell in history if isinstance(cell, str) and cell.startswith(PAPERMILL_CELL)]
    if not injected:
        return []
    try:
        tree = ast.parse(injected[-1])
    except SyntaxError:
        return []
    return [target.id for node in tree.body if isinstance(node, ast.Assign) for target in node.targets
            if isinstance(target, ast.Name)]


def check_parameters(names: Iterable[str]) -> None:
    """Raise :class:`ParameterError` naming every parameter a chapter does not have (e.g. papermill's ``-p scenaro``).

    Papermill only warns about a name the parameters cell does not define, and the chapter would
    then build the base case under the user's eyes.
    """
    unknown = [name for name in dict.fromkeys(names) if name not in PARAMETERS]
    if unknown:
        problems = []
        for name in unknown:
            close = difflib.get_close_matches(name, PARAMETERS, n=1)
            problems.append(f"{name}: not a parameter of this chapter" + (f" (did you mean {close[0]!r}?)" if close else ""))
        allowed = ", ".join(PARAMETERS)
        raise ParameterError([f"papermill -p {p}; a chapter's parameters are {allowed}" for p in problems])


def standalone_folder(scenario: ResolvedScenario) -> Path:
    """Where a chapter run on its own writes its files for ``scenario``: ``_build/chapter-downloads/<name>``.

    One folder per scenario (``<name>-set-...`` with overrides, as a built book's folder), so a run of
    another scenario never overwrites these files.
    """
    return STANDALONE_DOWNLOADS / scenario.published_name


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
        own folder. Empty or None: the scenario's folder under :data:`STANDALONE_DOWNLOADS`
        (:func:`standalone_folder`), so a chapter run by hand writes nothing into the project's sources;
        a scenario from elsewhere named like a shipped one is refused (:func:`.taken_name`).
    reads : iterable of str
        Input files this chapter reads besides the market model's own, relative to the project
        (``"data/events.csv"``, ``"params/*.yaml"``).
    """
    declared.forget()  # a new chapter: nothing declared until its scenario is read
    check_parameters(injected_parameters())  # papermill -p with a misspelt name: stop before anything is written
    resolved = read_scenario(scenario, overrides)
    if output_dir in (None, ""):
        output_dir = standalone_folder(resolved)
        problem = taken_name(resolved, f"run on its own, a chapter would write its files into that scenario's folder ({shown(output_dir)})")
        if problem:
            raise ParameterError([problem])
    declared.declare(reads)
    declared.track(resolved.params)  # from here on, every parameter read is recorded (the chapter's cache key)
    use_style()
    share_text_metrics()  # each text measured once in this kernel, not once per figure and resolution
    return Chapter(ChapterScenario.of(resolved), Path(output_dir))
