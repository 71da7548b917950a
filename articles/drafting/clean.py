"""Source furniture that is not news: datelines, agency credits, bylines, release boilerplate,
header lines and titles, kept out of every draft (offline and LLM).

:func:`blank_furniture` blanks it in a source's text with spaces, so that every offset into the
text stays exact (citations and highlights point at the source as stored); :func:`clean_title`
cleans a source title. The dateline itself is ``articles.text.datelines``, which the sources
app uses too.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from articles.text.datelines import DATELINE
from articles.text.dates import MONTH, RELATIVE_DAYS, WEEKDAYS
from articles.text.numbers import NUMBER_WORDS
from articles.text.speech import QUOTED, SPEECH_VERB

_CREDIT_LINES = re.compile(
    r"^\s*(?:\(?(?:Reporting|Writing|Editing|Additional\s+reporting|Compiled|Edited|Written)"
    r"\s+by\b.*"
    r"|By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von))*\s*"
    r"|Post(?:ed)?\s+by\s+.*"
    r"|FOR\s+IMMEDIATE\s+RELEASE\b.*|#{3,}|-30-|ENDS?"
    r"|(?:Media|Press)\s+(?:contacts?|enquiries|inquiries)\s*:.*|Contact\s*:.*"
    r"|About\s+[A-Z][^:\n]{1,60}:\s.*"
    r"|(?:Dear|Hi|Hello)\s+[^\n]{1,40},|[A-Z][\w ]{1,30},"  # salutations, "Sincerely,"
    r")\s*$",
    re.MULTILINE,
)
_TERMINAL = re.compile(r"""[.!?:]["'”’)\]]*\s*$""")
# A forum post's edit marker: "EDIT 9:30 p.m.:", "Edit:", "UPDATE 10.15:".
_EDIT_MARK = re.compile(
    r"^\s*(?:EDIT|Edit|UPDATE|Update|ETA)(?:\s+\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?)?\s*:\s+"
)
# A live blog's time stamp opening an entry: "17:40 - The council says ...", "16:42 And we're
# racing again", "11:12 a.m. - Note from the jury".
_LIVE_STAMP = re.compile(
    r"^\s*(?:\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?\s*[-–—:]\s+|\d{1,2}:\d\d\s+(?=[A-Z\"“]))"
)  # not "2.45 Million people voted"
_LIST_ITEM = re.compile(r"^\s*(?:[-*•‣▪◦–—]|\(?\d{1,2}[.)])\s+\S")
_WHEN_WORDS = frozenset(
    [w.lower() for w in WEEKDAYS]
    + "issued updated posted published update as of at on a.m p.m am pm today".split()
)
_DATE_LINE = re.compile(rf"\b{MONTH}\b|\b(?:{'|'.join(WEEKDAYS)})\b|\d{{1,2}}:\d\d")
# "Status: ", "Repairs: " opening a paragraph of an update.
_LABEL = re.compile(r"^(?P<label>[A-Z][\w'’-]*(?:[ -][\w'’-]+){0,2}):\s+(?=[A-Z\d])")
_SAYS = re.compile(rf"\b(?:{SPEECH_VERB})\b", re.IGNORECASE)
HEADER_MAX_WORDS = 12
# A labelled line of an update giving a figure ("Length of roadway covered: approximately 400
# feet", "Occupants at time of collapse: approx. 180"): a fact, not a header.
_FIELD = re.compile(r"^\s*[A-Z][\w'’ ,()/-]{1,60}:\s+(?P<value>[^\n]+)$")
# A figure in a labelled line's value: digits or number words ("about four weeks", "Eleven").
_FIGURE = re.compile(
    rf"\d|^(?:(?:about|around|approx\.|approximately|some|nearly|almost|more\s+than|over|"
    rf"under|up\s+to|at\s+least)\s+)?(?:an?\s+)?(?:{'|'.join(NUMBER_WORDS)}|half)\b"
)  # a number word opens the value, in lower case ("Analysis: Ten years after" is a header)

# A time after a comma closing a header line ("..., Wednesday 3 December, 9 a.m."), whose
# "a.m." is not a sentence's full stop ("The roof came down at 9 p.m." is a sentence).
_CLOCK_END = re.compile(r",\s*\d{1,2}(?:[:.]\d\d)?\s*[ap]\.m\.$", re.IGNORECASE)
_TITLE_UPDATE = re.compile(r"^\s*(?:UPDATE|CORRECTED|REFILE|WRAPUP|EXCLUSIVE)\s*\d*\s*[-:—]\s*")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ")


