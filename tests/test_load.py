"""Loading: metadata sources, HTML extraction, encodings, and the bad inputs a user will feed it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsrag.index import ingest
from newsrag.index.load import LoadError, discover, load, parse_date
from newsrag.index.store import Store
from newsrag.settings import Settings
from tests.conftest import SEEDS


def test_seed_metadata_comes_from_the_sidecar() -> None:
    doc = load(SEEDS / "001_a2c6075c2c754012.txt")
    assert doc.id == "001_a2c6075c2c754012.txt"
    assert doc.title == "Afghan leader flies into besieged northern city as Taliban extend gains"
    assert doc.outlet == "The Kootneeti (AFP report)"
    assert doc.date == "2021-08-11"


def _story_with_sidecar(tmp_path: Path) -> tuple[Path, Path]:
    """A folder with one article, and where its metadata.json goes."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "story.txt").write_text(
        "The river bridge reopened to traffic on Tuesday after two years of repairs.\n",
        encoding="utf-8")
    return folder, folder / "metadata.json"


def test_a_corrected_sidecar_is_read_again(settings: Settings, tmp_path: Path) -> None:
    """A process that ingests again (the page, a notebook) sees metadata the user has since
    corrected: the article is updated, not counted unchanged."""
    folder, sidecar = _story_with_sidecar(tmp_path)
    sidecar.write_text(json.dumps({"story.txt": {"outlet": "Daily Exampel"}}), encoding="utf-8")
    assert ingest([folder], settings=settings, progress=False).added.documents == 1
    sidecar.write_text(json.dumps({"story.txt": {"outlet": "Daily Example"}}), encoding="utf-8")
    assert ingest([folder], settings=settings, progress=False).updated.documents == 1
    assert Store(settings).documents()["story.txt"].outlet == "Daily Example"


@pytest.mark.parametrize("content, problem", [
    ('{"story.txt": {"outlet": "Daily Example",}}', "not valid JSON"),
    ('["story.txt"]', "not a JSON object keyed by file name"),
    (b'{"story.txt": {"outlet": "Caf\xe9 Daily"}}', "not UTF-8 text"),
])
def test_a_broken_sidecar_is_reported_and_its_articles_still_ingested(
        settings: Settings, tmp_path: Path, content: str | bytes, problem: str) -> None:
    """A metadata.json the user broke is named in the report with what is wrong, in one line;
    the articles beside it are ingested all the same, and fixing it updates them."""
    folder, sidecar = _story_with_sidecar(tmp_path)
    if isinstance(content, bytes):
        sidecar.write_bytes(content)
    else:
        sidecar.write_text(content, encoding="utf-8")
    report = ingest([folder], settings=settings, progress=False)
    assert report.added.documents == 1 and not report.ok
    [skipped] = report.skipped
    assert skipped.path.endswith("metadata.json") and skipped.reason.startswith(problem)
    assert "fix it and ingest again" in skipped.reason and "\n" not in skipped.reason
    sidecar.write_text(json.dumps({"story.txt": {"outlet": "Daily Example"}}), encoding="utf-8")
    report = ingest([folder], settings=settings, progress=False)
    assert report.ok and report.updated.documents == 1
    assert Store(settings).documents()["story.txt"].outlet == "Daily Example"


def test_headline_and_unknowns_without_sidecar_entry() -> None:
    # 002 has no headline and names no outlet: the sidecar says null, the text has none either.
    doc = load(SEEDS / "002_3993b5d063c408f6.txt")
    assert doc.title is None
    assert doc.outlet is None
    assert doc.date == "2021-08-14"


def test_front_matter_gives_metadata(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\ntitle: Bridge reopens\noutlet: Daily Example\ndate: 2024-03-05\n---\n"
        "The river bridge reopened to traffic on Tuesday after two years of repairs.\n",
        encoding="utf-8",
    )
    doc = load(path)
    assert (doc.title, doc.outlet, doc.date) == ("Bridge reopens", "Daily Example", "2024-03-05")
    assert doc.text.startswith("The river bridge reopened")


def test_text_headline_and_published_line(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(
        "Port strike ends\nPublished: March 4, 2024\n"
        "Dock workers returned to work on Monday after a nine-day strike over pay.\n",
        encoding="utf-8",
    )
    doc = load(path)
    assert doc.title == "Port strike ends"
    assert doc.date == "2024-03-04"


def test_html_main_text_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    body = " ".join(
        f"Paragraph {i} of the report says the council approved the new budget after a long debate."
        for i in range(3)
    )
    path.write_text(
        "<html><head><title>Council approves budget | City News</title>"
        '<meta property="og:site_name" content="City News">'
        '<meta property="article:published_time" content="2023-06-01T10:00:00Z">'
        "<style>.x{color:red}</style><script>var tracker = 'SECRET-SCRIPT';</script></head>"
        "<body><nav>Home | World | Sport | NAVIGATION-MENU</nav>"
        f"<article><h1>Council approves budget</h1><p>{body}</p>"
        "<p>The mayor said the vote was a relief for residents who had waited months.</p></article>"
        "<footer>Subscribe to our newsletter</footer></body></html>",
        encoding="utf-8",
    )
    doc = load(path)
    assert "the council approved the new budget" in doc.text
    assert "The mayor said the vote was a relief" in doc.text
    for junk in ("SECRET-SCRIPT", "color:red", "NAVIGATION-MENU", "newsletter"):
        assert junk not in doc.text
    assert doc.title and "Council approves budget" in doc.title
    assert doc.outlet == "City News"
    assert doc.date == "2023-06-01"


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = (
        "Le café du quartier a rouvert ses portes après les travaux de rénovation. "
        "Les habitués étaient ravis de retrouver leur crème brûlée préférée, a déclaré le gérant."
    )
    path.write_bytes(text.encode("latin-1"))
    doc = load(path)
    assert "Le café du quartier a rouvert" in doc.text
    assert "crème brûlée" in doc.text
    assert doc.encoding != "utf-8"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)) * 4, "binary file"),
        (b"Subscribe to our newsletter\nShare this article\n", "no article text left"),
    ],
    ids=["empty", "whitespace", "binary", "only-boilerplate"],
)
def test_bad_files_give_a_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(LoadError, match=reason):
        load(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("A real sentence about the news of the day, long enough to keep.")
    path.chmod(0)
    with pytest.raises(LoadError, match="permission denied"):
        load(path)


def test_discover_lists_skipped_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("x")
    (tmp_path / "sub" / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("x")
    found = discover([tmp_path, tmp_path / "missing.txt"])
    assert [p.name for p in found.files] == ["a.txt", "b.html"]
    reasons = {Path(s.path).name: s.reason for s in found.skipped}
    assert reasons["c.pdf"].startswith("unsupported file type '.pdf'")
    assert reasons["missing.txt"] == "no such file or folder"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021-08-14", "2021-08-14"), ("2021-08-14T09:30:00Z", "2021-08-14"),
     ("August 9, 1998", "1998-08-09"), ("9 August 1998", "1998-08-09"), ("yesterday", None),
     (None, None)],
)
def test_parse_date(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_unreadable_path_gives_a_reason(tmp_path: Path) -> None:
    # Root can read any file, so exercise the same branch with a path that cannot be read as one.
    folder = tmp_path / "looks-like-a-file.txt"
    folder.mkdir()
    with pytest.raises(LoadError, match="cannot read the file"):
        load(folder)
