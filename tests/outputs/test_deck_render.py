"""The built deck renders in LibreOffice (Debian's package): one page per slide, kept as test artefacts to look at."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from pptx import Presentation

pytestmark = pytest.mark.slow

SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not found; apt-get install libreoffice-impress")
def test_the_built_deck_renders_one_page_per_slide(built_site: Path, tmp_path: Path):
    deck = next((built_site / "downloads").glob("*.pptx"))
    slides = len(Presentation(str(deck)).slides)
    profile = tmp_path / "profile"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        capture_output=True, text=True, timeout=300,
    )
    pdf = tmp_path / (deck.stem + ".pdf")
    assert result.returncode == 0 and pdf.is_file(), f"LibreOffice could not render the deck: {result.stderr}"
    artefacts = ROOT / "test-artifacts" / "deck"
    artefacts.mkdir(parents=True, exist_ok=True)
    shutil.copy2(pdf, artefacts / pdf.name)
    pages = re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes())  # page objects (not the /Pages tree)
    assert len(pages) == slides
