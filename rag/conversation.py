"""The question as asked: checked (a clear error for one that cannot be asked), and read
against the conversation it follows (a follow-up's search widened with the previous question).
"""

from __future__ import annotations

import html
import re
from typing import Any, Iterable

from newsrag.errors import RagError
from rag.evidence import question_terms

MAX_QUESTION_CHARS = 2000
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# A follow-up leans on the conversation: pronouns and places it does not name.
_FOLLOW_UP_RE = re.compile(
    r"\b(he|she|him|her|his|they|them|their|it|its|there|that|this|those|these|then)\b", re.I
)


def check_question(question: object) -> str:
    """The question, tidied; a RagError saying what to do when it cannot be asked."""
    if not isinstance(question, str):
        raise RagError("the question must be text")
    text = _CONTROL_RE.sub(" ", question).strip()
    if not text:
        raise RagError("the question is empty - type a question about the articles")
    if len(text) > MAX_QUESTION_CHARS:
        raise RagError(
            f"the question is {len(text):,} characters long - keep it under "
            f"{MAX_QUESTION_CHARS:,} (ask about one thing at a time)"
        )
    return re.sub(r"\s+", " ", text)


def conversation(history: Iterable[Any] | None) -> list[tuple[str, str]]:
    """(question, answer) pairs from a history of {"role", "content"} messages (as Gradio keeps
    them) or of (question, answer) pairs."""
    pairs: list[tuple[str, str]] = []
    for turn in history or []:
        if isinstance(turn, dict):
            content = _text_of(turn.get("content"))
            if content is None:
                continue
            if turn.get("role") == "user":
                pairs.append((content, ""))
            elif turn.get("role") == "assistant" and pairs and not pairs[-1][1]:
                pairs[-1] = (pairs[-1][0], content)
        elif isinstance(turn, (list, tuple)) and turn and isinstance(turn[0], str):
            reply = turn[1] if len(turn) > 1 and isinstance(turn[1], str) else ""
            pairs.append((turn[0], reply))
    return pairs


def _text_of(content: object) -> str | None:
    """Message content as text: a string, or Gradio's list of {"type": "text", "text"} parts."""
    if isinstance(content, str):
        return html.unescape(content)
    if isinstance(content, dict):
        return _text_of(content.get("text"))
    if isinstance(content, list):
        texts = [t for part in content if (t := _text_of(part))]
        return " ".join(texts) if texts else None
    return None


def leans_on_conversation(question: str) -> bool:
    """A pronoun, or too few words of its own to search with."""
    return bool(_FOLLOW_UP_RE.search(question)) or len(question_terms(question)) < 2


def resolve_follow_up(question: str, history: Iterable[Any] | None) -> str:
    """The offline way to read a follow-up: when the question leans on the conversation (a pronoun,
    or too few words of its own), search with the previous question's words added. Honest and
    simple: it never guesses a name, it only widens the search with words the user already used.

    >>> resolve_follow_up("And who did he meet there?", [("Where did Ghani fly to?", "Mazar")])
    'And who did he meet there? Where did Ghani fly to?'
    """
    previous = conversation(history)
    if previous and leans_on_conversation(question):
        return f"{question} {previous[-1][0]}"
    return question