def is_field_line(line: str) -> bool:
    """Whether ``line`` is a labelled line giving a figure ("Homes evacuated: 31"), not a
    sentence."""
    field = _FIELD.match(line)
    return bool(field and _FIGURE.search(field["value"].strip())) and not _TERMINAL.search(line)


def blank_furniture(text: str) -> str:
    """``text`` with its furniture replaced by spaces (line breaks kept): datelines and agency
    credits, a live blog's time stamps, bylines, release boilerplate ("FOR IMMEDIATE
    RELEASE", "###", "Media contact:"), salutations and signatures, and header lines (a
    short line with no closing punctuation that does not run on into the next: a title, a
    subhead, an outlet or a date)."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    lines = _lines(text)
    opening = True  # the line opens a paragraph: nothing but blanks before it
    for number, (start, end) in enumerate(lines):
        line = text[start:end]
        if not line.strip():
            opening = True
            continue
        if _CREDIT_LINES.match(line) or _is_header(text, lines, number):
            blank(start, end)
            continue
        title = _doc_title(line) if number < _TOP_LINES else 0
        if title:
            blank(start, start + title)  # the rest of the paragraph is reporting
        stamp = _LIVE_STAMP.match(line)
        if stamp:
            blank(start, start + stamp.end())
            opening = False
            continue
        if opening:
            opening = False
            edit = _EDIT_MARK.match(line)
            if edit:  # "EDIT 9:30 p.m.: Someone asked ...": the post goes on after it
                blank(start, start + edit.end())
                continue
            dateline = DATELINE.match(line)
            if dateline and not _LIST_ITEM.match(line):
                blank(start, start + dateline.end())
                continue
            label = _LABEL.match(line)
            field = is_field_line(line)
            if label and not field and not _SAYS.search(label["label"]) and len(line.split()) > 4:
                blank(start, start + label.end())
    return "".join(chars)


def _doc_title(line: str) -> int:
    """The length of a document's title opening a line as a sentence ("Preliminary report on
    the severe thunderstorm and large hail in the Tessaway Valley, ... 2027."), else 0."""
    if not _DOC_TITLE.match(line):
        return 0
    end = re.search(r"[.!?](?=\s+[A-Z\"“]|\s*$)", line)
    title = line[: end.end()] if end else line
    if end and not re.search(r"(?:19|20)\d\d\.$", title):
        return 0  # "Final report into the collapse found ...": a sentence, not a title
    return len(title)


_DOC_TITLE = re.compile(
    r"^\s*(?:(?:Preliminary|Initial|Interim|Final|Full|Latest)\s+"
    r"(?:report|statement|update|notice|summary|assessment|briefing|bulletin)\s+"
    r"(?:on|of|into|regarding|about|for)"
    r"|(?:Report|Statement|Update|Summary|Assessment|Briefing)\s+(?:on|into|regarding))\s",
)  # not "Report of a gunshot prompted police to close the road."
# A document's title is in its first lines.
_TOP_LINES = 12


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for part in text.split("\n"):
        spans.append((start, start + len(part)))
        start += len(part) + 1
    return spans


def _is_header(text: str, lines: list[tuple[int, int]], number: int) -> bool:
    """A short line that is not a sentence: no closing punctuation and the next line does not
    carry on from it (a title, a subhead, an outlet or a name), or a date and time alone."""
    start, end = lines[number]
    line = text[start:end].strip()
    if _LIST_ITEM.match(line) or is_field_line(line):
        return False
    tokens = line.split()
    if len(tokens) > HEADER_MAX_WORDS:
        return False
    if _DATE_LINE.search(line) and _only_when(tokens):
        return True
    if _TERMINAL.search(_CLOCK_END.sub("", line)):
        return False  # "... incident update, Wednesday 3 December, 9 a.m." is no sentence
    following = (
        text[lines[number + 1][0] : lines[number + 1][1]].strip() if number + 1 < len(lines) else ""
    )
    return not (following and following[0].islower())


def _only_when(tokens: list[str]) -> bool:
    """True when a line only says when: dates, days, times ("Issued 22:15, Monday 16 March")."""
    for token in tokens:
        word = token.strip(",.;-–—()").lower()
        if not word or word in _WHEN_WORDS or word[0].isdigit():
            continue
        if re.fullmatch(MONTH.lower() + r"\.?", word) or word in ("-", "—"):
            continue
        return False
    return True


