"""The generated parts of pages that depend on the build: editions' links, How to cite, What changed.

Each is a Markdown file in ``book/_generated/`` that a hand-written page (or the front page)
includes, so the prose stays in the page and only what the build knows is written here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..outputs import changes
from ..outputs.citing import Cited, book_url, how_to_cite
from ..reproducible import edition_date
from .editions import links_markdown


def write_pages(generated: Path, config: dict[str, Any], manifest: dict[str, Any], previous: dict[str, Any] | None) -> list[Path]:
    """Write ``editions.md``, ``cite-*.md`` and ``changes.md`` into ``generated``; the files written.

    Parameters
    ----------
    generated : Path
        The assembled source's ``book/_generated`` folder.
    config : dict
        The assembled ``_config.yml`` (title, author, ``book_url``).
    manifest : dict
        This build's manifest (scenario, build date, planned editions, headline numbers).
    previous : dict or None
        The manifest of the published book this build replaces; None for a first build.
    """
    scenario = manifest["scenario"]
    cited = Cited(config["title"], config["author"], scenario["title"], edition_date(manifest), book_url(config),
                  tuple(scenario.get("overrides", [])))
    pages = {"editions.md": links_markdown(manifest.get("editions", {})), "changes.md": changes.render(previous, manifest)}
    pages.update({f"cite-{part}.md": text for part, text in how_to_cite(cited).items()})
    written = []
    for name, text in pages.items():
        (generated / name).write_text(text, encoding="utf-8")
        written.append(generated / name)
    return written
