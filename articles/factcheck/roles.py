"""What a text says a person is: the role given with a name, in the three ways news copy gives
it ("County Engineer Marisol Teague"; "Peter Gaunt, director of the authority,"; "The council's
leader, Anne Marbury,") and as a clause ("Anne Marbury, who chairs the planning committee")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.text.titles import TITLES

# Nouns that name what a person does, folded to one form ("chairwoman" and "chairs" are chair;
# a leader, chief or director heads something; a solicitor is a lawyer).
_HEADS = {
    **dict.fromkeys(
        """manager engineer economist lawyer officer executive head spokesperson secretary
        treasurer trustee governor mayor councillor member minister president chair principal
        superintendent commissioner inspector coroner editor founder owner coordinator coxswain
        pilot captain warden administrator analyst scientist researcher professor lecturer
        teacher nurse doctor surgeon consultant vet adviser organiser convener clerk registrar
        judge magistrate prosecutor detective sergeant constable sheriff marshal ranger
        operator controller supervisor foreman steward curator keeper planner architect
        surveyor accountant auditor auctioneer landlord""".split(),
        "",
    ),
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair", "chairs": "chair",
    "heads": "head", "leads": "head", "leader": "head", "chief": "head", "boss": "head",
    "director": "head", "runs": "head", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "councilor": "councillor", "cllr": "councillor",
    "councilmember": "councillor", "councilman": "councillor", "councilwoman": "councillor",
    "alderman": "councillor", "ceo": "executive", "counsel": "lawyer", "attorney": "lawyer",
    "attorneys": "lawyer", "solicitor": "lawyer", "barrister": "lawyer", "advisor": "adviser",
    "organizer": "organiser", "headteacher": "principal",
}  # fmt: skip
# Two words that are one role: a head teacher is a principal, a press officer a spokesperson.
_PAIRS = {
    ("head", "teacher"): "principal",
    ("council", "member"): "councillor",
    ("press", "officer"): "spokesperson",
    ("communications", "officer"): "spokesperson",
    ("media", "officer"): "spokesperson",
}
# Words of a role that does what a head word names: a spokesman is the council's "head of
# communications"; a member of the council is a councillor.
ALIKE = {"spokesperson": frozenset("communications press media".split())}
HEAD_WORDS = frozenset(_HEADS)
# Words that change the rank of a role: a deputy chief officer is not the chief officer.
RANKS = frozenset("deputy assistant acting interim vice former associate ex".split())
_FORMER = frozenset({"ex", "then"})  # "Ex-mayor", "Then-mayor": former

_TITLE_WORDS = HEAD_WORDS | RANKS | TITLES
_NAME = r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})"
_HEAD = "|".join(sorted(HEAD_WORDS, key=len, reverse=True))
# "Assistant District Attorney Colin Mayhew", "Acting police chief Mark Dole": read from the
# head word, with the capitalised words before it (or one and up to two lower-case ones).
_TITLED = re.compile(rf"\b(?i:{_HEAD})\b")
_HYPHENED = re.compile(r"\b[\w'’]+[-‐]$")
_NAME_NEXT = re.compile(rf"\s+{_NAME}(?![\w'’-])")
_TITLE_BEFORE = re.compile(
    r"(?:[A-Z][\w'’-]*\s+(?:(?!(?:of|for|to|at|in|on|with|by|from|and|close)\b)[a-z][\w'’-]*\s+)"
    r"{0,2}|(?:[A-Z][\w'’-]*\s+){0,3})$"
)
# "Peter Gaunt, director of the Lennox County Economic Development Authority, said".
_AFTER = re.compile(
    rf"{_NAME},\s+(?:\d{{1,3}},\s+)?(?:(?:the|a|an)\s+|who\s+(?:is|was|serves\s+as|works\s+as)"
    r"\s+(?:the\s+|a\s+|an\s+)?|who\s+(?=(?:chairs|heads|leads|runs)\b))?"
    r"(?!who\b|which\b|whose\b)(?P<role>[^,;:\"“”()]{3,80}?)"
    r"(?=,|\s+(?:said|says|told|added|argued|wrote)\b|\.(?:\s|$))"
)
# "The festival's head of safety, Callum Breckett, said": read from the name, with up to six
# words before its comma.
_BEFORE = re.compile(rf",\s+{_NAME}(?=[,.])")
_WORDS_BEFORE = re.compile(
    r"(?:^|(?<=[.;:]\s)|\b(?:[Tt]he|[Aa]n?)\s+|\b[A-Z][\w'’-]*['’]s\s+)"
    r"(?:[\w'’-]+\s+){0,4}[\w'’-]+$"
)  # from a sentence's start, "the" or a possessive: "The festival's head of safety"


# "Helena Marchbank-Osei KC (chair)": a role phrase in brackets after a name, as in a list of
# members (not "Sam Reed (whose wife is a governor)").
_BRACKETED = re.compile(rf"{_NAME}(?:\s+[A-Z]{{2,3}})?\s*\((?P<role>[a-z]+(?:[ -][a-z]+){{0,2}})\)")
# "a panel chaired by Helena Marchbank-Osei" (not "chaired by Tom Hale until 2024"); "led by"
# and "run by" say who headed a march or a stall, no office.
_BY = re.compile(rf"\bchaired\s+by\s+{_NAME}(?![\w'’-])(?!,?\s+until\b)")


@dataclass(frozen=True)
class Role:
    """A role a text gives a named person."""

    name: str
    text: str  # as written: "director of the Lennox County Economic Development Authority"
    head: str  # folded: "head"
    ranks: frozenset[str]


def roles_in(text: str, start: int = 0, end: int | None = None) -> list[Role]:
    """The roles ``text[start:end]`` gives named people, each with its head word (a role
    without one of :data:`HEAD_WORDS` is not read)."""
    end = len(text) if end is None else end
    out = []
    for pattern in (_TITLED, _AFTER, _BEFORE, _BRACKETED, _BY):
        for m in pattern.finditer(text, start, end):
            head_at = m.start()
            if pattern is _TITLED:  # every role word, the next name after each
                hyphened = _HYPHENED.search(text, max(start, head_at - 30), head_at)
                if hyphened is not None:
                    head_at = hyphened.start()  # "Vice-chair", "Ex-mayor"
                m = _NAME_NEXT.match(text, m.end(), end)
                if m is None:
                    continue
            name = m["name"].split()
            while name and name[0].lower().rstrip(".") in _TITLE_WORDS:
                name = name[1:]  # "Councillor Bryony Akers, chair of ..."
            if len(name) < 2 or {w.lower() for w in name} & _TITLE_WORDS:
                continue  # "Deputy Chief Veterinary Officer": a role, not a name
            if pattern is _TITLED:
                before = _TITLE_BEFORE.search(text, max(start, head_at - 80), head_at)
                words = [*(before.group().split() if before else []), text[head_at : m.start()]]
            elif pattern is _BEFORE:
                before = _WORDS_BEFORE.search(text, max(start, m.start() - 120), m.start())
                words = before.group().split() if before else []
                if not _ends_on_role(words):
                    continue  # "After meeting the council leader on Tuesday, Ruth Kemp,"
            elif pattern is _BY:
                words = ["chair"]
            else:
                words = m["role"].split()
            head = _head(words)
            if head is not None:
                lower = {w.lower() for w in words}
                prefixes = {w.split("-")[0] for w in lower if "-" in w}  # "then-mayor"
                ranks = ((lower | prefixes) & RANKS) | ({"former"} if prefixes & _FORMER else set())
                ranks = frozenset(ranks - _FORMER)
                out.append(Role(" ".join(name), " ".join(words), head, ranks))
    return out


def _ends_on_role(words: list[str]) -> bool:
    """Whether a phrase is a role to its end: it ends on a role noun, or on one followed by
    "of ..." or "for ..." ("head of safety", not "the council leader on Tuesday")."""
    lower = [w.lower().strip(".,'’") for w in words]
    for n in range(len(lower) - 1, -1, -1):
        if lower[n] in _HEADS:
            return n == len(lower) - 1 or lower[n + 1] in ("of", "for")
    return False


def _head(words: list[str]) -> str | None:
    """The role's head word, folded: the first role noun before "of", "for" or "at" ("head of
    safety" -> head), else the last one ("Public Works Director" -> head)."""
    found = None
    previous = ""
    for word in words:
        lower = re.split(r"[-‐]", word.lower().strip(".,'’"))[-1]  # "vice-chair": chair
        if lower in ("of", "for", "at") and found is not None:
            if found == "member" and "council" in (w.lower() for w in words):
                found = "councillor"  # "a member of the council"
            break
        if (previous, lower) in _PAIRS:
            found = _PAIRS[(previous, lower)]
        elif lower in _HEADS:
            found = _HEADS[lower] or lower
        previous = lower
    return found
