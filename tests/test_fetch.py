"""Articles from URLs and feeds, fetched from a news site on a loopback port (tests/web_site.py).
The network guard (conftest.py) stays on: nothing here leaves 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from newsrag.index import ingest
from newsrag.index.store import Store
from newsrag.settings import Settings
from tests.test_cli import run
from tests.web_site import SECOND, Site, article_page, serving


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serving() as running:
        yield running


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.from_env({"RAG_HOME": str(tmp_path / "home"), "RAG_FETCH_TIMEOUT": "1"})


def test_a_page_is_fetched_extracted_and_cited_by_its_url(site: Site, settings: Settings) -> None:
    from rag.pipeline import answer

    url = site.url("story.html")
    report = ingest([url], settings=settings, progress=False)
    assert report.added.documents == 1 and report.ok
    record = Store(settings).documents()[url]
    assert (record.title, record.outlet, record.date, record.path) == (
        "Kessel harbour bridge reopens after repairs", "Harbour Post", "2024-03-05", url)
    text = Store(settings).document_text(url) or ""
    assert "forty steel cables" in text
    assert "Subscribe to our newsletter" not in text and "Sport" not in text  # page furniture

    a = answer("How many steel cables did the engineers replace on the Kessel bridge?",
               settings=settings, answerer="offline")
    assert "forty" in a.text and a.citations[0].source == url
    assert a.citations[0].outlet == "Harbour Post"
    # "on Monday" in an article published Tuesday 5 March 2024.
    when = answer("When did the Kessel harbour bridge reopen?", settings=settings,
                  answerer="offline")
    assert when.direct == "Monday, 4 March 2024"


def test_fetching_again_is_a_no_op_until_the_page_changes(site: Site, settings: Settings) -> None:
    from rag.pipeline import answer

    url = site.url("changing.html")
    site.pages["/changing.html"] = ("text/html", SECOND)
    assert ingest([url], settings=settings, progress=False).added.documents == 1
    # The same article in a page whose furniture changed (a new ad) is the same article.
    site.pages["/changing.html"] = ("text/html", SECOND.replace("<nav>", "<nav><a>Ad 2</a>"))
    again = ingest([url], settings=settings, progress=False)
    assert again.unchanged.documents == 1 and again.updated.documents == 0
    site.pages["/changing.html"] = ("text/html", article_page(
        "Lindholm library cuts opening hours", None,
        ["The Lindholm public library will close at five in the afternoon from April, the town "
         "council decided, reversing its earlier vote because of the heating costs."]))
    changed = ingest([url], settings=settings, progress=False)
    assert changed.updated.documents == 1
    a = answer("Why did the council reverse its vote on the Lindholm library?",
               settings=settings, answerer="offline")
    assert "heating costs" in a.text
    assert "nine in the evening" not in Store(settings).document_text(url)  # type: ignore[operator]
    assert Store(settings).documents()[url].chunks == changed.updated.chunks


def test_every_way_a_fetch_fails_is_one_reason_and_loses_nothing(
        site: Site, settings: Settings) -> None:
    urls = {name: site.url(name) for name in
            ("missing", "slow.html", "huge.html", "photo.png", "loop", "feed.rss")}
    report = ingest([site.url("moved"), *urls.values()], settings=settings, progress=False)
    assert report.added.documents == 1  # the redirect, followed
    reasons = {s.path: s.reason for s in report.skipped}
    assert reasons == {
        urls["missing"]: "the server answered HTTP 404 Not Found",
        urls["slow.html"]: "no answer within 1 s (the server is slow or unreachable; "
                           "set RAG_FETCH_TIMEOUT to wait longer)",
        urls["huge.html"]: "over the 20 MB limit for one article",
        urls["photo.png"]: "not an article page (content type image/png)",
        urls["loop"]: "more than 5 redirects",
        urls["feed.rss"]: "this is a feed (RSS or Atom) - ingest it with --feed",
    }
    assert set(Store(settings).documents()) == {site.url("moved")}


def test_a_latin1_page_is_read_as_latin1(site: Site, settings: Settings) -> None:
    url = site.url("latin1.html")
    assert ingest([url], settings=settings, progress=False).added.documents == 1
    text = Store(settings).document_text(url) or ""
    assert "Café Müller in Zürich" in text and "Agnès Roux" in text


def test_a_script_stuffed_page_gives_only_its_article(site: Site, settings: Settings) -> None:
    url = site.url("scripted.html")
    ingest([url], settings=settings, progress=False)
    text = Store(settings).document_text(url) or ""
    assert "sparrow's nest" in text
    for planted in ("SECRET_TRACKER_TEXT", "CLICK_HANDLER_TEXT", "NOSCRIPT_TEXT", "color: red"):
        assert planted not in text


def test_feeds_rss_and_atom(site: Site, settings: Settings) -> None:
    report = ingest([], feeds=[site.url("feed.rss"), site.url("atom.xml"), site.url("broken.xml"),
                               site.url("story.html"), site.url("empty.rss")],
                    settings=settings, progress=False)
    records = Store(settings).documents()
    assert set(records) == {site.url("story.html"), site.url("second.html"),
                            site.url("third.html")}
    # The page gives no date: the feed's is used (a relative link resolved against the feed).
    assert records[site.url("second.html")].date == "2024-03-06"
    assert records[site.url("third.html")].outlet == "Harbour Post"  # what the page says
    reasons = {s.path: s.reason for s in report.skipped}
    assert reasons[site.url("missing")] == "the server answered HTTP 404 Not Found"
    assert reasons[site.url("broken.xml")].startswith("not a readable RSS or Atom feed")
    assert reasons[site.url("story.html")] == \
        "not a feed (content type text/html; expected RSS or Atom)"
    assert reasons[site.url("empty.rss")] == "the feed lists no articles (no entry has a link)"
    assert len(reasons) == 4


def test_prune_keeps_fetched_pages(site: Site, settings: Settings, tmp_path: Path) -> None:
    ingest([site.url("third.html")], settings=settings, progress=False)
    article = tmp_path / "note.txt"
    article.write_text("Council notes\n\nThe council met on Friday to discuss the harbour.\n")
    ingest([article], settings=settings, progress=False)
    article.unlink()
    report = ingest([], prune=True, settings=settings, progress=False)
    assert report.removed.documents == 1
    assert set(Store(settings).documents()) == {site.url("third.html")}


@pytest.mark.slow  # four command-line runs, each loading the model: `make test`, not `make check`
def test_cli_ingests_urls_and_feeds(site: Site, tmp_path: Path) -> None:
    home = tmp_path / "home"
    got = run(["ingest", site.url("story.html"), site.url("missing")], home,
              RAG_FETCH_TIMEOUT="2")
    assert got.returncode == 3, got.stderr
    assert "added          1 documents" in got.stdout
    assert f"skipped   {site.url('missing')}: the server answered HTTP 404 Not Found" in got.stdout
    got = run(["ingest", "--feed", site.url("atom.xml")], home)
    assert got.returncode == 0 and "added          1 documents" in got.stdout
    got = run(["ingest"], home)
    assert got.returncode == 1
    assert got.stderr.strip() == "rag: nothing to ingest - give files, folders, URLs or --feed URL"
    got = run(["ask", "How much herring did the Oldport fleet catch?"], home)
    assert "thirty tonnes" in got.stdout and site.url("third.html") in got.stdout
