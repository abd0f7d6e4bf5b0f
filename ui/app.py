"""The chat page: a thin Gradio adapter over `rag` (answers) and `index` (uploads, deletes).

`create_app()` builds the Blocks without launching them, so tests and `rag ui` share one code path.
Everything taken from an article is HTML-escaped before it is shown: the page never runs what an
article contains.
"""

from __future__ import annotations

import html
import itertools
import re
import shutil
from pathlib import Path
from typing import Any, Iterator

from newsrag.settings import Settings, quiet_libraries

quiet_libraries()  # gradio reads GRADIO_ANALYTICS_ENABLED when it is imported

import gradio as gr  # noqa: E402

from newsrag.index.fetch import is_url  # noqa: E402
from newsrag.errors import RagError  # noqa: E402
from rag.library import Done, Library  # noqa: E402
from rag.types import Answer, Citation  # noqa: E402

CONTEXT_CHARS = 280  # article text shown around a quoted passage
UPLOAD_TYPES = [".txt", ".md", ".html", ".htm"]

CSS = """
#sources mark { background: #fde68a; padding: 0 2px; }
#sources .source { border-left: 3px solid #94a3b8; padding: 4px 10px; margin: 8px 0; }
#sources .meta { color: #475569; font-size: 0.85em; }
#sources details { margin-top: 4px; }
#sources .article { white-space: pre-wrap; font-size: 0.9em; }
#sources .conflict { background: #fef3c7; border-left: 3px solid #d97706; padding: 4px 10px; }
"""


def safe_upload_name(name: str) -> str:
    """A file name that stays inside the uploads folder: no folders, no leading dots.

    >>> safe_upload_name("../../etc/passwd.txt")
    'passwd.txt'
    >>> safe_upload_name("..\\\\..\\\\evil .md")
    'evil_.md'
    """
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r"[^\w.\-]", "_", base).lstrip(".")
    return base or "upload.txt"


def _highlight(article: str, c: Citation, context: int | None) -> str:
    """The article (or `context` characters around the passage), escaped, with the passage marked."""
    start = 0 if context is None else max(0, c.start - context)
    end = len(article) if context is None else min(len(article), c.end + context)
    before = html.escape(article[start : c.start])
    quoted = html.escape(article[c.start : c.end])
    after = html.escape(article[c.end : end])
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(article) else ""
    return f"{lead}{before}<mark>{quoted}</mark>{after}{tail}"


def sources_html(answer: Answer, article_text: Any) -> str:
    """The sources panel for an answer. `article_text(doc_id)` gives a cleaned article."""
    if answer.refused and not answer.citations:
        return "<p class='meta'>No sources: the articles don't contain the answer.</p>"
    if not answer.citations:
        return "<p class='meta'>No sources.</p>"
    parts = [f"<p class='meta'>{html.escape(answer.sources_line())}</p>"]
    for conflict in answer.conflicts:
        parts.append(f"<div class='conflict'>⚖️ {html.escape(conflict.summary)}</div>")
    for c in answer.citations:
        article = article_text(c.source) or c.text
        meta = " · ".join(html.escape(x) for x in (c.outlet, c.date) if x)
        if c.copies:
            meta += f" · also published as {html.escape(', '.join(c.copies))} (copies, not counted)"
        parts.append(
            f"<div class='source' id='source-{c.number}'>"
            f"<b>[{c.number}] {html.escape(c.title)}</b><br>"
            f"<span class='meta'>{_source_link(c.source)}"
            f"{' · ' + meta if meta else ''} · score {c.score:.2f}</span>"
            f"<p>{_highlight(article, c, CONTEXT_CHARS)}</p>"
            f"<details><summary>Whole article</summary>"
            f"<div class='article'>{_highlight(article, c, None)}</div></details></div>"
        )
    return "\n".join(parts)


def _source_link(source: str) -> str:
    """A fetched article's URL as a link (opened in a new tab); a file name as text."""
    if is_url(source):
        escaped = html.escape(source, quote=True)
        return f"<a href='{escaped}' target='_blank' rel='noopener noreferrer'>{escaped}</a>"
    return html.escape(source)


def timeline_html(library: Library, topic: str, since: str | None, until: str | None,
                  outlets: list[str] | None) -> str:
    """The timeline of a topic: one line per event, then its sources; escaped throughout."""
    try:
        result = library.timeline(topic, since=since, until=until, outlets=outlets)
    except RagError as exc:
        return f"<p class='meta'>⚠️ {html.escape(str(exc))}</p>"
    if not result.events:
        return f"<p class='meta'>{html.escape(result.text)}</p>"
    lines = "".join(f"<li>{html.escape(e.line())}</li>" for e in result.events)
    cited = "".join(
        f"<li value='{c.number}'>{html.escape(c.title)} · "
        f"{' · '.join(html.escape(x) for x in (c.outlet, c.date) if x)} · "
        f"{_source_link(c.source)}</li>" for c in result.citations)
    return (f"<ol class='events'>{lines}</ol><p class='meta'>Sources</p>"
            f"<ol class='meta'>{cited}</ol>")


