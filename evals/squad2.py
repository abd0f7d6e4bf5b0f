"""The `squad2` eval suite: SQuAD 2.0 questions asked of Wikipedia paragraphs, as a second corpus.

The seeds suite is small and hand-written; it is easy to tune the answerer until it passes. This
suite asks 2,828 crowd-written questions (evals/squad2/, CC BY-SA 4.0, see its README) of 301
paragraphs, and more than half of them cannot be answered: their writers reused the paragraph's
words so that they look answerable. It measures whether the answer contains a gold answer, cites
the paragraph the question was written on, and refuses when the paragraph does not say.

The idea, step by step:

- every paragraph becomes one plain-text document `<Article>_<NNN>.txt` (the project's document id
  is the file name, so a citation's `source` names the paragraph), written under the eval's
  RAG_HOME and ingested into an index of its own, `$RAG_HOME/eval-index-squad2`. All paragraphs of
  all 8 articles share that index: a question is asked of the whole corpus, as a user would.
- the 8 articles are split once into FIT and HELDOUT halves. Anything fitted to this data (a
  refusal threshold, say) may look at FIT only; HELDOUT is the headline and what the gate reads.
- CI runs a fixed, seeded sample stratified per article by answerable/unanswerable; `--full` runs
  every question.
- each question goes through the public `rag.pipeline.answer()` with hybrid retrieval. Scores are
  per question (`Scored`), then averaged per split and per article. `contains_gold` and
  `cites_gold` are shares of ALL answerable questions: a refusal counts as a miss.

Containment is of whole words after SQuAD normalisation (evals.scoring.contains), which deletes
punctuation rather than splitting on it: 18 answerable questions (8 held-out) cannot be matched even
by quoting their whole paragraph ("Rollo's" reads "rollos", "1115–1234" reads "11151234"), so
contains_gold tops out a little below 1.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Literal, Sequence

from newsrag.evals import scoring
from newsrag.errors import RagError
from newsrag.index.load import SIDECAR_NAME

if TYPE_CHECKING:
    from rag.pipeline import Answerer
    from newsrag.settings import Settings

EVALS = Path(__file__).resolve().parent
DATA = EVALS / "squad2" / "squad2_public.json"
DOCS_FOLDER = "squad2-docs"  # under the eval's RAG_HOME
INDEX_FOLDER = "eval-index-squad2"

Split = Literal["fit", "heldout"]

# The articles split in two halves of similar size and answerable share (chosen as the most
# balanced of the 35 ways to split 8 in 4+4; counts are answerable / unanswerable questions):
#   FIT      617 / 766 (1,383; 44.6% answerable): Normans 96/112, Packet_switching 104/269,
#            Yuan_dynasty 228/217, Scottish_Parliament 189/168
#   HELDOUT  682 / 763 (1,445; 47.2% answerable): Huguenot 217/207, 1973_oil_crisis 106/149,
#            Imperialism 187/177, French_and_Indian_War 172/230
# Thresholds, or anything else fitted to this data, may use FIT only; figures are reported on
# HELDOUT. Do not move an article between the halves once something has been fitted.
FIT: tuple[str, ...] = ("Normans", "Packet_switching", "Yuan_dynasty", "Scottish_Parliament")
HELDOUT: tuple[str, ...] = ("Huguenot", "1973_oil_crisis", "Imperialism", "French_and_Indian_War")

# The CI sample: this many questions of each held-out article (the headline) and fewer of each FIT
# article (so FIT figures are reported too, less precisely), the answerable share of each article
# kept. A fixed seed, so every run asks the same questions and figures compare across commits.
SAMPLE_PER_ARTICLE: dict[Split, int] = {"heldout": 60, "fit": 30}
SAMPLE_SEED = 2018


@dataclass(frozen=True)
class Paragraph:
    title: str  # the article, e.g. "Normans"
    index: int  # its position in the article, from 0
    context: str

    @property
    def doc_id(self) -> str:
        return doc_name(self.title, self.index)


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    paragraph: int
    question: str
    answers: tuple[str, ...]  # gold answer texts (several crowdworkers; duplicates removed)
    answerable: bool
    # For unanswerable questions, what a careless reader would answer (informational only).
    plausible_answers: tuple[str, ...] = ()

    @property
    def doc_id(self) -> str:
        return doc_name(self.title, self.paragraph)

    @property
    def split(self) -> Split:
        return split_of(self.title)


@dataclass(frozen=True)
class Corpus:
    paragraphs: list[Paragraph]
    cases: list[Case]


def doc_name(title: str, index: int) -> str:
    """The file name (= document id) of an article's paragraph.

    >>> doc_name("1973_oil_crisis", 7)
    '1973_oil_crisis_007.txt'
    """
    return f"{title}_{index:03d}.txt"


def parse_doc_name(name: str) -> tuple[str, int]:
    """The article and paragraph index a document id stands for (the inverse of `doc_name`).

    >>> parse_doc_name("1973_oil_crisis_007.txt")
    ('1973_oil_crisis', 7)
    """
    stem = name.removesuffix(".txt")
    title, _, number = stem.rpartition("_")
    if not title or not number.isdigit():
        raise ValueError(f"not a squad2 paragraph file name: {name!r}")
    return title, int(number)


def split_of(title: str) -> Split:
    if title in FIT:
        return "fit"
    if title in HELDOUT:
        return "heldout"
    raise RagError(f"squad2: article {title!r} is in neither FIT nor HELDOUT (evals/squad2.py)")


def _texts(entries: Iterable[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e["text"] for e in entries if e.get("text", "").strip()))


def load(path: Path = DATA) -> Corpus:
    """Read the SQuAD 2.0 JSON into paragraphs and cases, in file order."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RagError(f"cannot read the squad2 data {path} ({exc})") from None
    paragraphs: list[Paragraph] = []
    cases: list[Case] = []
    for article in data["data"]:
        title = article["title"]
        for index, para in enumerate(article["paragraphs"]):
            paragraphs.append(Paragraph(title, index, para["context"]))
            for qa in para["qas"]:
                answerable = not qa.get("is_impossible", False)
                cases.append(Case(
                    id=qa["id"], title=title, paragraph=index, question=qa["question"],
                    answers=_texts(qa.get("answers", [])), answerable=answerable,
                    plausible_answers=() if answerable else _texts(qa.get("plausible_answers", [])),
                ))
    return Corpus(paragraphs, cases)


