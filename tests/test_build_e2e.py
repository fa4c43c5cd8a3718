"""End to end: the book builds from the command line, the HTML is complete and self-contained,
a rebuild with nothing changed does nothing, and bad input leaves the published site untouched."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, run_cli, seeded_cache, tree_digest

from infantile_spasms_market.paths import FIGURES, MANIFEST_FILE, TOC_NAME, toc_documents

pytestmark = pytest.mark.slow


def toc_pages() -> list[str]:
    """Every document the table of contents lists (without suffix), the root first."""
    return toc_documents(ROOT / TOC_NAME)


class AssetLinks(HTMLParser):
    """Collects the URLs a page loads (scripts, stylesheets, images, frames, media)."""

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.loaded.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.loaded.append(attrs["href"])
        if tag in {"img", "iframe", "source", "video", "audio", "embed"} and attrs.get("src"):
            self.loaded.append(attrs["src"])
        if tag == "img":
            self.images.append(attrs)


def parse(page: Path) -> AssetLinks:
    parser = AssetLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)


def test_every_toc_page_is_built(built_site):
    missing = [p for p in toc_pages() if not (built_site / f"{p}.html").is_file()]
    assert not missing, f"pages in _toc.yml with no HTML: {missing}"
    assert (built_site / "index.html").is_file()


def test_no_page_loads_anything_from_another_host(built_site):
    offenders = {}
    for page in built_site.rglob("*.html"):
        external = [url for url in parse(page).loaded if EXTERNAL.match(url)]
        if external:
            offenders[page.relative_to(built_site).as_posix()] = external
    assert not offenders, f"pages that load from another host: {offenders}"


def test_mathjax_is_served_locally(built_site):
    assert (built_site / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert (built_site / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").is_dir()


def test_chapter_figures_are_embedded_with_alt_text_and_files(built_site):
    page = built_site / "notebooks" / "segments.html"
    images = parse(page).images
    assert images, "the segments chapter shows no figure"
    for image in images:
        assert image.get("alt"), f"image without alt text: {image.get('src')}"
        assert (page.parent / image["src"]).resolve().is_file(), f"missing image file {image['src']}"
    figures = built_site / FIGURES
    for ext in ("png", "svg", "csv", "json"):
        assert (figures / f"fig-segments-drug-type.{ext}").is_file()
    html = page.read_text(encoding="utf-8")
    assert 'id="fig-segments-drug-type"' in html
    assert re.search(r"Fig\. \d+(\.\d+)*", html), "figures are not numbered"


def test_manifest_records_the_build(built_site):
    manifest = json.loads((built_site / MANIFEST_FILE).read_text())
    assert manifest["scenario"]["name"] == "base"
    assert manifest["parameters"]["market"]["reconciliation"] == "bridge_2025"
    assert set(manifest["data"]) >= {"live_births.csv", "register.yaml", "report_headline.yaml"}
    names = [n["name"] for n in manifest["notebooks"]]
    assert names == [p.split("/")[-1] for p in toc_pages() if p.startswith("notebooks/")]
    assert all(n["seconds"] > 0 and len(n["key"]) == 64 for n in manifest["notebooks"])
    assert {"jupyter-book", "papermill", "pandas"} <= set(manifest["versions"])
    reproducibility = (built_site / "book" / "reproducibility.html").read_text(encoding="utf-8")
    assert manifest["site_key"] and manifest["data"]["live_births.csv"] in reproducibility


def test_rebuild_with_nothing_changed_executes_nothing(built_site, cache_dir):
    before = tree_digest(built_site)
    result = run_cli("build", "--output", str(built_site), "--cache-dir", str(cache_dir))
    assert result.returncode == 0, result.stderr
    assert "Nothing changed: 0 notebooks executed" in result.stderr
    assert tree_digest(built_site) == before


@pytest.mark.parametrize(
    "override, message",
    [
        ("growth.unknown=1", "growth.unknown: unknown parameter; allowed here: diagnosis, innovation, prevalence, access, price_erosion"),
        ("growth.diagnosis=high", "growth.diagnosis: 'high' is not allowed; must be a number from -0.2 to 0.2"),
        ("epidemiology.treated_share.europe=1.5", "epidemiology.treated_share.europe: 1.5 is not allowed; must be from 0 to 1"),
    ],
)
def test_bad_override_exits_2_and_leaves_the_site_byte_for_byte(built_site, cache_dir, override, message):
    before = tree_digest(built_site)
    result = run_cli("build", "--output", str(built_site), "--cache-dir", str(cache_dir), "--set", override)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(built_site) == before


def test_a_failing_notebook_names_its_cell_and_keeps_the_site(built_site, cache_dir, project_copy, tmp_path):
    root, env = project_copy
    notebook = json.loads((root / "notebooks" / "segments.ipynb").read_text())
    notebook["cells"].insert(4, {"cell_type": "code", "id": "boom", "metadata": {}, "outputs": [], "execution_count": None,
                                 "source": "raise ValueError('deliberate failure for the test')"})
    (root / "notebooks" / "segments.ipynb").write_text(json.dumps(notebook))
    before = tree_digest(built_site)
    cache = seeded_cache(tmp_path / "cache", built_site, cache_dir)  # the session's chapters: only segments runs again
    result = run_cli("build", "--output", str(built_site), "--cache-dir", str(cache), env=env)
    assert result.returncode == 1
    assert "notebooks/segments, cell 5 (raise ValueError('deliberate failure for the test')) failed: " \
           "ValueError: deliberate failure for the test" in result.stderr
    assert "The published site was not changed." in result.stderr
    assert tree_digest(built_site) == before
    assert not [p for p in built_site.parent.iterdir() if p.name.startswith(".staging")], "staging folder left behind"


def test_the_front_page_shows_the_monte_carlo_own_estimate(built_site):
    """The front page's key numbers are the Monte Carlo run's (glued, not typed) and come before the downloads list."""
    from infantile_spasms_market.analysis import own_estimate
    from infantile_spasms_market.inputs.headline import Headline
    from infantile_spasms_market.scenario.loading import load_parameters

    headline = Headline.from_data()
    result = own_estimate.run(load_parameters(), headline)
    values = own_estimate.estimate_values(result, headline)
    html = (built_site / "notebooks" / "summary.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert f"the book's own estimate, USD {values['value-2024']:.2f} million in 2024 and USD {values['value-2030']:.2f} million" in text.replace("’", "'")
    assert f"{values['p5-2024']:.2f} to {values['p95-2024']:.2f}" in text
    assert own_estimate.report_place(values, 2024) in text  # where the report falls, rounded towards what is true
    from infantile_spasms_market.analysis.key_numbers import split_sentence, us_price_note
    from infantile_spasms_market.model.topdown import market_table

    params = load_parameters()  # where the gap lies, in or outside the US: computed from the market tables, in the findings
    split = own_estimate.us_split(params, headline, market_table(params, headline), result)  # with the US range
    assert split_sentence(split, 2024) in text.replace("’", "'")
    assert us_price_note(2024) in text.replace("’", "'")  # Table 1's note: what US courses are priced at
    assert f"{split['report-us']:.2f} (assumed split)" in text and "3.67 (assumed)" in text  # Table 1
    key, downloads = html.find('id="tbl-summary-headline"'), html.find('id="downloads"')
    assert 0 < key < downloads, "the key numbers come before the downloads list"
    takeaways = re.findall(r'<li><p>(.*?)</p>', html[key:downloads], flags=re.S)
    assert 3 <= len([t for t in takeaways if 'href="' in t and re.search(r"\d", re.sub(r"<[^>]+>", "", t))]) <= 8