def answer_markdown(answer: Answer) -> str:
    """The answer as chat text: escaped (article text is never markup), with its notice."""
    direct, rest = answer.split_direct()
    # The short answer in bold on a line of its own, then the quotes that support it.
    text = (f"**{html.escape(direct)}**\n\n{html.escape(rest)}" if direct
            else html.escape(answer.text))
    if answer.refused:
        text = f"**{text}**"
    if answer.notice:
        # One italic line per notice (italics do not span a line break).
        text += "\n\n" + "  \n".join(f"_{html.escape(line)}_"
                                       for line in answer.notice.splitlines() if line.strip())
    return text


def _documents_table(library: Library) -> list[list[str]]:
    try:
        records = library.documents()
    except RagError:
        return []
    return [[r.id, r.title or "", r.outlet or "", r.date or "", str(r.chunks),
             "" if r.representative == r.id else r.representative] for r in records]


def _ingested(run: Any) -> str:
    """What an ingest did, for the status line (a RagError as one line)."""
    try:
        report = run()
    except RagError as exc:
        return f"⚠️ {html.escape(str(exc))}"
    lines = [f"Added {report.added.documents}, updated {report.updated.documents}, "
             f"unchanged {report.unchanged.documents} document(s)."]
    lines += [f"Skipped {html.escape(s.path if is_url(s.path) else Path(s.path).name)}: "
              f"{html.escape(s.reason)}" for s in report.skipped]
    return "\n\n".join(lines)


def _outlets(library: Library) -> Any:
    """The filter's outlet choices: those of the indexed articles."""
    names = sorted({row[2] for row in _documents_table(library) if row[2]})
    return gr.update(choices=names)


