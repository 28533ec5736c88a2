"""The offline copilot: intent rules and entity extraction that turn a question into one tool call, with no LLM.

The router only decides *which* tool to call with *which* arguments; the capabilities in `tools/` do the work and
`bot/render.py` writes the answer, exactly as for the LLM agent. When the router is not sure, it says so and offers
examples instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property, lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process
from sqlalchemy import text as sql_text
from sqlmodel import Session, col, select

from bot.copilot import slots
from store.models import STAGE_LABELS, Company, Owner, stored_id
from store.stages import DEFAULT_STAGES, Stage, stage_catalog
from tools.capabilities import all_capabilities
from tools.parsing.amounts import parse_amount_floor
from tools.parsing.dates import month_bounds
from tools.parsing.periods import (
    DAY_COUNT,
    PERIOD_RE,
    days_of,
    parse_closing_period,
    parse_date_window,
    parse_days,
    parse_period,
    without_created,
)
from tools.resolve import team_leads


@dataclass
class Understanding:
    """The router's decision: an intent, the tool and arguments to run, and anything the asker should know."""

    intent: str
    tool: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    """Assumptions made (e.g. "assumed 5 days"), shown with the answer."""
    problem: str | None = None
    """Why the router cannot answer (it then offers examples)."""
    confidence: float = 1.0
    """How sure understanding is of the capability (the classifier's probability when it was consulted)."""
    choices: list[Choice] = field(default_factory=list)
    """When not sure: the candidate readings to offer as a clarifying question (buttons, numbered choices)."""
    unapplied: list[str] = field(default_factory=list)
    """What the question asked that the answer could not apply ("a stage filter"), said with the answer."""


class Unapplied(str):
    """A filter the question said and the answer could not apply, with the kind of slot it is ("amount", "period").

    A string (said as is with the answer, compared and serialised as one) that also carries its kind, so the checks
    of what else went unreflected know which slots were already said by kind, never by words of the label: "a
    contact or role filter (deals filter on owner, stage, amount ...)" is no amount said.
    """

    kind: str | None

    def __new__(cls, text: str, kind: str | None = None) -> Unapplied:
        """Make the label `text` of a filter of `kind`."""
        made = super().__new__(cls, text)
        made.kind = kind
        return made


def slot_kinds(said: list[str]) -> set[str]:
    """The kinds of slot the filters in `said` are (a label made without a kind has none)."""
    return {kind for label in said if (kind := getattr(label, "kind", None))}


@dataclass(frozen=True)
class Choice:
    """One reading of an unclear question: a capability, its arguments and how to say it."""

    label: str
    tool: str
    args: dict[str, Any] = field(default_factory=dict)


# --- vocabulary ------------------------------------------------------------------------------------------------------

# Words the typo-corrector may map a misspelt token onto (only tokens of 4+ letters that are not names).
KEYWORDS = [
    "landing", "unresponsive", "responded", "worry", "attention", "stuck", "stalled", "trouble", "ghost", "funnel",
    "pipe", "takeaways", "highlights", "competitor", "discount", "security", "timing", "priority", "procurement",
    "spreadsheet", "counter", "pushback",
    "silent", "silence", "quiet", "latest", "brief", "briefing", "pipeline", "closing", "close", "closes", "risk",
    "risky", "objection", "objections", "summary", "summarize", "summarise", "summarise", "recap", "transcript",
    "call", "calls", "handle", "handling", "quarter", "month", "week", "stage", "stages", "owner", "owners",
    "deals", "deal", "status", "update", "meeting", "prepare", "prep", "tomorrow", "today", "business", "days",
    "weeks", "contract", "negotiation", "presentation", "qualified", "appointment", "decision", "help", "score",
    "scoring", "lead", "leads", "forecast", "breakdown", "respond", "response", "pricing", "expensive",
    "competitor", "trouble", "slipping", "stalled", "ghosting", "ghosted", "heard", "reply", "replied", "engaged",
    "engagement", "going", "happening", "where", "which", "what", "everything", "latest", "news", "last", "recent",
    "amount", "total", "over", "above", "greater", "larger", "bigger", "won", "lost",
    "persona", "personas", "battlecard", "performance", "likelihood", "debrief",
]  # fmt: skip
_KEYWORD_SET = frozenset(KEYWORDS)

STAGE_WORDS: tuple[tuple[str, str], ...] = (
    (
        r"appointment(?:s)?(?:[- ]scheduled)?|\bappts?(?:[- ]scheduled)?\b|first meeting|early[- ]stage",
        "appointmentscheduled",
    ),
    # "disqualified", "unqualified" leads are not the Qualified-to-buy stage
    (
        r"(?<!dis)(?<!un)(?<!de)qualified(?:[- ]to[- ]buy)?|(?<!dis)qualification|early[- ]stage|\bqtb\b",
        "qualifiedtobuy",
    ),
    (r"presentation(?:s)?(?:[- ]scheduled)?|demo[- ]stage|demo[- ]scheduled", "presentationscheduled"),
    (
        # "the decision maker" of an account is a person (its stakeholders), not the stage: "who's the decision maker"
        r"decision[- ]?makers?[- ](?:bought[- ]in|stage)"
        r"|(?<!\bthe )(?<!\ba )(?<!\btheir )(?<!\bour )(?<!\bany )(?<!\bmain )\bdecision[- ]?maker\b(?!s)"
        r"|bought[- ]in|buy-in stage|late[- ]stage|\bd\.?m\.?b\.?i\b"
        r"|\bdm[- ]stage\b",
        "decisionmakerboughtin",
    ),
    (
        r"contract(?:s)?[- ]sent|contract[- ]stage|in contract|negotiation|negotiating|late[- ]stage"
        r"|\bcontract(?:s|'s)? (?:is |are |has been |have been |been |'s been |went |sent |has gone |have gone "
        r"|'s gone |got sent )?out\b",
        "contractsent",
    ),
    (r"closed[- ]won|deals (?:we )?won|\bwon deals|closed[- ]lost\s*(?:and|or|/|&|\+)\s*won\b", "closedwon"),
    (r"closed[- ]lost|deals (?:we )?lost|\blost deals|closed[- ]won\s*(?:and|or|/|&|\+)\s*lost\b", "closedlost"),
)
"""Stage phrases, hyphenated or not ("contract-sent", "DM bought-in"); "closed won and lost" names both outcomes, never
one."""

EVERYDAY_STAGE_WORDS: tuple[tuple[str, str], ...] = (
    # what the stage means in everyday words: a first meeting or intro call on the calendar, a demo booked, a contract
    # out for signature ("waiting on a signature", "out for signature", "just needs their signature")
    (r"\b(?:intro|introductory|first) (?:call|meeting)s? (?:is |are |has been |have been |got |only )?(?:booked|set"
     r"|scheduled|on the calendar)\b", "appointmentscheduled"),
    # the decision maker won over ("deals where the decision maker is already on board"): the stage, not a person
    (r"\bdecision[- ]?makers? (?:is |are |has |have |'s |has been |have been )?(?:already |now |finally )?(?:on ?board"
     r"|bought[- ]in|on (?:our )?side|signed off|sold)\b", "decisionmakerboughtin"),
    (r"\bdemos? (?:is |are |has been |have been |got |only )?(?:booked|set|lined up|on the calendar)\b"
     r"|\b(?:booked|scheduled|set up|lined up) (?:a |the |their )?demos?\b", "presentationscheduled"),
    (r"\bout for (?:e-?)?signature\b|\b(?:waiting|wait|waits) (?:on|for) (?:a |the |their |his |her |them to |the "
     r"(?:buyer|customer|client) to )?(?:e-?)?sign(?:ature|atures|-?off|ing)?\b(?! off\b)"
     r"|\bawaiting (?:a |the |their )?(?:e-?)?signatures?\b|\b(?:e-?)?signatures? pending\b|\bpending (?:e-?)?signature"
     r"|\bsent (?:out )?for (?:e-?)?signature\b|\b(?:just |only )?need(?:s|ing)? (?:a |the |their |his |her )?"
     r"(?:e-?)?signatures?\b|\b(?:in|at) (?:the )?signature stage\b|\bwith (?:the buyer|the customer|them|legal) "
     r"for signature\b|\bin docusign\b|\bdocusign (?:is |was )?(?:out|sent)\b", "contractsent"),
)  # fmt: skip
"""Stages in everyday words, read wherever stage names are ("which of jamal's deals are waiting on a signature")."""
ALL_STAGE_WORDS = STAGE_WORDS + EVERYDAY_STAGE_WORDS

ALL_STAGES = re.compile(
    r"\b(?:including|include|includes|incl\.?|plus|even|along with)\s+(?:the\s+|all\s+)?closed"
    r"(?:[- ](?:won|lost)(?:\s*(?:and|or|/|&|\+)\s*(?:closed[- ])?(?:won|lost))?)?"
    r"|\b(?:open|active) (?:and|or|\+|&) closed(?:[- ](?:won|lost)(?:\s*(?:and|or|/|&|\+)\s*(?:won|lost))?)?"
)
"""Closed deals asked for alongside the open ones ("incl closed won and lost"): not a stage filter."""

INCLUDE_CLOSED = re.compile(
    r"\b(?:including|include|includes|plus|even|with)\s+(?:the\s+)?(?:closed|won and lost|won/lost|won & lost"
    r"|won or lost|won \+ lost|lost and won|won and closed lost)(?:\s+ones|\s+deals|\s+opps)?\b"
    r"|\b(?:closed|won and lost|won/lost|won & lost|won \+ lost|lost and won)(?:\s+ones|\s+deals|\s+opps)?\s+"
    r"(?:included|too|as well)\b|\b(?:open|active) (?:and|or|\+|&) closed\b|\bclosed (?:and|or|\+|&) open\b"
    r"|\b(?:not just|not only) (?:the )?open(?: ones)?\b"
)
"""Deals asked for whatever their state ("incl closed ones", "won and lost included"): search_deals' include_closed."""

TASK_NOUNS = r"(?:tasks?|to-?dos?|follow[- ]?ups?|action items?|reminders?)"
"""What is due on a deal besides its close: the tasks (and follow-ups, to-dos) the CRM keeps for it."""
TASK_WORDS = (
    r"\b(?:overdue|past[- ]due|late|missed|outstanding)\s+" + TASK_NOUNS + r"\b"
    r"|\b" + TASK_NOUNS + r"\s+(?:(?:that |which )?(?:are|is|were|was)\s+)?(?:overdue|past[- ]due|late)\b"
)
"""Tasks asked about by their state ("deals with overdue tasks", "opps where to-dos are late"): a task filter, not a
deal whose close date has passed."""

OVERDUE = re.compile(
    r"\boverdue (?:deals|opps|opportunities)\b"
    # overdue said of the deal, not of a task on it ("deals with overdue tasks", "deals whose tasks are overdue")
    r"|\b(?:deals|opps)\b(?:(?!\b" + TASK_NOUNS + r"\b)[^?])*\boverdue\b(?!\s+" + TASK_NOUNS + r"\b)"
    r"|\bpast (?:their |its |the )?close date"
    r"|\bclose dates? (?:is |are )?(?:in the past|(?:already )?passed|behind us)\b|\bpast[- ]due (?:deals|opps)\b"
    # "a close date that's already passed", "whose close dates have come and gone", "close date has lapsed"
    r"|\bclose dates? (?:(?:that|which)(?:'s| is| are| has| have| had)? |(?:is|are|has|have|had) )?(?:already |now "
    r"|long )?(?:been )?"
    r"(?:passed|gone by|come and gone|lapsed|expired|blown (?:through|past)|in the past|behind us)\b"
    r"|\b(?:blown|blew|sailed|slipped) (?:past|through) (?:their |its |the )?close dates?\b"
)
"""Open deals whose expected close date has passed: closing up to yesterday."""

STAGE_AGE = re.compile(
    r"\b(?:same|current|one|a|their|its|that|this|the) stage\b|\b(?:in|at) stage\b|\b(?:days|time|age) in stage\b"
    r"|\bstuck (?:for|over|more than|longer than|at least)\b"
    r"|\bstage (?:for|over|longer)\b|\bstage age\b"
)
"""Days in the current stage asked without naming the stage ("stuck in the same stage for 60+ days")."""

AGE_WORDS = re.compile(
    r"\b(?:stuck|sitting|sat|parked|lingering|languishing|stagnant|stagnating|stalled|aging|aged)\b"
    r"|\bbeen (?:in|there|at)\b|\bin (?:it|there)\b|\bin (?:the |that |this |its |their |one |current |same )*stage\b"
    r"|" + STAGE_AGE.pattern
)
"""Words saying how long a deal has been where it is ("stuck", "sat", "parked", "been in", "in stage")."""
_AGE_FLOOR = re.compile(r"(?:\bfor|\bover|\bmore than|\blonger than|\bat least|\bupwards of|\bbeyond|>=?)\s*(?:the )?$")
_AGE_AFTER = re.compile(r"^\s*(?:in (?:the |that |this |its |their |one |current |same )*stage\b|stuck\b)")
_NOT_AGE = re.compile(
    r"\b(?:repl\w*|respon\w*|heard|activity|engag\w*|touch\w*|contact\w*|silent|silence|quiet|dark|ghost\w*"
    r"|e-?mails?|calls?|word|answer\w*|clos(?:e|es|ing)|due|created|opened|added|ago|old)\b"
)
"""Words that tie a number of days to something else: no reply for 2 weeks, closing in 30 days, created 45 days ago."""


def stage_age_days(low: str, *, staged: bool) -> int | None:
    """Days in the current stage asked as a floor ("stuck 60+ days", "sat 3 wks+", "stuck >45 days", "30d+").

    A number of days counts when a word of how long a deal has sat comes before it in the same clause ("been stuck
    45 days or more", "parked in demo stage for a month") or "in stage" follows it ("60+ days in stage"); with a stage
    named, a floor is enough ("in contract sent for over 30 days", "contract sent 30d+"). Periods ("closing in the
    next 30 days", "last 2 weeks") and days tied to something else ("no reply for 2 weeks") never count.
    """
    rest = slots.PAST_PERIOD_RE.sub(" ", PERIOD_RE.sub(" ", low))
    for m in DAY_COUNT.finditer(rest):
        days = days_of(m)
        if not days:
            continue
        if re.match(r"\s*(?:ago|old)\b", rest[m.end() :]):
            continue  # "sat down with them 2 weeks ago", "30 days old": a date or an age, not time in stage
        clause = re.split(r"[,;?!.]|\s[-–]\s", rest[max(0, m.start() - 70) : m.start()])[-1]
        verb = list(AGE_WORDS.finditer(clause))
        if verb and not _NOT_AGE.search(clause[verb[-1].end() :]):
            return days
        if _AGE_AFTER.match(rest[m.end() :]):
            return days
        floor = m.group("gt") or m.group("more") or "+" in m.group(0) or _AGE_FLOOR.search(clause)
        if staged and floor and not _NOT_AGE.search(clause):
            return days
    return None


# Non-company words dropped when the company is read from what is left of a question.
FILLER = {
    "teh", "hte", "waht", "wat", "whta", "abuot", "fo", "adn", "nad", "yo", "plz",  # typos of filler words
    "inbound", "newest", "new", "form", "forms", "submission", "submissions", "web", "website",
    "a", "an", "the", "of", "on", "in", "at", "for", "to", "with", "about", "me", "my", "our", "we", "us", "i",
    "you", "your", "please", "pls", "can", "could", "would", "will", "do", "does", "did", "is", "are", "was",
    "were", "be", "been", "what", "whats", "what's", "where", "wheres", "where's", "how", "hows", "how's", "who",
    "whose", "which", "tell", "show", "give", "get", "got", "latest", "last", "recent", "most", "news",
    "update", "updates", "status", "state", "going", "happening", "happened", "story", "deal", "deals",
    "account", "accounts", "company", "client", "customer", "opportunity", "opp", "opps", "brief", "briefing",
    "prep", "prepare", "prepped", "ready", "one-pager", "one", "pager", "onepager", "1-pager", "1pager", "summary",
    "summarize", "summarise", "recap", "transcript", "call", "calls", "meeting", "meetings", "before", "after",
    "tomorrow", "today", "tonight", "this", "next", "week", "morning", "afternoon", "quick", "quickly", "up",
    "regarding", "re", "lowdown", "rundown", "info", "information", "background", "and", "or", "so", "now",
    "than", "it", "its", "it's", "there", "any", "anything", "everything", "since", "stand",
    "standing", "stands", "stuff", "thing", "things", "doing", "need", "know", "let", "lets", "let's", "just",
    "real", "fast", "overview", "sync", "notes", "note,", "-", ":", "?", "!", ".", "say", "said", "talk", "talked",
    "spoke", "discussed", "hear", "heard", "from", "happen", "going-on", "catch", "caught", "vs", "versus",
    "again", "came", "come", "comes", "went", "go", "goes", "gone", "has", "have", "had", "lately",
    "recently", "pre-call", "precall", "pre", "post-call", "tier", "grade", "rating", "all", "right", "pull",
    "pulled", "together", "put", "grab", "good", "bad", "worth", "quality", "should", "meet",
    "raise", "raised", "mention", "mentioned", "bring", "brought", "objection", "objections", "concern", "concerns",
    "their", "them", "they", "those", "these", "open", "find", "search",
    "pains", "pain", "steps", "step", "points", "issues", "risks", "odds", "chances", "chance", "probability",
    "yesterday", "yesterday's",
    "tldr", "tl", "dr", "gist", "synopsis", "debrief", "cheat", "crib", "sheet", "primer", "dossier", "short",
    "version",
    # how far back or how much, said around a company ("how many acme deals have we ever had", "globex overall")
    "ever", "overall", "altogether", "historically", "combined", "all-time", "alltime", "lifetime", "ones", "value",
    "moment", "currently", "presently", "ve", "ll", "done", "we've", "i've", "they've", "you've", "we'll",
    # question words around a company ("sum up the last call w/ x", "how's it looking", "come through")
    "sum", "through", "missed", "miss", "look", "looks", "looking", "that",
    # how far a deal has moved ("any movement on the X deal", "any progress with X")
    "movement", "progress", "developments", "development", "traction",
    # the asker hedging around a company ("the chances we close acme, in your opinion?", "realistically, globex?")
    "opinion", "honestly", "honest", "reckon", "realistically", "guess", "gut", "feel", "feeling", "think",
    "confident", "confidence", "sure", "solid", "firm",
    "promise", "promised", "agree", "agreed",
    # whether a deal is a sure thing ("is the acme deal in the bag", "is keencrest really a lock")
    "lock", "bag", "dunk", "shoo-in", "actually", "really", "win", "land",
}  # fmt: skip

