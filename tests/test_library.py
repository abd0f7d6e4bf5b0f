"""`Library`, the handle a Python user holds, and the README's example of it, run as written."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS
from tests.test_cli import run


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- library example -->\n```python\n(.*?)```", text, re.DOTALL)
    assert block, "README.md lost its Library example"
    return block.group(1)


def test_the_readme_example_runs_and_prints_what_its_comments_say(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)  # the example names "seeds/" and a home folder relative to where it runs
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(readme_example(), "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    printed = out.getvalue().splitlines()
    assert printed[:3] == ["5 articles added", "Faizabad", "Press TV 2021-08-11"]
    assert "60,000 families had been displaced" in printed[3]
    assert printed[4:6] == ["5 documents", "4 documents"]
    assert printed[6].startswith("no indexed document is named '004_3c46c6d2562e4cd0.txt'")
    assert (tmp_path / "my-news-index").is_dir()


def test_a_handle_streams_typed_events_and_sees_other_handles_changes(tmp_path: Path) -> None:
    from rag import Delta, Done, Library, RagError

    lib = Library(home=tmp_path / "home")
    lib.ingest([SEEDS])
    events = list(lib.stream("Who did Ghani meet in Mazar-i-Sharif?"))
    assert len(events) == 1 and isinstance(events[0], Done)  # offline: the answer only
    assert not any(isinstance(e, Delta) for e in events)
    assert "Dostum" in events[0].answer.text
    for c in events[0].answer.citations:  # the text a citation's offsets index
        assert (lib.article(c.source) or "")[c.start : c.end] == c.text
    assert lib.article("no-such-article.txt") is None

    other = Library(home=tmp_path / "home")  # another handle on the same index
    other.remove("001_a2c6075c2c754012.txt", "002_3993b5d063c408f6.txt")
    again = lib.ask("Who did Ghani meet in Mazar-i-Sharif?")
    assert {c.source for c in again.citations}.isdisjoint(
        {"001_a2c6075c2c754012.txt", "002_3993b5d063c408f6.txt"})
    assert [d.id for d in lib.documents()] == [
        "000_26ff0d73370cc3a0.txt", "003_c8609d51c2e51429.txt", "004_3c46c6d2562e4cd0.txt"]
    with pytest.raises(RagError, match="the question is empty"):
        next(lib.stream("  "))
    assert repr(lib) == f"Library({str(tmp_path / 'home')!r}, collection='news')"


@pytest.mark.slow  # four command-line runs, each loading the model: `make test`, not `make check`
def test_cli_documents_and_remove(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run(["ingest", str(SEEDS)], home).returncode == 0
    listed = run(["documents"], home)
    assert listed.returncode == 0
    assert listed.stdout.splitlines()[4].startswith("004_3c46c6d2562e4cd0.txt  ")
    assert "Press TV · 2021-08-11" in listed.stdout
    gone = run(["remove", "004_3c46c6d2562e4cd0.txt"], home)
    assert gone.returncode == 0 and gone.stdout.startswith("removed 1 documents (")
    again = run(["remove", "004_3c46c6d2562e4cd0.txt", "000_26ff0d73370cc3a0.txt"], home)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert again.stderr.strip() == ("rag: no indexed document is named "
                                    "'004_3c46c6d2562e4cd0.txt' - 'rag documents' lists them by "
                                    "file name or URL")
    assert len(run(["documents"], home).stdout.splitlines()) == 4  # nothing else was removed
