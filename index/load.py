"""Read article files: find them, decode them, extract the main text of HTML, attach metadata.

Metadata comes, in order of precedence, from a `metadata.json` sidecar beside the articles
(`{"file name": {"title", "outlet", "published"}}`, like seeds/metadata.json), from YAML front
matter at the top of a text or Markdown file, from HTML metadata, and finally from the text itself
(a headline line, a "Published: ..." line).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from newsrag.index.clean import clean, headline
from newsrag.index.types import Document, Skipped

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
SIDECAR_NAME = "metadata.json"
MAX_FILE_BYTES = 20 * 1024 * 1024
# Bumped whenever cleaning or chunking changes, so re-ingesting picks up the new pipeline.
PIPELINE_VERSION = "1"


class LoadError(Exception):
    """A file that cannot be ingested; the message is shown to the user as the reason."""


@dataclass(frozen=True)
class Found:
    files: list[Path]
    skipped: list[Skipped]


def discover(paths: Iterable[str | Path]) -> Found:
    """Expand folders recursively into supported files; report missing paths and other types."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            skipped.append(Skipped(str(path), "no such file or folder"))
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue  # hidden folders and files: .git, .rag, editor swap files
                if child.suffix.lower() in SUPPORTED_SUFFIXES:
                    files.append(child)
                elif child.name != SIDECAR_NAME:
                    skipped.append(Skipped(str(child), f"unsupported file type {child.suffix or '(none)'!r}"))
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            files.append(path)
        else:
            skipped.append(
                Skipped(str(path), f"unsupported file type {path.suffix or '(none)'!r} "
                        "(use .txt, .md, .html or .htm)")
            )
    return Found(files, skipped)


_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def decode(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes: UTF-8 when it is, otherwise the detected encoding (Latin-1 pages)."""
    if not data.strip():
        raise LoadError("empty file")
    if b"\x00" in data[:8192]:
        raise LoadError("binary file (not text)")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise LoadError("binary file (no text encoding fits)")
    # Short texts often fit several single-byte code pages equally well; news pages that are not
    # UTF-8 are overwhelmingly Windows-1252 / Latin-1, so prefer those on a tie.
    least_chaos = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least_chaos + 0.01]
    best = next((m for enc in _WESTERN for m in tied if m.encoding == enc), tied[0])
    if best is None:
        raise LoadError("binary file (no text encoding fits)")
    text = str(best)
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > len(text) * 0.01:
        raise LoadError("binary file (not text)")
    return text, best.encoding


def _sidecar(folder: Path) -> tuple[dict[str, dict[str, Any]], str | None]:
    """A folder's `metadata.json` (empty when it has none), and what is wrong with it, if
    anything."""
    path = folder / SIDECAR_NAME
    try:
        stat = path.stat()
    except OSError:
        return {}, None
    # Read once per version of the file: a folder's articles each ask for it, and a process that
    # ingests again (the page, a notebook) must see the metadata the user has since corrected.
    return _read_sidecar(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _read_sidecar(path: Path, mtime_ns: int,
                  size: int) -> tuple[dict[str, dict[str, Any]], str | None]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return {}, "not UTF-8 text"
    except json.JSONDecodeError as exc:
        return {}, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
    except OSError as exc:
        return {}, f"cannot be read ({exc.strerror or exc})"
    if not isinstance(data, dict):
        return {}, "not a JSON object keyed by file name"
    return data, None


def sidecar_problem(folder: Path) -> str | None:
    """What is wrong with a folder's `metadata.json`, in words the user can act on; None when it
    is fine or there is none. Its articles are still ingested, without what it would have said."""
    problem = _sidecar(folder.resolve())[1]
    return (f"{problem}: its titles, outlets and dates were not applied - fix it and ingest "
            "again") if problem else None


def sidecar_metadata(path: Path) -> dict[str, Any]:
    entry = _sidecar(path.resolve().parent)[0].get(path.name)
    return entry if isinstance(entry, dict) else {}


_FRONT_MATTER_RE = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_DATE_LINE_RE = re.compile(
    r"^\s*(published|posted|updated|date|dateline)\s*(on)?\s*[:\-]?\s*(?P<date>.+)$", re.IGNORECASE
)
_DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")


def parse_date(value: object) -> str | None:
    """An ISO date from a date, datetime or common written form; None when it is not a date."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    iso = re.match(r"(\d{4}-\d{2}-\d{2})", text)
    if iso:
        text = iso.group(1)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _front_matter(text: str) -> tuple[str, dict[str, Any]]:
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return text, {}
    import yaml

    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return text, {}
    if not isinstance(meta, dict):
        return text, {}
    return text[match.end():], meta


def _text_date(text: str) -> str | None:
    for line in text.splitlines()[:15]:
        match = _DATE_LINE_RE.match(line)
        if match:
            found = parse_date(match.group("date"))
            if found:
                return found
    return None


def _html(text: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=True, include_images=False
    )
    main_text = getattr(extracted, "text", None)
    if not main_text:
        raise LoadError("no article text found in the HTML")
    meta = {"title": getattr(extracted, "title", None),
            "outlet": getattr(extracted, "sitename", None),
            "published": getattr(extracted, "date", None)}
    return str(main_text), meta


def _first(*values: object) -> str | None:
    for value in values:
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def load(path: Path) -> Document:
    """Load one article file into a cleaned `Document`; raise `LoadError` with a reason."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                f"file is {size / 1e6:.0f} MB, over the {MAX_FILE_BYTES // 1_000_000} MB limit "
                "for one article (split it)"
            )
        data = path.read_bytes()
    except PermissionError:
        raise LoadError("cannot read the file (permission denied)") from None
    except OSError as exc:
        raise LoadError(f"cannot read the file ({exc.strerror or exc})") from None
    return document(path.name, path, data, html=path.suffix.lower() in HTML_SUFFIXES,
                    metadata=sidecar_metadata(path))


def document(doc_id: str, path: Path | None, data: bytes, *, html: bool,
             metadata: dict[str, Any], url: str | None = None,
             fallback: bool = False) -> Document:
    """A cleaned `Document` from an article's bytes. `metadata` (a sidecar entry, or what a feed
    said) wins over what the article says of itself, unless `fallback`, when it only fills gaps."""
    raw, encoding = decode(data)
    body, inline_meta = _front_matter(raw)
    if html:
        body, inline_meta = _html(body)
    text = clean(body)
    if not text:
        raise LoadError("no article text left after removing page boilerplate")

    side, inline = (inline_meta, metadata) if fallback else (metadata, inline_meta)
    title = _first(side.get("title"), inline.get("title"), headline(text))
    outlet = _first(side.get("outlet"), inline.get("outlet"), inline.get("source"),
                    inline.get("publisher"))
    published = (
        parse_date(side.get("published") or side.get("date"))
        or parse_date(inline.get("published") or inline.get("date"))
        or _text_date(body)
    )
    fingerprint = hashlib.sha256()
    # A fetched page's bytes change with every ad and timestamp around the article; its text is
    # what must be unchanged for a new fetch to be a no-op.
    fingerprint.update(text.encode() if url else data)
    fingerprint.update(json.dumps([title, outlet, published, PIPELINE_VERSION]).encode())
    return Document(
        id=doc_id,
        path=path,
        url=url,
        text=text,
        content_hash=fingerprint.hexdigest()[:16],
        title=title,
        outlet=outlet,
        date=published,
        encoding=encoding,
    )
