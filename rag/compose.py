"""The offline answerer: a direct answer, then the windows that answer the question, each cited.

No model writes anything: the direct answer is a phrase and every statement a window (a sentence,
or a sentence and its neighbour) quoted from an article, followed by the number of the passage it
comes from. Only windows that can answer count (`answers_the_question`); when none is likely
enough to (`rag.answerability`, fitted by evals/calibrate.py), it says the articles don't say,
and cites nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsrag.index.clean import sentence_spans
from newsrag.index.lexical import LexicalIndex, terms, terms_of
from rag.answerability import model
from rag.evidence import (TAKING_A_PLACE, Evidence, carries_on, is_heading, is_injection,
                          question_terms, refers_back)
from rag.question import (CALENDAR, NEGATION_RE, ORGANISATION_NOUNS, PERSON_NOUNS, PHRASE_KINDS,
                          PLACE_NOUNS, Question, read)
from rag.spans import (AWAY_FROM_MOVING, NAME_KINDS, OF_A_WHOLE_RE, WHOLE_BEFORE_RE, Span,
                       asks_where_to, called_a_region, counted, counted_alike, description_of,
                       find_spans, mentions,
                       names_the_maker, in_the_clause_of_a_figure_asked, measured_as_asked,
                       of_the_kind_of_place_asked, place_kinds_asked)
from rag.wordnet import is_a_noun, is_a_verb, only_an_adjective, singulars, verb_lemma

# Two sentences of different articles this similar state the same fact (one statement, cited to
# both), when they also share words of their own (SAME_WORDS).
SAME_FACT = 0.82
# The share of the shorter sentence's words (IDF-weighted, the question's own left out) that two
# sentences must share to report one fact. Sentence vectors are pooled in their chunk's context,
# so two sentences of one topic can be near each other with nothing in common: "Sheberghan is the
# stronghold of ... Dostum" had been cited to a sentence about mortars fired in a Balkh village.
# Chosen on the pairs cited together for the seeds', paraphrase dev and typed questions
# (2026-12-06): 10 of 14 wrong pairs below it, 1 of 27 right ones.
SAME_WORDS = 0.17
RARE_IDF = 1.5  # a name in fewer than about a fifth of the chunks identifies a fact
MAX_STATEMENTS = 3
MAX_LIST_ITEMS = 6
NEXT_TO = 4  # characters between a phrase and a word of the question that make them one phrase
# A phrase from a window this unlikely to answer is no direct answer unless it stands where the
# question puts its answer. Chosen on the SQuAD FIT articles, the paraphrase dev split and the
# seeds (2026-12-05): there such phrases were wrong 31 times for 7 right ("Vivid" for "Where did
# the army fall back to?", "AFP" for a defence minister); on the held-out articles and
# paraphrases, 54 times for 4 right.
DIRECT_BELOW = 0.1
# An answer that quotes as many statements as it may, none of them likely (below this), has
# found nothing that clearly answers: a phrase from the first is a guess unless it is the
# window's one phrase of the kind asked, or stands where the question puts its answer. (Chosen
# on the SQuAD FIT articles: of the direct answers given from the first of three statements,
# 1 in 21 held a gold answer below this, 6 of 11 above it.)
SCATTERED_BELOW = 0.65
# A window answers only if it names everything the question is about (in it or in the sentences
# just before it): measured on the suites, this is what separates answerable questions from
# near-topic ones, where no single score does (evals/calibrate.py).
FOCUS_NEEDED = 1.0
JOIN_SHARE = 0.5  # further windows join when at least this share as likely as the best one
SAME_ARTICLE_SHARE = 0.8  # a second window of one article joins when nearly as likely


@dataclass
class Statement:
    evidence: list[Evidence]  # the first is quoted; all are cited

    @property
    def lead(self) -> Evidence:
        return self.evidence[0]


def quotable(scored: list[Evidence]) -> list[Evidence]:
    """The sentences that may be quoted as statements, best first.

    Headlines and subheadings are not: they restate a story's words without the detail that
    answers a question about it. Nor is text that tries to instruct an AI.
    """
    return [e for e in scored
            if not is_heading(e.sentence.text) and not is_injection(e.sentence.text)]


_NAME_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[-\s][A-Z][a-z]+)*|\d[\d,.]*\d|\d")


def answer_names(lead: Evidence, question: str, lexical: LexicalIndex) -> set[str]:
    """The rare names and figures a sentence adds to the question: what makes it an answer.

    Names common in the corpus (the country every article is about), days and months, and words
    the question itself brought do not identify a fact.
    """
    asked = {w.lower() for w in re.findall(r"\w[\w-]*", question)}
    names = set()
    text = lead.sentence.text
    for match in _NAME_RE.finditer(text):
        name = match.group(0)
        key = name.lower().replace(",", "")
        if key in asked or key in CALENDAR or WHOLE_BEFORE_RE.search(text, 0, match.start()):
            continue  # (nor the whole a part is of: "about 20 of Afghanistan's 34 provinces"
            # is not what "25 of 34 provinces" reports)
        stems = terms(name) or [key]
        if all(lexical.idf(t) >= RARE_IDF for t in stems):
            names.add(name)
    return names


def corroborate(statements: list[Statement], scored: list[Evidence], question: str,
                lexical: LexicalIndex) -> None:
    """Cite, beside each statement, other articles' sentences that report the same answer.

    Another article's sentence reports the same fact when it also answers the question (it scores
    above the refusal threshold), repeats at least half of the names and figures that make the
    statement an answer, and shares enough of its other words (`share_words`): "The latest city to
    fall was Faizabad..." (Press TV) and "...the Taliban captured Faizabad overnight, making it the
    ninth city..." (AFP). A sentence that shares only a place named in passing ("...retreated to
    Mazar-i-Sharif in Balkh province") does not report the same answer.
    """
    for statement in statements:
        names = answer_names(statement.lead, question, lexical)
        if not names:
            continue
        for candidate in scored:
            if candidate.score < model().refuse_below:
                break
            if candidate.passage.doc_id in {e.passage.doc_id for e in statement.evidence}:
                continue
            shared = sum(name in candidate.sentence.text for name in names)
            if (shared * 2 >= len(names)  # at least half of them
                    and share_words(statement.lead, candidate, question, lexical)):
                statement.evidence.append(candidate)


def share_words(a: Evidence, b: Evidence, question: str, lexical: LexicalIndex) -> bool:
    """Whether two sentences share enough words beyond the question's to report one fact
    (`SAME_WORDS`): "The latest city to fall was Faizabad" and "the Taliban captured Faizabad
    overnight, making it the ninth city" share the city and Faizabad."""
    asked = set(terms(question))
    words_a = set(terms(a.sentence.text)) - asked
    words_b = set(terms(b.sentence.text)) - asked

    def weight(words: set[str]) -> float:
        return sum(lexical.idf(t) for t in words)

    smaller = min(weight(words_a), weight(words_b))
    return smaller > 0 and weight(words_a & words_b) >= SAME_WORDS * smaller