# --- helpers ---------------------------------------------------------------------------------------------------------


# Chat shorthand, expanded before anything reads the question ("where are we w/ initech", "mtg tmrw").
SHORTHAND = {
    "w": "with", "abt": "about", "mtg": "meeting", "mtgs": "meetings", "rn": "right now", "u": "you",
    "ur": "your", "wk": "week", "wks": "weeks", "yr": "year", "acct": "account", "accts": "accounts",
    "convo": "conversation", "b4": "before", "tmrw": "tomorrow", "tmr": "tomorrow", "tmw": "tomorrow",
    "thru": "through", "plz": "please", "thx": "thanks", "asap": "now", "kinda": "kind of", "sorta": "sort of",
    "wanna": "want to", "gonna": "going to", "gotta": "got to", "lemme": "let me", "gimme": "give me", "n": "and",
    "hw": "how", "wat": "what", "btwn": "between", "r": "are", "howd": "how did", "whatd": "what did",
    "wheres": "where is", "tmrw's": "tomorrow's", "incl": "including", "nxt": "next", "lst": "last", "mo": "month",
    "mos": "months", "yest": "yesterday", "ovr": "over", "hv": "have", "doin": "doing", "sz": "size", "brk": "break",
    "sched": "scheduled", "wht": "what", "qtrs": "quarters", "yday": "yesterday",
    "ppl": "people", "emps": "employees", "amt": "amount", "amts": "amounts",
    "obj": "objection", "objs": "objections", "fcst": "forecast", "fcast": "forecast", "cmds": "commands",
    "cmd": "command",
}  # fmt: skip
DICTATION_SLIPS = {
    "when rate": "win rate", "wind rate": "win rate", "when ratio": "win ratio", "for cast": "forecast",
    "fore cast": "forecast", "for casted": "forecasted", "battle cart": "battle card", "battle carts": "battle cards",
    "pipe line": "pipeline", "pipe lines": "pipelines", "dead size": "deal size",
}  # fmt: skip
"""Words voice-to-text hears wrong in a sales question ("what's our when rate", "the for cast"): none is English a
question would otherwise say, so they are read as the word meant."""
_DICTATION_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in DICTATION_SLIPS) + r")\b", re.IGNORECASE)
_SHORTHAND_RE = re.compile(
    r"(?<![\w/.'&-])(" + "|".join(re.escape(k) for k in SHORTHAND) + r")(?![\w/.'&-])", re.IGNORECASE
)
_STAGE_KEY_RE = re.compile(r"(?<![\w/.'&-])(" + "|".join(STAGE_LABELS) + r")(?![\w/.'&-])", re.IGNORECASE)
"""The HubSpot stage keys typed as they are ("contractsent", "decisionmakerboughtin"): spelled as their labels."""
_LOOK_BACK = re.compile(r"(?<![\w$.-])[lt](\d{1,3})\s?(d|w|wk|m|mo|y)(?![\w$.-])", re.IGNORECASE)
"""A spreadsheet's look-back ("L90D", "L14D", "T12M": the last or trailing 90 days, 12 months): spelled out."""
_LOOK_BACK_UNIT = {"d": "days", "w": "weeks", "wk": "weeks", "m": "months", "mo": "months", "y": "years"}


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"\bw/o\b", "without", text, flags=re.IGNORECASE)  # "win rate w vs w/o them"
    text = re.sub(r"\bw/\s*", "with ", text, flags=re.IGNORECASE)
    text = re.sub(r"(?:^|(?<=\s))#\s*(?:of\s+)?(?=[a-z])", "number of ", text)  # "# of deals", "# deals": how many
    text = re.sub(r"\bincl\.(?=\s)", "including", text, flags=re.IGNORECASE)
    text = _SHORTHAND_RE.sub(lambda m: SHORTHAND[m.group(1).lower()], text)
    text = re.sub(r"\bwon'?t\b", "will not", text, flags=re.IGNORECASE)  # "won't happen" says nothing was won
    text = _DICTATION_RE.sub(lambda m: DICTATION_SLIPS[m.group(1).lower()], text)
    text = _MEETING_AT_A_TIME.sub(lambda m: f"{m.group('det')} meeting", text)
    text = _STAGE_KEY_RE.sub(lambda m: STAGE_LABELS[m.group(1).lower()].lower(), text)
    text = _LOOK_BACK.sub(lambda m: f"last {m.group(1)} {_LOOK_BACK_UNIT[m.group(2).lower()]}", text)
    text = re.sub(r"\s+", " ", text.strip())
    return text


_CLOCK_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_MEETING_AT_A_TIME = re.compile(
    r"\b(?P<det>my|our|the|a|this|tomorrow'?s|today'?s|tmrw'?s) (?:\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\b\.?|o'?\s?clock\b)"
    r"|" + _CLOCK_WORD + r"(?:[- ](?:thirty|fifteen|forty[- ]five))?\s*(?:o'?\s?clock\b|[ap]\.?m\b\.?))"
    r"(?=\s+(?:with|w/)\s)",
    re.IGNORECASE,
)
"""A meeting named by its time and whom it is with ("my three o'clock with acme", "the 2:30pm with globex"): the words
are a meeting, so the time is read as one, never as part of a company's name."""


# Ordinary words that look like a keyword with a typo ("least" ~ "latest", "landing" ~ "handling") and must stay.
COMMON_WORDS = frozenset(
    [
        "least",
        "most",
        "more",
        "less",
        "best",
        "worst",
        "first",
        "second",
        "third",
        "last",
        "lasting",
        "leads",
        "leading",
        "landing",
        "landed",
        "losing",
        "lose",
        "loses",
        "winning",
        "present",
        "presenting",
        "presented",
        "presents",
        "land",
        "lands",
        "respond",
        "responded",
        "responding",
        "responds",
        "responsive",
        "unresponsive",
        "quit",
        "quote",
        "close",
        "closer",
        "closest",
        "closed",
        "stage",
        "staged",
        "state",
        "states",
        "stats",
        "start",
        "started",
        "starts",
        "store",
        "stores",
        "story",
        "stories",
        "still",
        "stall",
        "stalled",
        "stuck",
        "deal",
        "dealt",
        "dear",
        "deals",
        "dealing",
        "overall",
        "total",
        "totals",
        "worry",
        "worried",
        "worrying",
        "about",
        "above",
        "after",
        "again",
        "against",
        "because",
        "before",
        "being",
        "below",
        "between",
        "both",
        "during",
        "each",
        "every",
        "other",
        "others",
        "their",
        "there",
        "these",
        "those",
        "three",
        "under",
        "until",
        "where",
        "which",
        "while",
        "would",
        "could",
        "should",
        "shall",
        "might",
        "price",
        "prices",
        "priced",
        "pricing",
        "expensive",
        "budget",
        "budgets",
        "going",
        "doing",
        "having",
        "saying",
        "seeing",
        "looking",
        "reading",
        "showing",
        "telling",
        "asking",
        "pitch",
        "pitches",
        "pitched",
        "pitching",
        "comparing",
        "compared",
        "person",
        "persons",
        "personal",
        "review",
        "reviews",
        "reviewed",
        "reason",
        "reasons",
        "stack",  # "how do I stack up against Grace" is no "stuck"
        "stacks",
        "stacked",
        "stacking",
        "losses",  # "what's driving Jamal's losses" is no "closes"
        "covering",  # "which accounts is grace covering" is no "scoring"
        "contact",  # "her main contact at acme left" is no contract out
        "contacts",
    ]  # fmt: skip
)
INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "ive")
_ANAGRAMS: dict[tuple[str, ...], str] = {tuple(sorted(k)): k for k in reversed(KEYWORDS)}


@lru_cache(maxsize=4096)
def _correct_token(token: str) -> str:
    """Map a misspelt intent word to its keyword; leave known words, inflections and short tokens alone."""
    if len(token) < 4 or token in _KEYWORD_SET or token in COMMON_WORDS or token in FILLER or not token.isalpha():
        return token
    swapped = _ANAGRAMS.get(tuple(sorted(token)))
    if swapped:  # two letters swapped: "rsik" → "risk", "slient" → "silent"
        return swapped
    if len(token) < 5 or any(token == k + suffix for k in KEYWORDS for suffix in INFLECTIONS):
        return token  # an inflection ("responded", "quarterly"), not a typo
    hit = process.extractOne(token, KEYWORDS, scorer=fuzz.ratio, score_cutoff=80)
    if hit and abs(len(hit[0]) - len(token)) <= 2:
        return hit[0]
    return token


def _corrected(low: str, protected: set[str]) -> str:
    """Fix typos in intent words ("slient" → "silent"), leaving names alone."""
    return re.sub(r"[a-z]+", lambda m: m.group(0) if m.group(0) in protected else _correct_token(m.group(0)), low)


def parse_stages(text: str, catalog: tuple[Stage, ...] = DEFAULT_STAGES) -> list[str]:
    """Read stage names: the store's own ("Engaging") and the usual phrases ("contract sent", "demo stage", "won").

    "Won deals"/"lost deals" mean the store's won/lost stages, whatever the CRM calls them; phrases for stages the
    store does not have are dropped.
    """
    keys = {s.key for s in catalog}
    by_outcome = {o: [s.key for s in catalog if s.outcome == o] for o in ("won", "lost")}
    found: list[str] = []
    text = ALL_STAGES.sub(" ", text)  # "acme deals incl closed won and lost": every deal, whatever its stage
    for pattern, key in ALL_STAGE_WORDS:
        if re.search(pattern, text):
            outcome = {"closedwon": "won", "closedlost": "lost"}.get(key)
            found += by_outcome[outcome] if outcome else [key] if key in keys else []
    for stage in catalog:
        if stage.key not in STAGE_LABELS and re.search(rf"\b{re.escape(stage.label.lower())}\b", text.lower()):
            found.append(stage.key)  # the CRM's own stage name, said as is
    found += [key for key in _short_stages(text, listed=bool(found)) if key in keys]
    return list(dict.fromkeys(found))


STAGE_SHORT = {
    "demo": "presentationscheduled", "demos": "presentationscheduled", "pres": "presentationscheduled",
    "cs": "contractsent", "neg": "contractsent", "nego": "contractsent", "dm": "decisionmakerboughtin",
    "appt": "appointmentscheduled", "appts": "appointmentscheduled",
}  # fmt: skip
"""Short stage names, read only where they must be a stage ("in demo", "cs stage", "demo or negotiation")."""
_SHORT = "|".join(STAGE_SHORT)
_LIST = r"(?:,|/|&|\+|\bor\b|\band\b)"


def _short_stages(text: str, *, listed: bool) -> list[str]:
    """Stages named by a short name ("demo", "cs", "pres"), where they can only be a stage.

    Followed by "stage", after "in"/"at" ("deals in demo"; not "cs", which is also customer success), or next to
    another stage in a list ("demo or negotiation", "dmbi or cs stage").
    """
    found = []
    for m in re.finditer(rf"\b(?P<w>{_SHORT})\b", text):
        word, before, after = m.group("w"), text[: m.start()], text[m.end() :]
        staged = re.match(r"\s*(?:[- ]?sched(?:uled)?\b|stages?\b)", after)
        placed = re.search(r"\b(?:in|at)\s+(?:the\s+)?$", before) and word not in ("cs", "dm", "neg")
        in_list = listed and (re.search(rf"{_LIST}\s*(?:the\s+|in\s+)?$", before) or re.match(rf"\s*{_LIST}", after))
        if staged or placed or in_list:
            found.append(STAGE_SHORT[word])
    return found


# --- the workspace's names -------------------------------------------------------------------------------------------


@dataclass
class Names:
    """Owner and company names of the workspace, loaded once per question."""

    owners: list[tuple[int, str, str]]  # id, full name, team
    companies: dict[str, list[tuple[str, str]]]  # first word of the cleaned name → (cleaned name, name)
    company_words: frozenset[str] = frozenset()
    stages: tuple[Stage, ...] = DEFAULT_STAGES
    """The store's stages (its CRM's own names), in funnel order."""
    leads: frozenset[str] = frozenset()
    """Full names of owners whose name already stands for a team (managers, owners with reports)."""

    @cached_property
    def first_names(self) -> dict[str, list[str]]:
        """Owners' full names by their first name, lower case ("emily" → ["Emily Nakamura"]).

        Kept on the names, which `load_names` reuses while the store's fingerprint holds: every reader of a question
        asks it (possessives, typers, owners, unexplained words), and a rename or a new owner brings new names.
        """
        found: dict[str, list[str]] = {}
        for _id, full, _team in self.owners:
            found.setdefault(full.lower().split()[0], []).append(full)
        return found

    @cached_property
    def first_name(self) -> dict[str, str]:
        """One full name per first name (the last owner listed when two share it), for readers that take one."""
        return {first: fulls[-1] for first, fulls in self.first_names.items()}

    @cached_property
    def protected(self) -> set[str]:
        """Words of owner and team names, which the typo-corrector must leave alone."""
        words = {w for _id, name, team in self.owners for w in (name + " " + team).lower().split()}
        return words | {w for s in self.stages for w in s.label.lower().split()}


_COMPANY_CACHE: dict[tuple[str, int, int], tuple[dict[str, list[tuple[str, str]]], frozenset[str]]] = {}
_NAMES_CACHE: dict[str, tuple[tuple[Any, ...], Names]] = {}
# One plain statement (no ORM compilation per question): what, if it changed, means the names must be read again.
_FINGERPRINT = sql_text(
    "SELECT (SELECT count(*) FROM owner), (SELECT max(id) FROM owner),"
    " (SELECT sum(length(name) + length(coalesce(team, ''))) FROM owner),"
    " (SELECT count(*) FROM company), (SELECT max(id) FROM company),"
    " (SELECT max(value) FROM workspacemeta WHERE key = :a), (SELECT max(value) FROM workspacemeta WHERE key = :b),"
    " (SELECT count(*) FROM owner WHERE role = 'manager'), (SELECT sum(coalesce(manager_id, 0)) FROM owner)"
)


def _clean(name: str) -> str:
    return re.sub(r"[^a-z0-9&.]+", " ", name.lower()).strip()


def load_names(session: Session) -> Names:
    """Read owner names, company names and stages, reusing the last read while the store's fingerprint is the same.

    The fingerprint is one small query (row counts, highest ids and name lengths of owners and companies, the stage
    catalog's recorded values): a question costs that query instead of re-reading the names, and any sync, import or
    rename changes it. Company names are indexed by first word.
    """
    from store.stages import HUBSPOT_PIPELINES_KEY, STAGES_KEY

    url = str(session.get_bind().engine.url)
    row = session.execute(_FINGERPRINT, {"a": STAGES_KEY, "b": HUBSPOT_PIPELINES_KEY}).one()
    fingerprint = tuple(row)
    count, max_id = row[3], row[4]
    cached = _NAMES_CACHE.get(url)
    if cached and cached[0] == fingerprint:
        return cached[1]
    records = session.exec(select(Owner)).all()
    owners = [(stored_id(o.id), o.name, o.team or "") for o in records]
    leads = frozenset(o.name for o in team_leads(records))
    key = (url, int(count or 0), int(max_id or 0))
    if key not in _COMPANY_CACHE:
        _COMPANY_CACHE.clear()
        by_first: dict[str, list[tuple[str, str]]] = {}
        for name in sorted(set(session.exec(select(col(Company.name))).all()), key=len, reverse=True):
            cleaned = _clean(name)
            if cleaned:
                by_first.setdefault(cleaned.split(" ", 1)[0], []).append((cleaned, name))
        words = frozenset(w for entries in by_first.values() for cleaned, _n in entries for w in cleaned.split())
        _COMPANY_CACHE[key] = (by_first, words)
    by_first, words = _COMPANY_CACHE[key]
    names = Names(owners=owners, companies=by_first, company_words=words, stages=stage_catalog(session), leads=leads)
    _NAMES_CACHE[url] = (fingerprint, names)
    return names


