"""Prints the PDF edition with headless Chromium (through Playwright): the book once, then its two front pages numbered.

Chromium is the engine the browser tests already use (Debian's ``chromium``): it renders the
book's own HTML, CSS and MathJax exactly as a reader's browser does, offline. It cannot number the
contents by itself (no CSS ``target-counter``), so the printed book is read back with ``pypdf``
to find the page each chapter starts on, and only the title page and contents are printed again
with those numbers and put in place, as an incremental update of the file (:func:`spliced_front`).
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import io
import logging
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
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
PLACEHOLDERS = """() => {
  for (const slot of document.querySelectorAll(".print-page")) { slot.textContent = "000"; slot.style.color = "#fff"; }
}"""
FILL_PAGES = """pages => {
  for (const slot of document.querySelectorAll(".print-page")) {
    slot.textContent = pages[slot.dataset.anchor] || ""; slot.style.color = "";
  }
}"""
# The front print is the title page and the contents alone: the key findings after them have no page numbers to
# fill in, and printed without the chapters after them, they are tagged otherwise (the splice would be refused).
FRONT_ONLY = """() => { document.querySelectorAll(".print-body, .print-key-findings").forEach(part => part.remove()); }"""
# Chromium's print layout depends on what was laid out before (the order images arrived, the scroll
# position): a table cell could land 0.3 pt lower in one print than in another. Each pass is laid out
# afresh from the top, so the same document always prints the same bytes.
FRESH_LAYOUT = """() => {
  window.scrollTo(0, 0);
  const root = document.documentElement;
  root.style.display = "none"; void root.offsetHeight; root.style.display = ""; void root.offsetHeight;
}"""
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


class _QuietServer(http.server.ThreadingHTTPServer):
    """No traceback for a request that fails: Chromium stopped mid-request (a failed or interrupted build) or a file
    gone with the print document; a page the print needed and did not get fails the print by itself (:func:`_load`)."""

    def handle_error(self, request, client_address):
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) while the block runs; its base URL.

    Over HTTP rather than ``file://``: Chromium refuses fonts (MathJax's) loaded from files.
    """
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
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


def anchor_pages(pdf, anchors: list[str]) -> dict[str, int]:
    """``{anchor: page number}`` (from 1) for the anchors the PDF (bytes, or a reader of them) holds as named destinations."""
    reader = _reader(pdf) if isinstance(pdf, bytes) else pdf
    named = {str(name).lstrip("/"): dest for name, dest in reader.named_destinations.items()}  # PDF names: "/id"
    return {a: reader.get_destination_page_number(named[a]) + 1 for a in anchors if a in named}


@dataclass(frozen=True)
class PrintJob:
    """What to print and where: the print document (an HTML file inside the folder it needs), the ids its contents
    link to, the PDF to write, and the PDF's title, author and dates (the build's source date, never the clock)."""

    document: Path
    anchors: list[str]
    output: Path
    title: str
    author: str
    when: dt.datetime