def choose(
    scored: list[Evidence], question: str = "", lexical: LexicalIndex | None = None
) -> list[Statement]:
    """Statements for the answer, best first, each cited to every article that reports it (when
    `lexical` is given); empty when the articles don't answer.

    Only windows that can answer count: ones that name everything the question is about and, when
    it asks for a name or figure, hold one (`answers_the_question`). Sentences that merely share
    the question's topic stay out."""
    scored = [e for e in quotable(scored) if answers_the_question(e)]
    fitted = model()
    if not scored or scored[0].score < fitted.refuse_below:
        return []
    # Further windows join when likely to answer, or nearly as likely as the best one (another
    # outlet's or another year's report of it).
    floor = max(fitted.refuse_below, min(fitted.join_above, JOIN_SHARE * scored[0].score))
    statements: list[Statement] = []
    docs_quoted: set[str] = set()
    for candidate in scored:
        if statements and candidate.score < floor:
            break
        if any(_overlaps(candidate, e) for s in statements for e in s.evidence):
            continue  # a window that repeats part of one already quoted
        # Only across articles: sentence vectors are pooled in their chunk's context, so two
        # sentences of one passage always look alike.
        same = next(
            (s for s in statements
             if s.lead.passage.doc_id != candidate.passage.doc_id
             and (s.lead.sentence.text == candidate.sentence.text
                  or (float(np.dot(s.lead.sentence.vector, candidate.sentence.vector)) >= SAME_FACT
                      and (lexical is None
                           or share_words(s.lead, candidate, question, lexical))))),
            None,
        )
        if same is not None:
            if candidate.passage.doc_id not in {e.passage.doc_id for e in same.evidence}:
                same.evidence.append(candidate)  # the same fact from another article
            continue
        if len(statements) >= MAX_STATEMENTS:
            continue
        # One statement per article unless the next window is as likely as the best: a second
        # outlet's report is worth more than a second sentence from the same one.
        if (candidate.passage.doc_id in docs_quoted
                and candidate.score < SAME_ARTICLE_SHARE * scored[0].score):
            continue
        statements.append(Statement([candidate]))
        docs_quoted.add(candidate.passage.doc_id)
    asked = read(question) if question else None
    if asked is not None and asked.kind == "list" and asked.count:
        _complete_the_list(statements, scored, asked.count, fitted.refuse_below)
    if lexical is not None:
        corroborate(statements, scored, question, lexical)
    return statements


def _complete_the_list(statements: list[Statement], scored: list[Evidence], count: int,
                       floor: float) -> None:
    """Further windows that can answer join, however much less likely than the best, while each
    names one more of the kind asked and the list is shorter than the question says: for "Which
    three provincial capitals fell on Sunday?", a report names one in a sentence ("The latest
    city to fall was Taloqan...") and the others in sentences of their own."""
    items = {text for s in statements for e in s.evidence for text in _list_items(e)}
    for candidate in scored:
        if len(items) >= count or candidate.score < floor:
            break
        new = set(_list_items(candidate)) - items
        if new and not any(_overlaps(candidate, e) for s in statements for e in s.evidence):
            statements.append(Statement([candidate]))
            items |= new


def _list_items(e: Evidence) -> list[str]:
    """The phrases of a window that may stand in a list answer: those that fit the kind asked
    at least half well."""
    return [span.text for span, fit in e.answers if fit >= 0.5]


def answers_the_question(e: Evidence) -> bool:
    """A window can answer only if it names enough of what the question is about and, when the
    question asks for a name, place, figure or date, holds one: a sentence about the third city
    or with no figure in it does not answer "how many" about the ninth, however close its words."""
    return e.fit > 0.0 and e.focus >= FOCUS_NEEDED - 1e-9


def _overlaps(a: Evidence, b: Evidence) -> bool:
    return (a.passage.doc_id == b.passage.doc_id and a.sentence.start < b.sentence.end
            and b.sentence.start < a.sentence.end)


@dataclass(frozen=True)
class Direct:
    """The short answer a name, place, figure, date or list question asks for, quoted verbatim
    from the windows in `evidence` (each contains it)."""

    text: str
    evidence: tuple[Evidence, ...]