def find_company_mention(low: str, names: Names) -> str | None:
    """Return a company named verbatim (case-insensitive, whole words) in the question, longest first."""
    padded = f" {_clean(low)} "
    found = [
        (cleaned, name)
        for word in set(padded.split())
        for cleaned, name in names.companies.get(word, ())
        if f" {cleaned} " in padded
    ]
    return max(found, key=lambda f: len(f[0]))[1] if found else None


IN_A_WHILE = re.compile(
    r"\b(?:in|within)\s+(?:\d+|a few|a couple(?: of)?|an?|half an)\s*(?:min(?:ute)?s?|hours?|hrs?)\b"
    # a time of day ("before my 3pm", "at 2:30 pm"): when, not part of the name
    r"|\b(?:at|by|before|after|until)?\s*(?:my |the |our )?\d{1,2}(?::\d{2})?\s*(?:am|pm)\b",
    re.IGNORECASE,
)


def company_remainder(text: str, owner_words: set[str], company_words: frozenset[str] = frozenset()) -> str:
    """What is left of the question (original casing) once intent words, fillers, periods and owners are removed."""
    text = re.sub(r"'s\b", "", text)
    text = _strip_periods(text)
    text = IN_A_WHILE.sub(" ", text)  # "a call with Vandelay in 10 min": when, not part of the name
    words = re.findall(r"[A-Za-z0-9&.][A-Za-z0-9&.\-]*", text)
    kept = []
    for word in words:
        low = word.lower().strip(".")
        if not low or low in FILLER or low in owner_words or low in _KEYWORD_SET or low.rstrip("s") in _KEYWORD_SET:
            continue
        if "-" in low and all(part in FILLER or part in _KEYWORD_SET for part in low.split("-") if part):
            continue  # "pre-call", "follow-up": a compound of question words, not a name
        if low not in company_words and _correct_token(low) in _KEYWORD_SET:
            continue  # a misspelt intent word ("breif"), unless a company is called that ("Pineline")
        kept.append(word)
    return " ".join(kept).strip(" .")


def _strip_periods(text: str) -> str:
    """Remove period phrases ("this week", "tomorrow") keeping the original casing of the rest."""
    spans = [m.span() for m in PERIOD_RE.finditer(text.lower())]
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return text


# The asker as the one who closed, owns or is being ignored: "how much have I closed", "lost deals I could reopen",
# "who's ghosting me", "buyers not replying to me" (not "show me", "brief me": those ask for something).
FIRST_PERSON_OWNER = (
    r"|\b(?:have|did|had) i\b|\bi (?:closed|won|lost|booked|sold|signed|own)\b"
    r"|\bi (?:could|can|might|may|should|need to) (?:re-?open|revive|win back|re-?engage|recover|resurrect|close|win"
    r"|chase|follow up|push)\b"
    r"|\b(?:ghost\w*|ignor\w*|avoid\w*|dodg\w*|stonewall\w*)\s+me\b|\bleft me on read\b"
    r"|\b(?:repl\w*|respond\w*|answer\w*|got back|gotten back|get back|writ\w* back|emailed|called)\s+(?:to\s+)?me\b"
    r"|\b(?:will|can|could|should|do|did) i (?:land|book|close|bring in|hit|make|sign)\b"
    r"|\bi(?:'ll| will) (?:(?:realistically|actually|probably|likely|really|most likely) )?(?:land|book|bring in)\b"
    r"|\bam i (?:going to|gonna|on track|likely)\b"
)


# Who the asker answers to and when they meet, said around the question, not whose deals it asks about: "my boss
# wants...", "before my 2pm call with helen", "for my QBR deck", "helen asked me", "can you pull that for me".
_BOSS = r"(?:boss|manager|vp|cro|ceo|director|head of sales|team lead|sales leader|skip[- ]level)"
_MEETING = (
    r"(?:qbr|deck|slides?|1:1|1-1|one[- ]on[- ]ones?|1-on-1|sync|standup|stand-up|(?:pipeline |deal |forecast )?"
    r"reviews?|retro|board meeting|forecast call|week|call|meeting|demo|catch[- ]up|lunch|coffee)"
)
# Who is typing, or in whose seat, said before the question: "Helen here -", "Helen asking:", "this is Kenji,", "I'm
# shadowing Dana -". The one typing is not an owner of the question (their "my" is theirs); the seat is context.
TYPER_PHRASE = re.compile(
    r"^(?:(?:hi|hey|hello|fyi)[,!]?\s+)?(?:(?:this is|it's|it is|its)\s+(?P<typer>[a-z]+)"
    r"|(?P<typer2>[a-z]+)\s+(?:here|asking|speaking|writing|typing))"
    r"(?:\s+(?:from|on|in) [a-z]+(?: [a-z]+)?)?\s*[:,.!\u2013\u2014-]\s"
    r"|^(?:fyi\s+)?i(?:'m| am) (?:shadowing|covering for|sitting in for|filling in for|standing in for|subbing for"
    r"|helping(?: out)?|backing up|asking for|asking on behalf of|on behalf of) (?P<seat>[a-z]+)(?:'s (?:calls?"
    r"|desk|accounts|deals|book|seat|team))?\s*[:,.\u2013\u2014-]\s"
)
TYPER_ROLES = frozenset(
    {"se", "ae", "sdr", "bdr", "csm", "am", "manager", "mgr", "marketing", "ops", "revops", "finance", "leadership",
     "sales", "intern", "solutions", "presales", "vp", "cro", "ceo"}
)  # fmt: skip
"""Who may introduce themself before a question ("SE here -") besides an owner; "acme here, ..." is not dropped."""


def _typer_dropped(m: re.Match[str], firsts: Any) -> str | None:
    """What a who-is-typing phrase becomes: nothing when it names an owner, a role or a seat, else itself.

    None when the match is no such phrase.
    """
    typer = m.group("typer") or m.group("typer2")
    if typer is not None:
        return " " if typer in firsts or typer in TYPER_ROLES else m.group(0)
    if m.group("seat") is not None:
        return " "
    return None


def typer_of(low: str, names: Names) -> str | None:
    """The owner who says they are typing ("Helen here - ...", "this is kenji:"): their "my" and "I" are theirs."""
    m = TYPER_PHRASE.match(low)
    typer = m and (m.group("typer") or m.group("typer2"))
    if not typer:
        return None
    return names.first_name.get(typer)


CONTEXT_PHRASES = re.compile(
    TYPER_PHRASE.pattern
    + r"|^(?:for|to|fyi|re:?|cc) (?P<lead>[a-z]+)(?:'s(?: [a-z0-9:-]+){1,4}?)?\s*[:,\u2013\u2014-]\s"
    # "helen: what does jamal's pipeline look like", "kenji - what's closing": a first name set before the question
    # (who asks it or who it is for) is its subject only when the rest names no one
    r"|^(?P<lead2>[a-z]+)\s*(?::|\s[\u2013\u2014-])\s"
    rf"|\b(?:my|our) {_BOSS}(?:'s)?\b"
    rf"|(?:\b(?:my|our|the|a|first|next) |^)(?:\d{{1,2}}(?::\d{{2}})?\s*(?:am|pm)?\s+|monday |tuesday |wednesday "
    rf"|thursday "
    rf"|friday |weekly |quarterly |next |first )?{_MEETING}\b(?:\s+(?:with|w) (?P<who>[a-z]+))?"
    rf"|\b(?:prepping|planning|prepare|preparing) (?:for )?my (?:week|day|month)\b"
    # "before helen's pipeline review", "in jamal's standup": a colleague's meeting or idea is when or why, not whose
    # deals ("emily's meetings today" and "helen's calls" stay hers: bare meetings and calls need a "before" or "in")
    rf"|\b(?P<host>[a-z]+)'s (?:(?:pipeline |deal |forecast |weekly |monday |friday )?reviews?|qbr|deck|slides?|1:1"
    rf"|sync|standup|stand-up|retro|offsite|kickoff|ideas?|suggestions?|request|question)\b"
    rf"|\b(?:before|after|ahead of|during|in|at|for|from) (?P<host2>[a-z]+)'s (?:\w+ )?(?:call|meeting)\b"
    # "helen thinks i have too many", "emily mentioned it": the colleague's view or word, not whose deals are asked
    rf"|\b(?P<asker>[a-z]+)(?: (?:asked|wants|wanted|needs|told|said|asks|pinged|messaged|thinks|thought|feels|felt"
    rf"|says|mentioned|suggested|believes|reckons"
    # "before helen gets to me", "in case sam calls on me": when a colleague turns to the asker, not whose deals
    rf"|gets? (?:to|around to|round to) (?:me|us)|calls? on (?:me|us)|comes? (?:to|back to|round to) (?:me|us)"
    rf"|turns? to (?:me|us)|puts? (?:me|us) on the spot|checks? in|circles? back)(?: me| us)?"
    rf"|(?:'ll| will| might| may| could| is going to| is gonna) (?:ask(?: me| us)?|want to know|get (?:to|around to)"
    rf" (?:me|us)|call on (?:me|us)|come (?:to|back to) (?:me|us)|turn to (?:me|us)|put (?:me|us) on the spot"
    rf"|check in|circle back)"
    # "helen's asking where ...", "helen's prepping for the QBR and wants ...": the one asking, said as what they do;
    # "helen's curious", "sam is wondering": why the asker asks, not whose deals
    rf"|(?:'s| is) (?:asking|prepping|preparing|getting ready|pinging me|chasing me|curious|wondering)(?: me| us)?)\b"
    r"|\b(?:can|could|would|will) (?:you|u) (?:please |pls )?(?:pull|count|grab|get|find|check|run|put together|make"
    r"|show|send|do|move|change|update)\b [^?,.]{0,40}?\bfor me\b"
)


def _without_context(text: str, names: Names) -> tuple[str, list[str], list[str]]:
    """The question without its context phrases, the owners those phrases named, and the owner it is addressed to.

    "call with helen" names Helen; a leading "for helen:" addresses her (the subject only when the rest names no one).
    """
    firsts = names.first_name
    removed: list[str] = []
    leading: list[str] = []

    def drop(m: re.Match[str]) -> str:
        typed = _typer_dropped(m, firsts)
        if m.group("seat") in firsts:
            # "I'm covering for carlos - what's on his plate", "I'm helping jamal - what's closing": Carlos, Jamal,
            # unless the question names someone else ("I'm shadowing dana - which of emily's deals ...")
            removed.append(firsts[m.group("seat")])
            leading.append(firsts[m.group("seat")])
        if typed is not None:
            return typed
        lead = m.group("lead") or m.group("lead2")
        if lead is not None:
            if lead not in firsts:
                return m.group(0)  # "for acme: who's the champion": the subject itself
            leading.append(firsts[lead])
            return " "
        who = m.group("who") or m.group("asker") or m.group("host") or m.group("host2")
        if who and who not in firsts and (m.group("asker") or m.group("host") or m.group("host2")):
            return m.group(0)  # "buyer wants", "legal asked": not one of ours, and what they asked matters
        if who in firsts:
            removed.append(firsts[who])
        if m.group(0).endswith("for me"):
            return m.group(0)[: -len("for me")]
        return " "

    return CONTEXT_PHRASES.sub(drop, text), removed, leading


# A sentence after the question about the asker's own plans ("...? I'm pairing with him on a couple of them this
# week", "...? I want to plan my week around them"): why they ask, not what. Its period and its "I" filter nothing;
# a sentence that narrows the ask ("I want to see the ones closing this week", "I only want mine") is kept.
_ASIDE = re.compile(
    r"(?<=\?)\s+(?:(?:and|but|so)\s+)?(?:i'm|im|i am|i'll|i will|i want to|i wanna|i need to|i'd like to|i have to"
    r"|i've got to|i plan to|we're|we are)\s+"
    r"(?!(?:going to |gonna )?(?:see|know|find|get|look|list|check|show|focus|understand|only|just|mean|asking"
    r"|looking|interested|after|hoping|curious|trying to (?:see|find|get|know))\b)[^?]*$",
    re.IGNORECASE,
)


def without_aside(question: str) -> str:
    """The question without a closing sentence about the asker's own plans (see `_ASIDE`) or the meeting's agenda."""
    rest = _ASIDE.sub("", question.rstrip())
    rest = rest if rest.strip(" ?") else question
    unplanned = _AGENDA.sub(" ", rest).strip()
    return unplanned if unplanned.strip(" ?.,;:-") else rest


# Where a meeting has got to, said around the question ("we just finished the forecast section. whole team's pipeline
# by stage next", "done with the risk part - ..."): an agenda item the meeting has covered is not what is asked, so
# its words ("forecast", "risk") choose no capability. Only an agenda item (a section, part, slide, topic, item) counts:
# "we just finished the call with acme. what should I send?" keeps its call.
_AGENDA_ITEM = (
    r"(?:the\s+|our\s+|this\s+|that\s+|[a-z]+'s\s+)?(?:[a-z0-9&/'-]+\s+){1,4}?(?:section|part|portion|slides?|segment"
    r"|agenda items?|items?|topic|bit|block|chunk)(?:\s+of\s+(?:the\s+)?(?:agenda|meeting|review|call|deck))?"
)
_AGENDA_DONE = (
    r"(?:(?:we(?:'ve|'re| have| are)?|i(?:'ve|'m| have| am)?)\s+(?:just\s+|already\s+|now\s+)?(?:finished|wrapped"
    r"(?:\s+up)?|covered|done|got through|gone through|went through|closed out|moved past|moved on from|through"
    r"|past)(?:\s+with)?|(?:done|finished|through) with|moving on from|now that we(?:'ve| have)? (?:finished"
    r"|covered|done|wrapped(?: up)?|got through|gone through))\s+"
)
_AGENDA = re.compile(
    r"^(?:(?:ok(?:ay)?|so|alright|right|cool)[,.!]?\s+)?"
    + _AGENDA_DONE
    + _AGENDA_ITEM
    + r"\s*(?:[.;:!,]|\s[-\u2013\u2014])\s*"
    r"|(?:[.;,!?]|\s[-\u2013\u2014])\s*" + _AGENDA_DONE + _AGENDA_ITEM + r"\s*[.!]?\s*$",
    re.IGNORECASE,
)


_INTERNAL_MEETING = re.compile(
    r"\b(?:qbr|deck|slides?|1:1|1-1|one[- ]on[- ]ones?|1-on-1|sync|standup|stand-up|reviews?|retro|board meeting"
    r"|forecast call|week)\b"
)


def intent_context_free(text: str, names: Names) -> str:
    """The question without context that says nothing of what is asked (the boss, an internal or colleague's meeting).

    "before my call with jamal, what are my biggest deals" is not a pre-call brief.

    A meeting with anyone else ("prep me for my call with acme") stays: it is what a brief is asked for.
    """
    firsts = names.first_name

    def drop(m: re.Match[str]) -> str:
        typed = _typer_dropped(m, firsts)
        if typed is not None:
            return typed
        lead = m.group("lead") or m.group("lead2")
        if lead is not None:
            return " " if lead in firsts else m.group(0)
        who = m.group("who") or m.group("asker") or m.group("host") or m.group("host2")
        phrase = m.group(0)
        if m.group("asker") or m.group("host") or m.group("host2"):
            return " " if who in firsts else phrase
        if who in firsts or re.match(rf"(?:my|our) {_BOSS}", phrase) or _INTERNAL_MEETING.search(phrase):
            return " "
        return phrase

    return CONTEXT_PHRASES.sub(drop, text)


THIRD_PERSON = re.compile(r"\b(?:he|him|his|she|her|hers|he's|she's)\b")
NOT_NAMES = frozenset(
    {"email", "emails", "emailed", "review", "reviews", "worried", "board", "still", "coach", "marketing", "market",
     "cold", "great", "kind", "meet", "model", "meeting", "meets", "taken", "there", "agreed", "mean", "means", "meant",
     "mega"}
)  # fmt: skip
"""Words a fuzzy first-name match must not take for a name ("email" is not Emily)."""


def _typo_of(word: str, first: str) -> bool:
    """Whether `word` can be a typo of the first name `first`, before any score: the rule, not a list of words.

    A typo keeps the name's first letter ("emly", "kenjii"; never "trace" for Grace, "began" for Megan, "racer" for
    Rachel) and is not the whole name with an ending ("graces" is Grace's, read as a possessive, never a typo).
    """
    if word[:1] != first[:1]:
        return False
    return not (word.startswith(first) and word[len(first) :] in INFLECTIONS)


