"""Assembles the source tree Jupyter Book builds: config, pages, executed notebooks, downloads, vendored assets.

The tree is built in the staging folder, never in the project, so the project's own files are
never touched by a build and a failed build leaves nothing behind.
"""

from __future__ import annotations

import filecmp
import importlib.util
import json
import shutil
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..outputs import benchmark_page, changes, gallery
from ..outputs.citing import Cited, book_url, how_to_cite
from ..inputs.register import data_cutoff, load_register
from ..outputs.deck import (
    build_deck,
    deck_file_name,
    download_markdown,
    label_key_numbers,
    read_key_numbers,
)
from ..paths import (
    BOOK_DIR,
    BOOK_FILES,
    CONFIG_FILE,
    CONFIG_NAME,
    DOWNLOADS,
    FAVICON,
    FIGURES,
    GENERATED,
    NOTEBOOK_FILE,
    NOTEBOOK_SOURCES,
    PROJECT_ROOT,
    SCENARIO_DOWNLOAD,
    SITE_EXTRA,
    STATIC_DIR,
)
from ..reproducible import edition_date
from ..scenario.resolved import MARKER, PUBLISHED_HEADER, resolved_text
from .editions import links_markdown
from .jupyterbook import BANNER_TOKEN, TITLE_TOKEN
from .manifest import published_as, render_markdown, time_stamped_markdown, write_manifest

# The parts of MathJax 3 the pages load (the combined component, its fonts, lazily loaded pieces).
MATHJAX_PARTS = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions", "ui", "a11y", "sre")


class SiteSourceError(RuntimeError):
    """The site cannot be assembled (e.g. two notebooks write the same download)."""


def mathjax_source() -> Path:
    """Folder of the MathJax 3 ``es5`` build shipped by the ``django-static-mathjax`` wheel."""
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise SiteSourceError("MathJax is not installed: run `make install` (package django-static-mathjax)")
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax" / "es5"


def vendor_mathjax(dest: Path) -> None:
    """Copy MathJax into the site's static files, so no page loads it from a CDN."""
    source = mathjax_source()
    for part in MATHJAX_PARTS:
        src, dst = source / part, dest / "mathjax" / part
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)


def repository_url(config: dict[str, Any]) -> str | None:
    """The source code's address: the one setting ``sphinx.config.html_context.repository_url`` of ``_config.yml``."""
    return (config.get("sphinx", {}).get("config", {}).get("html_context") or {}).get("repository_url") or None


def patched_config(banner: str | None, tab: str | None = None) -> dict[str, Any]:
    """The project's ``_config.yml``, with a scenario banner on every page when one is given.

    ``tab`` (a scenario other than the base): its short title heads the HTML title, so every page's
    ``<title>`` (the browser tab) and the sidebar name the scenario. The repository address becomes a "Source code" icon in every page's header and the
    ``{{ repository }}`` substitution the hand-written pages use.
    """
    config = yaml.safe_load(CONFIG_FILE.read_text(encoding="utf-8"))
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    options = sphinx.setdefault("html_theme_options", {})
    if banner:
        options["announcement"] = banner
    if tab:
        sphinx["html_title"] = f"{tab} \u00b7 {config['title']}"
    url = repository_url(config)
    if url:
        options["icon_links"] = [{"name": "Source code", "url": url, "icon": "fa-solid fa-code", "type": "fontawesome"}]
    sphinx.setdefault("myst_substitutions", {})["repository"] = (
        f"[the source repository]({url})" if url else "the source repository (its address is not published yet)"
    )
    return config


ONLY_IF = "only-if:"  # a Markdown cell tagged only-if:<glue key> is published only when the chapter glued a true value there


def glued_values(notebook: dict[str, Any]) -> dict[str, str]:
    """Each key an executed notebook glued, with the plain text of its value (``True``, ``False``, ``'text'``)."""
    values = {}
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            scrapbook = output.get("metadata", {}).get("scrapbook") or {}
            if scrapbook.get("name"):
                name = scrapbook["name"]
                text = output.get("data", {}).get(scrapbook.get("mime_prefix", "") + "text/plain", "")
                values[name] = "".join(text) if isinstance(text, list) else str(text)
    return values