def direct_answer(statements: list[Statement], question: str) -> Direct | None:
    """The phrase that answers a who/where/when/how-many/which question, from the best statement
    ("Faizabad"), cited to every statement window that contains it; None for other questions
    or when no phrase of the wanted kind is there.

    Of several candidate phrases in the best window, for a question about what did not happen
    the one a negation stands by wins ("23% did not turn out"); then the one standing where the
    question puts its answer (after the preposition it ends on or the verb and preposition it
    uses, or as the subject or agent of the verb its answer is the subject of: "Who may
    introduce..."), then
    one the window calls what the question asks for ("the province of Paktika" for "which
    province"), then one in the clause that says the number or ordinal the question asks about
    ("...as the Taliban captured Faizabad overnight, making it the ninth city" for "which city was
    the ninth", not the Mazar of the clause before), then one right next to a word of the
    question ("now modern Beijing" for "what modern city"), then the one that fits the wanted kind
    best, then one after a copula, then the nearest to the question's words ("...to fall was
    Faizabad, the capital of Badakhshan").
    A guess is not given: when several names could answer, none known to be of the kind and none
    so placed, there is no direct answer (on the SQuAD FIT articles such guesses contained a gold
    answer three times in ten), and the quotes answer alone; nor when a who-question says what
    its answer did ("Who commanded...?") and the window does not say it; nor when the window is
    unlikely to answer (`DIRECT_BELOW`) and the phrase is not so placed; nor from a sentence
    about something else than the question's focus (`_in_a_sentence_about_another`,
    `_about_another_than_before`).

    A who-question whose answer is the subject of its verb, where the window names nobody in that
    place, gets the group the window makes the subject ("Afghan soldiers were seen fleeing").

    A question that asks who or what something is gets what a window says it is
    (`rag.spans.description_of`), an office first where one is named; one in the plural, the
    whole list its phrase stands in."""
    wanted = read(question)
    windows = [e for s in statements for e in s.evidence]
    if wanted.identify:
        # "Who is Atta Mohammad Noor?" is answered by what he is, never by another name.
        said = [d for d in (description_of(wanted.identify, e.sentence.text) for e in windows)
                if d]
        # The first that says more than a bare title ("Afghan President", not "President"), and
        # of those one that names an office ("former Vice President", not "a celebrated
        # anti-Taliban lynchpin in the north"): what a reader asking who he is, or what post he
        # held, wants first.
        described = next((d for d in said if " " in d and _holds_an_office(d)),
                         next((d for d in said if " " in d), said[0] if said else None))
        if described is None:
            return None
        return Direct(described, tuple(w for w in windows if described in w.sentence.text))
    if wanted.named and statements and statements[0].lead.answers:
        # "What journal was it in?": the name that carries the noun
        named = statements[0].lead.answers[0][0].text
        return Direct(named, tuple(e for e in windows if named in e.sentence.text))
    if not statements or (wanted.kind not in PHRASE_KINDS and wanted.kind != "list"):
        return None
    if wanted.kind == "list":
        items: list[str] = []
        for e in windows:
            for text in _list_items(e):
                if text not in items:
                    items.append(text)
        items = items[: wanted.count or MAX_LIST_ITEMS]
        if len(items) < 2:
            return None
        text = ", ".join(items[:-1]) + " and " + items[-1]
        return Direct(text, tuple(e for e in windows if any(i in e.sentence.text for i in items)))
    lead = statements[0].lead
    if not lead.answers:
        return None
    if any(span.kind in ("place", "name") and called_a_region(lead.passage.text, span.text, wanted)
           for span, _ in lead.answers):
        return None  # "the police chief of Nahr-e-Shahi", which the report calls a district,
        # does not say which provincial capital fell: the window is about a region, not a city
    answers = list(lead.answers)
    deed = _DEED_RE.match(question)
    text = lead.sentence.text
    does = deed is not None and _does(text, deed.group(1))
    # "Who commanded ...?": not a name from a window that says nobody commanded (but "Wang
    # Zhen's Nong Shu" says who wrote it)
    if deed and not does and not any(
            names_the_maker(text, span, question) for span, _ in lead.answers):
        return None
    if deed and does:
        # ...nor a name from the other sentence of a two-sentence window: "The 2001 invasion of
        # Afghanistan ousted the Taliban from power... US President Joe Biden has urged..."
        # does not say Biden ousted anyone.
        saying = _sentences_saying(text, deed.group(1))
        answers = [(span, fit) for span, fit in answers
                   if any(start <= span.start < end for start, end in saying)]
        if not answers:
            return None
    anchors = _anchors(text, question)
    slots = _slots(question)
    subject_verb = _subject_verb(question)
    noun = _TYPE_NOUN_RE.search(question)
    counted_by = _what_is_counted_by(question) if wanted.kind == "number" else frozenset()
    counted_as_asked = _counted_as_asked(question)

    def rank(span: Span, fit: float) -> tuple[bool, bool, bool, bool, bool, float, bool, int]:
        distance = _distance(span, anchors)
        if wanted.where and any(0 <= start - span.end <= 1 for start, _ in anchors):
            distance = NEXT_TO + 1  # "a Red Cross shelter": whose the shelter is, not where
        return (wanted.negated and _near_negation(text, span),
                _in_slot(text, span, slots) or _in_subject_slot(text, span, subject_verb)
                or _counted_by_the_verb(text, span, counted_by)
                or _counts_as_asked(text, span, counted_as_asked)
                or measured_as_asked(text, span, question),
                _named_as(text, span, noun.group(1) if noun else None)
                or of_the_kind_of_place_asked(span, question),
                in_the_clause_of_a_figure_asked(text, span, wanted),
                distance <= NEXT_TO, fit, bool(_COPULA_RE.search(text[: span.start])), -distance)

    if wanted.where and asks_where_to(question):
        # "Where did the forces that fled the city go?": the place they went to (the best fit,
        # `rag.spans.answer_spans`), before the words of the question ("fled the city of Mazari
        # Sharif") or the agent of a passive ("moved to ... Besh Baliq ... by the Mongols") place
        # another.
        most = max(f for _, f in answers)
        if most > AWAY_FROM_MOVING:
            answers = [(s, f) for s, f in answers if f == most]
    best, fit, (_, in_slot, of_the_kind, _, next_to, *_) = max(
        ((span, fit, rank(span, fit)) for span, fit in answers), key=lambda item: item[2])
    if not in_slot and wanted.kind in ("person", "organisation"):
        # "Who was seen fleeing?": the "Afghan soldiers" a window says were, not the journalist
        # who tweeted it.
        group = _subject_phrase(text, question, subject_verb)
        if group is not None:
            return Direct(group, tuple(e for e in windows if group in e.sentence.text))
    if _in_a_sentence_about_another(text, best, wanted) or (
            not lead.names_focus and _about_another_than_before(text, best, wanted)):
        return None  # "...safety of Kabul. ...Kunduz, which was seized over the weekend"
    if fit < 1.0 and len(answers) > 1 and not in_slot and not next_to:
        return None  # a guess among several names, none known to be of the kind or placed
    if lead.score < DIRECT_BELOW and not in_slot and not next_to:
        return None  # the window itself is unlikely to answer, and the phrase is not placed
    if (len(statements) >= MAX_STATEMENTS and lead.score < SCATTERED_BELOW
            and (len(answers) > 1 or fit < 1.0) and not (in_slot or next_to or of_the_kind)):
        return None  # nothing quoted clearly answers, and this phrase is one guess of several
    if wanted.kind == "person" and best.text[:1].islower():
        # "a local lawmaker told AFP... \"The Taliban have captured the city now,\" said
        # Zabihullah Attiq": the one the window describes, then names as the speaker
        best = next((span for span, _ in answers if span.start > best.end
                     and span.text[:1].isupper() and _SAID_BY_RE.search(text[: span.start])),
                    best)
    if best.kind == "number":
        phrase = with_unit(text, best, question)
    elif asks_for_several(question):
        phrase = _coordinated(text, best, [span for span, _ in lead.answers])
    elif wanted.where and best.kind in ("place", "name") and not place_kinds_asked(question):
        phrase = with_direction(text, best)
    elif best.kind == "person" and (
            together := _people_together(text, best, lead.answers)) != best.text:
        # "Who did Ghani meet...?" "...including Abdul Rashid Dostum and Ata Mohammad Noor":
        # "who" does not say how many, and the window names them together.
        phrase = together
    elif best.kind == "person":
        phrase = without_office(text, best)
    elif best.kind == "name":
        phrase = with_former(text, best)  # "former Vice President Abdul Rashid Dostum"
    else:
        phrase = best.text
    return Direct(phrase, tuple(e for e in windows if phrase in e.sentence.text))