def clean_title(title: str, outlet: str = "") -> str:
    """A source title without a wire prefix ("UPDATE 2-") or a trailing site name
    ("... - Outlet", "... | Site News")."""
    title = _TITLE_UPDATE.sub("", " ".join((title or "").split()))
    outlet_name = " ".join((outlet or "").split()).lower().removeprefix("the ")
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        tail = tail.strip().lower().removeprefix("the ")
        if not found or not head.strip():
            continue
        if (outlet_name and tail == outlet_name) or (separator == " | " and len(tail.split()) <= 4):
            return head.strip()
    return title


def same_title(a: str, b: str) -> bool:
    """Whether two headlines are the same words (case, punctuation and wire prefixes aside)."""

    def key(text: str) -> str:
        return " ".join(re.findall(r"[a-z0-9]+", clean_title(text).lower()))

    return key(a) == key(b)


# "today", "yesterday", "tonight", "this morning" ...: true only on the day a source was
# published; a draft says the day ("on Monday", "on Sunday night").
_RELATIVE_DAY = re.compile(
    r"^(?P<opening>Today,\s+)|\b(?P<word>today|yesterday|tomorrow|tonight|this\s+morning|"
    r"this\s+afternoon|this\s+evening|last\s+night)\b(?!['’]s)",
    re.IGNORECASE,
)
_PART_OF_DAY = {"tonight": " night", "this morning": " morning", "this afternoon": " afternoon",
                "this evening": " evening", "last night": " night"}  # fmt: skip
_PREPOSITION = re.compile(r"\b(?:through|since|until|till|by|from|before|after|over|on)\s+$", re.I)
_PAST = re.compile(r"\b(?:was|were|had|did|\w{3,}ed)\b")


def resolve_relative_days(sentence: str, published: date | None) -> str:
    """``sentence`` with "today", "yesterday", "tonight" ... said as the day they meant when
    the source was published ("Pentreath Health today provided" -> "Pentreath Health on
    Monday provided"). An opening "Today," is "On Monday," before a past tense and is dropped
    before a present one (it means "nowadays"); "today" after a lower-case word ("kids today
    spend") is left alone, and so is anything quoted. Without a publication date the relative
    day goes ("X today provided" -> "X provided"), unless a preposition needs it."""
    if not _RELATIVE_DAY.search(sentence):
        return sentence
    quoted = [m.span() for m in QUOTED.finditer(sentence)]
    closing = _lone_closing_quote(sentence)
    if closing is not None:
        quoted.append((0, closing))  # the end of a quote opened in the sentence before

    def said(m: re.Match[str]) -> str:
        if any(a <= m.start() < b for a, b in quoted):
            return m.group()
        if m["opening"]:
            if published is not None and _PAST.search(sentence, m.end()):
                return f"On {WEEKDAYS[published.weekday()]}, "
            return ""
        word = " ".join(m["word"].lower().split())
        before = sentence[: m.start()].split()
        common = before and (before[-1][:1].islower() or len(before) == 1)
        if word == "today" and common and not re.match(r"\s*(?:[.;:]|$)", sentence[m.end() :]):
            return m.group()  # "kids today spend": nowadays
        after_preposition = _PREPOSITION.search(sentence, 0, m.start())
        if published is None:
            return m.group() if after_preposition else ""  # no day to say: say none
        day = WEEKDAYS[(published + timedelta(days=RELATIVE_DAYS[word])).weekday()]
        return f"{'' if after_preposition else 'on '}{day}{_PART_OF_DAY.get(word, '')}"

    text = " ".join(_RELATIVE_DAY.sub(said, sentence).split())
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    return text[:1].upper() + text[1:]


def _lone_closing_quote(sentence: str) -> int | None:
    """Where a quotation opened in an earlier sentence ends in this one: a closing mark before
    any opening one (`We will reopen tomorrow," the owner said.`)."""
    curly = sentence.find("”")
    if curly >= 0 and ("“" not in sentence[:curly]):
        return curly
    straight = [i for i, c in enumerate(sentence) if c == '"']
    if (
        len(straight) % 2 == 1
        and straight[0] > 0
        and not sentence[straight[0] - 1].isspace()
        and re.match(r'"[\s,.;:!?]', sentence[straight[0] :] + " ")
    ):
        return straight[0]
    return None
