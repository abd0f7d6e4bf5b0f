"""The `rag` command: a thin adapter that parses, calls the library, and prints.

User mistakes (a missing index, an empty question, an unreachable server) print one line on stderr
and exit non-zero; they never show a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from rag.errors import RagError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3  # ingest finished, but some paths were skipped
EXIT_INTERRUPTED = 130


def _ingest(args: argparse.Namespace) -> int:
    from index import ingest
    from rag.settings import Settings

    try:
        report = ingest(args.paths, prune=args.prune, settings=Settings.from_env())
    except KeyboardInterrupt:
        print("rag: ingest interrupted - the documents committed so far are intact; "
              "run the same command again to finish", file=sys.stderr)
        return EXIT_INTERRUPTED
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print("\n".join(report.lines()))
    return EXIT_OK if report.ok else EXIT_SKIPPED


def _ask(args: argparse.Namespace) -> int:
    from rag.pipeline import answer, check_question
    from rag.settings import Settings

    question = check_question(args.question)  # before loading anything: fail fast
    settings = Settings.from_env()
    if args.k is not None:
        settings = settings.with_(top_k=args.k)
    result = answer(question, settings=settings, answerer=args.answerer)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return EXIT_OK
    print(result.text)
    if result.notice:
        print(f"\n({result.notice})")
    if result.citations:
        print("\nSources:")
    for c in result.citations:
        when = f", {c.date}" if c.date else ""
        outlet = f" - {c.outlet}" if c.outlet else ""
        print(f"[{c.number}] {c.title}{outlet}{when} ({c.source}, chars {c.start}-{c.end})")
        print(f"    “{c.text}”")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rag", description="Cited question answering over news articles."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="add or update article files and folders")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .md, .html files or folders")
    ingest.add_argument("--prune", action="store_true",
                        help="remove documents whose files no longer exist")
    ingest.add_argument("--json", action="store_true", help="print the report as JSON")
    ingest.set_defaults(run=_ingest)

    ask = commands.add_parser("ask", help="answer a question with cited passages")
    ask.add_argument("question", help="the question, in quotes")
    ask.add_argument("--json", action="store_true", help="print Answer.to_dict() as JSON")
    ask.add_argument("-k", type=int, default=None, help="passages to retrieve (RAG_TOP_K)")
    ask.add_argument("--answerer", choices=["auto", "offline", "llm"], default="auto",
                     help="auto: the LLM when OPENAI_API_KEY or OPENAI_BASE_URL is set, "
                          "else offline")
    ask.set_defaults(run=_ask)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except RagError as exc:
        print(f"rag: {exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