# What stands before the name of a quote's speaker ("...now," said Zabihullah Attiq).
_SAID_BY_RE = re.compile(r"[,”\"’]\s*(?:said|says|added|tweeted|wrote)\s+$")


# A word before an office that says its holder no longer holds it ("former Vice President ...",
# "the late ...").
_FORMER_RE = re.compile(r"\b(?:former|ex-|then-|erstwhile|onetime|one-time|late)\s*$",
                        re.IGNORECASE)


def without_office(sentence: str, span: Span) -> str:
    """A person's name without the office a sentence gives it in the same capitals, when that
    office has a complement ("Minister of Foreign Affairs Sergei Lavrov", "UN High Commissioner
    for Human Rights Michelle Bachelet", whose name run starts after "for"): the words of the
    language before the name go, down to two words. A one-word title stays ("Queen Elizabeth
    II", which is how she is named).

    >>> text = "UN High Commissioner for Human Rights Michelle Bachelet warned of a crisis."
    >>> without_office(text, Span(25, 55, "Human Rights Michelle Bachelet", "person"))
    'Michelle Bachelet'
    >>> text = "Rollo signed the treaty with King Charles III of West Francia."
    >>> without_office(text, Span(29, 61, "King Charles III of West Francia", "person"))
    'King Charles III of West Francia'

    An office the sentence says its holder no longer holds keeps the word that says so: "former
    Vice President Abdul Rashid Dostum" is no vice president.

    >>> text = "It is the stronghold of former Vice President Abdul Rashid Dostum."
    >>> without_office(text, Span(31, 65, "Vice President Abdul Rashid Dostum", "person"))
    'former Vice President Abdul Rashid Dostum'
    """
    words = span.text.split()
    connector = max((i for i, w in enumerate(words) if w in ("of", "for")), default=-1)
    complement = connector >= 0 or re.search(r"[A-Z]\w*\s+(?:of|for)\s+$",
                                            sentence[max(0, span.start - 40) : span.start])
    if not complement:
        return with_former(sentence, span)
    name = words[connector + 1 :]
    while len(name) > 2 and (is_a_noun(name[0].lower()) or only_an_adjective(name[0].lower())):
        name = name[1:]
    # Nothing of an office before the name: "King Charles III of West Francia" is named so.
    if len(name) < len(words) - connector - 1:
        return " ".join(name)
    return with_former(sentence, span)


def with_former(sentence: str, span: Span) -> str:
    """The phrase with the word before it that says its office is no longer held, if any (not
    when the phrase modifies a noun after it: "former ARPA IPTO director Larry Roberts")."""
    before = sentence[max(0, span.start - 12) : span.start]
    former = _FORMER_RE.search(before)
    after = re.match(r"\s+([a-z]+)\b", sentence[span.end :])
    if former is None or (after is not None and is_a_noun(after.group(1))):
        return span.text
    return sentence[span.start - len(before) + former.start() : span.end]


# "Which countries...?", "What cities...?", "Who were...?": the answer may be several names.
_SEVERAL_RE = re.compile(r"(?i)\b(?:which|what)\s+(?:(?:two|three|four|five|several)\s+)?"
                         r"(?:[a-z-]+\s+)?([a-z]+(?:s|men))\b"
                         r"|^\s*who\s+(?:were|are)\b")
_AND_RE = re.compile(r",?\s+(?:and|or)\s+(?:the\s+)?|,\s+(?:the\s+)?")  # "X, the Y and Z"
# What else may be asked for several of: "In which two earlier years...?"
_TIMES = {"year", "day", "date", "month", "decade", "century"}


def asks_for_several(question: str) -> bool:
    """Whether the question asks for names in the plural.

    >>> asks_for_several("Which countries recognised the Taliban?"), asks_for_several(
    ...     "Who were exempt from the Ministry of Justice?"), asks_for_several("Which city fell?")
    (True, True, False)
    >>> asks_for_several("What rights does it have?")
    False
    >>> asks_for_several("In which two earlier years had the Taliban attacked Kunduz?")
    True
    """
    match = _SEVERAL_RE.search(question)
    if not match:
        return False
    if match.group(1) is None:
        return True  # "who were"
    named = PLACE_NOUNS | PERSON_NOUNS | ORGANISATION_NOUNS | _TIMES
    return bool(singulars(match.group(1).lower()) & named)


