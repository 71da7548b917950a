"""Word lists and patterns for negation, hedging, speculation, comparison and cause."""

from __future__ import annotations

import re

from .text import norm

NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot)\b|n['’]t\b"
    r"|\b(?:under\s+investigation|unknown|unclear|undetermined|has\s+yet\s+to|have\s+yet\s+to"
    r"|remains\s+to\s+be)\b",
    re.I,
)
# "won't reopen … until X" says the same as "will only reopen after X".
NOT_UNTIL = re.compile(r"\buntil\b", re.I)
ONLY_AFTER = re.compile(r"\bonly\b[^.;]*\b(?:after|once|when|if)\b", re.I)

_ANTONYM_PAIRS = (
    ("deny", "confirm"),
    ("deny", "admit"),
    ("reject", "approve"),
    ("acquit", "convict"),
    ("acquit", "guilty"),
    ("refuse", "agree"),
    ("lose", "win"),
    ("rise", "fall"),
    ("oppose", "support"),
    ("open", "close"),
    ("guilty", "innocent"),
    ("lift", "impose"),
    ("allow", "ban"),
    ("allow", "forbid"),
    ("praise", "criticize"),
    ("praise", "criticise"),
    ("welcome", "criticize"),
    ("welcome", "criticise"),
    ("above", "below"),
    ("higher", "lower"),
    ("high", "low"),
    ("small", "large"),
    ("small", "big"),
    ("minor", "major"),
    ("cheap", "expensive"),
    ("early", "late"),
    ("spur", "slow"),
    ("boost", "curb"),
    ("strengthen", "weaken"),
    ("improve", "worsen"),
    ("succeed", "fail"),
    ("success", "failure"),
    ("accept", "reject"),
    ("include", "exclude"),
    ("legal", "illegal"),
    ("secret", "public"),
    ("private", "public"),
    ("accidental", "deliberate"),
    ("accidentally", "deliberately"),
    ("accidentally", "intentionally"),
    ("safe", "dangerous"),
    ("positive", "negative"),
    ("temporary", "permanent"),
    ("domestic", "foreign"),
    ("rural", "urban"),
    ("buy", "sell"),
    ("lend", "borrow"),
    ("import", "export"),
    ("arrive", "depart"),
    ("defend", "attack"),
    ("gain", "loss"),
    ("profit", "loss"),
    ("surplus", "deficit"),
    ("majority", "minority"),
    # places and directions
    ("upstream", "downstream"),
    ("front", "rear"),
    ("front", "back"),
    ("north", "south"),
    ("east", "west"),
    ("northern", "southern"),
    ("eastern", "western"),
    ("inside", "outside"),
    ("inner", "outer"),
    ("upper", "lower"),
    ("top", "bottom"),
    ("entrance", "exit"),
    ("internal", "external"),
    # order, amount and change
    ("increase", "decrease"),
    ("increase", "decline"),
    ("increase", "drop"),
    ("rise", "decline"),
    ("rise", "down"),
    ("fall", "up"),
    ("increase", "down"),
    ("decline", "up"),
    ("drop", "up"),
    ("rise", "drop"),
    ("grew", "shrank"),
    ("faster", "slower"),
    ("fast", "slow"),
    ("longer", "shorter"),
    ("long", "short"),
    ("heavy", "light"),
    ("good", "poor"),
    ("better", "worse"),
    ("expand", "shrink"),
    ("maximum", "minimum"),
    ("full", "empty"),
    ("deep", "shallow"),
    ("wide", "narrow"),
    ("strong", "weak"),
    ("best", "worst"),
    ("always", "never"),
    ("tighten", "loosen"),
    ("tighten", "ease"),
    ("start", "stop"),
    ("appear", "disappear"),
    ("encourage", "discourage"),
    ("agree", "disagree"),
    ("overestimate", "underestimate"),
    # states and people
    ("busy", "quiet"),
    ("busiest", "quietest"),
    ("likely", "unlikely"),
    ("common", "rare"),
    ("frequent", "rare"),
    ("often", "rarely"),
    ("grant", "refuse"),
    ("grant", "deny"),
    ("wet", "dry"),
    ("hot", "cold"),
    ("alive", "dead"),
    ("present", "absent"),
    ("employed", "unemployed"),
    ("victory", "defeat"),
    ("senior", "junior"),
    ("male", "female"),
    ("men", "women"),
    ("summer", "winter"),
)
ANTONYMS: dict[str, set[str]] = {}
for _a, _b in _ANTONYM_PAIRS:
    ANTONYMS.setdefault(norm(_a), set()).add(norm(_b))
    ANTONYMS.setdefault(norm(_b), set()).add(norm(_a))

