"""``verify``: a built or downloaded book checked against its manifest, file by file, in words a reader can act on."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from infantile_spasms_market.bookbuild.manifest import MANIFEST_FILE, Differences, compare, file_hashes, verify
from infantile_spasms_market.cli import main
from infantile_spasms_market.reproducible import GENERATOR


def _book(folder: Path) -> Path:
    """A small book as the build publishes it: pages, downloads, and a manifest with every other file's SHA-256."""
    (folder / "book").mkdir(parents=True)
    (folder / "downloads" / "figures").mkdir(parents=True)
    (folder / "index.html").write_text("<html>summary</html>")
    (folder / "book" / "reproducibility.html").write_text("<html>how to check</html>")
    (folder / "downloads" / "figures" / "fig-summary-total.csv").write_text("year,value_usd_m\n2024,146.34\n")
    (folder / "downloads" / "infantile-spasms-market-base.pdf").write_bytes(b"%PDF-1.7 ...")
    manifest = {"generator": GENERATOR, "scenario": {"name": "base"}, "git": {"commit": "0123456789abcdef"},
                "source_date": {"date": "2026-01-02"}, "published_files": file_hashes(folder)}
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))
    return folder


@pytest.fixture
def book(tmp_path) -> Path:
    return _book(tmp_path / "html")


def _damage(book: Path) -> None:
    (book / "downloads" / "figures" / "fig-summary-total.csv").write_text("year,value_usd_m\n2024,999.99\n")
    (book / "downloads" / "infantile-spasms-market-base.pdf").unlink()
    (book / "notes.txt").write_text("a reader's note")


def test_the_manifest_records_every_file_but_itself(book):
    recorded = json.loads((book / MANIFEST_FILE).read_text())["published_files"]
    assert sorted(recorded) == ["book/reproducibility.html", "downloads/figures/fig-summary-total.csv",
                                "downloads/infantile-spasms-market-base.pdf", "index.html"]
    assert all(len(h) == 64 for h in recorded.values())


def test_an_untouched_book_passes(book, capsys):
    manifest, differences, other = verify(book)
    assert not differences and other is None and manifest["scenario"]["name"] == "base"
    assert main(["verify", str(book)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{book}: all 4 files match its manifest (scenario base, commit 0123456789ab, dated 2026-01-02), nothing missing or added\n"
    assert err == ""


def test_a_changed_a_missing_and_an_added_file_are_each_named(book, capsys):
    recorded = json.loads((book / MANIFEST_FILE).read_text())["published_files"]
    _damage(book)
    _, differences, _ = verify(book)
    csv = "downloads/figures/fig-summary-total.csv"
    assert [name for name, _, _ in differences.changed] == [csv]
    assert differences.changed[0][1] == recorded[csv] and differences.changed[0][2] == file_hashes(book)[csv]
    assert differences.missing == ["downloads/infantile-spasms-market-base.pdf"] and differences.added == ["notes.txt"]

    assert main(["verify", str(book)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{book} differs from its manifest (scenario base, commit 0123456789ab, dated 2026-01-02):",
        f"  changed  {csv}  (sha256 recorded {recorded[csv][:12]}..., found {file_hashes(book)[csv][:12]}...)",
        "  missing  downloads/infantile-spasms-market-base.pdf",
        "  added    notes.txt",
    ]
    assert err == "error: the book differs from its manifest: 1 changed, 1 missing, 1 added\n"


@pytest.mark.parametrize("damage", ["changed", "missing", "added"])
def test_any_one_difference_fails(book, damage):
    target = book / "index.html"
    {"changed": lambda: target.write_text("<html>edited</html>"), "missing": target.unlink,
     "added": lambda: (book / "book" / "extra.html").write_text("x")}[damage]()
    assert main(["verify", str(book)]) == 1


def test_a_zip_of_the_book_is_checked_as_the_folder(book, tmp_path, capsys):
    archive = Path(shutil.make_archive(str(tmp_path / "download"), "zip", root_dir=book.parent, base_dir=book.name))
    assert main(["verify", str(archive)]) == 0  # the book in one top folder, as a download usually is
    flat = Path(shutil.make_archive(str(tmp_path / "flat"), "zip", root_dir=book))
    assert main(["verify", str(flat)]) == 0
    _damage(book)
    damaged = Path(shutil.make_archive(str(tmp_path / "damaged"), "zip", root_dir=book.parent, base_dir=book.name))
    capsys.readouterr()
    assert main(["verify", str(damaged)]) == 1
    assert "1 changed, 1 missing, 1 added" in capsys.readouterr().err


def test_against_another_build_says_which_files_differ(book, tmp_path, capsys):
    mine = _book(tmp_path / "mine")
    assert main(["verify", str(book), "--against", str(mine)]) == 0
    assert capsys.readouterr().out.endswith(f"{book} publishes the same files, byte for byte, as {mine}\n")
    shutil.rmtree(book)
    _damage(_book(book))
    (book / MANIFEST_FILE).unlink()
    (book / MANIFEST_FILE).write_text(json.dumps({"published_files": file_hashes(book), "scenario": {"name": "base"}}))
    assert main(["verify", str(book), "--against", str(mine)]) == 1  # consistent with its own manifest, not with my build
    out, err = capsys.readouterr()
    assert "all 4 files match its manifest" in out
    assert f"  changed  downloads/figures/fig-summary-total.csv  (sha256 in {mine} " in out and ", here " in out
    assert err == f"error: its files differ from those of {mine}: 1 changed, 1 missing, 1 added\n"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "{p}: no such folder"),
        (lambda p: (p.mkdir(), (p / "index.html").write_text("x")), "{p} holds no manifest.json: give the top folder of a book this tool built"),
        (lambda p: (p.mkdir(), (p / MANIFEST_FILE).write_text("{not json")), "{p}/manifest.json is not a readable manifest"),
        (lambda p: (p.mkdir(), (p / MANIFEST_FILE).write_text(json.dumps({"published_files": ["index.html"]}))),
         "{p}/manifest.json records no file hashes (a book built before `verify` existed): rebuild it to check it"),
        (lambda p: p.write_text("not a book"), "{p} is a file, not a book"),
    ],
    ids=["missing", "no manifest", "unreadable manifest", "a manifest without hashes", "a file"],
)
def test_what_is_not_a_book_is_refused_in_one_line_with_exit_2(tmp_path, capsys, make, message):
    path = tmp_path / "book"
    make(path)
    assert main(["verify", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: " + message.format(p=path)) and err.count("\n") == 1
    assert "Traceback" not in err


def test_debug_shows_the_traceback(tmp_path):
    with pytest.raises(Exception, match="no such folder"):
        main(["verify", str(tmp_path / "nothing"), "--debug"])


def test_verify_is_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "verify" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["verify", "--help"])
    text = capsys.readouterr().out
    assert "every file the manifest lists is present with the SHA-256 it records" in " ".join(text.split())
    assert "--against" in text


def test_differences_read_in_one_order():
    differences = compare({"b": "1", "a": "1", "c": "1"}, {"b": "2", "a": "2", "d": "1"})
    assert [n for n, _, _ in differences.changed] == ["a", "b"] and differences.missing == ["c"] and differences.added == ["d"]
    assert differences.counts() == "2 changed, 1 missing, 1 added"
    assert not Differences() and Differences().counts() == ""