def _coordinated(text: str, best: Span, spans: list[Span]) -> str:
    """The phrase with the names coordinated with it ("Pakistan, the United Arab Emirates and
    Saudi Arabia"), verbatim; the phrase alone when it stands by itself."""
    ordered = sorted(spans, key=lambda s: s.start)
    at = ordered.index(best)
    first = last = at
    while first > 0 and _AND_RE.fullmatch(text[ordered[first - 1].end : ordered[first].start]):
        first -= 1
    while last + 1 < len(ordered) and _AND_RE.fullmatch(
            text[ordered[last].end : ordered[last + 1].start]):
        last += 1
    return text[ordered[first].start : ordered[last].end]


def _people_together(text: str, best: Span, answers: tuple[tuple[Span, float], ...]) -> str:
    """The person named with the others a window coordinates with them ("Abdul Rashid Dostum and
    Ata Mohammad Noor"), verbatim; the name alone when it stands by itself."""
    names = [span for span, _ in answers if span.kind in ("person", "name")]
    return _coordinated(text, best, names)


def _in_a_sentence_about_another(text: str, best: Span, wanted: Question) -> bool:
    """Whether the phrase stands in the window's other sentence, one about something else: it
    names none of the question's focus but other names, and does not carry on from the sentence
    that names the focus (`rag.evidence.carries_on`). A sentence is joined to the next when that
    one holds a phrase of the kind asked (`rag.evidence.windows`), and such a phrase may answer
    another question: "...fled their homes in the north for the relative safety of Kabul... In
    the northeastern province of Kunduz, which was seized by the militant group over the
    weekend, ..." says when Kunduz fell, not Kabul. Only a question that names something (not a
    weekday) is asked about it; on the SQuAD articles, four in five direct answers this leaves
    out were wrong or answered unanswerable questions."""
    focus = [f for f in wanted.focus if f.kind != "year"]
    sentences = sentence_spans(text)
    if len(sentences) < 2 or not any(f.kind == "name" and f.text.lower() not in CALENDAR
                                     for f in focus):
        return False
    holding = next(((s, e) for s, e in sentences if s <= best.start < e), None)
    if holding is None:
        return False
    start, end = holding
    own = text[start:end]
    if any(mentions(own, f) for f in focus) or carries_on(own):
        return False
    if not _names_another(own, best.start - start):
        return False
    return any(mentions(text[s:e], f) for s, e in sentences if s != start for f in focus)


def _names_another(text: str, at: int) -> bool:
    """Whether a text names someone or something (a capitalised name) other than the phrase
    that starts at offset `at`."""
    return any(span.kind in NAME_KINDS and span.text[:1].isupper()
               and not span.start <= at < span.end for span in find_spans(text))


def _about_another_than_before(text: str, best: Span, wanted: Question) -> bool:
    """Whether a window that names the question's focus only in the sentence before it (which
    is not quoted) is about something else: it names none of the focus, does not carry on from
    that sentence (a pronoun, a speaker), refers to nothing named before ("the city", "they")
    and names others: "Eastmoor ... The result lifts Rovers to 62 points" does not give
    Eastmoor's points; "...the provincial governor retreated to an army post following the
    Taliban attack on the city" tells where Sar-e-Pol's governor went."""
    focus = [f for f in wanted.focus if f.kind != "year"]
    if (not focus or carries_on(text) or refers_back(text)
            or any(mentions(text, f) for f in focus)):
        return False
    return _names_another(text, best.start)


def _holds_an_office(description: str) -> bool:
    """Whether a description names an office in capitals, as titles are written ("former Vice
    President", not "a celebrated anti-Taliban lynchpin")."""
    return any(word[:1].isupper() and word.lower() in PERSON_NOUNS
               for word in re.findall(r"[\w-]+", description))


NEAR_NEGATION = 40  # characters between a phrase and the negation that makes it what did not happen


def _near_negation(text: str, span: Span) -> bool:
    """Whether a negation stands by the phrase, in its clause ("as 32.9% of the eligible
    population did not actually vote" for "What percentage ... failed to vote?")."""
    around = re.split(r"[,;]", text[span.end : span.end + NEAR_NEGATION])[0]
    before = re.split(r"[,;]", text[max(0, span.start - NEAR_NEGATION) : span.start])[-1]
    return bool(NEGATION_RE.search(before) or NEGATION_RE.search(around))


# What a who-question says its answer did ("Who commanded the force...?"): a window that does
# not say it (by stem or first five letters: "commander") names someone else.
_DEED_RE = re.compile(r"(?i)\s*who\s+([a-z]{3,}ed|led|won|took|made|wrote|built|gave|became|"
                      r"ran|held|sent|brought|told|found|began|fought|lost|left|sold|bought|"
                      r"kept|met|paid|saw|struck|taught|overthrew|rose|drew|chose|beat|"
                      r"shot|stole|swore|threw|broke|spoke|sang|sank|flew|fled|slew)\b")


# A figure reads with its unit ("45 minutes", "3 pence") or with what the question counts
# ("How many families...?" "60,000 families"), never with any word after it ("34 provincial").
_UNIT_RE = re.compile(r"(?:\s|-)([a-z]{2,})\b")
_UNITS = {
    "seconds", "second", "minutes", "minute", "hours", "hour", "days", "day", "weeks", "week",
    "months", "month", "years", "year", "decades", "centuries", "km", "kilometres", "kilometers",
    "miles", "mile", "metres", "meters", "feet", "acres", "hectares", "tonnes", "tons", "kg",
    "pounds", "dollars", "euros", "pence", "cents", "barrels", "percent", "people", "points",
    "votes", "seats", "members", "times",
}


_SCALE_BEFORE_RE = re.compile(r"\b(?:[Mm]agnitude|[Ff]orce|[Ll]evel|[Gg]rade|[Cc]ategory)\s+$")
_HOW_OLD_RE = re.compile(r"(?i)\bhow old\b|\bat what age\b|\bwhat age\b")
_AGED_RE = re.compile(r"-year-old\b|-years-old\b")


