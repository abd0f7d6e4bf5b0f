"""Strip news-page boilerplate while keeping every sentence of the article body.

News pages wrap the story in furniture that is the same across outlets even when the words differ:
appeals for money in the outlet's own voice ("Your support helps us to tell the story"), newsletter
forms, comment widgets, share bars, mirror-site notices, photo credits, course ads, and the
headline repeated as a caption. The cleaner recognises those *kinds* of line, not particular
outlets' lines, so it generalises to pages it has never seen:

- patterns for page furniture (forms, widgets, credits, contact lines, all-caps banners);
- the outlet's own voice ("we", "our", "us" outside quotation marks) together with the vocabulary
  of appeals (journalism, donations, paywalls, subscriptions) marks an appeal sentence; a paragraph
  that is mostly appeal is dropped whole, otherwise only its appeal sentences;
- once the page footer has started (a comment, share or newsletter widget near the end), the short
  non-sentence lines after it (app badges, domain names) go too;
- a short line repeating an earlier one (the headline echoed under a photo) goes.

Whitespace is normalised (non-breaking spaces, runs of spaces) so that quoted passages read cleanly;
paragraphs are joined by a blank line. Citations quote the cleaned text, so offsets always refer to it.

>>> clean("Headline\\nYour support helps us to tell the story\\nThe city fell on Saturday.\\nShare this article")
'Headline\\n\\nThe city fell on Saturday.'
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

# Lines that are page furniture wherever they appear.
_FURNITURE = [
    r"\byour (continued )?(support|donation|contribution|subscription)s?\b",
    r"\bsubscribe (to|now|today|for)\b",
    r"\bnewsletter\b",
    r"\bmailchimp\b",
    r"\bindicates required\b",
    r"\bcomment(s|ing)? (forum|section|policy|below)\b",
    r"\bjoin (the|our) (conversation|discussion|debate)\b",
    r"\bthought-provoking conversations\b",
    r"\b(follow|like) us on\b",
    r"^(share|tweet|email|print|whatsapp|facebook|twitter|reddit|linkedin)( this( article| story)?)?[.!:]?$",
    r"^(facebook |disqus )?comments?( \(\d+\))?$",
    r"^(image|photo|picture|video|graphic)s? ?(source|credit|courtesy)s?\s*:",
    r"\((photo |image |file photo )?(by|via|credit:?|source:?) [^()]{1,40}\)\s*$",
    r"\bcan also be accessed at\b",
    r"\balternate (web )?address(es)?\b",
    r"\bviews and opinions expressed\b",
    r"\b(certificate|online) course\b",
    r"\bjoin today\b",
    r"\ball rights reserved\b",
    r"^(©|copyright\b)",
    r"^(advertisement|sponsored( content)?|read more|related( articles| stories| news)?)[.:]?$",
    r"\bclick here\b",
    r"\bmade with\b.*\b(mailchimp|wordpress|substack)\b",
]
_FURNITURE_RE = re.compile("|".join(f"(?:{p})" for p in _FURNITURE), re.IGNORECASE)
# Every pattern above contains one of these (lower case); a line with none cannot match.
_FURNITURE_WORDS = (
    "support", "donation", "contribution", "subscri", "newsletter", "mailchimp", "required",
    "comment", "join", "thought-provoking", "follow", "like us", "share", "tweet", "email", "print",
    "whatsapp", "facebook", "twitter", "reddit", "linkedin", "image", "photo", "picture", "video",
    "graphic", "(", "accessed", "alternate", "opinions", "course", "rights reserved", "©",
    "copyright", "advertisement", "sponsored", "read more", "related", "click here", "made with",
)

# Widgets that mark the start of the page footer.
_FOOTER_RE = re.compile(
    r"comment|share this|subscribe|newsletter|can also be accessed|alternate address|"
    r"views and opinions expressed|all rights reserved",
    re.IGNORECASE,
)

_FORM_FIELD_RE = re.compile(
    r"^((full |first |last |your )?name|e-?mail( address)?|phone|subscribe|submit|sign up|"
    r"register)\s*\*?[.!]?$|\*\s*$|^\*",
    re.IGNORECASE,
)
_CONTACT_RE = re.compile(
    r"^(https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+|\(?\+?\d[\d\s().-]{6,}\d|"
    r"[\w-]+(\.[\w-]+)*\.(com|org|net|in|uk|ir|io|co|info|news|tv))$",
    re.IGNORECASE,
)
# "News / Afghanistan", "Home > World > Asia"
_BREADCRUMB_RE = re.compile(r"^[\w .'-]{1,30}(\s*[/›»>|]\s*[\w .'-]{1,30})+$")

# The outlet speaking for itself: first person outside quotation marks...
# Case-sensitive on purpose: "US" is the country, "us" the outlet.
_OWN_VOICE_RE = re.compile(r"\b([Ww]e|[Oo]urs?|us|[Ww]e're|[Ww]e've)\b")
# ...about the things outlets appeal for.
_APPEAL_RE = re.compile(
    r"\b(journalis\w*|reporting|reporters|paywalls?|donat\w*|subscri\w*|readers?|documentar\w*|"
    r"newsroom|advertis\w*|membership|independent journalism|support)\b",
    re.IGNORECASE,
)
_QUOTED_RE = re.compile(r"“[^”]*”?|\"[^\"]*\"?|‘[^’]*’(?!\w)")

# A sentence glued to the next one by a missing space: "...all the difference.THE TALIBAN..."
_GLUED_RE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][A-Za-z])")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_SENTENCE_END = (".", "!", "?", "”", '"', "’", ":", ";", ")")


@lru_cache(maxsize=1)
def _punkt():  # type: ignore[no-untyped-def]
    # The untrained Punkt model needs no downloaded data; it is what llama-index's splitter uses.
    # Untrained, it knows no abbreviation and ends a sentence at every one: "after 1 p.m." | "on
    # Monday", "Mr." | "Smith met Dr." | "Jones". News writes these; they end no sentence.
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    parameters = PunktParameters()
    parameters.abbrev_types = set(NEWS_ABBREVIATIONS.split())
    return PunktSentenceTokenizer(parameters)


# Abbreviations news writes with a period (lower case, without the last period, as Punkt reads
# them): titles, a.m. and p.m., countries and the US states of datelines ("SAN JOSE, Calif. —"),
# months, and companies' "Inc." and "Co.". Not those that are also words a sentence may end on
# ("no.", "fell ill.", "iron ore.", "Miss."/"to miss."): before a capital, an abbreviation ends
# no sentence ("moved to the U.S. The rest" stays one), so only unambiguous ones are listed.
NEWS_ABBREVIATIONS = (
    "mr mrs ms dr prof sr jr st gov sen rep gen lt col maj capt cmdr sgt adm pres rev hon atty "
    "supt insp det messrs mme mlle "
    "a.m p.m i.e e.g etc vs approx dept univ assn ave blvd rd mt ft "
    "u.s u.k u.n e.u d.c u.s.a "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "ala ariz ark calif colo conn del fla ind kan ky md mich minn mont "
    "neb nev okla tenn tex vt wis wyo n.y n.j n.c s.c n.d s.d n.h n.m w.va "
    "inc corp co ltd llc plc bros")


# One sentence, no need to ask Punkt: no sentence end followed by more text.
_MAYBE_SEVERAL_RE = re.compile(r"[.!?][\"”’)\]]*\s+\S|[a-z]{2}[.!?][A-Z]")


@lru_cache(maxsize=4096)
def _line_spans(line: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans of one line. Cached: cleaning and chunking both split the same paragraphs
    of one article (so a few thousand entries are plenty: paragraphs rarely recur across articles,
    and at 65k entries the cache held ~80 MB of an ingest's memory)."""
    if not _MAYBE_SEVERAL_RE.search(line):
        stripped = line.strip()
        if not stripped:
            return ()
        lead = len(line) - len(line.lstrip())
        return ((lead, lead + len(stripped)),)
    spans = []
    piece_start = 0
    for piece in _GLUED_RE.split(line):
        for s, e in _punkt().span_tokenize(piece):
            # Trim spaces so each span starts and ends on a visible character.
            seg = piece[s:e]
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg) - len(seg.rstrip())
            if e - trail > s + lead:
                spans.append((piece_start + s + lead, piece_start + e - trail))
        piece_start += len(piece)
    return tuple(spans)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`; a line break always ends a sentence.

    >>> sentence_spans("One fact. Another one!\\nA heading")
    [(0, 9), (10, 22), (23, 32)]
    >>> text = "Mr. Smith met Gov. Newsom at 1 p.m. on Monday. They talked."
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Mr. Smith met Gov. Newsom at 1 p.m. on Monday.', 'They talked.']
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        spans.extend((offset + s, offset + e) for s, e in _line_spans(line))
        offset += len(line) + 1
    return spans


def _words(line: str) -> int:
    return len(line.split())


def _is_sentence(line: str) -> bool:
    return _words(line) >= 8 and line.rstrip().endswith(_SENTENCE_END)


_DROP_LOWER = str.maketrans("", "", string.ascii_lowercase)


def _is_all_caps_banner(line: str) -> bool:
    # Most lines have plenty of lower case: rule them out at C speed before counting letters.
    if (len(line) - len(line.translate(_DROP_LOWER))) * 10 > len(line):
        return False
    letters = [c for c in line if c.isalpha()]
    return (
        _words(line) >= 2
        and len(letters) >= 6
        and sum(c.isupper() for c in letters) / len(letters) > 0.9
        and not line.rstrip().endswith(".")
    )


def _furniture_words(text: str) -> bool:
    """The furniture patterns, tried only when one of their words is there (the big alternation is
    slow, and most lines of a story contain none of these words)."""
    low = text.lower()
    return any(word in low for word in _FURNITURE_WORDS) and bool(_FURNITURE_RE.search(text))


def is_furniture(line: str) -> bool:
    """True for a line that belongs to the page rather than the story."""
    stripped = line.strip()
    return bool(
        _furniture_words(stripped)
        or (_words(stripped) <= 4 and _FORM_FIELD_RE.search(stripped))
        or _CONTACT_RE.match(stripped)
        or (_BREADCRUMB_RE.match(stripped) and _words(stripped) <= 8)
        or _is_all_caps_banner(stripped)
    )


def is_appeal(sentence: str) -> bool:
    """True for the outlet asking its readers for something, in its own voice.

    >>> is_appeal("Your donation allows us to keep sending journalists to speak to both sides.")
    True
    >>> is_appeal("“We ask the international community to accurately assess the reality,” he said.")
    False
    """
    unquoted = _QUOTED_RE.sub(" ", sentence)
    if _furniture_words(unquoted):
        return True
    return bool(_OWN_VOICE_RE.search(unquoted) and _APPEAL_RE.search(unquoted))


def _clean_paragraph(line: str) -> str:
    """Drop the appeal sentences of a paragraph, or all of it when they are the majority."""
    spans = sentence_spans(line)
    if not spans:
        return ""
    sentences = [line[s:e] for s, e in spans]
    # Quotation marks can span sentences; a sentence inside an open quote is someone else's voice.
    appeal = []
    open_quote = False
    for sentence in sentences:
        appeal.append(not open_quote and is_appeal(sentence))
        opens = sentence.count("“") + sentence.count('"') % 2
        closes = sentence.count("”")
        if sentence.count("“") or sentence.count("”"):
            open_quote = opens > closes if opens != closes else False
        elif sentence.count('"') % 2:
            open_quote = not open_quote
    if sum(appeal) * 2 >= len(sentences):
        return ""
    return " ".join(s for s, a in zip(sentences, appeal) if not a)


def clean(text: str) -> str:
    """Return the article body of a news page's text, paragraphs separated by a blank line."""
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    kept: list[str] = []
    seen: set[str] = set()
    in_footer = False
    for position, line in enumerate(lines):
        near_end = position >= len(lines) * 0.5
        # A paragraph of several sentences is judged sentence by sentence below, so one appeal
        # glued to the story ("...all the difference.THE TALIBAN...") does not take the story along.
        if is_furniture(line) and len(sentence_spans(line)) <= 1:
            if near_end and _FOOTER_RE.search(line):
                in_footer = True
            continue
        if in_footer and not _is_sentence(line):
            continue
        key = line.casefold()
        if key in seen and _words(line) <= 25:
            continue  # the headline echoed as a caption or a pull quote
        seen.add(key)
        paragraph = _clean_paragraph(line)
        if paragraph:
            kept.append(paragraph)
    return "\n\n".join(kept)


def headline(cleaned: str) -> str | None:
    """The first paragraph when it reads as a headline (short, no closing full stop)."""
    first = cleaned.split("\n", 1)[0].strip() if cleaned else ""
    if first and _words(first) <= 25 and not first.endswith((".", "!", "?", "”", '"')):
        return first
    return None
