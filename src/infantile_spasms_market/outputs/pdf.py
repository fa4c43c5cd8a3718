"""Prints the PDF edition with headless Chromium (through Playwright), in two passes so the contents show page numbers.

Chromium is the engine the browser tests already use (Debian's ``chromium``): it renders the
book's own HTML, CSS and MathJax exactly as a reader's browser does, offline. It cannot number the
contents by itself (no CSS ``target-counter``), so the first pass is read back with ``pypdf`` to
find the page each chapter starts on, and the second pass prints those numbers.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import io
import logging
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..reproducible import fix_pdf

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ENV = "ISM_CHROMIUM"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
WAIT_FOR_PAGE = """async () => {
  const images = Array.from(document.images);
  images.forEach(img => { img.loading = "eager"; });
  await Promise.all(images.map(img => img.complete ? null :
      new Promise(done => { img.addEventListener("load", done); img.addEventListener("error", done);
                            setTimeout(done, 60000); })));
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
  if (document.fonts) { await document.fonts.ready; }
  return Array.from(document.images).filter(img => !img.naturalWidth).map(img => img.getAttribute("src"));
}"""
FILL_PAGES = """pages => {
  for (const slot of document.querySelectorAll(".print-page")) { slot.textContent = pages[slot.dataset.anchor] || ""; }
}"""
# Chromium's print layout depends on what was laid out before (the order images arrived, the scroll
# position): a table cell could land 0.3 pt lower in one print than in another. Each pass is laid out
# afresh from the top, so the same document always prints the same bytes.
FRESH_LAYOUT = """() => {
  window.scrollTo(0, 0);
  const root = document.documentElement;
  root.style.display = "none"; void root.offsetHeight; root.style.display = ""; void root.offsetHeight;
}"""
# The first pass only finds pages: images keep their place but are not painted (encoding them is most of the time).
HIDE_IMAGES, SHOW_IMAGES = "img { visibility: hidden !important; }", "img { visibility: visible !important; }"
TIMEOUT_MS = 180_000


class PdfError(RuntimeError):
    """The PDF could not be printed (the message says why)."""


def find_chromium() -> str | None:
    """Chromium's executable: ``$ISM_CHROMIUM`` when set, else the first of :data:`CHROMIUM_NAMES` on the PATH."""
    if os.environ.get(CHROMIUM_ENV):
        path = os.environ[CHROMIUM_ENV]
        return path if shutil.which(path) else None
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def engine_missing() -> str | None:
    """Why the PDF cannot be printed here (one line), or ``None`` when Chromium and Playwright are both present."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (make install)"
    if find_chromium() is None:
        where = f"${CHROMIUM_ENV} ({os.environ[CHROMIUM_ENV]}) is not an executable" if os.environ.get(CHROMIUM_ENV) else "no chromium on the PATH"
        return f"{where}; install it with apt-get install chromium"
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) while the block runs; its base URL.

    Over HTTP rather than ``file://``: Chromium refuses fonts (MathJax's) loaded from files.
    """
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _reader(pdf: bytes):
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # Skia's cross-reference size is off by a few objects: harmless
    return PdfReader(io.BytesIO(pdf))


def anchor_pages(pdf: bytes, anchors: list[str]) -> dict[str, int]:
    """``{anchor: page number}`` (from 1) for the anchors the PDF holds as named destinations."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # Skia's cross-reference size is off by a few objects: harmless

    reader = PdfReader(io.BytesIO(pdf))
    named = {str(name).lstrip("/"): dest for name, dest in reader.named_destinations.items()}  # PDF names: "/id"
    return {a: reader.get_destination_page_number(named[a]) + 1 for a in anchors if a in named}


def print_pdf(document: Path, output: Path, anchors: list[str], *, title: str, author: str = "",
              when: dt.datetime) -> dict[str, int]:
    """Print ``document`` (an HTML file inside the folder it needs) to ``output``; the contents' page numbers.

    Parameters
    ----------
    document : Path
        The print document (:func:`.print_document.write_print_document`).
    output : Path
        The PDF to write (its folder is created).
    anchors : list of str
        The ids the contents links to; their pages are printed beside them.
    title, author : str
        The PDF's title and author (its document information).
    when : datetime
        The PDF's creation and modification dates: the build's source date, never the clock.

    Raises
    ------
    PdfError
        When the engine is missing, an image does not load, or a chapter has no page.
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    missing = engine_missing()
    if missing:
        raise PdfError(f"no PDF engine: {missing}")
    options = {"prefer_css_page_size": True, "print_background": True, "outline": True, "tagged": True}
    try:
        with serve(document.parent) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.set_default_timeout(TIMEOUT_MS)
                page.goto(url + document.name, wait_until="load")
                broken = page.evaluate(WAIT_FOR_PAGE)
                if broken:
                    raise PdfError(f"images that did not load in the print document: {', '.join(broken[:5])}")
                page.add_style_tag(content=HIDE_IMAGES)
                page.evaluate(FRESH_LAYOUT)
                pages = anchor_pages(page.pdf(**options), anchors)
                lost = [a for a in anchors if a not in pages]
                if lost:
                    raise PdfError(f"chapters not found in the printed PDF: {', '.join(lost)}")
                page.evaluate(FILL_PAGES, {a: str(n) for a, n in pages.items()})
                page.add_style_tag(content=SHOW_IMAGES)
                page.evaluate(FRESH_LAYOUT)
                pdf = page.pdf(**options)
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise PdfError(f"Chromium failed: {str(exc).splitlines()[0]}") from None
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(fix_pdf(pdf, when, title=title, author=author))
    return pages


def page_count(path: Path) -> int:
    """How many pages the PDF at ``path`` has."""
    return len(_reader(Path(path).read_bytes()).pages)