def find_owners(low: str, names: Names, company: str | None) -> list[str]:
    """Owners named in the question (full or first names, possessives, small typos), "me" for my/mine, teams.

    Context phrases ("my boss wants", "before my call with Helen") name no owner; a person named only there is the
    owner when the question refers back to them ("Carlos asked me to cover, what's on his plate").
    """
    text = low
    if company:
        text = text.replace(company.lower(), " ")
    text, context_people, leading = _without_context(text, names)
    found = _owners_in(text, names)
    asked = slots.asked_sentences(text)
    if asked is not None and len(found) > 1:
        # "I took over part of Luis's territory. How am I doing compared to the other reps?": the question names its
        # owners itself; the people of the sentences before it are why it is asked
        in_question = _owners_in(asked, names)
        if in_question:
            found = [o for o in found if o in in_question]
        elif _FIRST_PERSON.search(asked) and not _REFERS_BACK.search(asked):  # "... how am I doing?": the asker
            found = [o for o in found if o == "me"]
    if leading and not found:
        return leading  # "for helen: what's closing this month": no one else named, she is the subject
    if context_people and THIRD_PERSON.search(text) and not [o for o in found if o != "me"]:
        return list(dict.fromkeys(context_people))  # "1:1 with kenji, how's he tracking, what should i coach him on"
    return _mine_as_typer(found, low, names)


BARE_DEALS_ASKED = re.compile(r"^\s*(?:deals|opps|opportunities)\s*\?+\s*$")
"""A bare "deals?" in a message: which deals is not said."""
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|me|my|mine|myself)\b")
_REFERS_BACK = re.compile(r"\b(?:he|him|his|she|her|hers|he's|she's|they|them|their|theirs|both|either)\b")
"""A pronoun of the people named before ("which of their deals are in trouble"): they are the subject after all."""


def _mine_as_typer(owners: list[str], low: str, names: Names) -> list[str]:
    """The owner "me" is in a question whose typer says who they are ("Helen here - what's my pipeline")."""
    typer = typer_of(low, names) if "me" in owners else None
    return list(dict.fromkeys(typer if o == "me" else o for o in owners)) if typer else owners


def owner_by_first_name(word: str, names: Names) -> str | None:
    """The owner a word names by first name: exactly, or with a small typo ("emly" → Emily Nakamura), else None."""
    first_names = names.first_names
    word = word.lower()
    if word in first_names:
        return first_names[word][0] if len(first_names[word]) == 1 else None
    if len(word) < 4 or word in _KEYWORD_SET or word in FILLER or word in NOT_NAMES:
        return None
    typos = [first for first in first_names if _typo_of(word, first)]
    hit = process.extractOne(word, typos, scorer=fuzz.ratio, score_cutoff=80)
    return first_names[hit[0]][0] if hit and len(first_names[hit[0]]) == 1 else None


# What a possessive is said of ("emilys day", "graces deals", "emlys accounts"): whose deals, day or numbers.
_OWNED = (
    r"deals?|opps?|opportunit(?:y|ies)|pipeline|pipe|accounts?|book|day|plate|calendar|agenda|schedule|forecast"
    r"|number|numbers|quota|meetings?|tasks?|calls?|win rate|performance|territory|open|closed|won|lost|silent"
    r"|at[- ]risk|risky|stalled|stuck|biggest|largest|top|quarter|month|week|loss(?:es)?|wins|lead|team"
    r"|buyers?|customers?|prospects?|clients?|contacts?|commits?|renewals?|close rate|bookings?"
)
_IS_DOING = r"asking|wondering|saying|looking|out|covering|gonna|going"
"""What "<name>'s" is said before when it is "<name> is" ("helens asking for my number": dictated, no apostrophe)."""
_POSSESSIVE_NO_APOSTROPHE = re.compile(
    rf"\b(?P<stem>[A-Za-z]{{3,}})(?P<s>[sS])(?=\s+(?:{_OWNED}|{_IS_DOING})\b)", re.IGNORECASE
)


def owner_possessives(text: str, names: Names) -> str:
    """An owner's possessive typed without its apostrophe gets it back: "graces deals" → "grace's deals".

    Typed on a phone the apostrophe goes ("EMILYS DAY", "emlys accounts"); a first name (or a small typo of one)
    followed by "s" and what an owner has (deals, day, pipeline, accounts...) is that owner's, so the owner is kept
    and not read as a word ("graces") nor dropped, which would answer for everyone.
    """

    def mark(m: re.Match[str]) -> str:
        word = m.group(0).lower()
        if owner_by_first_name(word, names) is not None and word in names.first_names:
            return m.group(0)  # a first name that itself ends in "s" ("luis deals", "carlos deals")
        stem = m.group("stem")
        if owner_by_first_name(stem, names) is None:
            return m.group(0)
        return f"{stem}'{m.group('s')}"

    return team_possessives(_POSSESSIVE_NO_APOSTROPHE.sub(mark, text), names)


def team_possessives(text: str, names: Names) -> str:
    """A team's possessive typed without its apostrophe gets it back: "team wests quarter" → "team west's quarter".

    "wests" is no word: the team is kept (read as the owner) rather than the words read as a company.
    """
    cores = {team.lower().removeprefix("team ").removesuffix(" team") for _i, _n, team in names.owners if team}
    for core in sorted(cores, key=len, reverse=True):
        if not core or f"{core}s" in cores:
            continue
        # "team wests" is only a possessive; "east teams" may be a plural unless what a team has follows
        name = re.escape(core)
        pattern = rf"\b(team {name}|{name} team)(s)\b(?:(?<=team {name}s)|(?=\s+(?:{_OWNED})\b))"
        text = re.sub(pattern, r"\1'\2", text, flags=re.IGNORECASE)
    return text


def _owners_in(text: str, names: Names) -> list[str]:
    found: list[str] = []
    if re.search(r"\b(?:my|our) team(?:'s)?\b", text):  # the asker's team, resolved by tools.resolve
        found.append("my team")
        text = re.sub(r"\b(?:my|our) team(?:'s)?\b", " ", text)
    text, teams = _owners_teams(text, names)
    found += teams
    if re.search(
        r"\b(my|mine|myself)\b|\bi (?:have|own|am|'m|got)\b|\bi've\b|\bam i\b|\bdo i\b"
        r"|\bshould i\b(?! (?:do|say) (?:about|with|to|when|if)\b)"  # "what should i do about them": advice, not mine
        # "what should I coach her on": the asker as her coach, not an owner of the question
        r"(?! (?:coach|mentor|train|teach|tell|ask|raise|bring up|discuss|talk|work on with|help)\b)"
        r"|\b(?:what|which|how many)(?:'ve| have) i\b"
        r"|\b(?:on|assigned to|owned by|for) me\b" + FIRST_PERSON_OWNER,
        text,
    ):
        found.append("me")
    words = re.findall(r"[a-z]+(?:-[a-z]+)*", text)  # hyphenated first names ("mei-mei") stay whole
    first_names = names.first_names
    for _id, full, _team in names.owners:
        if full.lower() in text:
            found.append(full)
    for w in words:
        if w in first_names and len(first_names[w]) == 1:
            found.append(first_names[w][0])
        elif len(w) >= 4 and w not in _KEYWORD_SET and w not in FILLER and w not in NOT_NAMES:
            hit = process.extractOne(w, list(first_names), scorer=fuzz.ratio, score_cutoff=80)
            if hit and len(first_names[hit[0]]) == 1:
                found.append(first_names[hit[0]][0])
    for team in {t for _i, _n, t in names.owners if t}:
        core = re.escape(team.lower().removeprefix("team ").removesuffix(" team"))
        if re.search(rf"\bteam {core}\b|\b{core} team\b", text):
            found.append(team)
    if len(found) > 1 and found[0] == "me" and _FOR_ME_ONLY.search(text):
        # "stack up emily, grace and luis for me": who the answer is for, not one more owner to compare
        plain = _FOR_ME_ONLY.sub(" ", text)
        if not _owners_in(plain, names).count("me"):
            found.remove("me")
    return list(dict.fromkeys(found))


# "jamal's team", "sam patel's team's deals", "the team jamal is on": a team named by one of its owners
_OWNER_TEAM = re.compile(
    r"\b(?P<who>[a-z]+(?:[- ][a-z]+)?)(?:'s|')\s+(?:whole |entire )?team\b(?:'s)?"
    r"|\bthe team (?:that )?(?P<member>[a-z]+(?:[- ][a-z]+)?)(?: is|'s) (?:on|in)\b"
)


def _owners_teams(text: str, names: Names) -> tuple[str, list[str]]:
    """The teams named by one of their owners, and the text without those phrases.

    An AE's team is the team they are on ("jamal's team" is Team East, not Jamal). A manager's name already stands
    for their team (tools.resolve rolls it up to their reports or the team they run), so it stays their name.
    """
    team_of = {full: team for _i, full, team in names.owners}
    found: list[str] = []

    def take(m: re.Match[str]) -> str:
        owner = _owner_called(m.group("who") or m.group("member"), names)
        if owner is None:
            return m.group(0)
        found.append(owner if owner in names.leads or not team_of[owner] else team_of[owner])
        return " "

    return _OWNER_TEAM.sub(take, text), found


def _owner_called(words: str, names: Names) -> str | None:
    """The owner a full name or, as the last word ("for sam"), a first name means."""
    full_names = {full.lower(): full for _i, full, _t in names.owners}
    return full_names.get(words) or owner_by_first_name(words.split()[-1], names)


_FOR_ME_ONLY = re.compile(r"\bfor me\b(?!\s*(?:and|&|,|or|vs\.?|versus)\b)")


# "compare me and Emily", "me vs Jamal", "how am I tracking", "loss analysis for me": the asker is one of the owners.
_ME_COMPARED = re.compile(
    r"\bcompare (?:me|myself)\b|\b(?:me|myself) (?:vs\.?|versus|and|against|with|to)\b"
    r"|\b(?:vs\.?|versus|and|against|with|to) (?:me|myself)\b|\bam i\b|\bi(?:'m| am)\b"
)
# "loss analysis for me": the asker is the subject when no one else is named; "stack up emily and luis for me",
# "compare sam and morgan for my 1:1" name who it is for, not one more owner
_FOR_ME = re.compile(r"\bfor me\b")


def owners_named(text: str, names: Names, company: str | None) -> list[str]:
    """The owners a question names, with "me" when the asker compares themself ("compare me and Emily")."""
    low = text.lower()
    owners = find_owners(low, names, company)
    rest = _without_context(low, names)[0]
    if "me" not in owners and (_ME_COMPARED.search(rest) or (not owners and _FOR_ME.search(rest))):
        owners = ["me", *owners]
    return _mine_as_typer(owners, low, names)


# --- intents ---------------------------------------------------------------------------------------------------------

_ANSWERERS = (
    r"(?:we|you|i|our reps|the reps|reps|the team|our team|our (?:best |top )?(?:aes|sellers|people|closers|reps)"
    r"|top (?:reps|aes|sellers)|the best (?:reps|aes|sellers)|other reps)"
)
"""Who answers an objection ("how do our reps answer ...", "how does jamal handle ...")."""
_ANSWER_VERBS = (
    r"(?:handle[sd]?|answer(?:s|ed)?|respond(?:s|ed)? to|repl(?:y|ies|ied) to|counter(?:s|ed)?|deal(?:s|t)? with"
    r"|address(?:es|ed)?|overcome|overcame|tackle[sd]?|navigate[sd]?|push(?:es)? back on|pushed back on"
    r"|(?:get|gets|got|gotten) (?:past|around))"
)

_WHOSE_NUMBER = (
    r"(?:(?:the|my|our|his|her|their|this|team \w+'s|\w+'s) )?"
    r"(?:(?:quarter|month|qtr|q[1-4])'?s |q[1-4] |(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* )?"
)
"""Whose number, and of which period, a make-or-break question names ("her December number", "this quarter's")."""

_NO_DEAL = (
    r"(?:our |my |the |this |that )?(?:pipeline|pipe|forecast|number|numbers|quota|quarter|qtr|q[1-4]|month|year|week"
    r"|it\b(?=.*\b(?:that|if) (?:we|i)\b)|team)\b"
)
"""What "how solid is ..." or "is ... a lock" says of the period or the book, not of one deal ("is Q4 a lock?")."""

