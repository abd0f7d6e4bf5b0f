"""Load, faults and hostile input: nothing falls over, nothing is lost, nothing runs."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings as hyp_settings, strategies as st

from newsrag.index import ingest
from newsrag.index.clean import clean, sentence_spans
from newsrag.index.load import LoadError, decode, load
from newsrag.errors import DiskFull, RagError
from rag.pipeline import answer
from newsrag.settings import Settings
from tests.conftest import ROOT, SEEDS

QUESTIONS = {
    "How many families were displaced?": "60,000",
    "Which city was the ninth provincial capital to fall to the Taliban?": "Faizabad",
    "Who did Ghani meet in Mazar-i-Sharif?": "Dostum",
    "Taloqan is the capital of which province?": "Takhar",
}


def test_twenty_concurrent_answers_are_all_correct(seeded_home: Path) -> None:
    settings = Settings.from_env({"RAG_HOME": str(seeded_home)})
    answer("warm up", settings=settings)
    jobs = [q for q in QUESTIONS for _ in range(5)]

    def timed(question: str) -> tuple[str, float]:
        start = time.perf_counter()
        return answer(question, settings=settings).text, time.perf_counter() - start

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(timed, jobs))
    for question, (text, _) in zip(jobs, results):
        assert QUESTIONS[question] in text, question
    latencies = sorted(t for _, t in results)
    print(f"\n20 concurrent answer(): p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"max {latencies[-1] * 1000:.0f} ms")


def test_ten_concurrent_ui_sessions_through_the_gradio_api(seeded_home: Path) -> None:
    from gradio_client import Client

    from tests.servers import free_port
    from newsrag.ui.app import launch

    port = free_port()
    app = launch(Settings.from_env({"RAG_HOME": str(seeded_home)}), port=port, block=False)
    try:
        url = f"http://127.0.0.1:{port}/"
        jobs = [q for q in QUESTIONS for _ in range(3)][:10]

        def session(question: str) -> tuple[str, float]:
            client = Client(url, verbose=False)
            start = time.perf_counter()
            history, _, sources, status = client.predict(question, [], "Offline",
                                                         api_name="/respond")
            return str(history[-1]["content"]) + str(sources), time.perf_counter() - start

        with ThreadPoolExecutor(10) as pool:
            results = list(pool.map(session, jobs))
        for question, (text, _) in zip(jobs, results):
            assert QUESTIONS[question] in text, question
        latencies = sorted(t for _, t in results)
        print(f"\n10 concurrent UI sessions: p50 {statistics.median(latencies) * 1000:.0f} ms, "
              f"max {latencies[-1] * 1000:.0f} ms")
    finally:
        app.close()


def test_ui_login_when_auth_is_set(seeded_home: Path) -> None:
    import urllib.error
    import urllib.request

    from gradio_client import Client

    from tests.servers import free_port
    from newsrag.ui.app import launch

    port = free_port()
    app = launch(Settings.from_env({"RAG_HOME": str(seeded_home)}), port=port, block=False,
                 auth=("reader", "s3cret-pass"))
    url = f"http://127.0.0.1:{port}/"
    try:
        # Without credentials the API is closed (the same call succeeds with them, below).
        from gradio_client.exceptions import AuthenticationError

        with pytest.raises(AuthenticationError, match="credentials were not provided"):
            Client(url, verbose=False).predict("How many families were displaced?", [],
                                               "Offline", api_name="/respond")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{url}gradio_api/info", timeout=10)
        assert refused.value.code in (401, 403)
        client = Client(url, auth=("reader", "s3cret-pass"), verbose=False)
        history, *_ = client.predict("How many families were displaced?", [], "Offline",
                                     api_name="/respond")
        assert "60,000" in str(history[-1]["content"])
    finally:
        app.close()


def test_damaged_chroma_gives_one_line(seeded_home: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(seeded_home, home)
    with open(home / "chroma" / "chroma.sqlite3", "r+b") as f:
        f.write(b"not a database" * 100)
    result = subprocess.run([sys.executable, "-m", "rag.cli", "ask", "Who is Dostum?"],
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "RAG_HOME": str(home), "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1
    assert "it may be damaged; move it aside and run 'rag ingest' again" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.fixture
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=14m", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mount
    # Lazily: this process may still hold the index files open.
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_disk_full_stops_cleanly_and_the_index_stays_usable(small_disk: Path,
                                                           tmp_path: Path) -> None:
    settings = Settings.from_env({"RAG_HOME": str(small_disk / "home")})
    assert ingest([SEEDS], settings=settings, progress=False).added.documents == 5
    corpus = tmp_path / "big"
    corpus.mkdir()
    text = (SEEDS / "004_3c46c6d2562e4cd0.txt").read_text(encoding="utf-8")
    for i in range(120):
        (corpus / f"copy_{i:03d}.txt").write_text(f"Copy {i}\n{text}", encoding="utf-8")
    with pytest.raises(DiskFull, match="MB free on the disk holding .*the documents ingested "
                                       "so far are kept"):
        ingest([corpus], settings=settings, progress=False)
    from rag.pipeline import forget_engines

    forget_engines()
    assert "60,000" in answer("How many families were displaced?", settings=settings).text


def test_megabyte_question_is_refused_in_one_line(seeded_home: Path) -> None:
    with pytest.raises(RagError, match="the question is 1,048,576 characters long"):
        answer("x" * (1 << 20), settings=Settings.from_env({"RAG_HOME": str(seeded_home)}))


def test_fifty_megabyte_article_is_skipped_and_the_rest_ingested(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    with open(folder / "huge.txt", "w", encoding="utf-8") as f:
        line = "The council met again today to discuss the budget for the coming year.\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    report = ingest([folder], settings=Settings.from_env({"RAG_HOME": str(tmp_path / "h")}),
                    progress=False)
    assert report.added.documents == 5
    assert [s.reason for s in report.skipped] == [
        "file is 52 MB, over the 20 MB limit for one article (split it)"]


def test_html_full_of_scripts_keeps_only_the_story(tmp_path: Path) -> None:
    scripts = "".join(f"<script>document.write('ad {i}'); steal({i});</script>" for i in range(200))
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><head>{scripts}</head><body>{scripts}<article><h1>Dam inspected</h1>"
        "<p>Engineers inspected the river dam on Friday and found no cracks in its wall, the "
        "regional water board said in a statement.</p>"
        f"<p>The inspection is repeated every spring before the snow melts.</p></article>"
        f"{scripts}</body></html>", encoding="utf-8")
    doc = load(page)
    assert "Engineers inspected the river dam on Friday" in doc.text
    assert "steal(" not in doc.text and "document.write" not in doc.text


@hyp_settings(max_examples=60, deadline=None)
@given(st.binary(max_size=4000))
def test_decoding_any_bytes_gives_text_or_a_reason(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except LoadError as exc:
        assert str(exc)
    else:
        assert isinstance(text, str) and encoding


@hyp_settings(max_examples=80, deadline=None)
@given(st.text(max_size=3000))
def test_cleaning_any_text_keeps_only_its_own_lines(text: str) -> None:
    cleaned = clean(text)
    normalised = " ".join(text.replace("\u00a0", " ").split())
    for paragraph in cleaned.split("\n\n"):
        for s, e in sentence_spans(paragraph):
            # every kept sentence's words come from the input, in order
            assert " ".join(paragraph[s:e].split()) in normalised or not paragraph.strip()


@pytest.mark.parametrize(
    ("name", "safe"),
    [("../../x.txt", "x.txt"), ("..\\\\..\\\\evil.md", "evil.md"), ("/etc/passwd", "passwd"),
     (".hidden.html", "hidden.html"), ("..", "upload.txt"), ("notes 1.txt", "notes_1.txt")],
)
def test_upload_names_cannot_escape_the_uploads_folder(name: str, safe: str, tmp_path: Path
                                                       ) -> None:
    from newsrag.ui.app import safe_upload_name

    assert safe_upload_name(name) == safe
    uploads = tmp_path / "uploads"
    assert (uploads / safe_upload_name(name)).resolve().parent == uploads.resolve()
