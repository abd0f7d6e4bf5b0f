"""Articles from the web: fetch a page or a feed (RSS or Atom) for `rag ingest URL` / `--feed URL`.

Fetching uses httpx with a timeout per request, at most 5 redirects, a cap on the body (the file
size limit of `index.load`, read as a stream so a huge body is never held whole) and a check of the
content type before anything is parsed. Feeds are read with feedparser. Every failure is a
`LoadError` whose message says what went wrong, and the URL is skipped like an unreadable file.

A fetched article's id (and the source its citations show) is its URL without the fragment, so
ingesting the same URL again is a no-op while the page is unchanged, and replaces its chunks when
it changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from newsrag.index.load import MAX_FILE_BYTES, LoadError, document
from newsrag.index.types import Document

MAX_REDIRECTS = 5
MAX_FEED_ENTRIES = 200  # articles taken from one feed, newest first as the feed lists them
USER_AGENT = "newsrag/0.1 (+offline news question answering)"
ARTICLE_TYPES = {"text/html", "application/xhtml+xml", "text/plain", "text/markdown"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml"}


@dataclass(frozen=True)
class Fetched:
    url: str  # where the body came from, after redirects
    content_type: str  # e.g. "text/html", without parameters
    data: bytes

    @property
    def is_html(self) -> bool:
        return self.content_type in ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class WebArticle:
    """A page to fetch: one given by URL, or one a feed links to (with its title and date)."""

    link: str
    title: str | None
    published: str | None  # ISO date


def is_url(text: object) -> bool:
    return isinstance(text, str) and text.lower().startswith(("http://", "https://"))


def normalize_url(url: str) -> str:
    """The URL as a document id: scheme and host in lower case, no fragment."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       parts.query, ""))


def fetch(url: str, timeout: float, accept: set[str]) -> Fetched:
    """The body at `url`, if its content type is one of `accept`; a LoadError saying why not."""
    import httpx

    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS,
                          headers={"User-Agent": USER_AGENT}) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise LoadError(f"the server answered HTTP {response.status_code} "
                                    f"{response.reason_phrase}".rstrip())
                content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if content_type not in accept:
                    raise LoadError(_wrong_type(content_type, accept))
                too_big = f"over the {MAX_FILE_BYTES // 1_000_000} MB limit for one article"
                if int(response.headers.get("content-length") or 0) > MAX_FILE_BYTES:
                    raise LoadError(too_big)
                body = bytearray()
                for piece in response.iter_bytes():  # a stream: a huge body is never held whole
                    body += piece
                    if len(body) > MAX_FILE_BYTES:
                        raise LoadError(too_big)
                return Fetched(str(response.url), content_type, bytes(body))
    except httpx.TimeoutException:
        raise LoadError(f"no answer within {timeout:g} s (the server is slow or unreachable; "
                        "set RAG_FETCH_TIMEOUT to wait longer)") from None
    except httpx.TooManyRedirects:
        raise LoadError(f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.HTTPError as exc:
        raise LoadError(f"cannot fetch it ({exc.__class__.__name__}: {exc})") from None


def _wrong_type(content_type: str, accept: set[str]) -> str:
    if accept is FEED_TYPES:
        return f"not a feed (content type {content_type or 'unknown'}; expected RSS or Atom)"
    if content_type in FEED_TYPES:
        return "this is a feed (RSS or Atom) - ingest it with --feed"
    return f"not an article page (content type {content_type or 'unknown'})"


def feed_entries(url: str, timeout: float) -> list[WebArticle]:
    """The articles a feed links to; a LoadError when it is not a feed anyone could read."""
    import feedparser

    fetched = fetch(url, timeout, FEED_TYPES)
    # Relative links resolve against where the feed came from.
    parsed = feedparser.parse(fetched.data, response_headers={"content-location": fetched.url})
    if not parsed.get("version") or (parsed.get("bozo") and not parsed.entries):
        problem = parsed.get("bozo_exception")
        raise LoadError("not a readable RSS or Atom feed"
                        + (f" ({str(problem).splitlines()[0]})" if problem else ""))
    entries = []
    for entry in parsed.entries[:MAX_FEED_ENTRIES]:
        link = entry.get("link")
        if not is_url(link):
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}" if when else None
        entries.append(WebArticle(link, entry.get("title") or None, published))
    if not entries:
        raise LoadError("the feed lists no articles (no entry has a link)")
    return entries


def load_url(url: str, timeout: float, hints: dict[str, str | None] | None = None) -> Document:
    """The article at `url` as a `Document` (see `index.load.document`); `hints` are what a feed
    said of it (title, published), used where the page itself says nothing."""
    fetched = fetch(url, timeout, ARTICLE_TYPES)
    return document(normalize_url(url), None, fetched.data, html=fetched.is_html,
                    metadata=hints or {}, url=normalize_url(url), fallback=True)
