"""The `rag` command: a thin adapter that parses, calls the library, and prints.

User mistakes (a missing index, an empty question, an unreachable server) print one line on stderr
and exit non-zero; they never show a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from newsrag.errors import RagError
from newsrag.settings import ENCODER_NAMES

if TYPE_CHECKING:
    from newsrag.settings import Settings

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3  # ingest finished, but some paths were skipped
EXIT_INTERRUPTED = 130


def _ingest(args: argparse.Namespace) -> int:
    from rag.library import Library

    if not args.paths and not args.feed:
        raise RagError("nothing to ingest - give files, folders, URLs or --feed URL")
    try:
        report = Library().ingest(args.paths, feeds=args.feed or [], prune=args.prune,
                                  progress=sys.stderr.isatty())
    except KeyboardInterrupt:
        print("rag: ingest interrupted - the documents committed so far are intact; "
              "run the same command again to finish", file=sys.stderr)
        return EXIT_INTERRUPTED
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print("\n".join(report.lines()))
    return EXIT_OK if report.ok else EXIT_SKIPPED


def _remove(args: argparse.Namespace) -> int:
    from rag.library import Library

    removed = Library().remove(*args.documents)
    print(f"removed {removed.documents} documents ({removed.chunks} chunks)")
    return EXIT_OK


def _documents(args: argparse.Namespace) -> int:
    from rag.library import Library

    records = Library().documents()
    if args.json:
        print(json.dumps([asdict(r) for r in records], indent=2, ensure_ascii=False))
        return EXIT_OK
    for r in records:
        about = " · ".join(x for x in (r.title, r.outlet, r.date) if x)
        copy = f" (copy of {r.representative})" if r.representative != r.id else ""
        print(f"{r.id}  {r.chunks} chunks  {about}{copy}")
    if not records:
        print("no documents - 'rag ingest PATH' adds some")
    return EXIT_OK


def _reindex(args: argparse.Namespace) -> int:
    from newsrag.index import reindex
    from newsrag.settings import Settings

    try:
        documents, chunks = reindex(Settings.from_env(), encoder=args.encoder)
    except KeyboardInterrupt:
        print("rag: re-embedding interrupted - the index refuses questions until it is finished; "
              "run the same command again", file=sys.stderr)
        return EXIT_INTERRUPTED
    if documents:
        print(f"re-embedded {documents} documents ({chunks} chunks)")
    else:
        print("nothing to re-embed: the index already uses that encoder")
    return EXIT_OK


def _ask(args: argparse.Namespace) -> int:
    from rag.filters import Filters
    from rag.library import Library
    from rag.conversation import check_question

    question = check_question(args.question)  # before loading anything: fail fast
    Filters.of(args.since, args.until, args.outlet)  # so is a malformed date
    result = Library().ask(question, k=args.k, answerer=args.answerer, since=args.since,
                           until=args.until, outlets=args.outlet)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return EXIT_OK
    direct, rest = result.split_direct()
    if direct:
        print(f"Answer: {direct}\n")  # the short answer first, then the quotes that support it
    print(rest)
    if result.notice:
        print(f"\n({result.notice})")
    if result.citations:
        print(f"\nSources: {result.sources_line()}")
    for c in result.citations:
        when = f", {c.date}" if c.date else ""
        outlet = f" - {c.outlet}" if c.outlet else ""
        print(f"[{c.number}] {c.title}{outlet}{when} ({c.source}, chars {c.start}-{c.end})")
        print(f"    “{c.text}”")
        if c.copies:
            print(f"    also published as {', '.join(c.copies)} (syndicated copies)")
    return EXIT_OK


def _timeline(args: argparse.Namespace) -> int:
    from rag.filters import Filters
    from rag.library import Library
    from rag.conversation import check_question

    topic = check_question(args.topic)
    Filters.of(args.since, args.until, args.outlet)  # a malformed date fails before loading
    result = Library().timeline(topic, since=args.since, until=args.until, outlets=args.outlet)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return EXIT_OK
    print(result.text)
    if result.citations:
        print()
    for c in result.citations:
        when = f", {c.date}" if c.date else ""
        outlet = f" - {c.outlet}" if c.outlet else ""
        print(f"[{c.number}] {c.title}{outlet}{when} ({c.source}, chars {c.start}-{c.end})")
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    from newsrag.evals.run import (EVALS, gate_suites, load_thresholds, run_suites, suite_lines,
                           summary_lines, write_reports)
    from newsrag.settings import Settings

    if args.update_baseline and args.suite not in ("seeds", "all"):
        raise RagError("--update-baseline stores the seeds suite's results - use it with "
                       "--suite seeds or all")
    if args.full and args.suite not in ("squad2", "all"):
        raise RagError("--full asks every question of the squad2 suite - use it with "
                       "--suite squad2 or all")
    thresholds = load_thresholds()  # before the long run: a broken file fails fast
    suites = run_suites([args.suite], Settings.from_env(), answerer=args.answerer, full=args.full)
    failures = gate_suites(suites, thresholds)
    write_reports(Path(args.out), suites, failures)
    by_name = {s.name: s for s in suites}
    seeds = by_name.get("seeds")
    if args.update_baseline and seeds is not None:
        (EVALS / "baseline.json").write_text(
            json.dumps({r.id: r.passed for r in seeds.results}, indent=1) + "\n")
    if args.json:
        # The seeds suite keeps its place at the top ("metrics", "cases"); the others are sections.
        data: dict[str, object] = {}
        if seeds is not None:
            data["metrics"] = seeds.headline
            data["cases"] = [
                {"id": r.id, "kind": r.kind, "question": r.question, "answer": r.answer,
                 "passed": r.passed, "refused": r.refused, "fact_recall": r.fact_recall,
                 "citation_precision": r.citation_precision,
                 "reciprocal_rank": r.reciprocal_rank, "cited_sources": r.cited_sources,
                 "expected_sources": r.expected_sources}
                for r in seeds.results]
        for suite in suites:
            if suite.name != "seeds":
                data[suite.name] = {"skipped": suite.skipped} if suite.skipped else suite.section
        data["failures"] = failures
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for suite in suites:
            if len(suites) > 1:
                print(f"== {suite.name} ==")
            print("\n".join(suite_lines(suite, thresholds[suite.name])))
            print()
        if len([s for s in suites if not s.skipped]) > 1:
            print("== all suites ==")
            print("\n".join(summary_lines(suites)))
            print()
        png = ", by_kind.png" if seeds is not None else ""
        print(f"reports: {args.out}/report.md, report.json{png}")
    for failure in failures:
        print(f"rag eval: {failure}", file=sys.stderr)
    return EXIT_ERROR if failures else EXIT_OK


def _ui(args: argparse.Namespace) -> int:
    from newsrag.settings import Settings

    settings = Settings.from_env()
    auth = settings.login
    args.host = args.host or settings.ui_host
    args.port = args.port or settings.ui_port
    if args.host not in ("127.0.0.1", "localhost", "::1") and not args.public:
        raise RagError(f"--host {args.host} would expose the page beyond this machine - add "
                       "--public to confirm (and consider RAG_UI_AUTH=user:password)")
    _ingest_seeds_if_empty(settings)
    from newsrag.ui.app import launch

    print(f"rag: serving on http://{args.host}:{args.port} (Ctrl-C to stop)", file=sys.stderr)
    try:
        launch(settings, host=args.host, port=args.port, auth=auth)
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        raise RagError(f"cannot serve on {args.host}:{args.port} ({exc.strerror or exc}) - "
                       "choose another --port") from None
    return EXIT_OK


def _ingest_seeds_if_empty(settings: Settings) -> None:
    """On first run, fill an empty index with the seed articles so the page can answer at once."""
    from newsrag.index import ingest
    from newsrag.index.store import Store

    try:
        if Store(settings).documents():
            return
    except RagError:
        pass  # no index yet
    seeds = Path("seeds") if Path("seeds").is_dir() else Path(__file__).resolve().parent.parent / "seeds"
    if not seeds.is_dir():
        return
    print(f"rag: the index is empty - ingesting {seeds}/ first", file=sys.stderr)
    report = ingest([seeds], settings=settings, progress=True)
    print("\n".join(report.lines()), file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rag", description="Cited question answering over news articles."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="add or update article files and folders")
    ingest.add_argument("paths", nargs="*", metavar="PATH",
                        help=".txt, .md, .html files or folders, or http(s) URLs of article pages")
    ingest.add_argument("--feed", action="append", metavar="URL",
                        help="an RSS or Atom feed: ingest the articles it links to (repeatable)")
    ingest.add_argument("--prune", action="store_true",
                        help="remove documents whose files no longer exist")
    ingest.add_argument("--json", action="store_true", help="print the report as JSON")
    ingest.set_defaults(run=_ingest)

    reindex = commands.add_parser(
        "reindex", help="re-embed the index with another encoder (after changing RAG_ENCODER)")
    reindex.add_argument("--encoder", choices=ENCODER_NAMES, default=None,
                         help="int8 (the default: embeds twice as fast) or float32 "
                              "(sentence-transformers); default: RAG_ENCODER, else int8")
    reindex.set_defaults(run=_reindex)

    remove = commands.add_parser("remove", help="take documents out of the index")
    remove.add_argument("documents", nargs="+", metavar="DOC",
                        help="a document's id: its file name or URL ('rag documents' lists them)")
    remove.set_defaults(run=_remove)

    documents = commands.add_parser("documents", help="list the indexed documents")
    documents.add_argument("--json", action="store_true", help="print them as JSON")
    documents.set_defaults(run=_documents)

    ask = commands.add_parser("ask", help="answer a question with cited passages")
    ask.add_argument("question", help="the question, in quotes")
    ask.add_argument("--json", action="store_true", help="print Answer.to_dict() as JSON")
    ask.add_argument("-k", type=int, default=None, help="passages to retrieve (RAG_TOP_K)")
    ask.add_argument("--answerer", choices=["auto", "offline", "llm"], default="auto",
                     help="auto: the LLM when OPENAI_API_KEY or OPENAI_BASE_URL is set, "
                          "else offline")
    _filter_options(ask)
    ask.set_defaults(run=_ask)

    line = commands.add_parser("timeline", help="the dated events the articles report about a "
                                                "topic, in order, each cited")
    line.add_argument("topic", help="the topic, in quotes")
    line.add_argument("--json", action="store_true", help="print the timeline as JSON")
    _filter_options(line)
    line.set_defaults(run=_timeline)

    ui = commands.add_parser("ui", help="serve the chat page (ingests seeds/ on first run)")
    ui.add_argument("--host", help="address to bind (default RAG_UI_HOST, else 127.0.0.1: "
                                   "this machine only)")
    ui.add_argument("--port", type=int, help="port (default RAG_UI_PORT, else 7860)")
    ui.add_argument("--public", action="store_true",
                    help="allow binding an address other machines can reach")
    ui.set_defaults(run=_ui)

    evaluate = commands.add_parser("eval", help="run the eval suites and check their thresholds")
    evaluate.add_argument("--suite", choices=["seeds", "paraphrase", "squad2", "verify", "timeline", "all"],
                          default="all",
                          help="seeds: evals/cases.yaml; paraphrase: evals/paraphrase.yaml; "
                               "squad2: SQuAD 2.0 paragraphs (a sample unless --full); "
                               "verify: the citation verifier on evals/claims/; "
                               "all (default): the four")
    evaluate.add_argument("--full", action="store_true",
                          help="squad2: ask every question (2,828), not the CI sample")
    evaluate.add_argument("--json", action="store_true",
                          help='print {"metrics": ..., "cases": [...]} (the seeds suite) and a '
                               "section per other suite as JSON")
    evaluate.add_argument("--out", default="eval-report", help="folder for the reports")
    evaluate.add_argument("--update-baseline", action="store_true",
                          help="store the seeds suite's pass/fail per case as evals/baseline.json")
    evaluate.add_argument("--answerer", choices=["auto", "offline", "llm"], default="auto")
    evaluate.set_defaults(run=_eval)
    return parser


def _filter_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--since", metavar="YYYY-MM-DD",
                         help="only articles published on or after this day")
    command.add_argument("--until", metavar="YYYY-MM-DD",
                         help="only articles published on or before this day")
    command.add_argument("--outlet", action="append", metavar="NAME",
                         help="only articles from this outlet (repeat for several)")


def _index_location() -> str:
    """Where the settings put the index (a Chroma server, or the home folder), for a message."""
    from newsrag.settings import Settings

    try:
        settings = Settings.from_env()
    except RagError:
        return "the configured location"
    return settings.chroma_url or str(settings.home)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except RagError as exc:
        print(f"rag: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # `rag ask ... | head`: the reader has what it wanted. Stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        # Chroma reports a damaged or unwritable store with its own exception types, from deep in
        # a read or write; the user needs one line, not its traceback.
        if type(exc).__module__.startswith("chromadb"):
            print(f"rag: the index in {_index_location()} could not be used "
                  f"({type(exc).__name__}: {str(exc)[:200]}) - check free disk space; if it is "
                  "damaged, move it aside and run 'rag ingest' again", file=sys.stderr)
            return EXIT_ERROR
        raise


if __name__ == "__main__":
    sys.exit(main())
