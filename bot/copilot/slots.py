"""Slot parsers beyond those of `bot/copilot/understanding.py`: amount ranges, top-N, closed periods, metrics...

Closed periods face the past ("in November" after November means the November just gone); the others read
breakdowns, segments, deal facts, source kinds and the topic of a conversation search.

They build on the parsers of `understanding.py` (`parse_period`, `parse_amount`, the month and quarter helpers): one
parser per idea. Each returns None when the question does not say, so the capability's default applies and
understanding can tell what it explained.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tools.parsing.amounts import CEILING_WORDS, scaled, spelled_amounts
from tools.parsing.amounts import parse_amount_floor as parse_amount
from tools.parsing.dates import month_bounds as _month_bounds
from tools.parsing.dates import quarter_bounds as _quarter_bounds
from tools.parsing.numbers import COUNTED_NOUNS, NUMBER_WORDS
from tools.parsing.periods import MONTH_NAMES as MONTHS
from tools.parsing.periods import MONTH_WORD, TO_A_MONTH, parse_period

_NUM = r"(?P<{0}>\d+(?:[.,]\d+)*)\s*(?P<{0}u>k|mm|m|thousand|million)?"


def _money(number: str, unit: str | None) -> float:
    return scaled(number, unit)


_RANGE = re.compile(
    r"(?:between|btwn|betwen|b/w|btw(?=\s*\$?\d)|from)\s*\$?\s*"
    + _NUM.format("a")
    + r"\s*(?:and|to|-|–)\s*\$?\s*"
    + _NUM.format("b")
    + r"\b"
    r"|\$?" + _NUM.format("c") + r"\s*(?:-|–|to)\s*\$?\s*" + _NUM.format("d") + r"\b"
)
_CEILING = re.compile(r"(?:" + CEILING_WORDS + r"|<=?|max(?:imum)?)\s*\$?\s*" + _NUM.format("n") + r"\b")


def parse_amount_range(text: str) -> tuple[float | None, float | None]:
    """Read an amount range: "between 50k and 100k", "$50-100k", "under 20k", plus the floors of `parse_amount`.

    Amounts said in words count too ("under a quarter million", "over half a million").
    """
    low = spelled_amounts(text.lower())
    m = _RANGE.search(low)
    if m:
        a, au, b, bu = (m.group("a"), m.group("au"), m.group("b"), m.group("bu"))
        if a is None:
            a, au, b, bu = m.group("c"), m.group("cu"), m.group("d"), m.group("du")
        if au or bu or "$" in m.group(0):
            hi = _money(b, bu)
            lo = _money(a, au or bu)  # "50-100k": the unit of the top applies to the bottom
            if lo <= hi:
                return lo, hi
    top = None
    m = _CEILING.search(low)
    if m and (m.group("nu") or "$" in m.group(0) or float(m.group("n").replace(",", "")) >= 1000):
        top = _money(m.group("n"), m.group("nu"))
    return parse_amount(low), top


# two patterns, each searched on its own: one alternation would let "my top" hide the "top 5" that follows it
_TOP = (
    re.compile(r"\b(?:top|biggest|largest|highest|best|first)\s+(?P<n>\d+|[a-z]+)\b"),
    re.compile(r"\b(?P<n>\d+|[a-z]+)\s+(?:biggest|largest|top|highest|best)\b"),
)


def parse_top_n(text: str) -> int | None:
    """Read "top 5", "the 10 biggest", "largest three", "my top 5"."""
    low = text.lower()
    for pattern in _TOP:
        for m in pattern.finditer(low):
            word = m.group("n")
            n = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
            if n and (n > 1 or word.isdigit()):
                return n
    return None


# --- closed periods --------------------------------------------------------------------------------------------------

_SO_FAR = re.compile(
    r"\b(?:this|the current) (?P<u1>month|quarter|year) so far\b|\b(?P<u2>month|quarter|year)[- ]to[- ]date\b"
    r"|\b(?P<abbr>mtd|qtd|ytd)\b|\bso far this (?P<u3>month|quarter|year)\b"
    r"|\bsince (?:the )?(?:start|beginning) of (?:the |this )?(?P<u4>month|quarter|year)\b"
)
# "last 90 days", "past 3 weeks", and typed short: "last 90d", "past 60d", "last 6 mos"
_LAST_N = re.compile(
    r"\b(?:last|past|previous)\s+(?P<n>\d+|[a-z]+)(?:\s+|(?<=\d))(?P<unit>days?|weeks?|months?|(?<=\d)d|(?<=\d)\s?mos?)\b"
)


PAST_PERIOD_RE = re.compile(
    _SO_FAR.pattern + "|" + _LAST_N.pattern.replace("(?P<n>", "(?P<n2>").replace("(?P<unit>", "(?P<unit2>")
)
"""The past-facing period phrases `parse_closed_period` reads beyond `parse_period`'s (explained words)."""