def print_pdf(document: Path, output: Path, anchors: list[str], *, title: str, author: str = "",
              when: dt.datetime) -> dict[str, int]:
    """Print ``document`` (an HTML file inside the folder it needs) to ``output``; the contents' page numbers.

    One pass prints the book, its contents' page numbers held by a blank placeholder as wide as
    they are; the pages it finds the chapters on are filled in, and the title page and contents
    alone are printed again (two pages) and put in place of the blank ones (:func:`spliced_front`).
    Should they not lay out the same, the whole book is printed again with the numbers.

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
    job = PrintJob(document, anchors, output, title, author, when)
    printed, pages = print_given(lambda: job)
    write(job, printed)
    return pages


def print_given(given: Callable[[], PrintJob], printed: Future | None = None,
                launched: Callable[[int], None] | None = None) -> tuple[bytes, dict[str, int]]:
    """Start Chromium, then print the job ``given()`` returns (as :func:`print_pdf` does); the PDF as printed, and the pages.

    ``given`` may wait while the print document is written elsewhere: Chromium starts in the
    meantime. Whatever it raises stops the print (Chromium is closed). ``printed`` receives the
    result before Chromium is closed, so its caller goes on meanwhile. ``launched`` is given the
    process id of Chromium's browser process once it runs: a caller in another thread cannot close
    Chromium through Playwright (bound to this thread), but can stop that process (:class:`.editions.Printer`).
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    missing = engine_missing()
    if missing:
        raise PdfError(f"no PDF engine: {missing}")
    options = {"prefer_css_page_size": True, "print_background": True, "outline": True, "tagged": True}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            try:
                if launched is not None:
                    try:
                        launched(browser_process(browser))
                    except (PlaywrightError, KeyError, StopIteration, TypeError, ValueError):
                        pass  # not told: a stopped build waits for the print to end, as it did
                page = browser.new_page()
                page.set_default_timeout(TIMEOUT_MS)
                job = given()
                with serve(job.document.parent) as url:
                    _load(page, url + job.document.name)
                    page.evaluate(PLACEHOLDERS)
                    page.evaluate(FRESH_LAYOUT)
                    book = page.pdf(**options)
                    reader = _reader(book)  # reading the book's 20,000 objects takes a second: once
                    pages = anchor_pages(reader, job.anchors)
                    lost = [a for a in job.anchors if a not in pages]
                    if lost:
                        raise PdfError(f"chapters not found in the printed PDF: {', '.join(lost)}")
                    numbers = {a: str(n) for a, n in pages.items()}
                    page.evaluate(FILL_PAGES, numbers)
                    page.evaluate(FRONT_ONLY)
                    page.evaluate(FRESH_LAYOUT)
                    pdf = spliced_front(book, page.pdf(**options), reader)
                    if pdf is None:
                        _load(page, url + job.document.name)
                        page.evaluate(FILL_PAGES, numbers)
                        page.evaluate(FRESH_LAYOUT)
                        pdf = page.pdf(**options)
                if printed is not None:
                    printed.set_result((pdf, pages))
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise PdfError(f"Chromium failed: {str(exc).splitlines()[0]}") from None
    return pdf, pages


def browser_process(browser) -> int:
    """The process id of Chromium's browser process (asked over the DevTools protocol: Playwright does not say)."""
    session = browser.new_browser_cdp_session()
    try:
        found = session.send("SystemInfo.getProcessInfo")["processInfo"]
    finally:
        session.detach()
    return next(int(p["id"]) for p in found if p.get("type") == "browser")


def write(job: PrintJob, pdf: bytes) -> None:
    """Write the PDF Chromium printed to ``job.output``, its information set and dated from the source (the same bytes each print)."""
    job.output.parent.mkdir(parents=True, exist_ok=True)
    job.output.write_bytes(fix_pdf(pdf, job.when, title=job.title, author=job.author))


def _load(page, url: str) -> None:
    """Open the print document and wait for every image, equation and font."""
    page.goto(url, wait_until="load")
    broken = page.evaluate(WAIT_FOR_PAGE)
    if broken:
        raise PdfError(f"images that did not load in the print document: {', '.join(broken[:5])}")


def page_count(path: Path) -> int:
    """How many pages the PDF at ``path`` has."""
    return len(_reader(Path(path).read_bytes()).pages)


TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s+(\d+)\s+%%EOF\s*$", re.S)
MARKED = re.compile(rb"/(\w+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC(.*?)EMC", re.S)
PAINTING = re.compile(rb"(?<![\w/])(Tj|TJ|Do|f\*?|F|S|s|B\*?|b\*?|sh)(?![\w])")


def serialised(obj) -> bytes:
    """A pypdf object as the bytes a PDF holds."""
    buffer = io.BytesIO()
    obj.write_to_stream(buffer)
    return buffer.getvalue()