INTENTS: tuple[tuple[str, str], ...] = (
    (
        "help",
        r"^(?:help|\?|hi|hello|hey)(?: me)?\W*$|what can you (?:do|answer|help)|how do i use|^commands\b"
        r"|\b(?:list of|list|all|available|your|the|which|what|show|supported) (?:the )?(?:slash )?commands\b"
        r"|\bcommands (?:do you|can i|are there|list)\b|how (?:does|do) (?:this|it|the|you)(?: \w+)? work\b"
        r"|\bwhat you can do\b|^how do i (?:get started|start|begin)\W*$"
        r"|what can (?:this|the|sales ?os) ?(?:bot|app|thing|copilot|assistant)? (?:do|answer)\b"
        r"|what (?:can|should) i ask(?!\s+(?:them|him|her|their|the|at|on|in|during|before|when)\b)"
        r"|how does (?:this|it|the bot|sales ?os) work|what (?:do|can) you (?:do|know)"
        r"|what (?:kinds? of |sorts? of )?(?:questions|things) can"
        # "what all can you do?", "what this bot can actually do besides looking up deals"
        r"|\bwhat (?:all|else|exactly|other things|sorts? of things|kinds? of things) (?:can|could) (?:you|u"
        r"|this (?:bot|app|thing|copilot|assistant)|the (?:bot|copilot|assistant)|sales ?os) (?:\w+ )?(?:do|answer"
        r"|help with)\b"
        r"|\bwhat (?:you|this (?:bot|app|thing|copilot|assistant)|the (?:bot|copilot|assistant)|sales ?os)"
        r" (?:can|could) (?:actually |really |even |else |all |possibly )?(?:do|answer|help with)\b"
        r"(?! (?:about|for|with|to)\b)"
        r"|^(?:the )?(?:slash )?commands?(?: list)?\W*$"
        # what the bot takes: "what filters/queries do you support", "which filters can I use"
        r"|\b(?:what|which) (?:kinds? of |sorts? of )?(?:filters|queries|questions|commands|options|capabilities)"
        r"(?:\s*/\s*\w+)? (?:do|does|can|will) (?:you|it|this(?: bot| app| thing)?|the (?:bot|app)|sales ?os|i)"
        r" (?:support|take|handle|understand"
        r"|accept|use|run|ask)\b",
    ),
    (
        "lead_score",
        (
            r"\blead(?:s)? scor|\bscore (?:this |the |a |that |new |inbound |our )*leads?\b"
            r"|\bscore for (?:the )?lead|\binbound lead"
            r"|\b(?:tier|score|grade|rating)\b[^.?]*\blead\b|\blead\b[^.?]*\b(?:tier|score|grade|rating)\b"
            # how one lead looks or whether it is worth the time ("how does the X lead look", "is the X lead worth
            # my time", "what score did the X inbound get"): the company is taken out, so a gap may stand for it
            r"|\bhow (?:does|do|did|is|'s) (?:the|that|this|our)\s+(?:[\w&.'-]+\s+){0,4}(?:lead|inbound)\b(?! leads?\b)"
            r"|\b(?:lead|inbound)\s+(?:look|looks|looking|any good|worth (?:my|our|the|a|it|pursuing|chasing))\b"
            r"|\b(?:tier|score|grade|rating)\b[^.?]*\binbound\b"
            # whether one lead is any good, said after its company: "is the inbound from X any good or a tire kicker"
            r"|\b(?:the|that|this) (?:lead|inbound)\b[^.?]{0,40}\b(?:any good|worth (?:chasing|pursuing|it|my time"
            r"|our time|a call)|tire[- ]?kick(?:er|ers|ing)?|legit|for real|serious)\b"
            # a tier is a lead's (A-D): "what tier did falconcraft come in as", "which tier is X", "X came in as tier b"
            r"|\b(?:what|which) tier\b|\btier (?:did|does|is|was)\b"
            r"|\b(?:what|which) (?:score|grade|rating) did\b[^.?]{1,50}\b(?:come|came) in\b"
            r"|\b(?:come|came|comes|coming) in (?:as|at) (?:a |an )?tier\b"
        ),
    ),
    # Deal intelligence (tools/intelligence): odds on an account, the forecast, make-or-break deals, AE performance.
    (
        "make_or_break",
        r"\bmake[- ]or[- ]break\b|\bswing (?:the |my |our )?(?:quarter|month|forecast|number)\b|\bswing deals?\b"
        r"|\b(?:quarter|month) (?:hinges|depends|rides) on\b|\bmake (?:my|our|the) (?:quarter|month|number)\b"
        r"|\bdeals? (?:that|which)?(?:'ll| will| could| would| might| can)? ?(?:swing|decide|make|determine|tip)s? "
        + _WHOSE_NUMBER
        + r"(?:quarter|month|qtr|forecast|number|commit)\b"
        r"|\b(?:decide|determine)s? (?:the |my |our |team \w+'s |\w+'s )?(?:quarter|month|qtr|q[1-4])\b"
        r"|\bmust[- ]win deals?\b"
        # "which of my deals move the forecast the most", "deals that drive the number", "matter most to the quarter"
        r"|\b(?:move|moves|moving|swing|swings|swinging|drive|drives|driving|impact|impacts|affect|affects|shift"
        r"|shifts)(?: the needle on)? " + _WHOSE_NUMBER + r"(?:forecast|number|quarter|month|commit)"
        r"\b[^?]{0,20}?\b(?:most|more|biggest|largest|the most)\b"
        r"|\b(?:most|biggest|largest)\b[^?]{0,15}\b(?:move|moves|swing|swings|drive|drives|impact|impacts|affect"
        r"|affects) (?:the |my |our )?(?:forecast|number|quarter|month)\b"
        r"|\bdeals? (?:that |which )?(?:would |will |could )?(?:move|drive|impact|affect)s? (?:the |my |our )?"
        r"(?:forecast|number)\b"
        r"|\bmatter(?:s)? (?:the )?most (?:to|for) " + _WHOSE_NUMBER + r"(?:forecast|number|quarter|month|commit)\b"
        r"|\b(?:deals|opps)\b (?:that |which )?(?:really )?matter (?:the )?most\b"
        r"(?! (?:to|for) (?!(?:the|my|our|this)\b))"
        r"|\b(?:big|large|biggest|largest)\b[^?]{0,20}\b(?:uncertain|coin[- ]?flips?|toss[- ]?ups?)\b"
        r"|\bdeals? (?:the|my|our) (?:quarter|month|number) (?:hinges?|depends?|rides?) on\b"
        # what decides whether the number is hit: "deals that decide whether I hit my number this quarter"
        r"|\b(?:decide|determine|swing|make or break|hinge on|depend on|ride on|tip)s?\b[^?]{0,30}?\b(?:hit|make"
        r"|miss|reach|land|get to|beat)(?:s|ing)? (?:my|our|the|its|their|his|her|team \w+'s|\w+'s) (?:number|quota"
        r"|target|plan|quarter|month|forecast|commit)\b"
        r"|\b(?:hit|make|miss)(?:s|ing)? or (?:miss|break)(?:es|ing)? (?:my|our|the|\w+'s) (?:number|quota|target"
        r"|quarter|month|plan)\b",
    ),
    (
        "forecast",
        r"\bforecast\b|\bwhat will (?:we|i) (?:close|book|land)\b|\bexpected bookings\b|\bgoing to (?:close|book) this"
        r"|\b(?:gonna|going to|will (?:we|i)|expect(?:ed)? to|likely to|projected to) (?:land|book)\b"
        r"|\bwhere (?:will|are) (?:we|i) (?:going to )?(?:end up|land|finish)\b|\bprojected bookings\b"
        r"|\bprojection\b|\bwhat (?:do|does) (?:we|i|\w+) (?:project|expect to book)\b"
        r"|\b(?:will|are|am|is|going to|gonna|on track to)\b[^?]{0,15}\b(?:hit|make|reach)\b (?:my|our|the|its|their"
        r"|\w+'s) (?:number|quota|target|plan)\b"
        r"|\b(?:my|our|the team'?s|\w+'s) number\b[^?]*\b(?:going to be|gonna be|look(?:s|ing)? like|land|end up)\b"
        r"|\bhow much (?:will|is|are|do|am) (?:we|i|\w+(?: \w+)?) (?:going to |gonna |expected to |likely to "
        r"|projected to |on track to |set to )?(?:book|land|bring in)\b"
        # the forecast in plain words: "projected revenue for December", "what number will we hit by the end of the
        # month", "how much am I likely to bring in"
        r"|\b(?:projected|expected|forecasted|likely) (?:revenue|bookings|number|total|sales)\b"
        r"|\bwhat (?:number|total|amount) (?:will|are|am|is|do|should) (?:we|i|\w+) (?:\w+ )?(?:going to |gonna "
        r"|likely to |expected to )?(?:hit|land|end up|finish|close|book|come in)\b"
        # what will be brought in: "how much revenue will team east bring in", "what's team west bringing in this q"
        r"|\bhow much\b[^?]{0,30}\b(?:will|going to|gonna|likely to|expected to|projected to|on track to|set to)\b"
        r"[^?]{0,30}\b(?:bring in|book)\b(?! (?:a |an |the )?(?:meeting|demo|call))"
        r"|(?:\b(?:are|is|am)|'re|'s)\s+(?:\w+\s+){0,2}?(?:bringing in|booking)\b(?!\s+(?:a |an |the )?(?:meeting|demo"
        r"|call|first))[^?]*\b(?:this|next|the) (?:month|quarter|qtr)\b"
        # what will be landed, hedged: "what we'll realistically land this quarter", "what i'll probably book"
        r"|\bwhat (?:will (?:we|i)|(?:we|i)(?:'ll| will)) (?:(?:realistically|actually|probably|likely|really"
        r"|most likely|end up|expect to|hope to) )*(?:close|book|land|bring in)\b(?! (?:the|a|an|that|it|them)\b)"
        r"(?! this (?:deal|one|account)\b)"
        r"|\b(?:we|i)(?:'ll| will) (?:realistically|actually|probably|likely|really|most likely)"
        r" (?:land|book|bring in)\b"
        # the forecast's interval asked for: "what we'll land this quarter, with the range", "bookings with error bars"
        r"|\b(?:land|book|bring in|bookings|number)\b[^?]{0,40}\b(?:with|and|plus|including|incl) (?:the |a |an |its "
        r"|our )?(?:range|interval|confidence interval|error bars?|best[- ](?:and|&|/)[- ]worst[- ]cases?"
        r"|low (?:and|&|/) high(?: ends?| cases?)?|upside (?:and|&|/) downside)\b",
    ),
    (
        "odds",
        r"\bodds\b|\blikelihood\b|\bchances?\b|\bwin probability\b|\bprobability\b|\bwill we (?:win|close)\b"
        r"|\b(?:are|am) (?:we|i) (?:going to|likely to) (?:win|land|sign)\b|\b(?:we|i)'?ll (?:win|land)\b"
        r"|\bcan (?:we|i) (?:still )?win\b(?! (?:against|vs|versus|back))"
        r"|^(?:do you think |so )?will (?!we\b|i\b|any\b|the deals\b|deals\b)[a-z0-9&.' -]{0,40}?\s(?:deal )?"
        r"(?:sign|close"
        r"|come through|convert)\b(?! (?:this|next|by|before|in)\b)|\bwill we (?:get|land) (?:the )?[a-z0-9&. ]*deal\b"
        r"|^(?:do you think )?(?:is|are) (?!any\b|the deals\b|our deals\b|we\b|deals\b)[a-z0-9&.' -]{0,40}?\s?"
        r"(?:going to|gonna|likely to) (?:(?:sign|close|buy|convert)\b(?! (?:this|next|by|before|in)\b)"
        r"|come through\b|pull the trigger\b)"
        r"|\blikely (?:to )?(?:close|win|sign)\b|\bhow likely\b|\bwin prob\b|\bp\(win\)"
        # how sure to be of one deal: "how confident should i be about the umbrella deal", "how solid is globex"
        r"|\bhow (?:confident|sure|solid|real|safe|firm) (?:should|can|do|would) (?:i|we) (?:be|feel)\b"
        r"|\bhow (?:solid|real|firm|safe) is (?!" + _NO_DEAL + r")(?:the )?[a-z0-9&.' -]{1,40}?(?: deal)?\s*\??$"
        # one deal's outcome asked, hedged: "will we actually land it?", "will we really win them" (no period after)
        # (the company, taken out, or a pronoun ends the question; a period after it is the forecast's)
        r"|\bwill (?:we|i) (?:(?:actually|really|realistically|still|ever|probably|end up|be able to|manage to)"
        r" )+(?:win|land|close|sign|bag)(?! (?:this|next|last|by|before|in|on|within|q[1-4]|the (?:quarter|month"
        r"|year|week)|anything|any|everything|all|more|most|much|enough|deals?|our|my|the number)\b)"
        r"(?: [\w&.'-]+){0,3}\s*[?.!]*\s*$"
        r"|\bwill (?:we|i) (?:win|land|close|sign|bag) (?:it|them|this one|that one|this deal|that deal)\s*[?.!]*\s*$"
        # whether a deal is a sure thing: "is keencrest a lock?", "is the acme deal really in the bag"
        r"|(?:^|[.!?;]\s+)(?:is|are)\s+(?!" + _NO_DEAL + r")(?:[\w&.'-]+\s+){0,4}"
        r"(?:really |actually |still |truly )?(?:a (?:lock"
        r"|sure thing|done deal|slam dunk|shoo-?in|safe bet)|in the bag)\b",
    ),
    (
        "performance",
        r"\bhow(?:'s|s| is| are| am) \w+(?: \w+)? (?:doing|performing|tracking|trending|pacing)\b|\bcompare\b"
        r"|\bperformance\b|\bcoach(?:ing)?\b|\bscorecard for\b|\bhow (?:is|are|am) \w+ (?:stacking|measuring) up\b"
        # an AE set against others: "how do I stack up against Grace", "how does emily measure up to luis"
        r"|\bhow (?:do|does|did) (?!we\b|us\b|our\b|they\b|it\b)\w+(?: \w+)? (?:stack|measure) up\b"
        # pipeline coverage is a scorecard figure: "what's my pipeline coverage looking like vs everyone else"
        r"|\b(?:pipeline|pipe) coverage\b|\bcoverage (?:ratio|multiple)\b",
    ),
    (
        "objection",
        (
            r"objection|talk ?track|what (?:do|should|can) (?:i|we) say\b"
            rf"|\bwhat (?:do|does|did|should|would) {_ANSWERERS} (?:usually |typically |normally )?say (?:to|when|if)\b"
            r"|how to (?:handle|respond|reply|answer|counter|deal with|push back|overcome|address)"
            r"|how (?:do|should|can|would) (?:i|we) (?:handle|respond|reply|answer"
            r"|counter|deal with|push back|overcome|address)|what (?:do|should|can) (?:i|we) say (?:when|if"
            r"|to)|(?:handle|handling|respond to|counter) (?:a |the |an )?(?:[a-z]+ )?(?:pushback|push back"
            r"|concern|complaint)|(?:says?|said|saying|thinks?|claims?) (?:we'?re|it'?s|you'?re|we are"
            r"|its) too (?:expensive|pricey|costly)|(?:pitch|sell|position (?:us|it|this)) (?:to |for )?(?:a |an |the "
            r"|their |our )?(?:cfo|cto|ceo|coo|cio|cro|vp|head of|director|it|security|finance|procurement"
            r"|economic buyer|champion)\b|\bpushback\b"
            r"|\bhow (?:have|did|do) (?:we|you|i|our reps|the reps|reps|the team) (?:handled|answered|responded to"
            r"|countered|dealt with|addressed|overcome|overcame)\b"
            # how the people who win answer it: "how do our reps answer integration worries", "how does jamal handle"
            rf"|\bhow (?:do|does|did|have|has|should|would) {_ANSWERERS} (?:usually |typically |normally |best )?"
            rf"{_ANSWER_VERBS}\b"
            r"|\bhow (?:do|does|did|have|has|should|would) [a-z]+ (?:usually |typically |normally |best )?"
            rf"{_ANSWER_VERBS}"
            r" (?:the |a |an |their |those |these )?(?:[a-z]+ ){0,2}(?:concerns?|worr(?:y|ies)|objections?|pushback"
            r"|push back|complaints?|fears?|doubts?|hesitations?|claims?)\b"
            # what the buyer says, framed as a reply to find ("when they say ...", "best comeback if the CFO ...")
            r"|\b(?:when|if) (?:they|the (?:buyer|prospect|customer|client|cfo|cto|ceo|champion|vp)|a (?:buyer"
            r"|prospect|customer|client)|prospects?|buyers?|customers?) (?:say|says|said|tell|tells|push back"
            r"|pushes back|object|objects|claim|claims|raise|raises)\b"
            r"|\bbest (?:answers?|responses?|repl(?:y|ies)|rebuttals?|comebacks?|ways? to respond)\b"
            r"|\brebuttal|\bcomeback\b"
            r"|\bposition(?:ing)? (?:us |ourselves )?(?:against|vs\.?|versus)\b|\bbattle ?cards?\b"
            r"|\b(?:compete|competing|win|winning) (?:against|vs\.?|versus)\b"
            # what has worked as an answer ("nervous about security - what answers have worked on deals we won?")
            r"|\b(?:what|which) (?:answers?|responses?|replies|rebuttals|talk ?tracks?|arguments|approaches|lines)\b"
            r"[^?]{0,25}\b(?:worked|work|works|landed|helped)\b"
        ),
    ),
    (
        "call_summary",
        (
            r"(?:summar(?:y|ize|ise)|recap|notes|rundown|takeaways|highlights|key points|action items"
            r"|next steps|what (?:was said|happened"
            r"|did they say)|how did|\btl;? ?dr|\bgist\b|\bsum(?:med|ming)? (?:it )?up|\bsynopsis|\bdebrief"
            r"|\bread-?out|\bwrap-?up|\bcliff ?notes|\bshort version|\bthe skinny)\b[^.]*\bcalls?\b"
            r"|\bcalls?\b[^.]*\b(?:summar(?:y|ize|ise)|recap"
            r"|transcript|takeaways|highlights|notes|key points|action items|next steps|tl;? ?dr|gist|synopsis"
            r"|debrief|read-?out|wrap-?up)"
            r"|\btranscript\b|\blast call\b|\blatest call\b|\brecent call\b"
            # a particular past call, named by when it was ("the last Wayne call", "yesterday's call with Acme")
            r"|\b(?:last|latest|recent|previous|most recent|yesterday'?s|today'?s)\b[^.?]*?\bcall\b"
            r"|\bwhat came up\b|\b(?:on|from|in|during) (?:the|our|that)\s+call\b"
            r"|\bwhat did (?:i|we) miss (?:on|in|from|during) (?:the|our|that|this|today'?s|yesterday'?s)\b"
            r"[^.?]*\bcall\b"
            # "what came out of the X call", "I missed the X call", "wasn't on the X call"
            r"|\bwhat (?:came|come|has come|comes) out of\b[^.?]*\bcall\b"
            r"|\b(?:missed|miss|couldn'?t make|could not make|wasn'?t on|was not on|skipped)\b (?:the|our|that|this|"
            r"today'?s|yesterday'?s)\b[^.?]*\bcall\b"
        ),
    ),
    (
        "brief",
        (
            r"\bbrief(?:ing)?\b|\bprep(?:are)?\b|(?:one|\b1)[- ]?pager|\bget me ready\b|\bready for (?:my |the "
            r"|our )?(?:meeting|call)"
            # what a brief is also called ("cheat sheet for the acme meeting", "a primer on globex")
            r"|\b(?:cheat|crib) ?(?:sheets?|notes)\b|\bdossier\b|\bprimer\b|\bbackgrounder\b|\bpre-?read\b"
            # research for an upcoming conversation ("background on X for tomorrow's call", "ahead of my demo")
            # (the company taken out leaves a gap: "cheat sheet for the   meeting")
            r"|\bbackground\b|\bresearch\b|\b(?:before|ahead of|for) (?:(?:my|the|our|a|this|tomorrow'?s|today'?s"
            r"|next|upcoming)\s+)*(?:call|meeting|demo|pitch|discovery)\b"
            # "before I pitch in" is before I help out, no sales pitch to prepare for
            r"|\bbefore (?:i|we) (?:meet|see|call|talk to|speak (?:to|with)|pitch(?! in\b))\b|\bgoing in(?:to)?\b"
            r"|what (?:should|do|must) (?:i|we) (?:need to )?know\b"
            r"|\b(?:meeting|call|demo)(?: with)? [a-z0-9&. ]+ (?:tomorrow|today|tonight|later"
            r"|this (?:morning|afternoon))\b"
        ),
    ),
    (
        "at_risk",
        (
            r"\brisks?(?:y|iest)?\b|in trouble|slipping|\bdanger|\bstuck\b|\bstall(?:ed|ing)\b|need(?:s)? attention"
            r"|worr(?:y|ied)|going sideways|red flag|\bhealth\b|\bunhealthy\b|jeopardy"
            r"|(?:might|could|going to|likely to|about to|gonna) (?:lose|slip|fall through|die)\b"
            # deals that will not close after all ("which deals won't close this month"): the ones at risk
            r"|\b(?:will not|not going to|unlikely to|probably (?:will )?not|may not|might not) (?:close|sign|land"
            r"|happen|come in|make it)\b"
            # in plain words: "look shaky", "any warning signs", "is anything wrong with the acme deal"
            r"|\bshaky\b|\bwobbly\b|\bdicey\b|\biffy\b|\bwarning (?:signs?|signals?|lights?|flags?)\b"
            r"|\b(?:anything|something|what'?s|what is) (?:wrong|off|amiss) (?:with|on|about)\b|\bon thin ice\b"
            r"|\bon the rocks\b|\bin (?:bad|rough|poor) shape\b|\blook(?:s|ing)? (?:bad|rough|sketchy|precarious)\b"
        ),
    ),
    (
        "silent",
        (
            r"\bsilent\b|(?:nobody|no one|not) (?:has |have )?heard from"
            r"|\b(?:nobody|no one|noone)(?:'s| has| have|s)? (?:heard|responded|replied|answered|engaged|gotten back"
            r"|called back|written back)"
            r"|no (?:buyer |customer )?(?:activity|engagement|touch)"
            # nobody touched them: "haven't been touched in two weeks", "untouched", "nobody has touched"
            r"|\buntouched\b|\b(?:not|never|haven'?t|hasn'?t|havent|hasnt)(?: been| had)?(?: a| any)? touch(?:ed|es)?\b"
            r"|\b(?:nobody|no one|noone)(?:'s| has| have)? touched\b"
            r"|\bsilence\b|\bquiet\b|ghost(?:ed|ing)?|gone dark|went dark|\bdark\b|no (?:reply"
            r"|replies|response|responses|engagement|contact|activity)|not (?:replied|responded|engaged"
            r"|heard)|(?:haven'?t|hasn'?t|havent|hasnt) (?:heard|replied|responded|engaged|gotten back)"
            r"|unresponsive|radio silence|no word|not heard back|stopped (?:replying|responding)"
            # no buyer X, in any wording: "without a buyer response", "zero replies", "lack of engagement"
            r"|\b(?:no|without|zero|lack of)\s+(?:a |any )?(?:buyer |customer |prospect |client )?(?:response|reply"
            r"|replies|responses|engagement|activity|contact|touch|word|answer)"
            r"|\b(?:gone|went|going|gotten|got|turned|run|ran) (?:cold|dark|quiet|silent)\b"
            r"|\bcold (?:deals|opps|accounts)\b"
            # nothing in from the buyer: "no inbound from buyers for 20 days", "nothing inbound in 2 weeks"
            r"|\b(?:no|zero|nothing|without(?: any)?|lack of)\s+(?:buyer |customer |prospect |client )?inbound\b"
            r"|\bno (?:emails?|messages?|calls?|word) (?:back )?from (?:the )?"
            r"(?:buyers?|customers?|prospects?|clients?)\b"
            # buyers not answering, in plain words: "ignoring my emails", "left me on read", "not returning my calls"
            r"|\bignor(?:ing|ed|es|e) (?:my|our|the|all|his|her|their|any|every|\w+'s) (?:\w+ )?(?:e-?mails?|calls?"
            r"|messages?|outreach|follow[- ]?ups?|texts?|voicemails?|pings?|sequences?|touches)\b"
            r"|\bleft (?:me |us |\w+ )?on read\b|\bignor(?:ing|ed) (?:me|us)\b"
            r"|(?:\bnot|n't|\bnever) (?:opening|reading|returning|answering) (?:my |our |any |his |her |their |\w+'s )?"
            r"(?:e-?mails?|calls?"
            r"|messages?|texts?|voicemails?)\b"
        ),
    ),
    (
        "latest",
        (
            r"\blatest\b|\bnew (?:on|with|at|from)\b"
            r"|\bstatus\b|\bupdate(?:s)?\b|what'?s (?:been )?(?:going on|happening|new|up) (?:with|at|on)"
            r"|what has been (?:going on|happening) (?:with|at|on)|where (?:are"
            r"|do) we (?:stand )?(?:with|on)|where do things stand|how'?s? (?:is |are )?(?:the "
            r"|our )?[a-z0-9 &.]+ (?:deal |account )?(?:going|doing|looking)|tell me about|\bnews\b"
            r"|catch me up|what'?s the story|where are we at|how are things|fill me in|what happened (?:with|at|on)"
            r"|when did (?:we|i) last|last (?:touch|contact|interaction)s? (?:with|at|on)"
            r"|\bwhere(?: does| do| is| are|'s|'re) (?!we\b|i\b)[a-z0-9&.' ]+ (?:stand|at)\b"
            # where an account's deal has got to: "where things are at with vandelay", "any movement on the stark
            # deal?", "any progress with initech" (not on deals in the plural: that is the list)
            r"|\bwhere (?:things|stuff|it|everything|matters) (?:are|is|stands?|'s|'re)(?: at)? (?:with|on)\b"
            # what changed on one account's deal: "what's changed with the globex deal this week" (the week is when
            # it changed, not when the deal closes)
            r"|\bwhat(?:'s| has| have)? changed (?:with|on|at|for|in)\b"
            r"(?! (?:\w+ ){0,2}(?:deals|opps|pipeline|accounts)\b)"
            r"|\bany (?:movement|progress|developments?|traction|news|word|change|changes) (?:on|with|at|from)\b"
            r"(?! (?:\w+ ){0,2}(?:deals|opps|pipeline|accounts|leads)\b)"
        ),
    ),
    (
        "closing",
        (
            r"\bclos(?:e|es|ing)\b|\blanding\b|\bland\b|expected to (?:close|sign)|\bcommit(?:s)?\b"
            r"|forecast(?:ed)? to close|\bsign(?:ing)? (?:this|next|by)|\bdue\b"
        ),
    ),
    (
        "pipeline",
        (
            r"\bpipeline\b|\bpipe\b|\bfunnel\b|by stage|per stage|by owner|per owner|per rep|by rep|breakdown"
            r"|\b(?:in )?(?:each|every) stage\b"
            r"|break down|\bforecast\b|\bbook of business\b"
        ),
    ),
    (
        "deals",
        r"\bdeals?\b|\bopps?\b|\bopportunit(?:y|ies)\b"
        # the accounts an owner works: "what accounts am I working right now", "which accounts is grace covering"
        r"|\b(?:what|which|the|my|all|list) (?:accounts|clients|customers|companies|logos)\b[^?]{0,25}\b(?:working|work"
        r"|covering|cover|handling|handle|running|carrying|own|owns)\b(?! (?:with|for|at)\b)"
        r"|\baccounts (?:i'?m|i am|am i|i|you're|\w+ is|is \w+|\w+'s|\w+ has) (?:currently |actively |still )?"
        r"(?:working|covering|handling|running|carrying)\b",
    ),
)
_INTENT_RE = [(name, re.compile(pattern)) for name, pattern in INTENTS]
_INTENT_BY_NAME = dict(_INTENT_RE)