def with_unit(sentence: str, span: Span, question: str = "") -> str:
    """A figure with the word after it when that word is its unit or what the question counts.

    >>> from rag.spans import find_spans
    >>> text = "The debate lasts 45 minutes and 60,000 families fled 34 provincial capitals."
    >>> [with_unit(text, s, "How many families fled?") for s in find_spans(text)]
    ['45 minutes', '60,000 families', '34']
    >>> with_unit(text, find_spans(text)[2], "How many provincial capitals fell?")
    '34 provincial capitals'
    >>> with_unit(text, find_spans(text)[2], "How many provincial governors fled?")
    '34'
    >>> with_unit("Fighting is going on in 25 of 34 provinces.", Span(24, 26, "25", "number"),
    ...           "How many provinces had fighting?")
    '25 of 34 provinces'
    >>> with_unit("the 13-year-old emperor", Span(4, 6, "13", "number"), "How old was he?")
    '13'
    >>> with_unit("A magnitude 6.8 earthquake struck.", Span(12, 15, "6.8", "number"))
    'magnitude 6.8'
    """
    # An age asked is the figure: "the 13-year-old Toghun Temür" was 13 (not "13-year").
    if _HOW_OLD_RE.search(question) and _AGED_RE.match(sentence, span.end):
        return span.text
    # A scale named before its figure: "a magnitude 6.8 earthquake".
    scale = _SCALE_BEFORE_RE.search(sentence, max(0, span.start - 20), span.start)
    if scale is not None:
        return sentence[scale.start() : span.end]
    # A part of a whole reads with the whole ("25 of 34 provinces").
    whole = OF_A_WHOLE_RE.match(sentence, span.end)
    figure_end = whole.end() if whole else span.end
    unit = _UNIT_RE.match(sentence, figure_end)
    if unit is not None and unit.group(1) in _UNITS:
        return sentence[span.start : unit.end()]
    # What the question counts: the words after "how many" ("provincial capitals"), taken
    # while the sentence goes on with them ("five provincial capitals").
    counts = terms(counted(question) or "")
    end, position = figure_end, figure_end
    while word := _UNIT_RE.match(sentence, position):
        stems = terms(word.group(1))
        if not set(stems) & set(counts):
            break
        position = word.end()
        if stems[-1:] == counts[-1:]:
            end = position  # the run ends on the noun counted, not on an adjective before it
    return sentence[span.start : end]


# "in northern China": the part of a place a where-question is answered by.
_DIRECTION_BEFORE_RE = re.compile(
    r"\b(?:(?:north|south)(?:-?(?:east|west))?|east|west)ern\s+$", re.IGNORECASE)


def with_direction(sentence: str, span: Span) -> str:
    """A place with the compass point of it the sentence names: "Where did the monks flee to?"
    is answered by "southern Italy", of which "Italy" says too little.

    >>> from rag.spans import find_spans
    >>> text = "The monks fled to southern Italy and north-eastern Afghanistan."
    >>> [with_direction(text, s) for s in find_spans(text)]
    ['southern Italy', 'north-eastern Afghanistan']
    """
    direction = _DIRECTION_BEFORE_RE.search(sentence[: span.start])
    return sentence[direction.start() : span.end] if direction else span.text


# "The latest city to fall was Faizabad": the phrase after a copula is what the subject is.
_COPULA_RE = re.compile(r"\b(?:was|is|were|are|became|become|named|called)\s+(?:the\s+)?$")


_PREPOSITIONS = ("to", "from", "with", "by", "for", "in", "into", "on", "at", "against", "under")
_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")


def _slots(question: str) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Where the question's answer stands after a preposition: the one it ends on ("Where did
    Kublai move the capital to?"), and the (verb, preposition) pairs it uses ("relocated to")."""
    words = [w.lower() for w in _WORD_RE.findall(question)]
    ending = frozenset(words[-1:]) & frozenset(_PREPOSITIONS)
    pairs = frozenset((stems[0], b) for a, b in zip(words, words[1:])
                      if b in _PREPOSITIONS and len(a) > 3 and (stems := terms(a)))
    return ending, pairs


def _in_slot(text: str, span: Span, slots: tuple[frozenset[str], frozenset[tuple[str, str]]]
             ) -> bool:
    """Whether a phrase stands where the question's answer does: just after the preposition the
    question ends on, or after the verb and preposition it uses ("...relocated to the former
    Strathclyde Regional Council debating chamber" for "relocated to")."""
    ending, pairs = slots
    before = [w.lower() for w in _WORD_RE.findall(text[max(0, span.start - 60) : span.start])]
    # The preposition, then at most two lower-case words ("to the former", "from the").
    for back in range(1, 4):
        if len(before) < back:
            break
        word = before[-back]
        if word in _PREPOSITIONS:
            verb = before[-back - 1] if len(before) > back else ""
            stems = terms(verb) if len(verb) > 3 else []
            return word in ending or bool(stems and (stems[0], word) in pairs)
        if word not in _LEADING_WORDS:
            break
    return False


# The words after "how many" ("How many MSPs...?", "the number of Constituency MSPs"), whatever
# `counted` makes of them.
_COUNTED_AFTER_RE = re.compile(r"(?i)\b(?:how many|number of)\s+((?:[\w’'-]+\s+)?[\w’'-]+)")


def _what_is_counted_by(question: str) -> frozenset[str]:
    """The stems of a how-many question's words but what it counts and how it asks ("How many
    people were injured?": injur), one of which may stand just before the figure that answers."""
    asked = _COUNTED_AFTER_RE.search(question)
    return frozenset(question_terms(question)) - frozenset(terms(counted(question) or "")) - (
        frozenset(terms(asked.group(1))) if asked else frozenset())


def _counted_by_the_verb(text: str, span: Span, verbs: frozenset[str]) -> bool:
    """Whether a figure comes just after a word of the question, past a hedge ("injuring more
    than 1,600" for "How many people were injured?", not "killing at least 41 people")."""
    before = [w.lower() for w in _WORD_RE.findall(text[max(0, span.start - 40) : span.start])]
    while before and before[-1] in _FIGURE_HEDGES:
        before.pop()
    return bool(before and verbs and set(terms(before[-1])) & verbs)