def drop_empty_sections(source: Path, target: Path) -> None:
    """Copy an executed notebook, leaving out each cell tagged ``only-if:<key>`` whose glued value is false or empty.

    A section with nothing to say in this build (the changes against the base, in the base build) is
    not published: neither its heading nor its text reaches the site or the PDF.
    """
    notebook = json.loads(source.read_text(encoding="utf-8"))
    glued = glued_values(notebook)
    kept = []
    for cell in notebook["cells"]:
        conditions = [t[len(ONLY_IF):] for t in cell.get("metadata", {}).get("tags", []) if t.startswith(ONLY_IF)]
        missing = [key for key in conditions if key not in glued]
        if missing:
            raise SiteSourceError(f"{source.name}: a cell is tagged {ONLY_IF}{missing[0]}, but the chapter glues no such key")
        if all(glued[key] not in ("False", "''", '""', "0", "None", "") for key in conditions):
            kept.append(cell)
    notebook["cells"] = kept
    target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def publish_scenario(site: Path, manifest: dict[str, Any]) -> None:
    """Publish the build's scenario as data: the resolved scenario (YAML), and its name at the head of the key numbers.

    Written by the build, not by a chapter: every parameter is in it, while a chapter is executed
    again only when what it reads changes.
    """
    scenario = manifest["scenario"]
    tree = {MARKER: {"file": scenario["file"], "overrides": list(scenario["overrides"])}, "parameters": manifest["parameters"]}
    (site / SCENARIO_DOWNLOAD).parent.mkdir(parents=True, exist_ok=True)
    header = f"# Scenario: {scenario['title']}\n" + PUBLISHED_HEADER  # a --set build's title says it is not the base case
    (site / SCENARIO_DOWNLOAD).write_text(resolved_text(tree, header), encoding="utf-8")
    label_key_numbers(site, {key: scenario.get(key) for key in ("name", "title", "file", "overrides", "published_as")})


def merge_tree(src: Path, dst: Path) -> None:
    """Copy ``src`` into ``dst``; a file already there with other content is an error (two writers)."""
    for path in sorted(p for p in src.rglob("*") if p.is_file()):
        target = dst / path.relative_to(src)
        if target.exists():
            if not filecmp.cmp(path, target, shallow=False):
                raise SiteSourceError(f"two notebooks write different versions of {target.relative_to(dst.parent)}")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)