WRITE_REQUEST = re.compile(
    r"^(?:please |pls |can you |could you |would you |go ahead and )?(?:close|mark|move|set|update|change|delete"
    r"|remove|create|log|send|reassign|assign|book|schedule|cancel|add|email|draft|write|invite)\b.*\b(?:as won"
    r"|as lost|to won|to lost|closed[- ]won|closed[- ]lost|all deals|stage to|owner to|the deal|a task|an email"
    r"|a note|a meeting|a call|an invite|a reminder|an? follow[- ]?up|the amount|the close date|to (?:the )?next stage"
    r"|to (?:stage )?(?:appointment|qualified|presentation|decision|contract|closed))\b"
)

# Closed-won / closed-lost insights (tools/insights): checked before the general intents, whose objection and deals
# patterns would otherwise take "battle card vs X" or "why are we losing deals".
INSIGHT_INTENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "get_battle_card",
        re.compile(
            r"\bbattle ?cards?\b|\b(?:compete|competitive|competitor|comp) cards?\b"
            r"|\bhow (?:do|can|would|should) (?:we|i) (?:beat|win against|compete (?:with|against))"
            # "how do we usually do against them": how we do against a rival in general, however often
            r"|\bhow (?:do|are) we (?:usually |typically |normally |generally |tend to )?(?:do(?:ing)?|fare|faring"
            r"|stack(?:ing)? up) (?:against|vs\.?|versus)\b"
            r"|\b(?:vs\.?|versus|against) us\b|\bwhere do we (?:win|lose) (?:against|vs\.?|versus)\b"
            # battle-card lingo: "DataPilot landmines", "lookwise comp intel", "kill sheet on Quantix"
            r"|\blandmines?\b|\b(?:comp|competitive|competitor) intel(?:ligence)?\b|\bkill ?sheets?\b"
        ),
    ),
    (
        "get_objections_this_week",
        re.compile(
            r"\b(?:objections?|pushback|push(?:ing|ed)? back|concerns)\b[^?]*\b(?:this|past|last|previous)"
            r" (?:week|month|fortnight|\d+\s*(?:d|w|wks?|mos?)?|[a-z]+ (?:days?|weeks?))\b|objections? of the week"
            r"|\b(?:objections?|pushback)\b[^?]*\b(?:lately|recently|coming up|came up|heard|hearing|get|got|getting)\b"
            r"|\b(?:new|recent|latest|fresh) (?:objections?|pushback)"
            # which objections surface, however said: "new kinds of objections popping up", "pushback cropping up"
            r"|\b(?:new|recent|latest|fresh|different) (?:kinds?|types?|sorts?|flavou?rs?) of (?:objections?|pushback"
            r"|concerns)\b"
            r"|\b(?:objections?|pushback)\b[^?]{0,30}\b(?:popping|cropping|showing|turning) up\b"
            r"|\b(?:objections?|pushback)\b[^?]{0,30}\bsurfac(?:e|es|ed|ing)\b"
            r"|\bpush(?:ing|ed)? back (?:on|about)\b[^?]*\b(?:lately|recently|these days)\b"
            r"|\b(?:this|past|last) week'?s? (?:objections?|pushback|concerns)\b"
            r"|\b(?:concerns|objections?|pushback)\b[^?]*\b(?:raising|raised|voicing|bringing up)\b"
            r"[^?]*\b(?:recently|lately)\b"
            r"|\b(?:what|which) (?:objections?|pushback) (?:are|is|did|have|were)\b(?![^?]*\b(?:won|lost|closed)\b)"
        ),
    ),
    (
        "get_objection_map",
        re.compile(
            r"\bobjection map+s?\b|\bwhich objections (?:hurt|cost|lose|kill|matter)|\bwin rate (?:when|if|with)\b"
            r"|\b(?:objections?|pushback|concerns?)\b[^?]*\b(?:win|close|loss) ?rates?\b"
            r"|\b(?:win|close|loss) ?rates?\b[^?]*\b(?:objections?|pushback)\b"
            r"|\bobjections?(?: (?:breakdown|split|mix|stats|statistics|tally|counts?))? (?:by|per|across|over)"
            r" (?:(?:all|our|the|my) )?(?:category|categories|persona|stage|closed|won|lost|deals)"
            r"|\bobjections? (?:breakdown|split|mix|stats|statistics|tally|counts?) (?:in|on)"
            r" (?:(?:all|our|the|my) )?(?:closed|won|lost|deals)"
            r"|\b(?:breakdown|split|mix|stats|statistics|tally) of (?:the |our )?objections?"
            r" (?:by|per|across|over|in|on)"
            r" (?:(?:all|our|the|my) )?(?:category|categories|closed|won|lost|deals)"
            r"|\b(?:answer(?:ing)?|address(?:ing)?)\b[^?]*\bobjections?\b[^?]*\b(?:vs\.?|versus|or|instead of) "
            r"(?:deflect|dodg|ignor)|\bobjections?\b[^?]*\b(?:hurt|cost|kill) (?:us|our|deals|win)"
            r"|\bwhich objections?\b[^?]*\b(?:win rate|lose|losing|lost)\b|\bmost (?:costly|damaging) objections?"
            # "how often do we win when security gets raised", "close rate when integration is brought up"
            r"|\b(?:(?:win|close|loss) ?(?:rate|ratio)|how often (?:do|did) we (?:still )?win)\b[^?]*\bwhen\b[^?]*"
            r"\b(?:comes? up|came up|raised|brought up|mentioned)\b"
            r"|\bwhen\b[^?]*\b(?:comes? up|gets? raised|is raised|brought up|is mentioned)\b[^?]*"
            r"\b(?:(?:do|did) we (?:still )?win\b|(?:win|close|loss) ?(?:rate|ratio)s?\b)"
            # "competitor objections: answered vs deflected", "security objections... do we usually still win?"
            r"|\bobjections?\b[^?]*\b(?:answered|addressed)\b[^?]*\b(?:vs\.?|versus|or|instead of) "
            r"(?:deflect|dodg|ignor)"
            r"|\bobjections?\b[^?]*\b(?:do|did|can|would) we (?:usually |still |ever |typically |actually |often )*"
            r"(?:win|close)\b(?!\s+(?:against|vs|versus)\b)"
            r"|\bhow often\b[^?]*\b(?:comes? up|came up|raised|brought up|mentioned)\b[^?]*\b(?:win|won|lose|lost)\b"
            # "when a buyer says they already have a tool, how often do we still end up winning"
            r"|\bwhen (?:a |the |our )?(?:buyers?|prospects?|customers?|clients?|they|people|champions?)"
            r" (?:says?|tells? us|claims?|objects?|pushes back|raises?|brings? up|mentions?)\b[^?]*"
            r"\b(?:how often|how many times|do|did) (?:do |did )?we (?:still |usually |actually )*(?:end up )?"
            r"(?:win|winning|close|closing)\b(?!\s+(?:against|vs|versus)\b)"
            r"|\b(?:do|did) we (?:lose|win|close) (?:more|less|fewer)?\b[^?]*\bwhen\b[^?]*\b(?:comes? up|gets? raised"
            r"|is raised|brought up|is mentioned|mentioned)\b"
            # the whole picture: which objections, how often, how those deals end ("big picture on objections")
            r"|\b(?:big picture|overview|lay of the land|landscape|full picture) (?:on|of|for) (?:our |the |all )?"
            r"(?:objections?|pushback)\b"
            r"|\b(?:objections?|pushback)\b[^?]*\bhow (?:those|these|the|they|such|our) (?:deals |opps )?"
            r"(?:end|ended|turn(?:ed)? out|play(?:ed)? out|go|went|finish(?:ed)?)\b"
            r"|\b(?:objections?|pushback)\b[^?]*\bhow (?:often|frequently)\b"
            r"|\bhow (?:often|frequently)\b[^?]*\b(?:objections?|pushback)\b"
        ),
    ),
    (
        "get_buyer_personas",
        re.compile(
            r"\bwho (?:typically |usually |actually )?buys (?:from us|our)\b|\bbuyer personas?\b|\bour personas?\b"
            r"|\bpersonas?\b|\bwho (?:are|is) our (?:typical |usual |ideal )?buyers?\b|\btypical buyers?\b"
            r"|\bbuyer profiles?\b|\bwhat (?:do|does) (?:the |our )?[a-z' -]{2,60}? care (?:most )?about\b"
            r"|\bwho (?:signs|approves|is in the buying group)\b|\bbuyer types?\b|\btypes? of buyers?\b"
            r"|\b(?:people|roles|titles) who (?:usually |typically )?(?:sign|approve|buy)\b"
            r"|\bbuying (?:group|committee) (?:of|on|in) (?:our )?(?:won|closed)\b"
        ),
    ),
    (
        "get_pain_points",
        re.compile(
            r"\bpains?\b(?! free)|\bwhy (?:do|did|would) (?:people|ppl|customers|buyers|clients|they|folks)"
            r" (?:end up |actually |usually )?(?:buy|buying|choose|sign|pick)\b"
            r"|\bwhat problems? (?:do|did|are) (?:customers|buyers|clients|they|people)\b"
            r"|\bproblems? (?:we|our product) solves?\b|\bwhy (?:customers|buyers) (?:buy|choose|pick)\b"
            r"|\bwhat pain\b|\bproblems? (?:does|do|did) (?:our product|we|it) solve\b|\bpain (?:are|is|do)\b"
            # "what problems do we actually solve for customers", "which business issues does our product fix"
            r"|\b(?:problems?|pains?|issues?|challenges?|needs?) (?:does|do|did|are|is|have) (?:we|our (?:product"
            r"|platform|tool|software|solution|customers|buyers)|it|the product|they) (?:\w+ ){0,2}?(?:solv|fix|address"
            r"|tackl"
            r"|remov|help(?:ed|ing)? (?:with|on)|need solv)\w*"
            r"|\bwhat (?:do|does|did) (?:we|our (?:product|platform|tool|software|solution)) (?:\w+ )?(?:solve|fix)"
            r" (?:for|at)\b"
            # what was wrong for the buyers before they bought ("what headaches did customers have before they bought")
            r"|\b(?:headaches?|struggles?|problems?|issues?|challenges?)\b[^?]{0,50}\bbefore (?:they (?:bought"
            r"|purchased|signed|chose|switched|came to us|became)|buying|purchasing|choosing us|switching to us"
            r"|becoming customers)\b"
            r"|\bheadaches?\b[^?]{0,30}\b(?:customers?|buyers?|clients?|people|prospects)\b"
            r"|\b(?:customers?|buyers?|clients?)'?\b[^?]{0,20}\bheadaches?\b"
        ),
    ),
    (
        "get_loss_reasons",
        re.compile(
            r"\bwhy (?:are|am|do|did|were|is|does|have) (?:we|i|my \w+|\w+(?: \w+)?) (?:deals )?"
            r"(?:losing|lose|lost|get lost|getting lost)\b|\bloss reasons?\b|\bwhy (?:we|i) lose\b"
            r"|\breasons? (?:we|i|deals) (?:lose|lost|are lost)"
            r"|\breasons?\b[^?]{0,40}\b(?:losing|lose|lost|closed[- ]lost)\b(?! deals? (?:worth|to|we could))"
            r"|\bwhy (?:do|did|does|are|were|have)\b[^?]{0,30}\b(?:deals|opps)\b[^?]{0,20}"
            r"\b(?:end up|go|get|got|are|were"
            r"|being|been) (?:closed[- ])?lost\b"
            r"|\b(?:closed[- ]lost|loss|lost[- ]deals?) (?:analysis|review|post[- ]?mortem|breakdown|themes|patterns)"
            # the reasons named after the outcome: "closed-lost reasons breakdown", "lost deal reasons", "lost reasons"
            r"|\b(?:closed[- ]?lost|lost)(?:[- ](?:deals?|opps?))? reasons?\b"
            r"|\bwhy (?:did|do|were|are) (?:my |our |the )?(?:deals|opps) (?:get |getting )?lost\b"
            r"|\bwhat (?:makes|made) us lose\b|\bwhere (?:are|do) we losing\b"
            r"|\bwhy (?:has|have|had|is|are) \w+(?: \w+)? been (?:losing|lose)\b"
            r"|\bwhy\b[^?]{0,40}\b(?:lose|losing)\b (?:deals|opps|so many|more|most)\b"
            r"|\bwhat (?:kills|killed|sinks|sank|hurts|costs) (?:our |my |the )?deals\b"
            r"|\bwhy (?:do|did|have|has|are|were|had|does|is) (?:our |my |the |so many |all |\w+'s )?(?:deals|opps)"
            r"(?: been| keep| kept| tend to)? (?:die|died|dying|fall through|fallen through|falling through"
            r"|fell through|fall apart|fallen apart|falling apart|fell apart|stall out|stalled out|go south"
            r"|gone south|going south|went south|tank|tanked|tanking|fail|failed|failing)\b"
            r"|\breasons?\b[^?]{0,30}\b(?:deals|opps)\b (?:\w+ )?"
            r"(?:die|fall through|fall apart|go south|tank|fail)\b"
            # what is behind them: "what's driving Jamal's losses", "what is causing our lost deals"
            r"|\bwhat(?:'s|s| is| are| has| have)?(?: been)? (?:really )?"
            r"(?:driving|behind|causing|explains?|fuel(?:s|ing)?)\b"
            r"[^?]{0,40}"
            r"\b(?:losses|losing|lost deals|lost opps|closed[- ]lost)\b"
            r"|\b(?:root )?causes? (?:of|for|behind) (?:the |our |my |\w+'s |\w+ \w+'s )?(?:losses|lost deals)\b"
        ),
    ),
    (
        "get_reactivation_list",
        re.compile(
            r"\brevive\b|\breviv|\breactivat|\bre-?open(?:ing|ed)?\b|\bresurrect|\bwin (?:them |it )?back\b"
            r"|\blost deals? worth\b|\bworth (?:another|a second) (?:look|shot|try|chance)\b"
            r"|\b(?:bring|win) (?:\w+ )?back\b|\bget (?:them|it|those|these) back\b|\bre-?engage\b|\brekindle\b"
            r"|\bsecond chance\b|\bwin[- ]?backs?\b|\bsalvageable\b|\brecoverable\b"
            r"|\bsalvag(?:e|ing) (?:any |some |the |these |those )?(?:lost )?(?:deals|opps)\b"
            r"|\blost (?:deals|opps|accounts)\b[^?]{0,30}\b(?:recover|chase again|try again|revisit)\b"
            # lost deals worth another go: "closed-lost deals we should take another swing at", "another shot"
            r"|\blost\b[^?]{0,60}\b(?:another|a second|one more|a fresh) (?:shot|swing|go|crack|try|run|stab|pass"
            r"|attempt|chance|look)\b"
            # lost deals worth trying again: "deals we lost that might be worth trying again", "lost ones to revisit"
            r"|\blost\b[^?]{0,60}\b(?:worth (?:trying|pursuing|chasing|revisiting|reopening|re-?approaching|a retry)"
            r"|try(?:ing)? (?:again|once more)|circle back to|reach(?:ing)? back out to|revisit(?:ing)?)\b"
        ),
    ),
)
TOPIC_SEARCH = re.compile(
    r"\bquotes? (?:from|about|on|where)\b|\b(?:emails?|notes?|transcripts?|calls?) (?:about|mentioning|where)\b"
    r"|\b(?:mention(?:ed|s)?|talk(?:ed)? about|said about|say about)\b"
)
HANDLED = re.compile(
    r"\bwhat (?:do|did|should|can|would) (?:we|i|our reps|the reps|reps|they|you) (?:usually |typically )?say\b"
    r"|\bhow (?:do|did|should|can|have|would) (?:we|i|you|our reps|the reps|reps) (?:handle|handled|answer|answered"
    r"|respond|responded|counter|countered|address|addressed|deal with|dealt with)\b|\btalk ?tracks?\b"
    rf"|\bhow (?:do|did|should|can|have|would) {_ANSWERERS} (?:usually |typically )?(?:get|got|gotten)"
    r" (?:past|around)\b"
    r"|\b(?:on|in|from) (?:the |our )?won deals\b"
)
"""How an objection was or should be answered: the objection library, not the week's objections."""
STILL_WIN = re.compile(
    r"\b(?:do|did|can|would) we (?:usually |still |ever |typically |actually |often )*(?:win|close)\b"
    r"(?! (?:against|vs|versus)\b)|\bwin ?rate\b"
)
"""Whether we win when an objection comes up: the objection map."""
LAST_CALL = re.compile(r"\b(?:last|latest|most recent|recent|previous|yesterday'?s|today'?s)\b[^?]*?\bcall\b")
ASK_HANDLING = re.compile(
    r"\bhow (?:do|should|can|to|would) (?:i |we )?(?:handle|respond|reply|answer|counter|deal with|push back"
    r"|overcome|address)\b|\bwhat (?:do|should|can) (?:i|we) say\b|\btalk ?track\b"
)
ONE_CALL = re.compile(
    r"\b(?:on|in|from|during) (?:the|our|my|that|their|this) (?:last |latest |recent |first )?call\b"
    r"|\blast call\b"
)
_COMPETITOR_AFTER = re.compile(
    r"(?:\bvs\.?|\bversus|\bagainst|\bbeat|\bcompete with|\bfor)\s+([A-Za-z0-9][\w .&-]*?)\s*(?:[?!.]|$)"
)