# "Could" as a guess; "could not", "could no longer" say what was not possible.
_COULD = r"could(?!\s+(?:not|never|no\s+longer|hardly|barely)\b)"
# "Proposed" hedges what is still a proposal ("cuts proposed by the council"), not the
# participle of one whose fate the sentence gives ("An amendment ..., proposed by Callum
# Reith, was defeated").
HEDGES = re.compile(
    rf"\b(?:{_COULD}|may|might|consider|considering|[Ii]f|unless|possible"
    r"|possibly"
    r"|(?:(?<=\bit['’]s\s)|(?<=\bhe['’]s\s)|(?<=\bshe['’]s\s)|(?<=\bthat['’]s\s)"
    r"|(?<=\bwho['’]s\s)|(?<!['’]s\s))(?<!\bthe\s)(?<!\bits\s)(?<!their\s)"
    r"(?:plans|planned|planning)\s+to"
    r"|as\s+planned"
    r"|intends?|intended|(?<!,\s)propose[sd]?|propose[sd]?(?!\s+by\b)|proposal|expects?|expected"
    r"|estimates?|estimated"
    r"|options?|hopes?|hoped|aims?|likely|unlikely|probably|potential|potentially|perhaps)\b"
)
# A draft sentence framed as a prediction or plan may report a hedged source without "will".
FRAMING = re.compile(
    r"\b(?:forecasts?|forecast|warned|warns|predicted|predicts|projected|scheduled|set\s+to"
    r"|put(?:s|ting)?(?=\s+(?:the|its|their|his|her)\b[^.,;]{0,60}?\bat\s+(?:about\s+)?"
    r"[$£€\d]))",  # "put the cost at £410,000": an estimate
    re.I,
)
CERTAIN = re.compile(r"\b(?:will|won['’]t|definitely|certainly|is\s+going\s+to)\b", re.I)

SPECULATION = re.compile(
    rf"\b(?:likely|unlikely|probably|possibly|perhaps|may|might|{_COULD}"
    r"|(?:appears?|appeared)(?!\s+(?:out|from|in|on|at|before)\b)|seems?"
    r"|seemed|apparently|expected\s+to|experts?|analysts?|observers|critics|economists\s+say"
    r"|widely\s+(?:seen|believed|expected|regarded|considered)|some\s+say|many\s+believe"
    r"|fears?|feared|worr(?:y|ies|ied|ying)|risks?|concerns?|concerning|eventually"
    r"|dramatic(?:ally)?|alarming|troubling|shocking|stunning|remarkable|impressive"
    r"|disappointing|devastating|dangerous(?:ly)?|controversial|historic|unprecedented|massive"
    r"|huge|crucial|vital|significant(?:ly)?|serious(?:ly)?|severe(?:ly)?|sharp(?:ly)?"
    r"|staggering|unfortunately|clearly|obviously|surely|undoubtedly"
    r"|(?:all\s+but\s+|almost\s+|virtually\s+)?(?:certain|sure|destined"
    r"|(?<!legally\s)(?<!contractually\s)(?<!duty\s)(?<!duty-)bound)\s+to"
    r"(?!\s+(?:a|an|the|his|her|their|its)\b))\b",
    re.I,
)

# Words after "most" that make it a share ("most of them", "most at Tessel Glassworks", "most
# were") rather than a superlative ("most important").
_NOT_ADJECTIVE = (
    r"(?:of|at|in|on|from|to|for|by|with|near|were|was|are|is|had|have|has|will|would|could|"
    r"did|do|said|say|says|came|went|been|them|they|those|these)\b"
)
SUPERLATIVE = re.compile(
    r"\b(?:highest|lowest|largest|biggest|smallest|greatest|fewest|fastest|slowest|worst|best"
    r"|busiest|deadliest|longest|shortest|strongest|weakest|oldest|newest|youngest|costliest"
    rf"|wettest|driest|hottest|coldest|warmest|(?<!at\s)most\s+(?!{_NOT_ADJECTIVE})[a-z]+"
    rf"|(?<!at\s)least\s+(?!{_NOT_ADJECTIVE})[a-z]+"
    r"|the\s+first|the\s+only)\b",
    re.I,
)
NEW_RECORD = re.compile(
    r"\b(?:new\s+record|record[\s-](?:high|low|number|level|breaking)|(?:set|broke|breaking|beat)"
    r"\s+(?:a|the)\s+(?:new\s+)?record|all[\s-]time\s+(?:high|low)|(?:highest|lowest)\s+ever)\b",
    re.I,
)
ORDINAL_BEFORE = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
    r"[\s-]+$",
    re.I,
)
COMPARATIVE = re.compile(
    r"\b(?:below|above|(?:just\s+)?(?:short|shy)\s+of(?=\s+(?:the|its|their|his|her|our|a|an"
    r"|half|one|two|three|four|five|six|seven|eight|nine|ten)\b|\s+[$£€\d])"
    r"|exceed(?:s|ed|ing)?|outpac(?:e|es|ed|ing)"
    r"|surpass(?:es|ed|ing)?"
    r"|(?:higher|lower|more|less|fewer|greater|larger|smaller|bigger|better|worse)\s+than"
    r"|compared\s+(?:with|to))\b",
    re.I,
)
GREATER = re.compile(r"above|exceed|outpac|surpass|higher|more|greater|larger|bigger", re.I)

CLAIM_CAUSE = re.compile(
    r"\b(?:because(?:\s+of)?|due\s+to|caused\s+by|owing\s+to|thanks\s+to|as\s+a\s+result\s+of"
    r"|(?:led|leading|lead|leads)\s+to|result(?:ed|s)?\s+in|(?:blame[sd]?|attribut\w+)\b"
    r"|made\s+(?:\w+\s+){0,5}?(?:worse|better|harder|easier)|fuel(?:l)?ed|triggered|sparked"
    r"|prompted|(?<!what\s)(?<!whether\s)caused)\b",
    re.I,
)
SOURCE_CAUSE = re.compile(
    CLAIM_CAUSE.pattern + r"|,\s+so\s+|\bso\s+that\b|\bcaus(?:es|ing)\b", re.I
)
