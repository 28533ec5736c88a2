"""The offline copilot: intent rules and entity extraction that turn a question into one tool call, with no LLM.

The router only decides *which* tool to call with *which* arguments; the capabilities in `tools/` do the work and
`bot/render.py` writes the answer, exactly as for the LLM agent. When the router is not sure, it says so and offers
examples instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process
from sqlmodel import Session, select

from store.models import Company, Owner
from tools.capabilities import all_capabilities


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
]  # fmt: skip
_KEYWORD_SET = frozenset(KEYWORDS)

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "a": 1, "an": 1,
}  # fmt: skip

STAGE_WORDS: tuple[tuple[str, str], ...] = (
    (r"appointment(?:s)?(?: scheduled)?|first meeting|early[- ]stage", "appointmentscheduled"),
    (r"qualified(?: to buy)?|qualification|early[- ]stage", "qualifiedtobuy"),
    (r"presentation(?:s)?(?: scheduled)?|demo stage|demo scheduled", "presentationscheduled"),
    (r"decision ?maker(?: bought in)?|bought in|buy-in stage|late[- ]stage", "decisionmakerboughtin"),
    (r"contract(?:s)? sent|contract stage|in contract|negotiation|negotiating|late[- ]stage", "contractsent"),
    (r"closed[- ]won|deals (?:we )?won|\bwon deals", "closedwon"),
    (r"closed[- ]lost|deals (?:we )?lost|\blost deals", "closedlost"),
)

# Non-company words dropped when the company is read from what is left of a question.
FILLER = {
    "inbound", "newest", "new", "form", "forms", "submission", "submissions", "web", "website",
    "a", "an", "the", "of", "on", "in", "at", "for", "to", "with", "about", "me", "my", "our", "we", "us", "i",
    "you", "your", "please", "pls", "can", "could", "would", "will", "do", "does", "did", "is", "are", "was",
    "were", "be", "been", "what", "whats", "what's", "where", "wheres", "where's", "how", "hows", "how's", "who",
    "whose", "which", "tell", "show", "give", "get", "got", "latest", "last", "recent", "most", "news",
    "update", "updates", "status", "state", "going", "happening", "happened", "story", "deal", "deals",
    "account", "accounts", "company", "client", "customer", "opportunity", "opp", "opps", "brief", "briefing",
    "prep", "prepare", "prepped", "ready", "one-pager", "one", "pager", "onepager", "summary",
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
}  # fmt: skip

PERIOD_RE = re.compile(
    r"(?P<rel>this|next|last|current|the current|coming|upcoming)\s+(?P<unit>week|month|quarter|qtr|q|year)"
    r"|(?P<end>(?:by |before |until |till )?(?:the )?end of (?:the )?(?P<eunit>week|month|quarter|qtr|year))"
    r"|(?P<eo>eo(?P<eounit>m|q|y))\b"
    r"|(?:next|coming|within(?: the next)?|in the next|over the next|in)\s+"
    r"(?P<n>\d+|[a-z]+)\s+(?P<nunit>days?|weeks?|months?)"
    r"|\b(?P<q>q[1-4])\b"
    r"|\b(?P<day>today|tomorrow)\b"
    r"|\b(?:in |by )?(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec)\b"
)
MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip


# --- helpers ---------------------------------------------------------------------------------------------------------


# Chat shorthand, expanded before anything reads the question ("where are we w/ initech", "mtg tmrw").
SHORTHAND = {
    "w": "with", "abt": "about", "mtg": "meeting", "mtgs": "meetings", "rn": "right now", "u": "you",
    "ur": "your", "wk": "week", "wks": "weeks", "yr": "year", "acct": "account", "accts": "accounts",
    "convo": "conversation", "b4": "before", "tmrw": "tomorrow", "tmr": "tomorrow", "tmw": "tomorrow",
    "thru": "through", "plz": "please", "thx": "thanks", "asap": "now", "kinda": "kind of", "sorta": "sort of",
    "wanna": "want to", "gonna": "going to", "gotta": "got to", "lemme": "let me", "gimme": "give me",
}  # fmt: skip
_SHORTHAND_RE = re.compile(
    r"(?<![\w/.'&-])(" + "|".join(re.escape(k) for k in SHORTHAND) + r")(?![\w/.'&-])", re.IGNORECASE
)


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"\bw/\s*", "with ", text, flags=re.IGNORECASE)
    text = _SHORTHAND_RE.sub(lambda m: SHORTHAND[m.group(1).lower()], text)
    text = re.sub(r"\s+", " ", text.strip())
    return text


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


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _quarter_bounds(d: date, offset: int = 0) -> tuple[date, date]:
    q = (d.month - 1) // 3 + offset
    year = d.year + q // 4
    q %= 4
    start = date(year, q * 3 + 1, 1)
    end = _month_end(date(year, q * 3 + 3, 1))
    return start, end


def _month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _month_bounds(d: date, offset: int = 0) -> tuple[date, date]:
    index = d.month - 1 + offset
    start = date(d.year + index // 12, index % 12 + 1, 1)
    return start, _month_end(start)


def parse_period(text: str, today: date) -> tuple[date, date, str] | None:
    """Read a period such as "this quarter", "next 30 days", "end of month", "Q3" or "in March" (team-local dates)."""
    m = PERIOD_RE.search(text)
    if not m:
        return None
    if m.group("unit"):
        rel = m.group("rel")
        offset = 1 if rel in ("next", "coming", "upcoming") else (-1 if rel == "last" else 0)
        unit = {"qtr": "quarter", "q": "quarter"}.get(m.group("unit"), m.group("unit"))
        if unit == "week":
            start = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
            return start, start + timedelta(days=6), f"{rel} week"
        if unit == "month":
            s, e = _month_bounds(today, offset)
            return s, e, f"{rel} month ({s:%B})"
        if unit == "quarter":
            s, e = _quarter_bounds(today, offset)
            return s, e, f"{rel} quarter (Q{(s.month - 1) // 3 + 1} {s.year})"
        year = today.year + offset
        return date(year, 1, 1), date(year, 12, 31), f"{rel} year ({year})"
    if m.group("end") or m.group("eo"):
        unit = m.group("eunit") or {"m": "month", "q": "quarter", "y": "year"}[m.group("eounit")]
        unit = "quarter" if unit == "qtr" else unit
        if unit == "week":
            end = today - timedelta(days=today.weekday()) + timedelta(days=6)
        elif unit == "month":
            end = _month_end(today)
        elif unit == "quarter":
            end = _quarter_bounds(today)[1]
        else:
            end = date(today.year, 12, 31)
        return today, end, f"from today to the end of the {unit} ({end:%b %-d})"
    if m.group("nunit"):
        n = _number(m.group("n"))
        if n is None:
            return None
        unit = m.group("nunit").rstrip("s")
        days = n * {"day": 1, "week": 7, "month": 30}[unit]
        return today, today + timedelta(days=days), f"the next {days} days"
    if m.group("q"):
        q = int(m.group("q")[1])
        s = date(today.year, (q - 1) * 3 + 1, 1)
        if _quarter_bounds(s)[1] < today:
            s = date(today.year + 1, s.month, 1)
        s, e = _quarter_bounds(s)
        return s, e, f"Q{q} {s.year}"
    if m.group("day"):
        d = today if m.group("day") == "today" else today + timedelta(days=1)
        return d, d, m.group("day")
    if m.group("mon"):
        month = next(i for i, name in enumerate(MONTHS, start=1) if name.startswith(m.group("mon")[:3]))
        year = today.year if month >= today.month else today.year + 1
        s, e = _month_bounds(date(year, month, 1))
        return s, e, f"{s:%B %Y}"
    return None


_DAYS_RE = re.compile(
    # "10d" needs digits: a number word before a bare "d" is part of a word ("and" is not "an d", one day)
    r"(?:(\d+)\s*\+?\s*d\b|(\d+|[a-z]+)\s*\+?\s*(?:or more |plus )?(?:business |working |calendar )?"
    r"(days?|weeks?|wks?|months?))"
)


def parse_days(text: str) -> int | None:
    """Read a silence threshold: "5+ days", "over 10 days", "a week", "two weeks", "10d", "a month", "the past week"."""
    for m in _DAYS_RE.finditer(text):  # the first count with a unit whose count is a number ("past week" is not)
        if m.group(1):
            return int(m.group(1))
        n = _number(m.group(2))
        if n is not None:
            unit = m.group(3)
            factor = 7 if unit.startswith("w") else (30 if unit.startswith("month") else 1)
            return n * factor
    if re.search(r"\bfortnight\b", text):
        return 14
    unit = re.search(r"\b(?:past|last|previous|whole|full|entire) (week|month)\b", text)  # "quiet the past week"
    if unit:
        return 7 if unit.group(1) == "week" else 30
    return None


_AMOUNT = r"(?P<n>\d+(?:[.,]\d+)*)\s*(?P<unit>k|mm|m|thousand|million)"
_FLOOR_AFTER = r"\s*(?:\+|or (?:more|above|bigger|larger|higher)|and (?:up|above|over)|plus)"
AMOUNT_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        # "over $50k", "above 100,000", "> $1M", "at least 75k"
        r"(?:over|above|more than|greater than|bigger than|larger than|at least|>=?|min(?:imum)?|north of)\s*\$?\s*"
        + _AMOUNT
        + r"?\b",
        r"\$\s*" + _AMOUNT + "?" + _FLOOR_AFTER,  # "$25k+", "$1m and up": the $ says it is money
        r"(?<![\w$])" + _AMOUNT + r"\b" + _FLOOR_AFTER,  # "75k+", "100k or more": the unit says it is money
    )
)
AMOUNT_UNITS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6}


def parse_amount(text: str) -> float | None:
    """Read a minimum amount: "over $50k", "above 100,000", "> $1M", "$25k+", "at least 75k", "100k or more"."""
    text = text.lower()
    for pattern in AMOUNT_PATTERNS:
        m = pattern.search(text)
        if m:
            return float(m.group("n").replace(",", "")) * AMOUNT_UNITS.get(m.group("unit") or "", 1)
    return None


def parse_stages(text: str) -> list[str]:
    """Read stage names ("contract sent", "negotiation", "demo stage", "won")."""
    found = [key for pattern, key in STAGE_WORDS if re.search(pattern, text)]
    return list(dict.fromkeys(found))


# --- the workspace's names -------------------------------------------------------------------------------------------


@dataclass
class Names:
    """Owner and company names of the workspace, loaded once per question."""

    owners: list[tuple[int, str, str]]  # id, full name, team
    companies: dict[str, list[tuple[str, str]]]  # first word of the cleaned name → (cleaned name, name)
    company_words: frozenset[str] = frozenset()

    @property
    def protected(self) -> set[str]:
        """Words of owner and team names, which the typo-corrector must leave alone."""
        words = {w for _id, name, team in self.owners for w in (name + " " + team).lower().split()}
        return words


_COMPANY_CACHE: dict[tuple[str, int, int], dict[str, list[tuple[str, str]]]] = {}


def _clean(name: str) -> str:
    return re.sub(r"[^a-z0-9&.]+", " ", name.lower()).strip()


def load_names(session: Session) -> Names:
    """Read owner names and company names (company names cached per store and row count, indexed by first word)."""
    owners = [(o.id, o.name, o.team or "") for o in session.exec(select(Owner)).all()]
    from sqlalchemy import func

    count, max_id = session.exec(select(func.count(), func.max(Company.id)).select_from(Company)).one()
    key = (str(session.get_bind().url), int(count or 0), int(max_id or 0))
    if key not in _COMPANY_CACHE:
        _COMPANY_CACHE.clear()
        by_first: dict[str, list[tuple[str, str]]] = {}
        for name in sorted(set(session.exec(select(Company.name)).all()), key=len, reverse=True):
            cleaned = _clean(name)
            if cleaned:
                by_first.setdefault(cleaned.split(" ", 1)[0], []).append((cleaned, name))
        _COMPANY_CACHE[key] = by_first
    by_first = _COMPANY_CACHE[key]
    words = frozenset(w for entries in by_first.values() for cleaned, _n in entries for w in cleaned.split())
    return Names(owners=owners, companies=by_first, company_words=words)


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


def company_remainder(text: str, owner_words: set[str], company_words: frozenset[str] = frozenset()) -> str:
    """What is left of the question (original casing) once intent words, fillers, periods and owners are removed."""
    text = re.sub(r"'s\b", "", text)
    text = _strip_periods(text)
    words = re.findall(r"[A-Za-z0-9&.][A-Za-z0-9&.\-]*", text)
    kept = []
    for word in words:
        low = word.lower().strip(".")
        if not low or low in FILLER or low in owner_words or low in _KEYWORD_SET:
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


def find_owners(low: str, names: Names, company: str | None) -> list[str]:
    """Owners named in the question (full or first names, possessives, small typos), "me" for my/mine, teams."""
    text = low
    if company:
        text = text.replace(company.lower(), " ")
    found: list[str] = []
    if re.search(
        r"\b(my|mine|myself)\b|\bi (?:have|own|am|'m)\b|\bi've\b|\bam i\b|\bdo i\b|\bshould i\b"
        r"|\b(?:on|assigned to|owned by) me\b",
        text,
    ):
        found.append("me")
    words = re.findall(r"[a-z]+(?:-[a-z]+)*", text)  # hyphenated first names ("mei-mei") stay whole
    first_names: dict[str, list[str]] = {}
    for _id, full, _team in names.owners:
        first_names.setdefault(full.lower().split()[0], []).append(full)
    for _id, full, _team in names.owners:
        if full.lower() in text:
            found.append(full)
    for w in words:
        if w in first_names and len(first_names[w]) == 1:
            found.append(first_names[w][0])
        elif len(w) >= 4 and w not in _KEYWORD_SET and w not in FILLER:
            hit = process.extractOne(w, list(first_names), scorer=fuzz.ratio, score_cutoff=80)
            if hit and len(first_names[hit[0]]) == 1:
                found.append(first_names[hit[0]][0])
    for team in {t for _i, _n, t in names.owners if t}:
        core = re.escape(team.lower().removeprefix("team ").removesuffix(" team"))
        if re.search(rf"\bteam {core}\b|\b{core} team\b", text):
            found.append(team)
    return list(dict.fromkeys(found))


# --- intents ---------------------------------------------------------------------------------------------------------

INTENTS: tuple[tuple[str, str], ...] = (
    (
        "help",
        r"^(?:help|\?|hi|hello|hey)(?: me)?\W*$|what can you (?:do|answer|help)|how do i use|^commands\b"
        r"|what (?:can|should) i ask|how does (?:this|it|the bot|sales ?os) work|what (?:do|can) you (?:do|know)"
        r"|what (?:kinds? of |sorts? of )?(?:questions|things) can",
    ),
    (
        "lead_score",
        (
            r"\blead(?:s)? scor|\bscore (?:this |the |a |that |new |inbound |our )*leads?\b"
            r"|\bscore for (?:the )?lead|\binbound lead"
            r"|\b(?:tier|score|grade|rating)\b[^.?]*\blead\b|\blead\b[^.?]*\b(?:tier|score|grade|rating)\b"
        ),
    ),
    # Deal intelligence (tools/intelligence): odds on an account, the forecast, make-or-break deals, AE performance.
    ("make_or_break", r"\bmake[- ]or[- ]break\b|\bswing the (?:quarter|month)\b"),
    (
        "forecast",
        r"\bforecast\b|\bwhat will (?:we|i) (?:close|book)\b|\bexpected bookings\b|\bgoing to (?:close|book) this",
    ),
    (
        "odds",
        r"\bodds\b|\blikelihood\b|\bchances?\b|\bwin probability\b|\bprobability\b|\bwill we (?:win|close)\b"
        r"|\blikely (?:to )?(?:close|win)\b",
    ),
    ("performance", r"\bhow(?:'s| is| are) \w+(?: \w+)? (?:doing|performing|tracking)\b|\bcompare\b|\bperformance\b"),
    (
        "objection",
        (
            r"objection|talk ?track|what (?:do|should|can) (?:i|we) say\b"
            r"|how to (?:handle|respond|reply|answer|counter|deal with|push back|overcome|address)"
            r"|how (?:do|should|can|would) (?:i|we) (?:handle|respond|reply|answer"
            r"|counter|deal with|push back|overcome|address)|what (?:do|should|can) (?:i|we) say (?:when|if"
            r"|to)|(?:handle|handling|respond to|counter) (?:a |the |an )?(?:[a-z]+ )?(?:pushback|push back"
            r"|concern|complaint)|(?:says?|said|saying|thinks?|claims?) (?:we'?re|it'?s|you'?re|we are"
            r"|its) too (?:expensive|pricey|costly)|pitch (?:to|for) (?:a |an |the )?(?:cfo|cto|ceo|vp|it"
            r"|security|finance)|\bpushback\b"
            # what the buyer says, framed as a reply to find ("when they say ...", "best comeback if the CFO ...")
            r"|\b(?:when|if) (?:they|the (?:buyer|prospect|customer|client|cfo|cto|ceo|champion|vp)|a (?:buyer"
            r"|prospect|customer|client)|prospects?|buyers?|customers?) (?:say|says|said|tell|tells|push back"
            r"|pushes back|object|objects|claim|claims|raise|raises)\b"
            r"|\bbest (?:answer|response|reply|rebuttal|comeback|way to respond)\b|\brebuttal|\bcomeback\b"
            r"|\bposition(?:ing)? (?:us |ourselves )?(?:against|vs\.?|versus)\b|\bbattle ?cards?\b"
            r"|\b(?:compete|competing|win|winning) (?:against|vs\.?|versus)\b"
        ),
    ),
    (
        "call_summary",
        (
            r"(?:summar(?:y|ize|ise)|recap|notes|rundown|takeaways|highlights|key points|action items"
            r"|next steps|what (?:was said|happened"
            r"|did they say)|how did)\b[^.]*\bcalls?\b|\bcalls?\b[^.]*\b(?:summar(?:y|ize|ise)|recap"
            r"|transcript|takeaways|highlights|notes|key points|action items|next steps)"
            r"|\btranscript\b|\blast call\b|\blatest call\b|\brecent call\b"
            # a particular past call, named by when it was ("the last Wayne call", "yesterday's call with Acme")
            r"|\b(?:last|latest|recent|previous|most recent|yesterday'?s|today'?s)\b[^.?]*?\bcall\b"
            r"|\bwhat came up\b|\b(?:on|from|in|during) (?:the|our|that) call\b"
        ),
    ),
    (
        "brief",
        (
            r"\bbrief(?:ing)?\b|\bprep(?:are)?\b|one[- ]?pager|\bget me ready\b|\bready for (?:my |the "
            r"|our )?(?:meeting|call)"
            # research for an upcoming conversation ("background on X for tomorrow's call", "ahead of my demo")
            r"|\bbackground\b|\bresearch\b|\b(?:before|ahead of|for) (?:my |the |our |a |this |tomorrow'?s |today'?s "
            r"|next |upcoming )*(?:call|meeting|demo|pitch|discovery)\b"
            r"|\bbefore (?:i|we) (?:meet|see|call|talk to|speak (?:to|with)|pitch)\b|\bgoing in(?:to)?\b"
            r"|what (?:should|do|must) (?:i|we) (?:need to )?know\b"
            r"|\b(?:meeting|call|demo)(?: with)? [a-z0-9&. ]+ (?:tomorrow|today|tonight|later"
            r"|this (?:morning|afternoon))\b"
        ),
    ),
    (
        "at_risk",
        (
            r"\brisk(?:y|iest)?\b|in trouble|slipping|\bdanger|\bstuck\b|\bstalled\b|need(?:s)? attention"
            r"|worr(?:y|ied)|going sideways|red flag|\bhealth\b|\bunhealthy\b|jeopardy"
            r"|(?:might|could|going to|likely to|about to|gonna) (?:lose|slip|fall through|die)\b"
        ),
    ),
    (
        "silent",
        (
            r"\bsilent\b|(?:nobody|no one|not) (?:has |have )?heard from"
            r"|\b(?:nobody|no one|noone)(?:'s| has| have|s)? (?:heard|responded|replied|answered|engaged|gotten back"
            r"|called back|written back)"
            r"|no (?:buyer |customer )?(?:activity|engagement|touch)"
            r"|\bsilence\b|\bquiet\b|ghost(?:ed|ing)?|gone dark|went dark|\bdark\b|no (?:reply"
            r"|replies|response|responses|engagement|contact|activity)|not (?:replied|responded|engaged"
            r"|heard)|(?:haven'?t|hasn'?t|havent|hasnt) (?:heard|replied|responded|engaged|gotten back)"
            r"|unresponsive|radio silence|no word|not heard back|stopped (?:replying|responding)"
            # no buyer X, in any wording: "without a buyer response", "zero replies", "lack of engagement"
            r"|\b(?:no|without|zero|lack of)\s+(?:a |any )?(?:buyer |customer |prospect |client )?(?:response|reply"
            r"|replies|responses|engagement|activity|contact|touch|word|answer)"
            r"|\b(?:gone|went|going|gotten|got|turned|run|ran) (?:cold|dark|quiet|silent)\b"
            r"|\bcold (?:deals|opps|accounts)\b"
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
            r"|break down|\bforecast\b|\bbook of business\b"
        ),
    ),
    ("deals", r"\bdeals?\b|\bopps?\b|\bopportunit(?:y|ies)\b"),
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


def match_example(question: str) -> Understanding | None:
    """A question that is one of the capability examples (ignoring case and punctuation) means what it says."""
    key = _example_key(question)
    for text, name, args in examples():
        if _example_key(text) == key:
            return Understanding(intent=name, tool=name, args=args)
    return None


def route(
    question: str, *, session: Session, now: datetime, tz: ZoneInfo | str, silent_default: int = 5
) -> Understanding:
    """Decide the tool call for `question`; `now` is the reference instant, `tz` the team timezone for periods."""
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    today = now.astimezone(zone).date()
    text = _normalise(question)
    low = text.lower()
    if not low.strip(" ?!."):
        return Understanding(intent="help")
    known = match_example(text)
    if known is not None:
        return known
    names = load_names(session)
    fixed = _corrected(low, names.protected)
    company = find_company_mention(low, names)
    # A company's name is data, not intent ("Silvergate Health" is not a question about deal health).
    intent_text = fixed.replace(company.lower(), " ") if company else fixed
    if WRITE_REQUEST.search(intent_text):
        return Understanding(
            intent="unknown",
            problem="I can't change the CRM: the copilot only reads. Changes go through HubSpot, or through a draft "
            "you approve.",
        )
    intent = detect_intent(intent_text)

    # A company named with a bare question ("Acme?", "Acme Corp status") is a "latest on".
    if intent is None and company and len(company_remainder(text, set()).split()) <= len(company.split()):
        intent = "latest"
    # "What objections did Cyberdyne raise on our last call?" asks what happened on a call, not how to answer it.
    past_tense = re.search(r"\b(?:did|raised|said|mentioned|came up|brought up|was|were)\b", intent_text)
    if intent == "objection" and past_tense and _INTENT_BY_NAME["call_summary"].search(intent_text):
        intent = "call_summary"
    # "How's my pipe looking?" has the shape of a "latest on" but names no company: the pipeline words decide.
    if intent == "latest" and company is None:
        for name in ("pipeline", "closing"):
            if _INTENT_BY_NAME[name].search(intent_text):
                intent = name
                break
    # A stage named on its own ("what's in contract sent") asks for the deals in it.
    if intent is None and parse_stages(intent_text):
        intent = "deals"
    # "Has Globex gone quiet?" asks about one account, and its latest interactions answer it (the silent-deals list
    # has no company filter).
    if intent == "silent" and company:
        intent = "latest"
    if intent is None:
        return Understanding(intent="unknown", problem="I'm not sure what you're asking.")
    if intent == "help":
        return Understanding(intent="help")
    if intent == "lead_score":
        target = company_remainder(text, set(), names.company_words)
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
        return _intelligence_route(intent, fixed, owners)
    args: dict[str, Any] = {}
    if owners:
        args["owners"] = owners
    notes: list[str] = []
    if intent == "silent":
        days = parse_days(fixed)
        if days is None:
            days = silent_default
            notes.append(f"Silent means no buyer engagement for {days}+ days (ask 'silent 10+ days' to change it).")
        return Understanding(intent="silent", tool="list_silent_deals", args={"days": days, **args}, notes=notes)
    if intent == "at_risk":
        if company:
            args["company"] = company
        return Understanding(intent="at_risk", tool="list_at_risk_deals", args=args)
    period = parse_period(fixed, today)
    amount = parse_amount(fixed)
    stages = parse_stages(fixed)
    if intent == "pipeline" and period is None and amount is None and not stages:
        by = (
            "owner"
            if re.search(
                (
                    r"\bby (?:owner|rep|ae|person)|per (?:owner|rep|ae)|each (?:rep|ae|owner)|\breps?\b|\bowners\b"
                    r"|who has|\bwho\b"
                ),
                fixed,
            )
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
    if amount is not None:
        args["min_amount"] = amount
    if stages:
        args["stages"] = stages
    if company and intent in ("deals", "closing", "pipeline"):
        args["company"] = company
    if not (period or amount is not None or stages or owners or company):
        # "all the acme deals": what is left once the question's words are gone is the company (the tool resolves it
        # fuzzily and says "did you mean" rather than guess)
        owner_words = {w for _i, full, _t in names.owners for w in full.lower().split()}
        target = company_remainder(text, owner_words, names.company_words)
        if target and len(target.split()) <= 3:
            return Understanding(intent="deals", tool="search_deals", args={"company": target})
        return Understanding(intent="deals", problem="Which deals? Add an owner, a period, a stage or an amount.")
    return Understanding(intent="closing" if period else "deals", tool="search_deals", args=args, notes=notes)


BARE_PRONOUNS = frozenset(("", "that", "this", "it", "them", "those"))


def _intelligence_route(intent: str, text: str, owners: list[str]) -> Understanding:
    """The forecast, make-or-break and AE-performance questions (owners as found; a period word picks the month)."""
    if intent == "performance":
        if not owners:
            return Understanding(intent=intent, problem="Which AE? e.g. 'how is Jamal doing this quarter?'")
        return Understanding(intent=intent, tool="get_ae_performance", args={"owners": owners})
    args: dict[str, Any] = {"period": "month" if re.search(r"\bmonth\b", text) else "quarter"}
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
            r"^.*?(?:how (?:do|should|can|would) (?:i|we) (?:handle|respond to|reply to|answer|counter|deal with|"
            r"push back on|overcome|address)|what (?:do|should|can) (?:i|we) say (?:when|if|to)|objection handling for|"
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
    category = None
    for cat, pattern in (
        ("pricing", r"pric|expensive|cost|budget|discount|afford|pricey"),
        (
            "competitor",
            r"competitor|cheaper option|versus|\bvs\b|other vendor|another vendor|going with|against|compet|compar",
        ),
        ("timing", r"timing|next quarter|next year|not a priority|bad time|later|not (?:a |the )?(?:good|right) time"),
        ("security", r"security|soc ?2|gdpr|compliance|infosec"),
        ("integration", r"integrat|api|salesforce|implementation|migration"),
        (
            "authority",
            r"sign[- ]off|approval|procurement|boss|\bboard\b|legal|run (?:it|this|that) (?:by|past)"
            r"|check with (?:the |her |his |their )?(?:boss|cfo|ceo|cto|manager|team|legal)|buy-?in from",
        ),
        (
            "already_have_tool",
            r"spreadsheet|happy with|in-house|status quo|current process|already (?:have|use|using|got|own)"
            r"|existing (?:tool|solution|vendor|system)|built (?:it )?(?:in[- ]house|ourselves)",
        ),
    ):
        if re.search(pattern, fixed):
            category = cat
            break
    args: dict[str, Any] = {"query": query}
    if category:
        args["category"] = category
    return Understanding(intent="objection", tool="search_objection_handling", args=args)