def updated(pdf: bytes, reader, objects: dict[int, bytes], info: int | None = None) -> bytes:
    """``pdf`` with ``objects`` (number: serialised object) added or replaced by an incremental update; ``info`` is
    the number of its document information (by default the one ``reader``, of ``pdf``, has).

    The file before the update is kept byte for byte: nothing of the book's 150 pages is rewritten.
    """
    tail = TRAILER.search(pdf[-4096:])
    if tail is None:
        raise ValueError("no classic cross-reference table at the end of the PDF")
    update, offsets = bytearray(b"\n"), {}
    for number in sorted(objects):
        offsets[number] = len(pdf) + len(update)
        update += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref = len(pdf) + len(update)
    update += b"xref\n"
    numbers = sorted(offsets)
    runs = [[numbers[0]]]
    for number in numbers[1:]:
        runs[-1].append(number) if number == runs[-1][-1] + 1 else runs.append([number])
    for run in runs:
        update += f"{run[0]} {len(run)}\n".encode() + b"".join(f"{offsets[n]:010d} 00000 n \n".encode() for n in run)
    size = max(int(reader.trailer["/Size"]), numbers[-1] + 1)
    trailer = {"/Size": str(size), **({"/Info": f"{info} 0 R"} if info is not None else {}),
               **{k: serialised(reader.trailer.raw_get(k)).decode("latin-1")
                  for k in ("/Root", "/ID", *(() if info is not None else ("/Info",))) if k in reader.trailer}}
    entries = " ".join(f"{k} {v}" for k, v in trailer.items())
    update += f"trailer\n<< {entries} /Prev {int(tail.group(2))} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return pdf + bytes(update)


def _marked_content(page) -> list[tuple[bytes, bytes]]:
    """The tagged content a page paints: (structure type, MCID) of each marked item that draws something (empty ones left out)."""
    contents = page.get_contents()
    items = MARKED.findall(contents.get_data()) if contents is not None else []
    return [(kind, mcid) for kind, mcid, body in items if PAINTING.search(body)]


class _Importer:
    """Objects of another PDF copied into this one's numbering, from ``first`` on (page links to parents left out)."""

    def __init__(self, reader, first: int) -> None:
        self.reader, self.first = reader, first
        self.numbers: dict[int, int] = {}
        self.objects: dict[int, bytes] = {}

    def copy(self, obj):
        """``obj`` with every object it refers to copied (once), its references renumbered."""
        from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, NumberObject, StreamObject

        if isinstance(obj, IndirectObject):
            if obj.idnum not in self.numbers:
                number = self.numbers[obj.idnum] = self.first + len(self.numbers)
                value = obj.get_object()
                copied = self.copy(value)
                if isinstance(value, StreamObject):
                    copied[NameObject("/Length")] = NumberObject(len(value._data))
                    self.objects[number] = serialised(copied) + b"\nstream\n" + value._data + b"\nendstream"
                else:
                    self.objects[number] = serialised(copied)
            return IndirectObject(self.numbers[obj.idnum], 0, None)
        if isinstance(obj, DictionaryObject):  # a stream's dictionary too (its data is written beside it)
            return DictionaryObject({k: self.copy(v) for k, v in obj.items() if k not in ("/Parent", "/P")})
        if isinstance(obj, ArrayObject):
            return ArrayObject(self.copy(v) for v in obj)
        return obj


def spliced_front(pdf: bytes, front: bytes, reader=None) -> bytes | None:
    """``pdf`` whose first pages show what ``front`` shows (the title page and the contents, numbered), or None when they differ in layout.

    Each of those pages keeps its object, links and place in the tagged structure; only its
    content and resources are ``front``'s, so the marked content its structure points to must be
    the same, item for item (it is: the contents are printed with a placeholder as wide as the
    numbers). The result is an incremental update of ``pdf`` (its information is set by :func:`.fix_pdf`).
    """
    from pypdf.generic import DictionaryObject, NameObject

    reader, front_reader = reader or _reader(pdf), _reader(front)
    count = len(front_reader.pages)
    pages = [(reader.pages[i], front_reader.pages[i]) for i in range(min(count, len(reader.pages)))]
    if count >= len(reader.pages) or any(_marked_content(old) != _marked_content(new) for old, new in pages):
        return None
    importer = _Importer(front_reader, int(reader.trailer["/Size"]))
    objects = {}
    for old, new in pages:
        page = DictionaryObject(old)
        for key in ("/Contents", "/Resources"):
            page[NameObject(key)] = importer.copy(new.raw_get(key))
        objects[old.indirect_reference.idnum] = serialised(page)
    try:
        return updated(pdf, reader, {**importer.objects, **objects})
    except ValueError:
        return None