_BARE_YEAR = re.compile(
    r"(?<![\w$.,/-])(20\d{2})(?![\w%$.,/-])(?!\s*(?:k|m|mm|usd|dollars|\+)\b)(?!\s+" + COUNTED_NOUNS + ")"
)
"""A year said on its own ("won amt healthcare 2025"): for closed deals, that year (never "$2025", "2025 seats")."""


def _period_start(unit: str, today: date) -> date:
    if unit == "month":
        return today.replace(day=1)
    if unit == "quarter":
        return _quarter_bounds(today)[0]
    return date(today.year, 1, 1)


def parse_closed_period(text: str, today: date) -> tuple[date, date, str] | None:
    """Read the period of closed deals, facing the past ("in November" is the one gone by).

    Also "last quarter", "Q3", "this month so far", "YTD", "past 90 days", "this year".
    """
    low = text.lower()
    m = _SO_FAR.search(low)
    if m:
        unit = (
            m.group("u1")
            or m.group("u2")
            or m.group("u3")
            or m.group("u4")
            or {"mtd": "month", "qtd": "quarter", "ytd": "year"}[m.group("abbr")]
        )
        start = _period_start(unit, today)
        return start, today, f"this {unit} so far ({start:%b %-d} – {today:%b %-d})"
    m = _LAST_N.search(low)
    if m:
        n = int(m.group("n")) if m.group("n").isdigit() else NUMBER_WORDS.get(m.group("n"))
        if n:
            unit = m.group("unit").strip().rstrip("s")
            days = n * {"day": 1, "week": 7, "month": 30, "d": 1, "mo": 30}[unit]
            return today - timedelta(days=days), today, f"the last {days} days"
    since = _SINCE.search(low) or _SINCE_DATE.search(low)
    if since and re.match(r"(?:since|after|from)\b", since.group(0)):
        began = parse_since(low, today)  # "revenue since september", "closed since oct 1": from then to today
        if began is not None and began <= today:
            return began, today, f"since {began:%b %-d, %Y}"
    if TO_A_MONTH.search(low):
        return None  # "booked before march": up to March from when? Not guessed: understanding says it left it out
    found = parse_period(low, today)
    if found is None:
        year = _BARE_YEAR.search(low)  # "won amt healthcare 2025": a year gone by (or this one so far), said bare
        if year is None or not 2000 < int(year.group(1)) <= today.year:
            return None
        start, end = date(int(year.group(1)), 1, 1), min(date(int(year.group(1)), 12, 31), today)
        return start, end, year.group(1)
    start, end, label = found
    if start > today:  # a month or quarter named without a year means the last one, for deals already closed
        mon = re.search(r"\b(?:" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\b", low)
        if re.search(r"\bhalf\b|\bh[12]\b", low) and not re.search(r"\b20\d{2}\b|\bnext year\b", low):
            start, end = start.replace(year=start.year - 1), end.replace(year=end.year - 1)  # "first half of the year"
            label = f"H{1 if start.month == 1 else 2} {start.year}"
        elif mon and end.year > start.year or mon and end.month - start.month >= 1:  # "sep and oct": both gone by
            start, end = date(start.year - 1, start.month, 1), _month_bounds(date(end.year - 1, end.month, 1))[1]
            label = f"{start:%B %Y} – {end:%B %Y}"
        elif mon or re.search(r"\bq[1-4]\b|\b(?:first|second|third|fourth|1st|2nd|3rd|4th) (?:quarter|qtr)\b", low):
            start = date(start.year - 1, start.month, 1)
            quarter = re.search(r"\bq[1-4]\b|\b(?:first|second|third|fourth|1st|2nd|3rd|4th) (?:quarter|qtr)\b", low)
            end = _quarter_bounds(start)[1] if quarter else _month_bounds(start)[1]
            label = f"Q{(start.month - 1) // 3 + 1} {start.year}" if "q" in label.lower()[:2] else f"{start:%B %Y}"
        else:
            return None  # "next month" has no closed deals: the period cannot apply
    return start, end, label


# --- metrics, breakdowns, segments -----------------------------------------------------------------------------------

BOOKED = (
    r"(?<!meeting )(?<!meetings )(?<!demo )(?<!demos )(?<!call )(?<!calls )(?<!appointment )(?<!appointments )"
    r"(?<!appt )(?<!appts )(?<!intro )(?<!discovery )(?<!session )(?<!slot )\bbooked\b"
    r"(?! (?:(?:a|an|the|their|our|my|another|one|\w+'s) )?(?:\w+ )?(?:meetings?|demos?|calls?|appointments?|appts?"
    r"|intros?|slots?|sessions?)\b)(?! (?:in|for) (?:a |the )?(?:meeting|demo|call))"
)
"""Booked as closed revenue ("what have we booked"), not a meeting on the calendar ("a first meeting booked")."""

CYCLE_SPAN = (
    r"\b(?:days|weeks|months|time|long)\b[^?]{0,30}?\bfrom\b[^?]{0,40}?\b(?:creat(?:ed|ion|e|ing)|open(?:ed|ing)?"
    r"|start(?:ed|ing)?|first (?:touch|meeting|call|contact)|kick-?off)\b[^?]{0,30}?\b(?:to|until|till|through)\b"
    r" (?:\w+ ){0,2}?(?:sign(?:ed|ing|ature)?|clos(?:e|ed|ing)|win(?:ning)?|won)\b"
)
"""How long from a deal's start to its signing ("how many days from a deal being created to us signing it"): the
cycle time."""

METRIC_WORDS: tuple[tuple[str, str], ...] = (
    (
        "win_rate",
        r"win(?:ning)? ?(?:rate|ratio|%|percent(?:age)?)|close ?rate|closing rate|conversion rate|hit rate"
        r"|\blos(?:s|e|ing) ?(?:rate|ratio|%)|(?:%|percent(?:age)?) of (?:our |my |the )?(?:deals|opps)\b[^?]*"
        r"\b(?:win|won|close|lose|lost)\b",
    ),
    (
        "cycle_time",
        r"(?:sales )?cycle|days to (?:close|win)|time to (?:close|win)|how long (?:does it|do deals|is)"
        r"|\b(?:days|time)\b[^?]{0,20}\bto (?:close|win|won|closed[- ]won|closing|signature|signed)\b"
        r"|\baverage (?:days|time)\b|\bcreat(?:ed|ion|e) (?:date )?(?:to|->|→|until|till) (?:close|win|won|closed)"
        r"|how long (?:does|do|did) [\w -]{0,40}?take\b|\btakes? (?:us )?to close\b"
        r"|\bhow many days\b[^?]*\b(?:take|takes|took|taking)\b[^?]{0,15}\bto (?:close|win|sign)\b"
        r"|how long (?:are|is|have|has|were|was) [\w -]{0,40}?tak(?:ing|en)\b|\btaking (?:us |them |\w+ )?to close\b"
        r"|" + CYCLE_SPAN,
    ),
    (
        "avg_deal_size",
        r"average (?:won )?(?:deal|contract|order)|avg\.? (?:won )?(?:deal|contract)|deal size|\bacv\b"
        r"|average (?:size|value|amount)|typical deal",
    ),
    (
        "closed_count",
        r"won ?(?:or|and|\+|/) ?lost|lost ?(?:or|and|\+|/) ?won|closed in total|total closed deals"
        # both outcomes said as nouns: "wins and losses both", "losses and wins", "wins + losses"
        r"|\bwins? ?(?:or|and|\+|/|&|vs\.?|versus|v\.?) ?loss(?:es)?\b"
        r"|\bloss(?:es)? ?(?:or|and|\+|/|&|vs\.?|versus|v\.?) ?wins?\b",
    ),
    ("lost_count", r"\blost\b|\blose\b|\blosing\b|closed[- ]lost|\blosses\b"),
    (
        "won_amount",
        r"revenue|bookings?|" + BOOKED + r"|\bbr(?:ought|ing|ings|inging) in\b|how much|amount|\$|dollars|\btotal\b"
        r"|\bsum\b|\bvalue\b",
    ),
    ("won_count", r"how many|number of|\bcount\b|\b# of\b|\bdeals\b"),
)
_METRIC_RE = [(name, re.compile(pattern)) for name, pattern in METRIC_WORDS]
METRIC_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(_METRIC_RE)
"""The closed-deal figures and their compiled patterns: a question that names one asks for a figure."""


def parse_metric(text: str) -> str | None:
    """Read which closed-deal figure is asked for (the first, most specific, that matches)."""
    low = text.lower()
    for name, pattern in _METRIC_RE:
        if pattern.search(low):
            return name
    return "won_amount" if re.search(r"\b(?:won|win|closed|close|sold|sell)\b", low) else None


BY_WORDS: tuple[tuple[str, str], ...] = (
    ("owner", r"\b(?:by|per|each|every|for each) (?:owner|rep|ae|seller|person|(?:team )?member|individual|salesperson"
     r"|account exec(?:utive)?)s?\b|\bwho (?:closed|won|sold|booked)"
     r"|\brep by rep\b|\bleaderboard\b|\bby reps?\b|\bwhich (?:reps?|aes?|sellers?|persons?|people|owners?)\b"
     r"|\bwho(?: has| had| have|'s| is)(?: got)? the (?:best|highest|lowest|worst|most|fastest|slowest|biggest)\b"),
    ("team", r"\b(?:by|per|each|every|for each) team\b|\bteam by team\b|\bwhich teams?\b"),
    ("segment", r"\b(?:by|per|each) (?:segment|company size|size)\b|\b(?:which|what) segments?\b"),
    # "which industries brought in the most": the figure by industry (and the same of verticals, regions)
    ("industry", r"\b(?:by|per|each) (?:industry|vertical)\b"
     r"|\b(?:which|what|top) (?:industries|industry|verticals?)\b"),
    ("region", r"\b(?:by|per|each) (?:region|geo|territory)\b"
     r"|\b(?:which|what|top) (?:regions?|geos?|territor(?:y|ies))\b"),
    ("month", r"\b(?:by|per|each|every) month\b|\bmonthly\b|\bmonth by month\b|\bmonth over month\b"),
)  # fmt: skip
_BY_RE = [(name, re.compile(pattern)) for name, pattern in BY_WORDS]


def parse_breakdown(text: str) -> str | None:
    """Read "by owner", "per team", "by segment", "monthly"..."""
    low = text.lower()
    return next((name for name, pattern in _BY_RE if pattern.search(low)), None)


SEGMENT_WORDS: tuple[tuple[str, str], ...] = (
    ("mid_market", r"\bmid[- ]?market\b|\bmid[- ]?size(?:d)?\b|\bmid[- ]?tier\b"),
    ("smb", r"\bsmbs?\b|\bsmall(?: and medium)?(?: business(?:es)?| companies| customers| accounts)\b"),
    ("enterprise", r"\benterprises?\b|\blarge (?:companies|customers|accounts)\b"),
)
_SEGMENT_RE = [(name, re.compile(pattern)) for name, pattern in SEGMENT_WORDS]


def parse_segment(text: str, known: set[str] = frozenset()) -> str | None:  # type: ignore[assignment]
    """Read a size segment ("enterprise", "mid-market", "SMB") or a stored industry or region named in `known`."""
    low = text.lower()
    for name, pattern in _SEGMENT_RE:
        if pattern.search(low):
            return name
    for value in sorted(known, key=len, reverse=True):
        if len(value) >= 3 and re.search(r"\b" + re.escape(value.lower()) + r"\b", low):
            return value
    return None


FACT_WORDS: tuple[tuple[str, str], ...] = (
    (
        "champion",
        r"\bchampions?\b|\bchamps?\b|\binternal (?:advocate|sponsor)\b"
        # who is for us inside the account ("who's rooting for us on the inside", "our inside man at acme")
        r"|\b(?:rooting|pulling|batting|going to bat) for us\b|\bon the inside\b"
        r"|\binside (?:man|woman|person|guy|gal|contact|coach)\b"
        r"|\bin our corner\b|\bfighting for us\b|\bselling (?:us )?internally\b|\bour (?:biggest )?(?:ally|advocate)\b",
    ),
    (
        "stakeholders",
        r"stakeholders?|\bcontacts?\b|\bwho(?:'s| is| are)? (?:involved|on (?:the|their) side)|economic buyer"
        r"|decision[- ]?makers?(?! bought)|buying (?:committee|group)|who are we (?:talking|working) (?:to|with)"
        r"|\bwhich people\b|\bwho (?:are|do) we (?:know|have)\b"
        # "who do we have mapped as champion": the champion asked, said as whom we have in that role
        r"(?! (?:\w+ )?as (?:the |our |their )?(?:champions?|champs?|internal (?:advocate|sponsor))\b)"
        # the people on the deal and who they are ("the people involved and their roles", "titles and all")
        r"|\b(?:people|folks|players) involved\b|\bwho(?:'s| is| are) (?:the )?(?:players|people|folks) (?:on|at|in)\b"
        r"|\b(?:their|the|with) (?:roles|titles|job titles)\b|\btitles and all\b",
    ),
    (
        "owner",
        r"\bwho owns\b|\bwhose (?:deal|account|opp)|\bowner of\b|\bowns\b|\bwho(?:'s| is) the (?:owner|ae|rep)\b"
        r"|\bwhich (?:ae|rep|seller|owner|account exec)s? (?:has|have|is on|covers|owns)\b"
        r"|\b(?:ae|rep|account exec(?:utive)?|seller) (?:on|for)\b|\bwho(?:'s| is) (?:working|handling|running"
        r"|covering)\b|\bassigned to\b(?! me)|^whose\b"
        r"|\bwho (?:handles|runs|covers|manages|works) (?!on\b|with\b)",
    ),
)
_FACT_RE = [(name, re.compile(pattern)) for name, pattern in FACT_WORDS]


_OWNER_NOUN = re.compile(r"\b(?:owner|ae|rep|account exec(?:utive)?)\b")


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)'\"][.!?])\s+(?=\S)")
_ADDS_TO_BEFORE = re.compile(
    r"^\s*(?:and|also|then|plus|or|what about|how about|same for)\b|\b(?:too|as well|also)\W*$", re.IGNORECASE
)