def _counted_as_asked(question: str) -> list[str]:
    """The terms of the two or more words a how-many question counts, as it writes them
    ("Khitan Tumens"); none when it counts one word ("people"), too common to tell two figures
    apart."""
    asked = _COUNTED_AFTER_RE.search(question)
    wanted = terms(asked.group(1)) if asked else []
    return wanted if len(wanted) >= 2 else []


def _counts_as_asked(text: str, span: Span, wanted: list[str]) -> bool:
    """Whether a figure is followed by the words the question counts (`_counted_as_asked`): "3
    Khitan Tumens" for "How many Khitan Tumens...?", not the "4 Han Tumens" before it."""
    if span.kind != "number" or not wanted:
        return False
    after = terms(" ".join(_WORD_RE.findall(text[span.end : span.end + 60])[:len(wanted)]))
    return after == wanted


_FIGURE_HEDGES = {"at", "least", "most", "more", "less", "fewer", "than", "about", "around",
                  "some", "nearly", "almost", "over", "up", "to", "roughly", "approximately",
                  "another", "a", "an", "the", "of"}


# Words between a subject and its verb ("the Scottish Government can introduce", "Davies is
# credited", "who was later elected").
_BETWEEN_SUBJECT_AND_VERB = {
    "can", "could", "may", "might", "must", "shall", "should", "will", "would", "has", "have",
    "had", "is", "are", "was", "were", "be", "been", "being", "also", "later", "then", "first",
    "still", "not", "never", "often", "usually", "soon"}
_SUBJECT_QUESTION_RE = re.compile(
    r"^\W*(?:[^,?]{1,40},\s*)?(?:who|which\s+[a-z]+|what\s+[a-z]+)\s+((?:[a-z]+\s+){0,3})",
    re.IGNORECASE)  # after a leading phrase too ("In 1998, which countries recognised...?")


def _subject_verb(question: str) -> str | None:
    """The stem of the verb a question's answer is the subject of ("Who designed the
    building?", "Which group sets the agenda?"); None when the answer is its object ("Who did
    Ghani meet?") or it asks what someone is ("Who is the governor?").

    >>> _subject_verb("Who may introduce new laws?"), _subject_verb("Who did Ghani meet?")
    ('introduc', None)
    >>> _subject_verb("Who is the governor of Balkh?"), _subject_verb("Which group sets the time?")
    (None, 'set')
    """
    found = _SUBJECT_QUESTION_RE.match(question)
    if found is None:
        return None
    for word in found.group(1).lower().split():
        if word in ("did", "does", "do"):
            return None
        if word not in _BETWEEN_SUBJECT_AND_VERB:
            if not is_a_verb(word) or re.search(r"\b" + word + r"\s+by\b", question.lower()):
                return None  # "Who were later Yuan emperors...", "What was designed by...?"
            stems = _verb_stem(word)
            return stems[0] if stems else None
    return None


_BE = {"is", "are", "was", "were", "be", "been", "being"}


def _subject_phrase(text: str, question: str, verb: str | None) -> str | None:
    """The common noun, with up to two words before it, that a window makes the subject of the
    question's verb, verbatim ("Afghan soldiers were seen fleeing", "Taliban aircraft have been
    bombarding"): who did it, where the window names nobody. Passive for passive only: "the
    city was captured" did not capture.

    >>> text = "Chaotic scenes, Afghan soldiers were seen fleeing, Bilal Sarwary tweeted."
    >>> _subject_phrase(text, "Who was seen fleeing?", "see")
    'Afghan soldiers'
    >>> _subject_phrase("The city was captured by noon.", "Who captured the city?", "captur")
    """
    asked = _SUBJECT_QUESTION_RE.match(question)
    if verb is None or asked is None:
        return None
    asked_passive = _passive(asked.group(1).lower().split())
    words = list(_WORD_RE.finditer(text))
    for at, word in enumerate(words):
        if _verb_stem(word.group(0)) != [verb]:
            continue
        head = at - 1
        while head >= 0 and words[head].group(0).lower() in _BETWEEN_SUBJECT_AND_VERB:
            head -= 1
        said = [w.group(0).lower() for w in words[head + 1 : at + 1]]
        if (head < 0 or (said[-1].endswith("ing") and not _BE & set(said))  # a participle
                or _passive(said) != asked_passive
                or not re.fullmatch(r"[\w\s'’]*", text[words[head].end() : word.start()])):
            continue
        if not _names_who(words[head].group(0)):
            continue
        first = head
        while first > head - 2 and first > 0 and text[words[first - 1].end() : words[
                first].start()].isspace() and _modifies(words[first - 1].group(0)):
            first -= 1
        return text[words[first].start() : words[head].end()]
    return None


def _names_who(noun: str) -> bool:
    """Whether a lower-case noun names people or a body of them ("soldiers", "rights groups",
    "party leaders"), or what they fight with ("aircraft"), by the nouns questions ask with
    (`rag.question`) and those a count counts people by (`rag.spans.counted_alike`)."""
    stems = set(terms(noun))
    return (noun.islower() and not noun.endswith("ing") and is_a_noun(noun)
            and bool(stems & _people_stems()))


@lru_cache(maxsize=1)
def _people_stems() -> frozenset[str]:
    words = PERSON_NOUNS | ORGANISATION_NOUNS | {"aircraft", "jets", "warplanes", "authorities"}
    people = set(terms("people troops"))
    return frozenset(terms(" ".join(words))).union(*(g for g in counted_alike() if g & people))


def _passive(words: list[str]) -> bool:
    """Whether words up to a verb ("were seen", "has been bombarding") put it in the passive."""
    verb = next((w for w in words if w not in _BETWEEN_SUBJECT_AND_VERB), "")
    return bool(_BE & set(words)) and not verb.endswith("ing")


def _modifies(word: str) -> bool:
    """A word that may stand before a subject's noun: a name ("Afghan"), a noun ("rights") or
    an adjective, not a determiner, a verb or a day ("Since Friday Taliban aircraft...")."""
    return bool(terms(word)) and word.lower() not in CALENDAR and (
        word[0].isupper() or is_a_noun(word) or only_an_adjective(word))


