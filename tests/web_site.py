"""A small news site on a loopback port for the URL and feed tests: article pages, feeds, and the
ways fetching goes wrong (redirects, 404, a slow server, a huge body, a picture, a broken feed)."""

from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

from tests.servers import free_port

HUGE_BYTES = 21 * 1024 * 1024  # over index.load.MAX_FILE_BYTES (20 MB)
SLOW_SECONDS = 3.0


def article_page(title: str, published: str | None, paragraphs: list[str],
                 site: str = "Harbour Post", extra: str = "") -> str:
    date_meta = (f'<meta property="article:published_time" content="{published}">'
                 if published else "")
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">{date_meta}
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
{extra}
<article><h1>{title}</h1>
{body}
</article>
<footer>Copyright {site}. Subscribe to our newsletter for more stories.</footer>
</body></html>"""


STORY = article_page(
    "Kessel harbour bridge reopens after repairs", "2024-03-05",
    ["The Kessel harbour bridge reopened to traffic on Monday after eleven weeks of repairs, "
     "the port authority said.",
     "Engineers replaced forty steel cables and resurfaced the whole deck, said the authority's "
     "chief engineer, Ines Marlow, who called the work the largest in the bridge's history.",
     "Ferry operators, who carried extra passengers while the bridge was closed, said they would "
     "return to their usual timetable from next week."])
SECOND = article_page(
    "Lindholm library extends opening hours", None,
    ["The Lindholm public library will stay open until nine in the evening on weekdays, the town "
     "council decided after a vote of seven to two.",
     "The librarian, Tomas Vik, said students had asked for longer hours before the examination "
     "season, when the reading rooms are full every afternoon."])
THIRD = article_page(
    "Oldport fishing fleet returns early", "2024-03-01",
    ["The Oldport fishing fleet returned to harbour two days early because of a storm warning, "
     "the fishermen's cooperative said.",
     "Its chairman, Aldo Brenner, said the catch of herring was still the best of the winter, "
     "at about thirty tonnes across the fourteen boats."])
SCRIPTED = article_page(
    "Town hall clock restored", "2024-02-20",
    ["The town hall clock of Brannvik struck noon again on Tuesday after a clockmaker spent six "
     "months restoring its brass gears, the mayor said.",
     "The clockmaker, Petra Lund, found a sparrow's nest inside the mechanism, which had stopped "
     "the hands in the autumn."],
    extra="""<script>var tracker = "SECRET_TRACKER_TEXT"; document.write("ad")</script>
<script src="/ads.js"></script><style>.x { color: red }</style>
<div onclick="alert('CLICK_HANDLER_TEXT')">Advertisement</div>
<noscript>NOSCRIPT_TEXT please enable javascript</noscript>""")


def rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Post</title><link>{base}</link>
<description>Local news</description>
<item><title>Kessel harbour bridge reopens after repairs</title><link>{base}story.html</link>
<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate></item>
<item><title>Lindholm library extends opening hours</title><link>/second.html</link>
<pubDate>Wed, 06 Mar 2024 09:30:00 GMT</pubDate></item>
<item><title>A page that is gone</title><link>{base}missing</link></item>
</channel></rss>"""


def atom(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Oldport Courier</title>
<id>urn:oldport</id><updated>2024-03-01T10:00:00Z</updated>
<entry><title>Oldport fishing fleet returns early</title><id>urn:oldport:1</id>
<link href="{base}third.html"/><updated>2024-03-01T10:00:00Z</updated></entry>
</feed>"""


class Site:
    """The site's pages; tests may change `pages` (path -> (content type, body)) while it runs."""

    def __init__(self) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.pages: dict[str, tuple[str, str | bytes]] = {
            "/story.html": ("text/html; charset=utf-8", STORY),
            "/second.html": ("text/html; charset=utf-8", SECOND),
            "/third.html": ("text/html; charset=utf-8", THIRD),
            "/scripted.html": ("text/html; charset=utf-8", SCRIPTED),
            "/feed.rss": ("application/rss+xml", rss(self.base)),
            "/atom.xml": ("application/atom+xml", atom(self.base)),
            "/broken.xml": ("application/rss+xml", "<<this is {not} a feed at all"),
            "/empty.rss": ("application/rss+xml", '<?xml version="1.0"?><rss version="2.0">'
                           "<channel><title>Quiet</title><item><title>No link</title></item>"
                           "</channel></rss>"),
            "/photo.png": ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
            "/latin1.html": ("text/html; charset=iso-8859-1", article_page(
                "Café in Zürich wins award", "2024-02-02",
                ["The Café Müller in Zürich won the city's prize for the best coffee on "
                 "Thursday, the jury's chairwoman, Agnès Roux, said.",
                 "The café opened in 1921 and is still run by the founder's great-grandson."]
            ).replace('charset="utf-8"', 'charset="iso-8859-1"').encode("latin-1")),
        }
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                site.requests.append(self.path)
                if self.path == "/moved":
                    return self._redirect("/story.html")
                if self.path == "/loop":
                    return self._redirect("/loop")
                if self.path == "/slow.html":
                    time.sleep(SLOW_SECONDS)
                    return self._send("text/html", STORY)
                if self.path == "/huge.html":
                    return self._huge()
                if self.path not in site.pages:
                    self.send_error(404, "Not Found")
                    return
                self._send(*site.pages[self.path])

            def _redirect(self, to: str) -> None:
                self.send_response(301)
                self.send_header("Location", to)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _send(self, content_type: str, body: str | bytes) -> None:
                data = body.encode() if isinstance(body, str) else body
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _huge(self) -> None:
                # No Content-Length: the size shows only while reading, as with a runaway page.
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                piece = b"<p>" + b"filler text " * 5000 + b"</p>\n"
                sent = 0
                try:
                    while sent < HUGE_BYTES:
                        self.wfile.write(piece)
                        sent += len(piece)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading at its cap

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextlib.contextmanager
def serving() -> Iterator[Site]:
    site = Site()
    try:
        yield site
    finally:
        site.close()
