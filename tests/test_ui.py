"""The chat page in a real headless Chromium (Debian's), driving the real app on a loopback port."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest

from newsrag.settings import Settings
from tests.conftest import ROOT
from tests.servers import free_port

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = ROOT / "test-artifacts"

# Skipped on a developer machine without Chromium; in CI (.ci/run installs it) a missing browser
# must fail loudly rather than skip.
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"),
                                 reason="needs Debian's chromium (apt-get install chromium)")]


@pytest.fixture(scope="module")
def server(seeded_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from newsrag.ui.app import launch

    home = tmp_path_factory.mktemp("ui") / "rag-home"
    shutil.copytree(seeded_home, home)  # a writable index of the seeds: uploads change it
    port = free_port()
    app = launch(Settings.from_env({"RAG_HOME": str(home)}), port=port, block=False)
    yield f"http://127.0.0.1:{port}/"
    app.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def open_page(browser, url: str):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.goto(url, wait_until="load")
    page.wait_for_selector("#question textarea")
    return page


def ask(page, question: str, answers_before: int = 0) -> str:  # type: ignore[no-untyped-def]
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()
    bot = page.locator("#chat .message-row.bot-row, #chat [data-testid='bot']")
    bot.nth(answers_before).wait_for(timeout=60_000)
    page.wait_for_function(
        "n => document.querySelectorAll('#chat [data-testid=\"bot\"]').length > n "
        "&& !document.querySelector('#status').innerText.includes('Writing')",
        arg=answers_before, timeout=60_000,
    )
    page.wait_for_timeout(300)
    return str(page.locator("#chat [data-testid='bot']").nth(answers_before).inner_text())


def test_seed_question_shows_answer_and_highlighted_source(browser, server) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, server)
    text = ask(page, "Which city was the ninth provincial capital to fall to the Taliban?")
    assert "Faizabad" in text and "[1]" in text
    # The direct answer opens the reply, in bold, before the quotes that support it.
    bold = page.locator("#chat [data-testid='bot'] strong").first
    assert bold.inner_text().startswith("Faizabad [")
    assert text.startswith("Faizabad [")
    sources = page.locator("#sources")
    sources.locator(".source").first.wait_for()
    assert "004_3c46c6d2562e4cd0.txt" in sources.inner_text()
    assert "Press TV · 2021-08-11" in sources.inner_text()
    marks = sources.locator("mark")
    assert any("Faizabad" in marks.nth(i).inner_text() for i in range(marks.count()))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui.png"), full_page=True)
    page.close()


def test_follow_up_uses_the_conversation(browser, server) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, server)
    ask(page, "Where did Ashraf Ghani fly to on Wednesday?")
    text = ask(page, "Who did he meet there?", answers_before=1)
    assert "Dostum" in text
    page.close()


def test_refusal_has_no_sources(browser, server) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, server)
    text = ask(page, "What is the population of Mazar-i-Sharif?")
    assert "The articles don't say" in text
    assert "No sources" in page.locator("#sources").inner_text()
    page.close()


def test_disagreeing_reports_are_flagged_with_both_sides(browser, server) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, server)
    text = ask(page, "Did Afghan forces manage to defend Mazar-i-Sharif against the Taliban?")
    assert "Reports disagree" in text
    sources = page.locator("#sources")
    sources.locator(".conflict").first.wait_for()
    boxes = sources.locator(".conflict")
    assert any("Reports disagree" in boxes.nth(i).inner_text() for i in range(boxes.count()))
    assert "independent outlets" in sources.inner_text()
    page.close()


def test_uploaded_copy_of_a_story_is_grouped_not_counted(browser, server) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, server)
    assert "Added 1" in upload(page, ROOT / "evals" / "syndicated" / "test_courier_mazar_falls.txt")
    cells = [c.strip() for c in page.locator("#documents").inner_text().splitlines() if c.strip()]
    at = cells.index("test_courier_mazar_falls.txt")
    assert "002_3993b5d063c408f6.txt" in cells[at + 1 : at + 6], cells  # the "copy of" column
    text = ask(page, "After Mazar-i-Sharif fell, which two major cities were left under "
                     "government control?")
    assert "Jalalabad" in text
    panel = page.locator("#sources").inner_text()
    assert "also published as" in panel and "1 independent outlet" in panel
    page.locator("#delete-name textarea, #delete-name input").first.fill(
        "test_courier_mazar_falls.txt")
    page.locator("#delete").click()
    page.wait_for_function(
        "document.querySelector('#upload-status').innerText.includes('Deleted')", timeout=60_000)
    page.close()


def test_empty_question_gives_a_short_message(browser, server) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, server)
    page.locator("#ask").click()
    page.wait_for_function("document.querySelector('#status').innerText.includes('question')",
                           timeout=30_000)
    status = page.locator("#status").inner_text()
    assert "the question is empty" in status and "Traceback" not in page.content()
    page.close()


def test_filters_limit_the_answer_to_a_period_and_list_the_outlets(browser, server) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, server)
    page.get_by_text("Filters (answers and timelines)", exact=True).first.click()
    page.locator("#filter-outlets input").click()
    options = page.locator("[role=option], ul.options li")
    options.first.wait_for(timeout=30_000)
    listed = {options.nth(i).inner_text().strip() for i in range(options.count())}
    assert {"Press TV", "The Independent"} <= listed, listed
    page.keyboard.press("Escape")
    page.locator("#filter-until textarea, #filter-until input").first.fill("1999-12-31")
    text = ask(page, "Which city did the Taliban capture?")
    assert "Mazar-e-Sharif" in text and "As of 9 August 1998" in text
    assert "2021" not in page.locator("#sources").inner_text()

    page.locator("#filter-until textarea, #filter-until input").first.fill("31/12/1999")
    page.locator("#question textarea").fill("Which city did the Taliban capture?")
    page.locator("#ask").click()
    page.wait_for_function("document.querySelector('#status').innerText.includes('until')",
                           timeout=30_000)
    assert "until must be a date like 2021-08-10" in page.locator("#status").inner_text()
    page.close()


def test_an_article_fetched_by_url_is_answerable_and_linked(browser, server) -> None:  # type: ignore[no-untyped-def]
    from tests.web_site import serving

    with serving() as site:
        page = open_page(browser, server)
        page.get_by_text("Documents", exact=True).first.click()
        assert "Added 1, updated 0" in fetch(page, site.url("third.html"), "Added 1")
        text = ask(page, "How much herring did the Oldport fishing fleet catch?")
        assert "thirty tonnes" in text
        link = page.locator(f"#sources a[href='{site.url('third.html')}']")
        assert link.count() == 1 and link.get_attribute("target") == "_blank"
        assert "the server answered HTTP 404" in fetch(page, site.url("missing"), "missing:")
        page.locator("#url-feed input").check()
        fetched = fetch(page, site.url("feed.rss"), "Added 2")  # story.html and second.html
        assert "Skipped " + site.url("missing") in fetched  # the feed's third link
        assert site.url("second.html") in page.locator("#documents").inner_text()
        page.close()


def fetch(page, url: str, shown: str) -> str:  # type: ignore[no-untyped-def]
    """Fetch `url` from the Documents panel; the status once it shows `shown` (text this fetch's
    report has and the one before did not: the status also shows a progress bar meanwhile)."""
    before = page.locator("#upload-status").inner_text()
    page.locator("#url textarea, #url input").first.fill(url)
    page.locator("#fetch").click()
    page.wait_for_function(
        "([before, shown]) => { const t = document.querySelector('#upload-status').innerText;"
        " return t !== before && t.includes(shown); }",
        arg=[before, shown], timeout=60_000)
    return str(page.locator("#upload-status").inner_text())


def test_timeline_tab_lists_dated_cited_events(browser, server) -> None:  # type: ignore[no-untyped-def]
    page = open_page(browser, server)
    page.get_by_role("tab", name="Timeline").click()
    page.locator("#timeline-topic textarea, #timeline-topic input").first.fill(
        "Taliban advance in northern Afghanistan")
    page.locator("#timeline-build").click()
    page.locator("#timeline li").first.wait_for(timeout=60_000)
    text = page.locator("#timeline").inner_text()
    assert "11 August 2021 (on Wednesday): “The latest city to fall was Faizabad" in text
    assert text.index("8 August 1998") < text.index("11 August 2021")
    assert "Press TV" in text  # the sources under the events
    page.close()


def upload(page, path: Path) -> str:  # type: ignore[no-untyped-def]
    page.get_by_text("Documents", exact=True).first.click()
    page.locator("#upload input[type=file]").set_input_files(str(path))
    page.wait_for_function(
        "document.querySelector('#upload-status').innerText.includes('document(s)')"
        " || document.querySelector('#upload-status').innerText.includes('⚠')",
        timeout=120_000,
    )
    return str(page.locator("#upload-status").inner_text())


def test_uploaded_article_is_answerable_at_once_and_can_be_deleted(
    browser, server, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    article = tmp_path / "harbour_fire.txt"
    article.write_text(
        "Harbour warehouse fire contained\n"
        "Firefighters contained a blaze at the Oldport harbour warehouse on Sunday after "
        "battling it for eleven hours, the fire chief Marta Lindqvist said.\n",
        encoding="utf-8",
    )
    page = open_page(browser, server)
    assert "Added 1" in upload(page, article)
    assert "harbour_fire.txt" in page.locator("#documents").inner_text()
    text = ask(page, "How long did firefighters battle the Oldport harbour warehouse fire?")
    assert "eleven hours" in text
    assert "harbour_fire.txt" in page.locator("#sources").inner_text()

    page.locator("#delete-name textarea, #delete-name input").first.fill("harbour_fire.txt")
    page.locator("#delete").click()
    page.wait_for_function(
        "document.querySelector('#upload-status').innerText.includes('Deleted')", timeout=60_000)
    assert "harbour_fire.txt" not in page.locator("#documents").inner_text()
    page.close()


def test_article_markup_is_shown_not_run(browser, server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "lighthouse.txt"
    article.write_text(
        "Lighthouse log\n"
        "The keeper Zoltan Brack wrote <script>window.__xss = 1</script> in his log and counted "
        "47 gulls on the pier <img src=x onerror=\"window.__xss = 2\"> on Tuesday.\n",
        encoding="utf-8",
    )
    page = open_page(browser, server)
    upload(page, article)
    text = ask(page, "How many gulls did the keeper Zoltan Brack count on the pier?")
    assert "47 gulls" in text
    assert "<script>" in text  # shown as text
    page.locator("#sources details summary").first.click()
    assert "<img src=x" in page.locator("#sources").inner_text()
    assert page.evaluate("window.__xss") is None
    page.close()


def test_five_sessions_at_once_get_their_own_answers(browser, server) -> None:  # type: ignore[no-untyped-def]
    questions = {
        "How many families were displaced?": "60,000",
        "Which city was the ninth provincial capital to fall to the Taliban?": "Faizabad",
        "Who did Ghani meet in Mazar-i-Sharif?": "Dostum",
        "Taloqan is the capital of which province?": "Takhar",
        "Who is the UN High Commissioner for Human Rights?": "Bachelet",
    }
    pages = [open_page(browser, server) for _ in questions]
    for page, question in zip(pages, questions):
        page.locator("#question textarea").fill(question)
    for page in pages:
        page.locator("#ask").click()  # all five are in flight before any answer is read
    for page, expected in zip(pages, questions.values()):
        page.wait_for_function(
            "document.querySelectorAll('#chat [data-testid=\"bot\"]').length > 0", timeout=60_000)
        page.wait_for_timeout(300)
        assert expected in page.locator("#chat [data-testid='bot']").first.inner_text()
        page.close()


@pytest.fixture(scope="module")
def llm_server(seeded_home: Path) -> Iterator[tuple[str, object]]:
    from tests.fake_openai import FakeOpenAI
    from newsrag.ui.app import launch

    fake = FakeOpenAI()
    port = free_port()
    settings = Settings.from_env({"RAG_HOME": str(seeded_home), "OPENAI_BASE_URL": fake.url,
                                  "RAG_LLM_TIMEOUT": "1"})
    app = launch(settings, port=port, block=False)
    yield f"http://127.0.0.1:{port}/", fake
    app.close()
    fake.close()


def test_llm_answers_are_verified_and_failures_fall_back_visibly(browser, llm_server) -> None:  # type: ignore[no-untyped-def]
    url, fake = llm_server
    page = open_page(browser, url)
    # Shown because a model is configured; waited for, as Gradio may render it after the box.
    page.locator("#answerer").wait_for(state="visible", timeout=10_000)
    fake.scenario = "unsupported"  # a good sentence and an invented one
    text = ask(page, "Which city was the ninth provincial capital to fall to the Taliban?")
    assert "Faizabad, the capital of Badakhshan province" in text
    # The invented sentence is not in the answer, only named in the notice that removed it.
    answer_part, _, notice = text.partition("removed “")
    assert "population of Kabul" not in answer_part
    assert notice.startswith("The population of Kabul is approximately 4.6 million.”: the cited")

    fake.scenario = "timeout"
    text = ask(page, "How many families were displaced?", answers_before=1)
    assert "60,000 families had been displaced" in text
    assert "showing the offline answer" in text

    fake.scenario = "good"
    before = len(fake.requests)
    page.locator("#answerer input[value=Offline]").check()
    ask(page, "How many families were displaced?", answers_before=2)
    assert len(fake.requests) == before  # the offline answerer does not call the model
    page.close()