def _verb_stem(word: str) -> list[str]:
    """A verb's stem by its lemma: "gave", "given" and "gives" are one verb."""
    return terms(verb_lemma(word))[:1]


@lru_cache(maxsize=1)
def _taking_a_place() -> frozenset[str]:
    """The stems of what happens to a place that falls, said of whoever took it: "the Taliban
    captured Faizabad" is Faizabad falling, and so is "Faizabad was captured" or "taken". (Read
    on first use: the verb table behind `_verb_stem` is not worth loading at import.)"""
    return frozenset(_verb_stem(word)[0] for word in f"{TAKING_A_PLACE} took taken".split())


# The verb a place is the object of: "captured Faizabad", "wrested control of the city of Kunduz".
_TAKEN_OBJECT_RE = re.compile(r"(?i)\b([a-z]+)\s+(?:control\s+of\s+)?(?:the\s+(?:[a-z]+\s+)?"
                              r"(?:city|town|province|capital)\s+of\s+)?$")


def _in_subject_slot(text: str, span: Span, verb: str | None) -> bool:
    """Whether a phrase is the subject of the question's verb ("the Scottish Government can
    introduce" for "Who may introduce...?") or its agent ("designed by Enric Miralles"), or,
    for a verb like "fall", what a window says was taken ("the Taliban captured Faizabad" for
    "Which city had fallen...?", not the Mazar Ghani arrived in).

    >>> text = "Ghani arrived in Mazar as the Taliban captured Faizabad. Kunduz was seized."
    >>> [span.text for span in find_spans(text) if _in_subject_slot(text, span, "fall")]
    ['Faizabad', 'Kunduz']
    """
    if verb is None:
        return False
    after = [w.lower() for w in _WORD_RE.findall(text[span.end : span.end + 60])]
    following = next((w for w in after[:4] if w not in _BETWEEN_SUBJECT_AND_VERB), "")
    # Not a participle: "conquered England killing King Harold" does not say England killed.
    if not following.endswith("ing") and _verb_stem(following) == [verb]:
        return True
    if verb == "fall" and span.kind in ("place", "name"):
        taken = _taking_a_place()
        if _BE & set(after[:3]) and set(_verb_stem(following)) & taken:
            return True  # "Faizabad was captured"
        object_of = _TAKEN_OBJECT_RE.search(text[max(0, span.start - 60) : span.start])
        if object_of and set(_verb_stem(object_of.group(1))) & taken:
            return True  # "captured Faizabad", "wrested control of the city of Kunduz"
    before = [w.lower() for w in _WORD_RE.findall(text[max(0, span.start - 80) : span.start])]
    # "...was designed by Spanish architect Enric Miralles", "given royal assent by Queen
    # Elizabeth II": the verb at most three words before "by", at most three words before the
    # phrase.
    for back in range(1, 5):
        if len(before) <= back:
            break
        if before[-back] == "by":
            return any(_verb_stem(w) == [verb] for w in before[max(0, -back - 3) : -back])
    return False


_LEADING_WORDS = {"the", "a", "an", "former", "new", "old", "his", "her", "their", "its"}
# The noun a which/what question names its answer by ("which province", "what river").
_TYPE_NOUN_RE = re.compile(r"\b(?:which|what)\s+(?:[A-Za-z-]+\s+)?(province|city|town|river|"
                           r"country|region|district|state|island|capital|village|county)\b",
                           re.IGNORECASE)


def _named_as(text: str, span: Span, noun: str | None) -> bool:
    """Whether the window calls the phrase what the question asks for ("the province of
    Paktika", "Kunduz province", "the river Deabolis")."""
    if noun is None:
        return False
    before, after = text[max(0, span.start - 20) : span.start], text[span.end : span.end + 20]
    return bool(re.search(r"\b" + noun + r"(?:\s+of)?\s+$", before, re.IGNORECASE)
                or re.match(r"\s+" + noun + r"\b", after, re.IGNORECASE))


_DETERMINER_BEFORE_RE = re.compile(r"(?i)\b(?:the|a|an|its|their|his|her|this|that)\s+$")


def _sentences_saying(text: str, deed: str) -> list[tuple[int, int]]:
    """The sentences of a window (offsets) that say the deed."""
    return [(start, end) for start, end in sentence_spans(text) if _does(text[start:end], deed)]


def _does(text: str, deed: str) -> bool:
    """Whether a window says the deed a who-question asks about as something done, not as a
    thing ("The capture of Kunduz is quite significant," an analyst said: nobody captured).

    >>> _does("The Taliban captured Kunduz.", "captured")
    True
    >>> _does("The capture of Kunduz is significant.", "captured")
    False
    >>> _does("Hichilema has won the election.", "won")
    True
    """
    # Its own words, however short ("won", "led", "met": `_anchors` takes four letters or more).
    said = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]{3,}", text)
            if m.group(0).lower() == deed.lower()] if len(deed) < 4 else _anchors(text, deed)
    return any(not _DETERMINER_BEFORE_RE.search(text[max(0, start - 8) : start])
               for start, _ in said)


def _anchors(text: str, question: str) -> list[tuple[int, int]]:
    """Where the question's content words occur in a window, compared by their first five
    letters or their stem ("married" for "marry")."""
    prefixes = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", question)}
    stems = set(terms(question))
    found = list(re.finditer(r"[A-Za-z]{4,}", text))
    stems_of = terms_of([m.group(0) for m in found])
    return [(m.start(), m.end()) for m, its_stems in zip(found, stems_of)
            if m.group(0).lower()[:5] in prefixes or set(its_stems) & stems]


def _distance(span: Span, anchors: list[tuple[int, int]]) -> int:
    """Characters between a phrase and the nearest word of the question outside it (a name the
    question shares with the phrase, "Kublai" in "Kublai Khan", is no sign it answers)."""
    gaps = [span.start - end if end <= span.start else start - span.end
            for start, end in anchors if end <= span.start or start >= span.end]
    return min(gaps) if gaps else span.start + 1000