def asked_sentences(text: str) -> str | None:
    """The sentences that ask, when a question has several, else None (one sentence, or every one asking).

    Those ending in "?" ("What's my win rate? I have a 1:1 with Helen" → the first), unless one adds to the sentences
    around it ("Show me Sam's deals. And Morgan's?", "... Morgan's too?"). Who the question is about and which deal
    fact it asks are read from them: the other sentences say why it is asked.
    """
    parts = [p for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    if len(parts) < 2:
        return None
    asking = [p for p in parts if p.rstrip().endswith("?")]
    if not asking or len(asking) == len(parts) or any(_ADDS_TO_BEFORE.search(p) for p in parts[1:]):
        return None  # no sentence asks, every one does, or one adds to the others ("And Morgan's?", "also who owns it")
    return " ".join(asking)


# a statement before the question ("grace says her main contact at acme left. who's our champion there now?")
_TOLD_BEFORE = re.compile(r"^(?P<told>[^?]*[^?\s.][.!;])\s+(?P<asked>[^.!;?]+\?*)\s*$", re.DOTALL)


def fact_question(low: str) -> str:
    """The sentence that asks a deal fact after a statement that sets it up, else the whole text.

    "grace says her main contact at acme left. who's our champion there now?": the champion is asked; who said what
    (and the contact who left) is why. The company may still be named only in the statement ("there").
    """
    told = _TOLD_BEFORE.match(low)
    if told and any(pattern.search(told.group("asked")) for _name, pattern in _FACT_RE):
        return told.group("asked")
    return low


def parse_fact(text: str) -> str | None:
    """Read which deal fact is asked: champion, stakeholders or owner.

    Two or more at once ("contacts and champion", "owner and stakeholders") are all of them.
    """
    low = fact_question(text.lower())
    # "who's the champion at X? I need someone inside to get the CFO on a call": a role in a statement after the
    # question is why it is asked; the facts asked are those of the question, when it names any
    asked = asked_sentences(low)
    if asked and any(pattern.search(asked) for _name, pattern in _FACT_RE):
        low = asked
    found = [name for name, pattern in _FACT_RE if pattern.search(low)]
    if found and "owner" not in found and _OWNER_NOUN.search(low):
        found.append("owner")  # "the owner and the champion": the owner named as a noun beside another fact
    if len(found) >= 2:
        return "all"
    return found[0] if found else None


def parse_kinds(text: str) -> list[str] | None:
    """Read the conversation sources named: calls (transcripts), emails, notes."""
    low = text.lower()
    kinds = [
        kind
        for kind, pattern in (
            ("call", r"\bcalls?\b|\btranscripts?\b|\bon the phone\b"),
            ("email", r"\be-?mails?\b|\binbox\b"),
            ("note", r"\bnotes?\b"),
        )
        if re.search(pattern, low)
    ]
    return kinds or None


_TOPIC = re.compile(
    r"\b(?:mentions? of|references? (?:to|of)"
    r"|about|regarding|re|on the topic of|talk of|mentioning|mentioned|mention|mentions|bring up|brought up"
    r"|bringing up"
    r"|raised|raise|raising|talk(?:ed)? about|complain(?:ed)? about|concerns? (?:about|on|with)|for|around"
    r"|push(?:ed|ing)? back (?:on|about)|objected to)"
    r"\s+(?P<t>.+)$"
)


_TOPIC_FIRST = re.compile(
    r"^(?:has|have|did|does|do|had)\s+(?:the\s+|any\s+)?(?P<t>[^?]{1,60}?)\s+"
    r"(?:come|came|been coming|been brought|been raised) up\b"
)
"""The topic said first: "has metricly come up in any initech calls" → "metricly"."""
_TOPIC_WHERE = re.compile(
    r"\b(?:calls?|e-?mails?|notes?|meetings?|conversations?|transcripts?) (?:where|in which|when)\s+(?:the\s+|any\s+)?"
    r"(?P<t>[^?]{1,60}?)\s+(?:came up|come up|comes up|was (?:mentioned|raised|discussed)|were (?:mentioned|raised"
    r"|discussed)|got (?:mentioned|raised))\b"
)
"""The topic between the sources and "came up": "calls where pricing came up with hooli" → "pricing"."""


def conversation_topic(text: str, company: str | None) -> str | None:
    """The topic of "what did Acme say about security?" → "security" (None when no topic is named)."""
    low = text.lower().strip(" ?.!")
    if company:
        low = re.sub(r"\s+", " ", re.sub(re.escape(company.lower()) + r"(?:'s)?", " ", low))
        # "mentions of chartwell bi at ironstack since nov": the word that led to the company goes with it
        low = re.sub(r"\s+(?:at|with|from)(?=\s+(?:since|after|in|on|over|during)\b|\s*$)", "", low)
    # the first marker: "what did they say about X" → X
    m = _TOPIC_FIRST.match(low) or _TOPIC_WHERE.search(low) or _TOPIC.search(low)
    if m is None:
        return None
    topic = re.sub(r"^(?:the|a|an|any|our|their|its)\s+", "", m.group("t").strip())
    topic = re.sub(
        r"\s+(?:on|in|at|during|from) (?:the |any |our |a )?(?:[\w&.']+ ){0,3}?"
        r"(?:calls?|e-?mails?|notes?|meetings?)\b.*$",
        "",
        topic,
    )
    topic = re.sub(
        r"\s+(?:since|after)\s+\S+.*$|\s+(?:in|over|during|within) the (?:last|past)(?:\s+\S+)?\s+"
        r"(?:days?|weeks?|months?|fortnight)$",
        "",
        topic,
    )
    # the sources or the scope said after the topic ("... — calls only", "... anywhere")
    topic = re.sub(r"\s*(?:[—–-]+\s*|\s)(?:(?:calls?|e-?mails?|notes?|transcripts?)(?: only)?|only (?:on |in )?"
                   r"(?:calls?|e-?mails?|notes?)|anywhere|at all|lately|recently)$", "", topic)  # fmt: skip
    return topic.strip(" ,") or None


_SINCE = re.compile(
    r"\b(?:since|after) (?:(?P<dm>\d{1,2})(?:st|nd|rd|th)? (?:of )?)?(?P<mon>" + MONTH_WORD + r")\b\.?"
    r"(?:\s+(?P<md>\d{1,2})(?:st|nd|rd|th)?\b)?"
    r"|\b(?:in|over|during|within) the (?:last|past) (?:(?P<n>\d+|[a-z]+) )?(?P<unit>days?|weeks?|months?|fortnight)\b"
    r"|\bsince (?P<last>last) (?P<lunit>week|month|quarter)\b"
)


_SINCE_DATE = re.compile(
    r"\b(?:since|after|from)\s+(?:(?P<y>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})|(?P<m2>\d{1,2})/(?P<d2>\d{1,2})"
    r"(?:/(?P<y2>\d{2,4}))?)\b"
)


def parse_since(text: str, today: date) -> date | None:
    """Read a conversation search's start: "since October", "since nov 15", "in the last 2 weeks", "since 11/1/2026".

    A month (and day) without a year is the last one gone by.
    """
    d = _SINCE_DATE.search(text.lower())
    if d:
        try:
            if d.group("y"):
                return date(int(d.group("y")), int(d.group("m1")), int(d.group("d1")))
            year = int(d.group("y2")) if d.group("y2") else today.year
            year = year + 2000 if year < 100 else year
            found = date(year, int(d.group("m2")), int(d.group("d2")))
            return found if d.group("y2") or found <= today else date(year - 1, found.month, found.day)
        except ValueError:  # "since 13/45": not a date
            return None
    m = _SINCE.search(text.lower())
    if not m:
        return None
    if m.group("mon"):
        month = next(i for i, name in enumerate(MONTHS, start=1) if name.startswith(m.group("mon")[:3]))
        day = int(m.group("md") or m.group("dm") or 1)  # "since nov 15", "since the 3rd of march"
        year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
        try:
            return date(year, month, day)
        except ValueError:  # "since feb 30": the month
            return date(year, month, 1)
    if m.group("unit"):  # "in the last 2 weeks", "in the past week" (one), "over the last fortnight"
        n = 1 if not m.group("n") else int(m.group("n")) if m.group("n").isdigit() else NUMBER_WORDS.get(m.group("n"))
        if not n:
            return None
        unit = m.group("unit").rstrip("s")
        return today - timedelta(days=n * {"day": 1, "week": 7, "month": 30, "fortnight": 14}[unit])
    unit = m.group("lunit")
    if unit == "week":
        return today - timedelta(days=today.weekday() + 7)
    if unit == "month":
        return _month_bounds(today, -1)[0]
    return _quarter_bounds(today, -1)[0]


# --- insights: objection categories, personas, competitors, look-back windows ----------------------------------------

OBJECTION_CATEGORY_WORDS: tuple[tuple[str, str], ...] = (
    (
        "pricing",
        r"pric|expensive|\bcosts?\b(?! (?:us|me|them|our|the))|costly|budget|discount|afford|pricey|\bmoney\b",
    ),
    (
        "competitor",
        r"competitor|competition|cheaper option|other vendor|another vendor|going with|compet|rival"
        # "against" someone, not at the end of "which objections do we win against" (every category)
        r"|versus|\bvs\b|\bagainst\s+(?!(?:it|that|this|those|these|objections?|pushback)\b)\w|compar",
    ),
    ("timing", r"timing|next quarter|next year|not a priority|bad time|later|not (?:a |the )?(?:good|right) time"),
    ("security", r"security|soc ?2|gdpr|compliance|infosec|privacy"),
    (
        "integration",
        r"integrat|\bapis?\b|salesforce|implementation|migration|\berp\b|\bstack\b(?! up\b)"
        r"|work with (?:our|their)",
    ),
    (
        "authority",
        r"sign[- ]off|approval|procurement|\bboss\b|\bboard\b|\blegal\b|authority|decision[- ]?maker"
        r"|run (?:it|this|that) (?:by|past)|not the (?:one|person) who (?:decides|signs)"
        r"|buy-?in from|check with (?:the |her |his |their )?(?:boss|cfo|ceo|cto|manager|team|legal)",
    ),
    (
        "already_have_tool",
        r"spreadsheet|happy with|in-house|status quo|current (?:process|tool|vendor)|already (?:have|use|using|got|own)"
        r"|existing (?:tool|solution|vendor|system)|built (?:it )?(?:in[- ]house|ourselves)",
    ),
)
"""The objection categories and the words that name each: one table for the objection library's reading (how to
handle one) and the objection map's (how often each comes up), first match wins, in this order."""
_CATEGORY_RE = [(name, re.compile(pattern)) for name, pattern in OBJECTION_CATEGORY_WORDS]


_ANSWERED_VS_DEFLECTED = re.compile(
    r"\b(?:answered|addressed|handled|deflected|dodged|ignored)\s*(?:vs\.?|versus|or|compared (?:to|with)|/)\s*"
    r"(?:deflected|dodged|ignored|answered|addressed|handled)\b"
)
"""How an objection was met ("answered vs deflected"): what the objection map compares, never a competitor."""


def parse_objection_category(text: str, allowed: tuple[str, ...] | None = None) -> str | None:
    """Read an objection category named in the question ("pricing", "security", "competitor objections")."""
    low = _ANSWERED_VS_DEFLECTED.sub(" ", text.lower())  # the map's own comparison, no rival
    for name, pattern in _CATEGORY_RE:
        if (allowed is None or name in allowed) and pattern.search(low):
            return name
    return None


PERSONA_WORDS: tuple[tuple[str, str], ...] = (
    ("Finance approver", r"finance (?:approver|buyer|people|team|folks|leader)s?|\bcfos?\b|\bfinance\b|controller"),
    ("Procurement gatekeeper", r"procurement|purchasing|gatekeeper"),
    ("Technical evaluator", r"technical (?:evaluator|buyer|people|folks)s?|\bctos?\b|\bit (?:team|people|folks)\b"
     r"|engineer(?:s|ing)?\b|technical|evaluators?"),
    ("Executive sponsor", r"executive sponsor|\bexecs?\b|executives?|\bceos?\b|sponsors?"),
    ("Revenue leader", r"revenue leaders?|sales leaders?|\bcros?\b|vp(?:s)? (?:of )?sales|head of sales|revops"),
    ("Operations user", r"operations users?|\bops\b|operations|end[- ]users?|\busers\b"),
)  # fmt: skip
_PERSONA_RE = [(name, re.compile(pattern)) for name, pattern in PERSONA_WORDS]


def parse_persona(text: str) -> str | None:
    """Read a buyer persona named in the question ("finance approvers", "the CFO", "technical evaluator")."""
    low = text.lower()
    return next((name for name, pattern in _PERSONA_RE if pattern.search(low)), None)


def parse_competitor(text: str, known: list[str]) -> str | None:
    """A competitor the question names: a known one (spacing, case and small typos forgiven), else None."""
    from rapidfuzz import fuzz, process

    low = text.lower()
    squashed = re.sub(r"[^a-z0-9]", "", low)
    for name in sorted(known, key=len, reverse=True):
        key = re.sub(r"[^a-z0-9]", "", name.lower())
        if len(key) >= 3 and (re.search(rf"\b{re.escape(name.lower())}\b", low) or (len(key) >= 6 and key in squashed)):
            return name
    words = re.findall(r"[a-z0-9][a-z0-9.&-]+", low)
    grams = [" ".join(words[i : i + n]) for n in (2, 1) for i in range(len(words) - n + 1)]
    keyed = {re.sub(r"[^a-z0-9]", "", k.lower()): k for k in known}
    for gram in grams:
        squashed_gram = re.sub(r"[^a-z0-9]", "", gram)
        if len(squashed_gram) < 5:
            continue
        hit = process.extractOne(squashed_gram, list(keyed), scorer=fuzz.ratio, score_cutoff=86)
        if hit:
            return keyed[hit[0]]
    return None


_BACK = re.compile(r"\b(?:last|past|previous|recent|over the (?:last|past)|in the (?:last|past)"
                   # the window said as a look back: "look back 30 days", "going back 2 weeks"
                   r"|(?:look|looking|go|going|reach|reaching) back(?: over)?(?: the (?:last|past))?)\s+"
                   r"(?:(?P<n>\d+|[a-z]+)\s+(?P<unit>days?|weeks?|months?)"
                   r"|(?P<short>\d+)\s*(?P<abbr>d|w|wks?|mos?))\b")  # fmt: skip
_ABBR_UNIT = {"d": "day", "w": "week", "wk": "week", "wks": "week", "mo": "month", "mos": "month"}
"""Look-backs in chat shorthand: "last 14d", "past 3w", "last 2mo"."""


def parse_days_back(text: str) -> int | None:
    """Read a look-back window: "last 2 weeks" → 14, "past 30 days" → 30, "this month" → 30, "lately" → None."""
    low = text.lower()
    m = _BACK.search(low)
    if m and m.group("short"):
        return int(m.group("short")) * {"day": 1, "week": 7, "month": 30}[_ABBR_UNIT[m.group("abbr")]]
    if m:
        n = int(m.group("n")) if m.group("n").isdigit() else NUMBER_WORDS.get(m.group("n"))
        if n:
            return n * {"day": 1, "week": 7, "month": 30}[m.group("unit").rstrip("s")]
    if re.search(r"\b(?:this|past|last) month\b|\bmonth\b", low):
        return 30
    if re.search(r"\bfortnight\b|\b(?:two|2) weeks\b", low):
        return 14
    if re.search(r"\b(?:this|past|last) quarter\b", low):
        return 90
    return None


_VS = re.compile(r"\s+(?:vs\.?|versus|v\.?|compared (?:to|with)|against)\s+")


def comparison_sides(text: str) -> list[str] | None:
    """The sides of a comparison ("team east vs team west", "compare me and emily", "smb vs mid market"), or None."""
    low = text.lower().strip(" ?.!")
    m = re.search(r"\bcompare\s+(?P<rest>.+)$", low)
    if m:
        rest = m.group("rest")
        parts = re.split(r"\s*(?:,|\band\b|\bwith\b|\bto\b|\bvs\.?|\bversus\b|&)\s*", rest)
        parts = [p.strip() for p in parts if p.strip()]
        return parts if len(parts) >= 2 else None
    if _VS.search(low):
        parts = [p.strip() for p in _VS.split(low) if p.strip()]
        return parts if len(parts) >= 2 else None
    return None