def create_app(settings: Settings | None = None) -> gr.Blocks:
    """The Gradio app for `settings` (read from the environment when not given)."""
    from rag.pipeline import Answerer

    library = Library(settings=settings)
    settings = library.settings
    uploads = settings.home / "uploads"

    def respond(question: str, history: list[dict[str, Any]], answerer_choice: str,
                since: str | None = None, until: str | None = None,
                outlets: list[str] | None = None) -> Iterator[tuple[Any, ...]]:
        # The filters default to None so API clients that send only the question still work.
        history = list(history or [])
        answerer: Answerer = ("llm" if answerer_choice == "LLM" and settings.llm_enabled
                              else "offline")
        events = library.stream(question, history=history, answerer=answerer, since=since,
                                until=until, outlets=outlets)
        try:
            first = next(events)
        except RagError as exc:
            yield history, question, gr.update(), f"⚠️ {html.escape(str(exc))}"
            return
        history = history + [{"role": "user", "content": html.escape(question.strip())},
                             {"role": "assistant", "content": ""}]
        written = ""
        for event in itertools.chain([first], events):
            if isinstance(event, Done):
                history[-1] = {"role": "assistant", "content": answer_markdown(event.answer)}
                yield history, "", sources_html(event.answer, library.article), ""
            else:
                written += event.text
                history[-1] = {"role": "assistant", "content": html.escape(written)}
                yield history, "", gr.update(), "Writing… (checked against the articles when done)"

    def upload(files: list[Any] | None, progress: gr.Progress = gr.Progress(track_tqdm=True)
               ) -> tuple[str, list[list[str]], Any, Any]:
        if not files:
            message = "Choose .txt, .md or .html files first."
        else:
            uploads.mkdir(parents=True, exist_ok=True)
            targets = []
            for f in files:
                source = Path(getattr(f, "name", f))
                target = uploads / safe_upload_name(getattr(f, "orig_name", None) or source.name)
                shutil.copyfile(source, target)
                targets.append(target)
            message = _ingested(lambda: library.ingest(targets, progress=True))
        return message, _documents_table(library), None, _outlets(library)

    def fetch(url: str, is_feed: bool, progress: gr.Progress = gr.Progress(track_tqdm=True)
              ) -> tuple[str, list[list[str]], Any]:
        url = (url or "").strip()
        if not is_url(url):
            message = "Type the http:// or https:// address of an article page or a feed."
        else:
            message = _ingested(lambda: library.ingest([] if is_feed else [url],
                                                       feeds=[url] if is_feed else [],
                                                       progress=True))
        return message, _documents_table(library), _outlets(library)

    def delete(doc_id: str | None) -> tuple[str, list[list[str]], Any]:
        doc_id = (doc_id or "").strip()
        if not doc_id:
            message = "Type the file name or URL of a document to delete."
        else:
            try:
                library.remove(doc_id)
                message = f"Deleted {html.escape(doc_id)}."
                uploaded = uploads / safe_upload_name(doc_id)
                if uploaded.exists():
                    uploaded.unlink()  # or the next upload of the folder would bring it back
            except RagError as exc:
                message = f"⚠️ {html.escape(str(exc))}"
        return message, _documents_table(library), _outlets(library)

    with gr.Blocks(title="Ask the news") as app:
        gr.Markdown("## Ask the news\nEvery statement is cited to the passage it comes from.")
        with gr.Tabs():
            with gr.Tab("Ask", elem_id="tab-ask"):
                with gr.Row():
                    with gr.Column(scale=3):
                        chat = gr.Chatbot(elem_id="chat", height=460, sanitize_html=True,
                                          render_markdown=True, label="Answers")
                        question = gr.Textbox(elem_id="question", label="Question", lines=1,
                                              placeholder="e.g. Which city was the ninth "
                                                          "provincial capital to fall to the "
                                                          "Taliban?")
                        with gr.Row():
                            ask = gr.Button("Ask", variant="primary", elem_id="ask")
                            clear = gr.Button("New conversation", elem_id="clear")
                        answerer = gr.Radio(["Offline", "LLM"], value="LLM", label="Answerer",
                                            visible=settings.llm_enabled, elem_id="answerer")
                        status = gr.Markdown(elem_id="status")
                    with gr.Column(scale=2):
                        gr.Markdown("### Sources")
                        sources = gr.HTML(elem_id="sources")
            with gr.Tab("Timeline", elem_id="tab-timeline"):
                with gr.Row():
                    topic = gr.Textbox(label="Topic", scale=4, elem_id="timeline-topic",
                                       placeholder="e.g. Taliban advance in northern Afghanistan")
                    build = gr.Button("Build timeline", variant="primary",
                                      elem_id="timeline-build")
                timeline_view = gr.HTML(elem_id="timeline")
        with gr.Accordion("Filters (answers and timelines)", open=False, elem_id="filters"):
            with gr.Row():
                since = gr.Textbox(label="Published since", placeholder="YYYY-MM-DD",
                                   elem_id="filter-since")
                until = gr.Textbox(label="Published until", placeholder="YYYY-MM-DD",
                                   elem_id="filter-until")
                outlets = gr.Dropdown(label="Outlets (none chosen: all)", multiselect=True,
                                      choices=[], elem_id="filter-outlets")
        with gr.Accordion("Documents", open=False, elem_id="documents-panel"):
            files = gr.File(label="Upload articles", file_count="multiple",
                            file_types=UPLOAD_TYPES, elem_id="upload")
            upload_status = gr.Markdown(elem_id="upload-status")
            documents = gr.Dataframe(headers=["file", "title", "outlet", "date", "chunks", "copy of"],
                                     value=lambda: _documents_table(library), interactive=False,
                                     elem_id="documents")
            with gr.Row():
                url = gr.Textbox(label="Or fetch an article page or feed (URL)", scale=4,
                                 placeholder="https://example.org/story.html", elem_id="url")
                url_is_feed = gr.Checkbox(label="It is a feed (RSS or Atom)", elem_id="url-feed")
                fetch_button = gr.Button("Fetch", elem_id="fetch")
            with gr.Row():
                to_delete = gr.Textbox(label="Delete document (file name or URL)",
                                       elem_id="delete-name")
                delete_button = gr.Button("Delete", variant="stop", elem_id="delete")

        outputs = [chat, question, sources, status]
        asked = [question, chat, answerer, since, until, outlets]
        ask.click(respond, asked, outputs, concurrency_limit=8)
        question.submit(respond, asked, outputs, concurrency_limit=8)
        clear.click(lambda: ([], "", "", ""), None, outputs)
        def show_timeline(topic: str, since: str | None = None, until: str | None = None,
                          outlets: list[str] | None = None) -> str:
            return timeline_html(library, topic, since, until, outlets)

        for trigger in (build.click, topic.submit):
            trigger(show_timeline, [topic, since, until, outlets], timeline_view,
                    concurrency_limit=4)
        files.upload(upload, [files], [upload_status, documents, files, outlets],
                     concurrency_limit=1)
        fetch_button.click(fetch, [url, url_is_feed], [upload_status, documents, outlets],
                           concurrency_limit=1)
        delete_button.click(delete, [to_delete], [upload_status, documents, outlets],
                            concurrency_limit=1)
        app.load(lambda: _outlets(library), None, outlets)
    return app


def launch(settings: Settings, host: str = "127.0.0.1", port: int = 7860,
           auth: tuple[str, str] | None = None, block: bool = True) -> gr.Blocks:
    """Serve the app on host:port; blocks until interrupted unless `block` is False."""
    app = create_app(settings)
    app.queue().launch(server_name=host, server_port=port, auth=auth, show_error=False, css=CSS,
                       prevent_thread_lock=not block, quiet=True)
    return app