PERSONA_ASKED = re.compile(
    r"\bpersonas?\b|\bwith (?:vs\.?|versus|and|or|compared to) without\b|\bwithout (?:vs\.?|versus|and|or) with\b"
)
OBJECTION_WORDS = re.compile(
    r"\bobjections?\b|\bpushback\b|\bpush back\b|\bconcerns?\b|\bcomes? up\b|\bcame up\b|\braised\b"
    r"|\bbrought up\b|\bmentioned\b|\bdeflect\w*|\banswered\b"
)


def _persona_record(low: str) -> bool:
    """A persona's win rate asked ("CFO persona - win rate with vs without them"): the personas, not the objections.

    The buyer personas report each persona's win rate with and without them on the deal; the objection map the win
    rate when an objection is raised. With no objection said, a persona or "with vs without" asks about the people.
    """
    if OBJECTION_WORDS.search(low):
        return False
    return bool(PERSONA_ASKED.search(low) or (slots.parse_persona(low) and re.search(r"\bwin ?rate\b", low)))


PAINS_ASKED = re.compile(r"\b(?:problems?|pains?|pain points?|headaches?|challenges?|struggles?)\b(?! free)")


def _pains_of_the_buyers(low: str) -> bool:
    """The buyers' problems asked about, the buyers only the ones who have them: the pain points.

    "what problems do we solve for the people who buy" asks for their problems; a persona or what one cares about
    named ("what does the CFO care about") stays the personas.
    """
    pains = dict(INSIGHT_INTENTS)["get_pain_points"]
    if not pains.search(low) or not PAINS_ASKED.search(low):
        return False
    return not re.search(r"\bpersonas?\b|\bcare (?:most )?about\b|\bbuyer (?:types?|profiles?)\b", low)


def route_insight(text: str, low: str) -> Understanding | None:
    """A question about won/lost history (personas, objections, battle cards, loss reasons, revival), if it is one.

    Only the capability is decided here; its arguments (competitor, owner, limit, days, category, persona) are read
    from its schema by `bot/copilot/fill.py`, the same way for a rule's, the classifier's or a clarifying choice.
    """
    for tool, pattern in INSIGHT_INTENTS:
        if not pattern.search(low):
            continue
        if tool == "get_objections_this_week" and ONE_CALL.search(low):
            continue  # "what objections did they raise on our last call" asks about that call
        if tool in ("get_pain_points", "get_objections_this_week") and LAST_CALL.search(low):
            continue  # "last call w/ acme - pains, objections, next steps?": that call's summary
        if tool == "get_objections_this_week" and (HANDLED.search(low) or STILL_WIN.search(low)):
            continue  # "what do our reps say when it came up on won deals": handling; "do we still win": the map
        if tool == "get_objection_map" and _persona_record(low):
            tool = "get_buyer_personas"  # "technical evaluator persona - win rate with vs without them"
        if tool == "get_buyer_personas" and _pains_of_the_buyers(low):
            tool = "get_pain_points"  # "what problems do we solve for the people who buy": their problems
        explicit = re.search(r"\bobjection map\b", low)  # "what's the objection map say about timing"
        if tool != "get_battle_card" and not explicit and TOPIC_SEARCH.search(low):
            return None  # "quotes from buyers about onboarding pain": a search of what was said, on that topic
        return Understanding(intent=tool, tool=tool, args={})
    return None


COMPANY_INTENTS = {
    "latest": "get_latest_on_company",
    "brief": "get_company_brief",
    "call_summary": "get_call_summary",
    "odds": "get_deal_odds",
}


def detect_intent(text: str) -> str | None:
    """Return the first intent whose pattern matches (patterns are ordered from most to least specific)."""
    for name, pattern in _INTENT_RE:
        if pattern.search(text):
            return name
    return None


def _example_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w$+]+", " ", text.lower()).split())


def examples() -> list[tuple[str, str, dict[str, Any]]]:
    """Every capability's example questions as (question, capability, arguments): what understanding learns from.

    Examples whose arguments depend on the day (placeholders such as "<quarter start>") are left out: their
    arguments are not fixed.
    """
    return [
        (e.question, cap.name, dict(e.args))
        for cap in all_capabilities()
        for e in cap.examples
        if not any(isinstance(v, str) and v.startswith("<") for v in e.args.values())
    ]


_EXAMPLE_INDEX: dict[tuple[int, ...], dict[str, tuple[str, dict[str, Any]]]] = {}


def match_example(question: str) -> Understanding | None:
    """A question that is one of the capability examples (ignoring case and punctuation) means what it says.

    The examples are indexed by their key once per set of capabilities (a plug-in added with `added` re-indexes).
    """
    caps = all_capabilities()
    ids = tuple(id(c) for c in caps)
    index = _EXAMPLE_INDEX.get(ids)
    if index is None:
        index = {}
        for text, name, args in examples():
            index.setdefault(_example_key(text), (name, args))
        _EXAMPLE_INDEX.clear()
        _EXAMPLE_INDEX[ids] = index
    found = index.get(_example_key(question))
    return Understanding(intent=found[0], tool=found[0], args=dict(found[1])) if found else None