def assemble(
    source: Path,
    notebooks: Iterable[tuple[str, Path]],
    manifest: dict[str, Any],
    banner: str | None = None,
    previous: dict[str, Any] | None = None,
) -> Path:
    """Build the Jupyter Book source tree in ``source``; returns it.

    Parameters
    ----------
    source : Path
        Empty folder in the staging area.
    notebooks : iterable of (name, cache entry folder)
        Executed notebooks; each entry's ``downloads/`` is merged into the site's downloads.
    manifest : dict
        The run manifest (written to the site root and rendered on the Reproducibility page).
    banner : str, optional
        Text shown on every page (used for non-base scenarios), as HTML; :data:`.jupyterbook.BANNER_TOKEN` when the
        build puts the text in after Sphinx (and then the short title too, :data:`.jupyterbook.TITLE_TOKEN`).
    previous : dict, optional
        The manifest of the book this build replaces (for the "What changed" page; None for a first build).
    """
    source.mkdir(parents=True, exist_ok=True)
    tab = (TITLE_TOKEN if banner == BANNER_TOKEN else manifest["scenario"].get("short_title")) if banner else None
    config = patched_config(banner, tab)
    (source / CONFIG_NAME).write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    for name in BOOK_FILES:
        if name != CONFIG_NAME:
            shutil.copy2(PROJECT_ROOT / name, source / name)
    generated = source / GENERATED
    shutil.copytree(BOOK_DIR, source / BOOK_DIR.name, ignore=shutil.ignore_patterns(generated.name, ".ipynb_checkpoints"))
    shutil.copytree(STATIC_DIR, source / STATIC_DIR.name)  # the book's own CSS (Jupyter Book adds it to every page)

    site = source / SITE_EXTRA  # copied to the site's root
    downloads = site / DOWNLOADS
    downloads.mkdir(parents=True)
    if FAVICON.is_file():  # browsers ask the site root for it
        shutil.copy2(FAVICON, site / FAVICON.name)
    (source / NOTEBOOK_SOURCES).mkdir()
    chapters = []
    for name, entry in notebooks:
        drop_empty_sections(entry / NOTEBOOK_FILE, source / NOTEBOOK_SOURCES / f"{name}.ipynb")
        if (entry / DOWNLOADS).is_dir():
            merge_tree(entry / DOWNLOADS, downloads)
        chapters.append(
            gallery.ChapterFigures(
                gallery.chapter_title(entry / NOTEBOOK_FILE),
                f"{NOTEBOOK_SOURCES}/{name}",
                gallery.saved_figures(entry / FIGURES),
            )
        )

    vendor_mathjax(site / STATIC_DIR.name)  # not html_static_path: Jupyter Book would inject every .js
    write_manifest(site, manifest)
    generated.mkdir(parents=True)
    (generated / "manifest.md").write_text(render_markdown(manifest), encoding="utf-8")
    (generated / "time-stamped.md").write_text(time_stamped_markdown(), encoding="utf-8")
    # What every citation of this build names: the book, the scenario, the build date, the address.
    cited = {
        "book_title": config["title"],
        "built": edition_date(manifest),
        "url": book_url(config),
    }
    scenario_title = manifest["scenario"]["title"]
    publish_scenario(site, manifest)
    (generated / "figures.md").write_text(gallery.render(chapters, scenario=scenario_title, **cited), encoding="utf-8")
    # The presenters' deck: one slide per key figure, linked from the Figures page (book/figures.md).
    records = [record for chapter in chapters for record in chapter.records]
    build_deck(records, site / FIGURES, downloads / deck_file_name(published_as(manifest)),
               scenario_title=scenario_title, key_numbers=read_key_numbers(site), **cited)
    (generated / "deck.md").write_text(
        download_markdown(published_as(manifest), sum(1 for r in records if r.get("key"))), encoding="utf-8"
    )
    (generated / "benchmark.md").write_text(benchmark_page.render(), encoding="utf-8")  # bench/latest.json
    (generated / "cutoff.md").write_text(  # the About page's data cut-off
        f"The data were read up to **{data_cutoff(load_register())}**, the latest date on which a source of the data "
        f"register was read; anything published after it is not in this build (built {cited['built']}).\n", encoding="utf-8")
    write_pages(generated, config, manifest, previous)  # editions' links, How to cite, What changed
    # The front page's Downloads block, last: it lists whatever the downloads folder holds by now.
    (generated / "downloads.md").write_text(
        gallery.render_downloads(downloads, repository_url=repository_url(config)), encoding="utf-8")
    return source


def write_pages(generated: Path, config: dict[str, Any], manifest: dict[str, Any], previous: dict[str, Any] | None) -> list[Path]:
    """Write the parts of pages that depend on the build (editions' links, How to cite, What changed); the files written.

    Each is a Markdown file in ``book/_generated/`` that a hand-written page (or the front page)
    includes, so the prose stays in the page and only what the build knows is written here.

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
    cited = Cited.of(config, manifest)
    pages = {"editions.md": links_markdown(manifest.get("editions", {})), "changes.md": changes.render(previous, manifest)}
    pages.update({f"cite-{part}.md": text for part, text in how_to_cite(cited).items()})
    written = []
    for name, text in pages.items():
        (generated / name).write_text(text, encoding="utf-8")
        written.append(generated / name)
    return written