def sample(cases: Sequence[Case], per_split: dict[Split, int] | None = None,
           seed: int = SAMPLE_SEED) -> list[Case]:
    """A fixed sample: `per_split[split]` questions of each article, drawn separately from its
    answerable and unanswerable questions so the article's answerable share is kept.

    Each article has its own random stream (seeded by the seed and its title), so adding or
    dropping an article leaves the other articles' samples unchanged. The result is in file order.
    """
    per_split = SAMPLE_PER_ARTICLE if per_split is None else per_split
    by_article: dict[str, list[Case]] = {}
    for case in cases:
        by_article.setdefault(case.title, []).append(case)
    chosen: set[str] = set()
    for title, group in by_article.items():
        n = min(per_split.get(split_of(title), 0), len(group))
        answerable = [c for c in group if c.answerable]
        unanswerable = [c for c in group if not c.answerable]
        n_answerable = round(n * len(answerable) / len(group))
        rng = random.Random(f"{seed}:{title}")
        chosen.update(c.id for c in rng.sample(answerable, n_answerable))
        chosen.update(c.id for c in rng.sample(unanswerable, n - n_answerable))
    return [c for c in cases if c.id in chosen]


def write_documents(paragraphs: Sequence[Paragraph], folder: Path) -> list[Path]:
    """One plain-text file per paragraph (the paragraph only), and beside them a `metadata.json`
    giving each its page's title ("Scottish Parliament"), as a news article has its headline.
    Unchanged files are not rewritten, so a second run's ingest finds nothing to do."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for para in paragraphs:
        path = folder / para.doc_id
        text = para.context.strip() + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    sidecar = folder / SIDECAR_NAME
    titles = json.dumps({p.doc_id: {"title": p.title.replace("_", " ")} for p in paragraphs},
                        indent=1, sort_keys=True) + "\n"
    if not sidecar.is_file() or sidecar.read_text(encoding="utf-8") != titles:
        sidecar.write_text(titles, encoding="utf-8")
    return paths


@dataclass
class Built:
    """The squad2 index, and the paragraphs that did not become documents (with the reason)."""

    settings: Settings  # of the eval index
    missing: dict[str, str] = field(default_factory=dict)  # doc id -> why it is not in the index
    # Paragraphs the index took for syndicated copies of another (doc id -> the one it cites
    # instead); none on 2026-11-26. A question on such a paragraph cannot cite it.
    copies: dict[str, str] = field(default_factory=dict)


def build_index(paragraphs: Sequence[Paragraph], settings: Settings) -> Built:
    """Write the paragraphs under settings.home and ingest them into their own index."""
    from newsrag.index import ingest
    from newsrag.index.store import Store

    index_settings = settings.with_(home=settings.home / INDEX_FOLDER)
    paths = write_documents(paragraphs, settings.home / DOCS_FOLDER)
    report = ingest(paths, settings=index_settings, progress=False)
    # The project's cleaner drops what looks like page furniture; a paragraph it empties is skipped
    # (with a reason in the report). Compare with what the index holds rather than trusting the
    # report alone, so a paragraph lost in an earlier run is caught too.
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    held = Store(index_settings).documents()
    missing = {p.doc_id: reasons.get(p.doc_id, "not in the index")
               for p in paragraphs if p.doc_id not in held}
    copies = {doc_id: r.representative for doc_id, r in held.items()
              if r.representative != doc_id}
    return Built(index_settings, missing, copies)


@dataclass
class Scored:
    id: str
    title: str
    split: Split
    question: str
    answerable: bool
    gold_doc: str
    gold_answers: list[str]
    answer: str
    refused: bool
    cited_sources: list[str]
    latency_ms: float
    # None for unanswerable questions (there is no gold answer to contain or paragraph to cite).
    contains_gold: bool | None = None
    cites_gold: bool | None = None
    first_cites_gold: bool | None = None  # citation [1] quotes the gold paragraph
    direct: str | None = None  # the Answer's short direct answer, when it gives one
    direct_contains_gold: bool | None = None


def score(case: Case, result: Any, latency_ms: float) -> Scored:
    """Score one `rag.Answer` against its case. A refusal contains and cites nothing."""
    direct = getattr(result, "direct", None)
    direct = direct.strip() if isinstance(direct, str) and direct.strip() else None
    cited = sorted({c.source for c in result.citations})
    scored = Scored(
        id=case.id, title=case.title, split=case.split, question=case.question,
        answerable=case.answerable, gold_doc=case.doc_id, gold_answers=list(case.answers),
        answer=result.text, refused=bool(result.refused), cited_sources=cited,
        latency_ms=round(latency_ms, 1), direct=direct,
    )
    if case.answerable:
        answered = not result.refused
        scored.contains_gold = answered and any(scoring.contains(result.text, a)
                                                for a in case.answers)
        scored.cites_gold = answered and case.doc_id in cited
        first = min(result.citations, key=lambda c: c.number, default=None)
        scored.first_cites_gold = answered and first is not None and first.source == case.doc_id
        if direct is not None and answered:
            scored.direct_contains_gold = any(scoring.contains(direct, a) for a in case.answers)
    return scored


def _share(flags: Iterable[bool | None]) -> float:
    values = [float(bool(f)) for f in flags]
    return round(statistics.fmean(values), 4) if values else 0.0


def aggregate(results: Sequence[Scored]) -> dict[str, float]:
    """The suite's figures over some questions.

    Answerable questions: `contains_gold`, `cites_gold` and `wrongly_refused` over all of them;
    `direct_rate` is the share given a direct answer and `direct_contains_gold` the share of
    those direct answers that contain a gold answer (left out when there are none). Unanswerable
    questions: `refused`, the share refused, and `unanswerable_direct`, the share given a direct
    answer: a phrase stated as the answer where the paragraphs give none, the worst way to be
    wrong. `refusal_precision`: the share of refusals that were right to refuse.

    An answer that quotes many paragraphs is more likely to contain a gold answer and cite the
    gold paragraph somewhere; `first_cites_gold` (its first citation is the gold paragraph) and
    `cited_paragraphs` (paragraphs cited per answer given) show when the two figures rose that way.
    """
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    direct = [r for r in answerable if r.direct_contains_gold is not None]
    refusals = [r for r in results if r.refused]
    answered = [r for r in results if not r.refused]
    latencies = [r.latency_ms for r in results]
    figures = {
        "questions": len(results),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "contains_gold": _share(r.contains_gold for r in answerable),
        "cites_gold": _share(r.cites_gold for r in answerable),
        "first_cites_gold": _share(r.first_cites_gold for r in answerable),
        "cited_paragraphs": round(statistics.fmean(len(r.cited_sources) for r in answered), 2)
        if answered else 0.0,
        "wrongly_refused": _share(r.refused for r in answerable),
        "direct_rate": _share(r.direct_contains_gold is not None for r in answerable),
        "direct_contains_gold": _share(r.direct_contains_gold for r in direct),
        "refused": _share(r.refused for r in unanswerable),
        "unanswerable_direct": _share(r.direct is not None and not r.refused
                                      for r in unanswerable),
        "refusal_precision": _share(not r.answerable for r in refusals) if refusals else 1.0,
        "latency_p50_ms": scoring.percentile(latencies, 0.5),
        "latency_p95_ms": scoring.percentile(latencies, 0.95),
    }
    if not direct:  # no direct answers to judge: leave the figure out rather than print 0.0
        del figures["direct_contains_gold"]
    return figures


@dataclass
class Run:
    results: list[Scored]
    full: bool
    dropped: dict[str, str]  # paragraphs not in the index -> why
    dropped_questions: int  # questions on those paragraphs, left out of the scores

    def splits(self) -> dict[str, dict[str, float]]:
        """Figures per split, the headline (HELDOUT) first."""
        return {split: aggregate([r for r in self.results if r.split == split])
                for split in ("heldout", "fit")}

    def by_article(self) -> dict[str, dict[str, float]]:
        return {title: aggregate([r for r in self.results if r.title == title])
                for title in (*HELDOUT, *FIT)}

    def to_dict(self) -> dict[str, Any]:
        asked = ("every question" if self.full else
                 f"sample: {SAMPLE_PER_ARTICLE['heldout']} questions per held-out article, "
                 f"{SAMPLE_PER_ARTICLE['fit']} per FIT article (seed {SAMPLE_SEED})")
        return {"questions": asked,
                **self.splits(), "by_article": self.by_article(),
                "dropped_paragraphs": self.dropped, "dropped_questions": self.dropped_questions,
                "cases": [asdict(r) for r in self.results]}


def run(settings: Settings, answerer: Answerer = "auto", full: bool = False,
        corpus: Corpus | None = None) -> Run:
    """Build the squad2 index under settings.home, ask the (sampled) questions and score them."""
    from rag.pipeline import answer

    corpus = corpus or load()
    built = build_index(corpus.paragraphs, settings)
    cases = corpus.cases if full else sample(corpus.cases)
    kept = [c for c in cases if c.doc_id not in built.missing]
    if built.missing:
        for doc_id, reason in sorted(built.missing.items()):
            print(f"squad2: paragraph {doc_id} is not in the index ({reason})", file=sys.stderr)
        left_out = len(cases) - len(kept)
        print(f"squad2: {left_out} question{'s' if left_out != 1 else ''} on those paragraphs "
              f"{'are' if left_out != 1 else 'is'} left out of the scores", file=sys.stderr)
    if built.copies:
        print(f"squad2: {len(built.copies)} paragraphs are grouped as copies of others and cited "
              f"as those ({', '.join(sorted(built.copies))})", file=sys.stderr)
    results = []
    for case in _progress(kept):
        start = time.perf_counter()
        result = answer(case.question, settings=built.settings, answerer=answerer, mode="hybrid")
        results.append(score(case, result, (time.perf_counter() - start) * 1000))
    return Run(results, full, built.missing, len(cases) - len(kept))


def _progress(cases: list[Case]) -> Iterable[Case]:
    from tqdm import tqdm

    return tqdm(cases, desc="squad2", unit="question", disable=not sys.stderr.isatty(),
                file=sys.stderr, leave=False)