def route(
    question: str,
    *,
    session: Session,
    now: datetime,
    tz: ZoneInfo | str,
    silent_default: int = 5,
    names: Names | None = None,
) -> Understanding:
    """Decide the tool call for `question`; `now` is the reference instant, `tz` the team timezone for periods.

    `names`: the workspace's names when the caller has read them already (`load_names`).
    """
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    today = now.astimezone(zone).date()
    text = _normalise(question)
    low = text.lower()
    if not low.strip(" ?!."):
        return Understanding(intent="help")
    if BARE_DEALS_ASKED.match(low):
        # "deals?" asks something about deals without saying what (four blind authors of four labelled it so):
        # the readings are offered; "deals" typed as the slash command's word still lists the asker's open deals
        readings: tuple[tuple[str, str, dict[str, Any]], ...] = (
            ("Your open deals", "search_deals", {"owners": ["me"]}),
            ("The team's open pipeline by stage", "summarize_pipeline", {"by": "stage"}),
            ("Deals at risk", "list_at_risk_deals", {}),
        )
        return Understanding(
            intent="clarify",
            problem="Which deals? Yours, the team's pipeline, or the ones at risk?",
            choices=[Choice(label=label, tool=tool, args=args) for label, tool, args in readings],
        )
    known = match_example(text)
    if known is not None:
        return known
    names = names or load_names(session)
    text = owner_possessives(text, names)  # "graces deals" → "grace's deals"
    low = text.lower()
    fixed = _corrected(low, names.protected)
    company = find_company_mention(low, names)
    insight = route_insight(text, low) or route_insight(text, fixed)  # "buyer persnas", "objection mapp"
    if insight is not None and insight.tool == "get_objection_map" and _rate_set_against_owner(low, names):
        insight = None  # "compare my win rate with Emily's": the closed-deal figures of two AEs, no objection
    # "Why did we lose Globex?" is about one account: its latest interactions answer it, not the team's loss reasons.
    if insight is not None and (company is None or insight.tool == "get_battle_card"):
        return insight
    # A company's name is data, not intent ("Silvergate Health" is not a question about deal health).
    intent_text = fixed.replace(company.lower(), " ") if company else fixed
    if WRITE_REQUEST.search(intent_text):
        return Understanding(
            intent="unknown",
            problem="I can't change the CRM: the copilot only reads. Changes go through HubSpot, or through a draft "
            "you approve.",
        )
    intent = detect_intent(intent_context_free(intent_text, names))

    # A company named with a bare question ("Acme?", "Acme Corp status") is a "latest on".
    if intent is None and company and len(company_remainder(text, set()).split()) <= len(company.split()):
        intent = "latest"
    # "What objections did Cyberdyne raise on our last call?" asks what happened on a call, not how to answer it.
    past_tense = re.search(r"\b(?:did|raised|said|mentioned|came up|brought up|was|were)\b", intent_text)
    if intent == "objection" and past_tense and _INTENT_BY_NAME["call_summary"].search(intent_text):
        intent = "call_summary"
    # "last call w/ keenrock - pains, objections, next steps?": what was said on that call, not how to answer
    if intent == "objection" and LAST_CALL.search(intent_text) and not ASK_HANDLING.search(intent_text):
        intent = "call_summary"
    # "How's my pipe looking?" has the shape of a "latest on" but names no company: the pipeline words decide.
    if intent == "latest" and company is None:
        for name in ("pipeline", "closing"):
            if _INTENT_BY_NAME[name].search(intent_text):
                intent = name
                break
    # "where's kenji at on quota": an AE, not a company, is asked about; the latest on an account does not answer it
    if intent == "latest" and company is None and [o for o in find_owners(low, names, None) if o != "me"]:
        intent = None
    # A stage named on its own ("what's in contract sent") asks for the deals in it.
    if intent is None and parse_stages(intent_text, names.stages):
        intent = "deals"
    # "Has Globex gone quiet?" asks about one account, and its latest interactions answer it (the silent-deals list
    # has no company filter).
    if intent == "silent" and company and not re.search(r"\bdeals\b|\bopps\b|\bwhich\b", intent_text):
        intent = "latest"
    if intent == "performance" and re.search(
        r"win ?rates?|close ?rates?|bookings?|revenue|deal sizes?|sales cycle|cycle time|\bbooked\b|\bwon\b|\blost\b",
        intent_text,
    ):
        intent = None  # "compare team east and team west win rates": the closed-deal figures side by side
    if _performance_mix(intent_text) and [o for o in owners_named(text, names, company) if o not in _teams(names)]:
        intent = "performance"  # "emily vs grace - win rate, cycle, activity": the AE scorecard has them all
    if intent in (None, "latest", "deals") and _owner_against_team(intent_text, text, names, company):
        intent = "performance"  # "how's carlos stacking up against the team": one AE's scorecard next to the team's
    if _figures_against_team(intent_text) and [o for o in owners_named(text, names, company) if o not in _teams(names)]:
        intent = "performance"  # "how am i tracking against the team on win rate, cycle time and deal size"
    if intent is None and re.search(
        r"\bvs\.?\b|\bversus\b|\bcompared? (?:to|with)\b|\bside[- ]by[- ]side\b|\bhead[- ]to[- ]head\b"
        r"|\bagainst each other\b|\bnext to each other\b",
        intent_text,
    ):
        metric = re.search(
            r"win ?rate|revenue|bookings?|booked|deal size|cycle|\bwon\b|\blost\b|amount|pipeline|\bdeals\b",
            intent_text,
        )
        if len(owners_named(text, names, company)) >= 2 and not metric:  # "Carlos vs Kenji": two AEs side by side
            intent = "performance"
    if intent in (None, "closing", "deals", "pipeline") and _owner_will_book(intent_text, names):
        intent = "forecast"  # "what will team west land this month": what an AE or a team is expected to book
    if intent is None:
        return Understanding(intent="unknown", problem="I'm not sure what you're asking.")
    if intent == "help":
        return Understanding(intent="help")
    if intent == "lead_score":
        target = lead_company(text)
        if target is None and NEWEST_LEADS.search(low):
            return Understanding(intent="lead_score", tool="get_lead_score", args={})
        # "what tier did X come in as": how the lead came in is no part of its company's name
        came_in = re.sub(r"\b(?:come|came|comes|coming) in (?:as|at|with)\b", " ", text, flags=re.IGNORECASE)
        target = target or company_remainder(came_in, set(), names.company_words)
        return Understanding(intent="lead_score", tool="get_lead_score", args={"company": target} if target else {})
    if intent == "objection":
        return _objection_route(text, fixed)
    if intent in COMPANY_INTENTS:
        owner_words = {w for _i, full, _t in names.owners for w in full.lower().split()}
        target = company or company_remainder(text, owner_words, names.company_words)
        if not target:
            return Understanding(intent=intent, problem="Which company do you mean?")
        return Understanding(intent=intent, tool=COMPANY_INTENTS[intent], args={"company": target})

    owners = find_owners(low, names, company)
    if intent in ("forecast", "make_or_break", "performance"):
        return _intelligence_route(intent, fixed, owners_named(text, names, company), today)
    args: dict[str, Any] = {}
    if owners:
        args["owners"] = owners
    notes: list[str] = []
    if intent == "silent":
        days = parse_days(fixed)
        bare = re.search(r"\b(?:silent|quiet|dark|ghost\w*|cold)\s+(?:for\s+)?(\d{1,3})\b(?!\s*(?:k\b|%|\$|deals?))",
                         fixed)  # fmt: skip
        if days is None and bare:
            days = int(bare.group(1))  # "silent 21 - just mine": the command's days
        if days is None:
            days = silent_default
            notes.append(f"Silent means no buyer engagement for {days}+ days (ask 'silent 10+ days' to change it).")
        return Understanding(intent="silent", tool="list_silent_deals", args={"days": days, **args}, notes=notes)
    if intent == "at_risk":
        if company:
            args["company"] = company
        return Understanding(intent="at_risk", tool="list_at_risk_deals", args=args)
    closing = without_created(fixed)  # "created after jan 5 closing this quarter": the close dates are the quarter
    window = parse_date_window(closing, today)  # "closing between jan 1 and mar 31", "after feb 1"
    period = (window[0], window[1] or window[0], window[2]) if window else parse_closing_period(closing, today)
    overdue = period is None and bool(OVERDUE.search(fixed))
    if overdue:  # "overdue deals": open deals whose close date has passed (closing up to yesterday)
        period = (date(2000, 1, 1), today - timedelta(days=1), "with a close date in the past")
    amount = parse_amount_floor(fixed)
    ceiling = slots.parse_amount_range(fixed)[1]  # "deals under 20k", "between 250 grand and a million"
    stages = parse_stages(fixed, names.stages)
    top = slots.parse_top_n(fixed)
    if intent == "pipeline" and top and not re.search(r"\b(?:by|per|each) (?:stage|owner|rep|ae)\b", fixed):
        intent = "deals"  # "biggest 10 deals in the pipe": the largest deals, not the pipeline's summary
    if intent == "pipeline" and period is None and amount is None and not stages:
        by = (
            "owner"
            if re.search(
                (
                    r"\bby (?:owner|rep|ae|person)|per (?:owner|rep|ae)|each (?:rep|ae|owner)|\breps?\b|\bowners\b"
                    r"|who has|\bwho\b|\bwhose\b"
                ),
                fixed,
            )
            or slots.parse_breakdown(fixed) == "owner"  # "each person on team east", "per team member"
            else "stage"
        )
        return Understanding(intent="pipeline", tool="summarize_pipeline", args={"by": by, **args})
    if intent == "closing" and period is None:
        return Understanding(
            intent="closing",
            problem="Which period? e.g. 'closing this month', 'closing this quarter', 'closing in the next 30 days'.",
        )
    if period:
        args["closing_from"], args["closing_to"] = period[0].isoformat(), period[1].isoformat()
        notes.append(f"Closing {period[2]}: {period[0]:%b %-d} – {period[1]:%b %-d, %Y}.")
    if overdue:
        args.pop("closing_from")
        notes[-1] = f"Open deals whose close date has passed (before {today:%b %-d})."
    if window and window[1] is None:
        args.pop("closing_to")
        notes[-1] = f"Closing {window[2]}."
    if amount is not None:
        args["min_amount"] = amount
    if ceiling is not None:
        args["max_amount"] = ceiling
        if amount is None and (floor := slots.parse_amount_range(fixed)[0]) is not None:
            args["min_amount"] = floor
    if stages:
        args["stages"] = stages
    if company and intent in ("deals", "closing", "pipeline"):
        args["company"] = company
    if INCLUDE_CLOSED.search(fixed):
        args["include_closed"] = True
    amount = amount if ceiling is None else ceiling
    if not (period or amount is not None or stages or owners or company) and top:
        return Understanding(intent="deals", tool="search_deals", args={"limit": top})  # "top 10 deals"
    if not (period or amount is not None or stages or owners or company):
        # "all the acme deals": what is left once the question's words are gone is the company (the tool resolves it
        # fuzzily and says "did you mean" rather than guess)
        owner_words = {w for _i, full, _t in names.owners for w in full.lower().split()}
        target = company_remainder(INCLUDE_CLOSED.sub(" ", text), owner_words, names.company_words)
        if target and len(target.split()) <= 3:
            more = {"include_closed": True} if args.get("include_closed") else {}
            return Understanding(intent="deals", tool="search_deals", args={"company": target, **more})
        return Understanding(intent="deals", problem="Which deals? Add an owner, a period, a stage or an amount.")
    return Understanding(intent="closing" if period else "deals", tool="search_deals", args=args, notes=notes)


# the company ends where what is asked of the lead starts ("from hooli legit?", "from stark worth chasing")
_LEAD_END = (
    r"(?=\s*(?:[,?.!;:]|\s[-–]\s|$|\s+(?:how|what|is|and|score[sd]?|any|look|looks|good|please|pls|legit|serious"
    r"|worth|or a)\b))"
)
LEAD_COMPANY = (
    re.compile(r"\b(?:lead|inbound|leads|form|submission)\s+(?:from|at|for|of)\s+(?P<c>[\w&.\-' ]+?)" + _LEAD_END),
    re.compile(
        r"\b(?:the|that|this|a|our)\s+(?:new\s+|newest\s+|inbound\s+|latest\s+)*(?P<c>[\w&.\-' ]+?)\s+"
        r"(?:lead|inbound|form|submission)\b(?!\s*leads?\b)"
    ),
    re.compile(
        r"\b(?:scores?|scored|tiers?|ratings?|grades?)\s+(?:for|of|on)\s+(?:the\s+)?(?P<c>[\w&.\-' ]+?)" + _LEAD_END
    ),
)
NEWEST_LEADS = re.compile(
    r"\b(?:newest|latest|new|recent|incoming|today'?s|fresh)\b[^?]*\b(?:leads|inbounds|ones)\b"
    r"|\bleads\b[^?]*\b(?:newest|latest|recent|came in|coming in)\b"
)
_LEAD_NOISE = frozenset(
    {"the", "new", "newest", "inbound", "inbounds", "latest", "lead", "leads", "a", "an", "this", "that", "our", "from"}
)


def lead_company(text: str) -> str | None:
    """The company of the lead a question asks the score of, as typed ("the inbound lead from cedarpoint financial").

    None when no lead is named ("the newest inbound leads and their scores"): the newest leads answer.
    """
    low = text.lower()
    for pattern in LEAD_COMPANY:
        for m in pattern.finditer(low):
            # the name after the last small word ("the score on the stanford lead" → "stanford")
            tail = re.split(r"\b(?:the|that|this|a|an|our|on|for|of|from|at)\s+", m.group("c"))[-1]
            words = [w for w in tail.split() if w not in _LEAD_NOISE]
            if words and not all(w in FILLER or w in _KEYWORD_SET for w in words) and len(words) <= 4:
                start = m.start("c") + m.group("c").rfind(tail) + tail.find(words[0])
                return text[start : start + len(" ".join(words))].strip(" .'")
    return None


BARE_PRONOUNS = frozenset(("", "that", "this", "it", "them", "those"))


WINDOW_MONTH = re.compile(r"\bmonth(?:ly)?\b|\bmtd\b|\beom\b|\bthis mo\b")


def window_period(text: str, today: date | None = None) -> str:
    """The forecast's window, "month" or "quarter": a month word, or this month named ("forecast for december")."""
    if WINDOW_MONTH.search(text):
        return "month"
    if today is None:
        return "quarter"
    found = parse_period(text, today)
    if found is not None and (found[0], found[1]) == month_bounds(today):
        return "month"
    return "quarter"


_PERFORMANCE_FIGURES = (
    r"win ?rates?|close ?rates?",
    r"\bcycles?\b|cycle time|days to close",
    r"deal sizes?|\bacv\b",
    r"\bactivit(?:y|ies)\b|\bcalls? (?:behaviou?r|volume|count)|\bemails? sent\b|\bmeetings? booked\b",
    r"\bcoverage\b",
    r"\bcoaching\b",
)
_PERFORMANCE_ONLY = re.compile(r"\bactivit(?:y|ies)\b|\bcoverage\b|\bcoaching\b|\bcall behaviou?r\b")


def _performance_mix(text: str) -> bool:
    """A scorecard asked as a list of figures ("win rate, cycle, activity").

    Several of the AE performance figures, one of them beyond the closed-deal metrics (activity, coverage, coaching).
    """
    named = sum(1 for pattern in _PERFORMANCE_FIGURES if re.search(pattern, text))
    return named >= 2 and bool(_PERFORMANCE_ONLY.search(text))


_AGAINST_TEAM = re.compile(
    r"\b(?:stack(?:s|ing)? up|measur(?:e|es|ing) up|compar(?:e|es|ed|ing)|rank(?:s|ing)?|far(?:e|es|ing)"
    r"|shap(?:e|es|ing) up|doing|performing|tracking)\b[^?]{0,15}?\b(?:against|to|with|vs\.?|versus|next to"
    r"|relative to|among|amongst) (?:the rest of |everyone (?:else )?(?:on|in) )?(?:the |his |her |their |my |our )?"
    r"(?:team|others|other aes|other reps|peers|teammates|pack|group|rest|everyone(?: else)?)\b"
)
_TEAM_METRIC = re.compile(
    r"win ?rates?|close ?rates?|bookings?|revenue|deal sizes?|sales cycle|cycle time|\bbooked\b|\bwon\b|\blost\b"
    r"|pipeline|\bdeals\b"
)


def _owner_against_team(intent_text: str, text: str, names: Names, company: str | None) -> bool:
    """One AE set against the rest ("how's carlos stacking up against the team"): their scorecard, next to the team.

    Not when a figure is named (the closed-deal metrics compare that: "how does jamal's win rate compare to the
    team") or when no AE, only a team, is named.
    """
    if not _AGAINST_TEAM.search(intent_text) or _TEAM_METRIC.search(intent_text):
        return False
    return bool([o for o in owners_named(text, names, company) if o not in _teams(names) and o != "me"])


def _figures_against_team(text: str) -> bool:
    """One AE set against the rest of the team on several figures ("... against the team on win rate and cycle time").

    The closed-deal metrics answer one figure; several of the scorecard's figures side by side are the AE scorecard.
    """
    named = sum(1 for pattern in _PERFORMANCE_FIGURES if re.search(pattern, text))
    return named >= 2 and bool(_AGAINST_TEAM.search(text))


_WILL_BOOK = re.compile(
    r"\b(?:what|where|how much) (?:will|would|do you think|(?:do|does) you (?:expect|think))"
    r" (?P<who>[a-z]+(?: [a-z]+)?)"
    r" (?:(?:will |is going to |are going to )?(?:close|book|land|bring in)|end up(?: (?:closing|booking|landing))?"
    r"|finish|come in)\b"
)


_RATE_AGAINST = re.compile(
    r"\b(?:win|close|loss) ?(?:rates?|%)\b[^?]{0,30}?\b(?:with|vs\.?|versus|against|to|and)\s+"
    r"(?P<who>[a-z][\w-]*(?: [a-z][\w-]*)?)"
)


def _rate_set_against_owner(low: str, names: Names) -> bool:
    """A win rate set against an AE's or a team's ("my win rate with Emily's"), with no objection named."""
    if re.search(r"\bobjections?\b|\bpushback\b|\bpush back\b|\bconcerns?\b|\bwhen\b", low):
        return False
    m = _RATE_AGAINST.search(low)
    if m is None:
        return False
    who = m.group("who").replace("'s", "")
    return who.split()[0] in ("me", "mine", "myself", "yours") or bool(_owners_in(who, names))


def _owner_will_book(text: str, names: Names) -> bool:
    """What an AE or a team will close or land ("what will team west land this month"): their forecast.

    Only when the one doing it is an owner or a team of the workspace ("what will acme close at" is not a forecast).
    """
    m = _WILL_BOOK.search(text)
    if m is None:
        return False
    who = m.group("who")
    owner_words = {w for _i, full, team in names.owners for w in f"{full} {team}".lower().split()} | {"team"}
    return bool(_owners_in(who, names)) and all(w in owner_words for w in who.split())


def _teams(names: Names) -> set[str]:
    return {t for _i, _n, t in names.owners if t} | {"my team"}


def _intelligence_route(intent: str, text: str, owners: list[str], today: date | None = None) -> Understanding:
    """The forecast, make-or-break and AE-performance questions (owners as found; a period word picks the month)."""
    if intent == "performance":
        if not owners:
            return Understanding(intent=intent, problem="Which AE? e.g. 'how is Jamal doing this quarter?'")
        return Understanding(intent=intent, tool="get_ae_performance", args={"owners": owners})
    args: dict[str, Any] = {"period": window_period(text, today)}
    if owners:
        args["owners"] = owners
    tool = "forecast_bookings" if intent == "forecast" else "list_make_or_break_deals"
    return Understanding(intent=intent, tool=tool, args=args)


def _objection_route(text: str, fixed: str) -> Understanding:
    quoted = re.search(r"[\"']([^\"']{4,})[\"']", text)
    if quoted:
        query = quoted.group(1)
    else:
        query = re.sub(
            r"^.*?(?:how (?:(?:do|should|can|would) (?:i|we)|to) (?:handle|respond to|reply to|answer|counter"
            r"|deal with|"
            r"push back on|overcome|address)|what (?:do|should|can) (?:i|we) say (?:when|if|to)|objection handling for|"
            rf"what (?:do|does|did|should|would) {_ANSWERERS} (?:usually |typically |normally )?say (?:to|when|if)|"
            rf"how (?:do|does|did|have|has|should|would|can) (?:{_ANSWERERS}|[a-z]+) (?:usually |typically |normally "
            rf"|best )?{_ANSWER_VERBS}|"
            r"\b(?:when|if) (?:they|the \w+|an? \w+|prospects?|buyers?|customers?) (?:say|says|said|tell us|tells us|"
            r"claims?|raises?)(?: that)?|"
            r"objection(?:s)? (?:about|on|for)|talk ?track (?:for|on))\s*",
            "",
            text,
            flags=re.IGNORECASE,
        ).strip(" ?.!")
        query = re.sub(r"^(?:the |this |an? )?objections?\s*[:\-–]?\s*", "", query, flags=re.IGNORECASE) or query
        if query.lower() in BARE_PRONOUNS:  # "..., how do I handle that": the part before says what
            query = re.split(r",?\s*(?:how|what) (?:do|should|can|would) (?:i|we)\b", text, flags=re.IGNORECASE)[0]
        query = query.strip(" ,?.!") or text
        # where the answers come from is not the objection ("the infosec review on deals we ended up winning")
        query = re.sub(
            r"\s+(?:on|in|from|across) (?:the |our )?(?:won deals|deals|ones|opps) (?:(?:that )?(?:we|i) )?"
            r"(?:ended up |eventually |actually |went on to |still )?(?:won|winning|win|closed)$",
            "",
            query,
            flags=re.IGNORECASE,
        )
        query = re.sub(r"^the\s+", "", query, flags=re.IGNORECASE) or query
    category = slots.parse_objection_category(fixed)  # "pricing", "privacy", "rival", "status quo" ...
    category = category or _hyphenated_category(fixed)  # "the already-have-a-tool pushback"
    args: dict[str, Any] = {"query": query}
    if category:
        args["category"] = category
    return Understanding(intent="objection", tool="search_objection_handling", args=args)


def _hyphenated_category(fixed: str) -> str | None:
    """The category of an objection named as one hyphenated word ("the already-have-a-tool pushback", "too-pricey")."""
    if not re.search(r"\w-\w", fixed):
        return None
    spaced = re.sub(r"(?<=\w)-(?=\w)", " ", fixed)
    return _objection_route(spaced, spaced).args.get("category") if spaced != fixed else None
