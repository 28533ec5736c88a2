"""Word lists and phrase banks for the demo workspace, and the call-transcript composer.

Kept apart from `store.demo` so the generator reads as a data plan while the prose lives here. Everything is drawn
from a `random.Random` passed in, so the same seed always writes the same words.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --- people -------------------------------------------------------------------------------------------------------

FIRST_NAMES = _split(
    "Aaliyah Aaron Abigail Adrian Aisha Alan Alex Alicia Amir Ana Andre Angela Anil Anna Ari Ava Ben Bianca Blake "
    "Brandon Brianna Caleb Camila Carlos Carmen Chen Chloe Chris Claire Colin Dana Daniel Daria David Deepa Derek "
    "Diego "
    "Elena Eli Emily Eric Erin Ethan Fatima Felix Fiona Gabriel Grace Hana Hannah Hector Ian Imani Isaac Ivy Jack Jade "
    "James Jamal Jasmine Jason Javier Jenna Jin Joel Jordan Jose Julia Kai Karen Kavya Keith Kenji Kevin Kim "
    "Laura Leah "
    "Leo Liam Lina Logan Lucas Luis Maya Marcus Maria Mark Mateo Megan Mei Mia Michael Miguel Mila Nadia Naomi Nate "
    "Nia Nina Noah Olivia Omar Owen Paul Priya Quinn Rachel Rafael Raj Rebecca Ryan Sam Sara Sean Sofia Sophie Tara "
    "Theo Tom Tyler Uma Valerie Victor Wei Will Yara Yusuf Zoe"
)
LAST_NAMES = _split(
    "Abbott Acosta Adams Ahmed Alvarez Anderson Bailey Baker Banerjee Barnes Bell Bennett Brooks Brown Bryant Campbell "
    "Carter Castillo Chang Chavez Chen Clark Coleman Collins Cooper Cruz Das Davis Diaz Dixon Edwards Ellis Evans "
    "Fischer Flores Foster Garcia Gonzalez Gordon Graham Grant Gupta Hall Hamilton Harris Hayes Henderson Hernandez "
    "Hill Hughes Hunt Iyer Jackson James Jenkins Johnson Jones Kaur Kelly Kennedy Khan Kim Klein Kumar Lee Lewis Li "
    "Lopez Martin Martinez Mason Mehta Meyer Miller Mitchell Moore Morales Murphy Nakamura Nguyen Novak Okafor Olsen "
    "Ortiz Owens Park Patel Perez Perry Peterson Phillips Powell Price Ramirez Raman Reed Reyes Rivera Roberts "
    "Robinson Rodriguez Rogers Ross Russell Sanchez Santos Schmidt Scott Shah Silva Singh Smith Stewart Sullivan "
    "Tanaka Taylor Thomas Thompson Torres Turner Walker Wang Ward Watson White Williams Wilson Wong Wright Wu Young "
    "Zhang"
)

SENIORITY_TITLES: dict[str, dict[str, tuple[str, ...]]] = {
    "c_level": {
        "finance": ("CFO", "Chief Financial Officer"),
        "operations": ("COO", "Chief Operating Officer"),
        "engineering": ("CTO", "Chief Technology Officer"),
        "sales": ("Chief Revenue Officer", "CRO"),
        "it": ("CIO", "Chief Information Officer"),
        "executive": ("CEO", "Co-founder & CEO"),
    },
    "vp": {
        "sales": ("VP of Sales", "VP Sales, North America"),
        "revops": ("VP Revenue Operations", "VP of RevOps"),
        "engineering": ("VP Engineering", "VP of Data & Platform"),
        "finance": ("VP Finance", "VP of FP&A"),
        "marketing": ("VP Marketing", "VP of Demand Generation"),
        "operations": ("VP Operations",),
    },
    "director": {
        "revops": ("Director of Revenue Operations", "Director, Sales Operations"),
        "data": ("Director of Data Engineering", "Director of Analytics"),
        "it": ("Director of IT", "Director, Security & Compliance"),
        "finance": ("Director of FP&A", "Finance Director"),
        "sales": ("Director of Sales", "Regional Sales Director"),
        "procurement": ("Director of Procurement",),
    },
    "manager": {
        "revops": ("Sales Operations Manager", "RevOps Manager"),
        "data": ("Analytics Manager", "BI Manager"),
        "it": ("IT Manager", "Security Manager"),
        "sales": ("Sales Manager", "Inside Sales Manager"),
        "procurement": ("Procurement Manager", "Vendor Manager"),
    },
    "individual": {
        "data": ("Data Analyst", "Senior Data Engineer", "Analytics Engineer"),
        "revops": ("Sales Operations Analyst", "CRM Administrator"),
        "sales": ("Account Executive", "Sales Development Rep"),
        "it": ("Systems Administrator", "Security Engineer"),
    },
}

# --- companies ----------------------------------------------------------------------------------------------------

# Two-part stems ("Blue" + "peak" -> "Bluepeak") make thousands of distinct, plausible names for the large workspace.
# No stem may start like a memorable account, so fuzzy "brief Acme" or "Globex" never finds a generated look-alike.
STEM_HEADS = _split(
    "North South East West Blue Red Green Silver Gold Iron Stone Oak Pine Cedar Maple Birch Elm Bright Clear Swift "
    "True Prime Summit Harbor River Lake Ridge Storm Sun Moon Star Sky Cloud Frost Ember Copper Cobalt Amber Falcon "
    "Eagle Fox Wolf Bear Lion Hawk Raven Orbit Vector Quant Nova Terra Aqua Zen Apex Core Bold Keen Lumen Sage"
)
STEM_TAILS = _split(
    "wind peak field gate bridge stone wood line path point crest brook haven light works forge ridge view way "
    "port mark spring wave leaf shore vale rock craft loop stack grid"
)
SUFFIXES: tuple[tuple[str, str], ...] = (
    ("Analytics", "Software"),
    ("Logistics", "Logistics"),
    ("Labs", "Software"),
    ("Systems", "Software"),
    ("Health", "Healthcare"),
    ("Medical", "Healthcare"),
    ("Bio", "Biotech"),
    ("Therapeutics", "Biotech"),
    ("Financial", "Financial Services"),
    ("Capital", "Financial Services"),
    ("Pay", "Fintech"),
    ("Insurance", "Insurance"),
    ("Manufacturing", "Manufacturing"),
    ("Industrial", "Manufacturing"),
    ("Robotics", "Manufacturing"),
    ("Retail", "Retail"),
    ("Brands", "Retail"),
    ("Foods", "Consumer Goods"),
    ("Energy", "Energy"),
    ("Solar", "Energy"),
    ("Media", "Media"),
    ("Studios", "Media"),
    ("Learning", "Education"),
    ("Education", "Education"),
    ("Telecom", "Telecommunications"),
    ("Networks", "Telecommunications"),
    ("Properties", "Real Estate"),
    ("Realty", "Real Estate"),
    ("Consulting", "Professional Services"),
    ("Partners", "Professional Services"),
    ("Cloud", "Software"),
    ("Data", "Software"),
    ("Security", "Software"),
    ("Mobility", "Transportation"),
    ("Freight", "Logistics"),
    ("Group", "Professional Services"),
)
CITIES = (
    "Austin",
    "Boston",
    "Chicago",
    "Denver",
    "Atlanta",
    "Seattle",
    "Toronto",
    "London",
    "Berlin",
    "Dublin",
    "Singapore",
    "Sydney",
    "Phoenix",
    "Raleigh",
    "Portland",
)

# --- what the demo seller sells and who it competes with ---------------------------------------------------------

PRODUCTS: tuple[tuple[str, float], ...] = (
    ("Insight Starter", 12_000.0),
    ("Insight Growth", 36_000.0),
    ("Insight Enterprise", 96_000.0),
    ("Connectors Add-on", 18_000.0),
    ("Forecasting Add-on", 24_000.0),
)
"""Product catalogue: (SKU, annual list price in USD)."""
PRODUCT_LIST_PRICES = dict(PRODUCTS)
COMPETITORS = ("DataPilot", "Metricly", "Quantix", "Chartwell BI", "Lookwise")
INTEREST_AREAS = (
    "Pipeline analytics",
    "Revenue forecasting",
    "Data connectors",
    "Embedded dashboards",
    "Executive reporting",
)
OFF_FIT_INTERESTS = ("Careers", "Partnership / reselling", "Just browsing")

# --- engagement text ----------------------------------------------------------------------------------------------

OUTBOUND_EMAIL_SUBJECTS = (
    "Following up on our conversation",
    "Quick question about {company}'s reporting",
    "Proposal for {company}",
    "Notes and next steps",
    "Pricing options for {company}",
    "Case study: how a team like yours cut reporting time in half",
    "Checking in",
    "Security documentation you asked for",
    "Agenda for our next call",
    "Order form for review",
)
OUTBOUND_EMAIL_BODIES = (
    "Hi {first}, thanks again for the time. Attaching the summary we discussed; let me know what you think.",
    "Hi {first}, wanted to follow up on the proposal. Do you have 20 minutes this week to go through it?",
    "Hi {first}, sharing the security pack (SOC 2 report and DPA). Happy to set up a call with our CISO.",
    "Hi {first}, circling back on next steps. Would Tuesday or Thursday work for a call with your team?",
    "Hi {first}, here is the pricing breakdown for the options we talked about.",
    "Hi {first}, just checking in: is this still a priority for this quarter?",
)
CHASE_EMAIL_BODIES = (
    "Hi {first}, I haven't heard back; is the evaluation still on track?",
    "Hi {first}, bumping this to the top of your inbox. Any update on timing?",
    "Hi {first}, should I close the loop on this for now, or is there a better time to reconnect?",
)
INBOUND_REPLY_BODIES = (
    "Thanks {rep}, this is helpful. I'll share it with the team and come back to you.",
    "Hi {rep}, Tuesday works. Can we include our data lead?",
    "Thanks. A couple of questions on pricing: is the connectors add-on included?",
    "Got it. Our security team will review the SOC 2 this week.",
    "Appreciate the follow-up. We're still aligned; legal is reviewing the MSA.",
    "Hi {rep}, sorry for the delay, end of quarter here. Let's talk next week.",
)
MEETING_SUBJECTS = (
    "Discovery call",
    "Product demo",
    "Technical deep dive",
    "Security review",
    "Pricing discussion",
    "Executive alignment",
    "Proposal walkthrough",
)
CALL_SUBJECTS = ("Intro call", "Follow-up call", "Check-in call", "Quick sync")
NOTE_BODIES = (
    "Champion confirmed budget is approved for this fiscal year.",
    "They are comparing us with {competitor}; main concern is price.",
    "Technical evaluator wants to test the Snowflake connector.",
    "Procurement needs a vendor security questionnaire before signature.",
    "Economic buyer joined the call and asked about ROI timeline.",
    "Timeline slipped: internal reorg, decision moved to next quarter.",
    "Good energy on the demo, forecasting module resonated.",
)
TASK_SUBJECTS = (
    "Send proposal",
    "Follow up on security questionnaire",
    "Book executive sponsor call",
    "Send revised order form",
    "Share customer reference",
    "Prepare mutual action plan",
    "Confirm legal redlines",
)

# --- transcripts --------------------------------------------------------------------------------------------------

# Each exchange pairs a line with the replies that make sense after it, so calls read like conversations.
RAPPORT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Hi {p}, thanks for making the time today.", ("Of course, good to talk.", "Happy to, {rep}.")),
    (
        "Good to see you again, {p}. How was your week?",
        ("Busy, we just wrapped quarterly planning.", "Hectic, but in a good way."),
    ),
    ("Can you hear me all right?", ("Loud and clear, thanks.", "Yes, all good on my end.")),
    (
        "I saw {company} just opened an office in {city}. Congratulations.",
        ("Thanks, yes, the {city} team is growing fast.", "Thank you, it's been a big year for us."),
    ),
    (
        "How's the weather over there? We finally got some sun.",
        ("Grey and rainy, as usual.", "Lucky you, it's freezing here."),
    ),
    (
        "Thanks for joining, everyone. I know it's a busy time of the quarter.",
        ("No problem. I've pulled in a colleague who owns the data side.", "Sorry I was a couple of minutes late."),
    ),
)
DISCOVERY_OPEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "How are you handling pipeline reporting today?",
        (
            "Mostly spreadsheets, honestly. Every Monday someone spends half a day pulling numbers.",
            "A mix of CRM dashboards and a weekly export that finance cleans up.",
        ),
    ),
    (
        "Can you walk me through what happens when the forecast is off at the end of a quarter?",
        (
            "We miss by fifteen, twenty percent, and nobody can explain why until it's too late.",
            "Lots of late nights. Managers call every rep and we rebuild the number by hand.",
        ),
    ),
    (
        "What would success look like for you six months from now?",
        (
            "A forecast the board actually trusts, and reps who spend time selling, not updating fields.",
            "Managers spotting a stalled deal in week two, not week ten.",
        ),
    ),
    (
        "Who else is involved when you evaluate a tool like this?",
        (
            "Me, our head of RevOps, and then finance signs anything above fifty thousand.",
            "IT for security, and our CRO has the final word.",
        ),
    ),
    (
        "What's driving the timing on this project?",
        (
            "We plan next year's territories in the spring, so we need something before then.",
            "A new CRO started last month and wants visibility fast.",
        ),
    ),
    (
        "How does your team decide which deals to focus on each week?",
        (
            "Right now it's gut feel. Managers ask reps in one-on-ones and hope for the best.",
            "Mostly by close date and amount, which we know is not great.",
        ),
    ),
    (
        "What have you tried so far to fix this?",
        (
            "We built dashboards in-house, but they broke every time the CRM changed.",
            "We tried a forecasting tool two years ago; nobody used it.",
        ),
    ),
    (
        "How do you measure whether a rep is ramping well?",
        (
            "Ramp is about six months and we don't really know why some reps get there faster.",
            "Quota attainment, and that's about it.",
        ),
    ),
    (
        "What happens downstream when the data in the CRM is wrong?",
        (
            "It's a mess. Half the close dates in the CRM are in the past.",
            "Finance stops trusting our numbers and builds their own.",
        ),
    ),
    (
        "Tell me about the last time a big deal slipped. What did you see beforehand?",
        (
            "We lost a big renewal last quarter. In hindsight the champion had gone quiet for weeks.",
            "We only talked to one person. When she left, the deal died.",
        ),
    ),
    (
        "Where does your team lose the most time each week?",
        (
            "Data wrangling, easily. Our analysts are basically a reporting service.",
            "Pipeline reviews. Two hours every Monday just reading fields out loud.",
        ),
    ),
    (
        "How are decisions like this usually approved at {company}?",
        (
            "Anything over a hundred thousand goes to the CFO, and security has a veto.",
            "The VP signs, procurement negotiates, legal takes two weeks.",
        ),
    ),
)
DISCOVERY_CLOSED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Are you using spreadsheets for that today?", ("Yes, for most of it.", "Partly, the rest is in the CRM.")),
    (
        "Is there budget set aside for this year?",
        ("We have some budget, but it's not fully approved yet.", "Yes, it's in the plan."),
    ),
    ("Do you have a hard deadline for this?", ("End of next quarter.", "Not a hard one, no.")),
    ("Are you the final sign-off on this?", ("Yes, for this size of purchase.", "No, it goes one level up.")),
    ("Are you on Salesforce or HubSpot?", ("HubSpot, and Snowflake for the warehouse.", "HubSpot, since last year.")),
    ("Is the data team involved already?", ("Not yet, but they will be.", "Yes, they're on this call.")),
)
FOLLOW_UPS = ("Got it.", "That's really helpful.", "Interesting, say more?", "How often does that happen?")
FOLLOW_UP_ANSWERS = (
    "Every quarter, pretty much.",
    "More often than I'd like to admit.",
    "It's the main reason we took this call.",
)
COMPETITOR_MENTIONS = (
    "We did look at {competitor} last year, but the rollout stalled.",
    "Part of the team is already trialling {competitor}, so we'll compare.",
    "Our board member keeps pointing us to {competitor}.",
)
PITCH_REP = (
    "So what we do is connect to your CRM and warehouse and give every manager a live view of the pipeline.",
    "The forecasting module scores each deal on the activity behind it, not on what the rep typed in.",
    "Setup usually takes two weeks; our connectors for HubSpot and Snowflake are out of the box.",
    "Let me share my screen and show you the deal inspection view.",
    "This is the weekly digest managers get every Monday, with the deals that went quiet.",
    "For a team your size, most customers start on Growth and add forecasting once they trust the data.",
    "Everything is role-based, so reps only see their own book unless you decide otherwise.",
    "Here you can see which deals are single-threaded; that's the strongest early warning we have.",
    "This view compares each deal with the ones you won last year at the same stage.",
    "Alerts go to the rep first, and to the manager only if nothing happens for a few days.",
)
PITCH_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("Can it break that down by region?", "Yes, region, team and owner are all filters."),
    (
        "How long does the initial sync take?",
        "For a CRM your size, a few hours for the first full sync, then it's incremental.",
    ),
    ("Is that live?", "Yes, it's refreshed every fifteen minutes."),
    ("Can we export this into our board deck?", "Yes, there's a slides export, and an API for the raw numbers."),
    ("Does it handle multiple currencies?", "It does: amounts convert at the daily rate and keep the original."),
    (
        "How does it decide a deal is at risk?",
        "It looks at buyer replies, meetings held, stage age and who's involved.",
    ),
    ("Can managers add their own notes?", "Yes, and they sync back to the CRM as notes on the deal."),
)
PITCH_REACTIONS = (
    "Okay, that view is much better than what we have.",
    "I like the single-threaded flag, we got burned by that.",
    "Right.",
    "Makes sense.",
    "Mm-hm, that's helpful.",
    "Our managers would live in that screen.",
)
OBJECTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # category: (prospect lines, rep responses)
    "pricing": (
        (
            "Honestly, the price is higher than we expected.",
            "I'll be straight with you, that number is above what we budgeted.",
            "Is there any flexibility on the per-seat price?",
        ),
        (
            "Understood. Let's look at what the reporting time costs you today, then decide if the number makes sense.",
            "We can phase the rollout: start with one team and expand once you see the value.",
            "If you can commit to an annual term, I can take that to my manager.",
        ),
    ),
    "timing": (
        (
            "We're in the middle of a reorg, so this might be a next-quarter thing.",
            "Our team is swamped until after the board meeting.",
            "I don't think we can start anything before the fiscal year closes.",
        ),
        (
            "That makes sense. What would need to be true to start a pilot before then?",
            "Would it help if we did the setup work so your team barely has to be involved?",
            "Fair. Let's at least agree on a date to revisit so it doesn't drift.",
        ),
    ),
    "competitor": (
        (
            "We're also looking at {competitor}.",
            "{competitor} showed us something similar last week.",
            "To be transparent, {competitor} is already in the running.",
        ),
        (
            "Good to know. Customers who compared us with {competitor} usually point to our connectors and setup time.",
            "Happy to do a side-by-side. What did you like about what {competitor} showed you?",
            "That's fair. I can put you in touch with a customer who switched from {competitor}.",
        ),
    ),
    "security": (
        (
            "Our security team will need a SOC 2 report before we go further.",
            "Where is the data hosted, and do you support SSO?",
            "We'd need a DPA and a pen test summary.",
        ),
        (
            "Absolutely, I'll send the SOC 2 Type II and our DPA today.",
            "We host in US and EU regions and support SAML SSO with Okta and Azure AD.",
            "Let's get your security team on a call with our CISO; that usually shortcuts the questionnaire.",
        ),
    ),
    "authority": (
        (
            "I'd have to run this by our CFO.",
            "I'm not the one who signs off on this, to be honest.",
            "Procurement will want to be involved before anything gets signed.",
        ),
        (
            "Of course. What does the CFO usually want to see for a decision like this?",
            "Would it help if I put together a one-page business case you can forward?",
            "Makes sense. Could we get procurement on the next call so there are no surprises?",
        ),
    ),
    "already_have_tool": (
        (
            "We already have a tool for this, to be honest.",
            "We built something in-house a couple of years ago.",
            "Our BI team says they can do this in the dashboards we already have.",
        ),
        (
            "Got it. How happy are the managers with it today?",
            "Many customers started with an in-house build; the pain is usually maintenance. Is that true for you?",
            "Fair point. The difference is the deal-level signals, which are hard to rebuild in BI.",
        ),
    ),
}
OBJECTION_CATEGORIES = tuple(OBJECTIONS)
NEXT_STEP_REP = (
    "So as next steps, I'll send over the proposal by {date}.",
    "I'll send a recap and the security pack by {weekday}.",
    "I'll set up the technical deep dive with our solutions engineer for {weekday}.",
    "I'll draft a mutual action plan and share it by {date}.",
    "I'll get you a revised quote by {date}.",
)
NEXT_STEP_PROSPECT = (
    "And I'll loop in {colleague} from security before {weekday}.",
    "I'll talk to our CFO and get back to you by {date}.",
    "I'll share the list of requirements from the data team by {weekday}.",
    "I'll book thirty minutes with procurement for {weekday}.",
    "I'll confirm the pilot group by {date}.",
)
NEXT_STEP_CLOSE = (
    "Great, thanks everyone.",
    "Perfect, talk soon.",
    "Sounds good. Have a great rest of your day.",
    "Thanks {rep}, this was useful.",
)
# How an engaged buyer goes past the question asked: more detail, in their own words.
ANSWER_ELABORATIONS = (
    "And to add to that, our managers rebuild the same report every Monday.",
    "For context, sales and finance each keep their own version of the number.",
    "Our CRO asked me to sort this out before the next board meeting, so it's high on my list.",
    "The other piece is onboarding: new managers take months to learn where the numbers live.",
    "I'd add that our regional leads all track pipeline slightly differently.",
    "We talked about exactly this at our offsite, so the timing of this call is good.",
)
# An engaged buyer reacting to the demo in their own words (instead of "Right."), which is what pulls the rep's talk
# share down towards the 40-45 % of calls that go well.
PITCH_COMMENTS = (
    "That deal view would have saved us last quarter; two large renewals slipped and nobody saw it coming.",
    "Our managers would use this in the Monday meeting instead of reading fields out loud from the CRM.",
    "The single-threaded flag is interesting, because that is exactly how we lost our biggest account this year.",
    "If the forecast updates on its own like that, our finance team would stop building their own version.",
    "I can already think of three reps who would love the digest, they hate updating the CRM by hand.",
    "Showing the deals that went quiet is the piece our CRO keeps asking for in every pipeline review.",
)
# A rep who moves past an objection instead of answering it; the buyer's concern is left hanging.
OBJECTION_DEFLECTIONS = (
    "Fair enough. Let's park that for now and keep going with the demo.",
    "Noted. Moving on, this next screen is the one most teams care about.",
    "Sure, that comes up a lot. Anyway, back to the dashboard.",
)
UNRESOLVED_REACTIONS = ("Okay.", "Hm. Okay.", "Right, we'll see.", "If you say so.")
# Next steps without a date or owner: the pattern of deals that drift.
VAGUE_REP_STEPS = (
    "I'll send over a recap.",
    "I'll share some materials after the call.",
    "I'll follow up with a few more details.",
)
VAGUE_PROSPECT_STEPS = (
    "Let's circle back in a few weeks.",
    "We need to discuss it internally first.",
    "Let's see where things stand after the holidays.",
    "Let's keep in touch.",
)
FILLER_PROSPECT = (
    "Right.",
    "Makes sense.",
    "Okay, go on.",
    "Sure.",
    "Got it.",
    "Mm-hm, that's helpful.",
)

# --- inbound lead text --------------------------------------------------------------------------------------------

FREE_MAIL_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com")
UNIVERSITIES = (
    ("Stanford University", "stanford.edu"),
    ("University of Michigan", "umich.edu"),
    ("UT Austin", "utexas.edu"),
    ("NYU", "nyu.edu"),
    ("UCLA", "ucla.edu"),
)
LEAD_NOTES_STUDENT = (
    "Working on a class project about sales analytics, could I get a free account?",
    "I'm writing my thesis on forecasting accuracy. Do you offer academic licenses?",
    "Student here, just curious how the product works.",
)
LEAD_TIMELINES: dict[str, tuple[str, ...]] = {
    # urgency bucket: the free-text values a form receives
    "now": ("ASAP", "this quarter", "within 30 days", "this month"),
    "soon": ("3-6 months", "next quarter", "in the next 6 months"),
    "later": ("next year", "just researching", "not sure", "12+ months"),
}
LEAD_NOTES_RICH = (
    "We have {reps} reps across {regions} regions and forecast in spreadsheets. Need HubSpot + Snowflake connectors; "
    "decision by end of next quarter.",
    "Replacing our in-house dashboards. Looking at {competitor} too. VP Sales is the sponsor.",
    "Board asked for a reliable forecast. Budget approved, want a demo with our RevOps lead.",
    "Our managers can't see which deals are going dark. {reps} AEs, growing to {reps2} next year.",
    "Evaluating tools for pipeline inspection; security review required (SOC 2, SSO).",
)
LEAD_NOTES_THIN = ("pls call", "info", "pricing?", "send me a demo", "interested", "")
LEAD_NOTES_SPAM = (
    "asdfgh jkl",
    "BUY CHEAP SEO SERVICES NOW!!! best backlinks",
    "test test test",
    "qwerty",
    "Hello dear, I am offering guaranteed crypto returns, reply fast",
    "zzzzzz",
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(day: date) -> str:
    """Write a date the way people say it on a call: "March 3"."""
    return f"{day:%B} {day.day}"


@dataclass(frozen=True)
class Speaker:
    """One voice in a transcript."""

    name: str
    title: str = ""


def _stamp(seconds: int) -> str:
    return f"[{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}]"


class _Script:
    """Accumulates transcript lines with running timestamps and remembers what each line is."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[str] = []
        self.clock = rng.randint(2, 20)

    def say(self, speaker: Speaker, text: str) -> int:
        """Append one turn and return its 1-based line number."""
        self.lines.append(f"{_stamp(self.clock)} {speaker.name}: {text}")
        self.clock += self.rng.randint(4, 12) + len(text) // 15 + self.rng.randint(0, 20)
        return len(self.lines)


def compose_transcript(
    rng: random.Random,
    *,
    rep: Speaker,
    prospects: list[Speaker],
    company: str,
    call_at: datetime,
    discovery_questions: int,
    objections: list[str],
    competitor: str | None,
    engagement: float = 0.5,
) -> tuple[str, int, dict]:
    """Write a sales-call transcript and its ground-truth labels.

    Args:
        rng: The generator's random stream.
        rep: Our account executive.
        prospects: One to three buyer-side speakers, drawn from the deal's contacts.
        company: The buyer's company name.
        call_at: When the call started; commitments name real dates relative to it ("by March 3", "next Tuesday").
        discovery_questions: How many discovery questions the rep asks (the deal's discovery depth).
        objections: Objection categories the prospect raises, in order (keys of `OBJECTIONS`).
        competitor: A competitor the buyer is evaluating, mentioned by name when present.
        engagement: How engaged both sides are, 0..1 (drawn by the caller from the deal's latents plus noise). It
            shapes the call the way won and lost calls differ in published call research: engaged calls have more
            open questions, buyers who elaborate and ask questions (rep talk nearer 45 %), objections that get
            answered, and dated next steps on both sides; disengaged calls lean to rep monologues, deflected
            objections and vague next steps ("let's circle back"). It never decides anything alone.

    Returns:
        (transcript text in "speaker_lines" format, duration in seconds, labels). Labels hold `segments` (name,
        start_line, end_line; 1-based, inclusive), `discovery_questions` (line, kind open/closed), `objections`
        (category, line), `competitors` (names appearing in the text), `commitments` (line, speaker, party, text,
        due) and `speakers`.
    """
    script = _Script(rng)
    fill = {
        "company": company,
        "city": rng.choice(CITIES),
        "rep": rep.name.split()[0],
        "competitor": competitor or rng.choice(COMPETITORS),
        "title": prospects[0].title or "your CFO",
    }

    def prospect() -> Speaker:
        return prospects[0] if rng.random() < 0.6 else rng.choice(prospects)

    def fmt(template: str, who: Speaker | None = None) -> str:
        return template.format(p=(who or prospects[0]).name.split()[0], **fill)

    segments: list[dict] = []
    questions: list[dict] = []
    objection_labels: list[dict] = []
    commitments: list[dict] = []

    # Rapport: a few pleasantries.
    start = len(script.lines) + 1
    greeting = rng.choice(RAPPORT[:2])
    small_talk = rng.sample([r for r in RAPPORT[2:]], k=rng.randint(1, 4))
    for opener, replies in [greeting, *small_talk]:
        script.say(rep, fmt(opener))
        script.say(prospect(), fmt(rng.choice(replies)))
    segments.append({"name": "rapport", "start_line": start, "end_line": len(script.lines)})

    # Discovery: exactly `discovery_questions` rep questions, each answered; the competitor may surface here.
    start = len(script.lines) + 1
    open_bank, closed_bank = list(DISCOVERY_OPEN), list(DISCOVERY_CLOSED)
    rng.shuffle(open_bank)
    rng.shuffle(closed_bank)
    pending_objections = list(objections)
    # A competitor in play is named on the call: in an objection if one is planned, else in a discovery answer.
    mention_at = -1
    if competitor and "competitor" not in objections and discovery_questions > 0:
        mention_at = rng.randrange(discovery_questions)
    for i in range(discovery_questions):
        is_open = (rng.random() < 0.35 + 0.5 * engagement or not closed_bank) and bool(open_bank)
        if not open_bank and not closed_bank:  # a very deep discovery: start the banks over
            open_bank, closed_bank = list(DISCOVERY_OPEN), list(DISCOVERY_CLOSED)
            rng.shuffle(open_bank)
            is_open = True
        question, answers = open_bank.pop() if is_open else closed_bank.pop()
        line = script.say(rep, fmt(question))
        questions.append({"line": line, "kind": "open" if is_open else "closed"})
        script.say(prospect(), fmt(rng.choice(answers)))
        if rng.random() < 0.8 * engagement:  # an engaged buyer says more than was asked
            script.say(prospect(), rng.choice(ANSWER_ELABORATIONS))
        if i == mention_at:
            script.say(prospect(), fmt(rng.choice(COMPETITOR_MENTIONS)))
        if rng.random() < 0.1 + 0.35 * engagement:
            script.say(rep, rng.choice(FOLLOW_UPS))
            script.say(prospect(), rng.choice(FOLLOW_UP_ANSWERS))
        # An objection raised during discovery, in the middle of the segment.
        if pending_objections and i == discovery_questions // 2 and rng.random() < 0.4:
            _raise_objection(
                script, rng, rep, prospect(), pending_objections.pop(0), fill, objection_labels, engagement
            )
    segments.append({"name": "discovery", "start_line": start, "end_line": len(script.lines)})

    # Pitch: the demo, questions, and the remaining objections.
    start = len(script.lines) + 1
    pitch_turns = rng.randint(3, 14)
    objection_slots = sorted(rng.sample(range(pitch_turns), k=min(len(pending_objections), pitch_turns)))
    pitch_lines = rng.sample(PITCH_REP, k=len(PITCH_REP))
    pitch_questions = rng.sample(PITCH_QUESTIONS, k=len(PITCH_QUESTIONS))

    beats = [0]

    def demo_beat() -> None:
        # A disengaged call turns into a monologue: the rep strings several pitch lines together.
        for _ in range(1 + (rng.random() < 0.8 * (1 - engagement)) + (rng.random() < 0.5 * (1 - engagement))):
            script.say(rep, fmt(pitch_lines[beats[0] % len(pitch_lines)]))
            beats[0] += 1
        if pitch_questions and rng.random() < 0.15 + 0.75 * engagement:
            question, answer = pitch_questions.pop()
            script.say(prospect(), question)
            script.say(rep, answer)
        elif rng.random() < engagement:
            script.say(prospect(), rng.choice(PITCH_COMMENTS))
        else:
            script.say(prospect(), rng.choice(PITCH_REACTIONS))

    for turn in range(pitch_turns):
        demo_beat()
        while objection_slots and objection_slots[0] == turn:
            objection_slots.pop(0)
            _raise_objection(
                script, rng, rep, prospect(), pending_objections.pop(0), fill, objection_labels, engagement
            )
    # Short calls get padded with more demo back-and-forth so every transcript has at least 40 turns.
    while len(script.lines) < 35:
        demo_beat()
    segments.append({"name": "pitch", "start_line": start, "end_line": len(script.lines)})

    # Next steps: the rep always commits to something; whether it has a date, and whether the buyer takes an action
    # with a date too, follows the call's engagement.
    start = len(script.lines) + 1
    script.say(rep, rng.choice(("Let's talk next steps.", "I want to be respectful of time, so next steps?")))
    dated = {"rep": rng.random() < 0.25 + 0.75 * engagement, "prospect": rng.random() < 0.15 + 0.8 * engagement}
    for party, bank, who in (("rep", NEXT_STEP_REP, rep), ("prospect", NEXT_STEP_PROSPECT, prospect())):
        if not dated[party]:
            if party == "rep":  # an undated promise still counts as a commitment, with no due date
                text = rng.choice(VAGUE_REP_STEPS)
                line = script.say(rep, text)
                commitments.append(
                    {"line": line, "speaker": rep.name, "party": "rep", "text": text, "due": None, "due_date": None}
                )
            else:
                script.say(who, rng.choice(VAGUE_PROSPECT_STEPS))
            continue
        for _ in range(rng.randint(1, 2)):
            due = (call_at + timedelta(days=rng.randint(2, 10))).date()
            if due.weekday() >= 5:  # commitments land on working days
                due += timedelta(days=7 - due.weekday())
            weekday_text = ("next " if (due - call_at.date()).days >= 7 else "") + WEEKDAYS[due.weekday()]
            template = rng.choice(bank)
            colleague = rng.choice(FIRST_NAMES)
            text = template.format(date=long_date(due), weekday=weekday_text, colleague=colleague)
            line = script.say(who, text)
            due_text = long_date(due) if "{date}" in template else weekday_text
            commitments.append(
                {"line": line, "speaker": who.name, "party": party, "text": text, "due": due_text, "due_date": str(due)}
            )
            if party == "rep":
                script.say(prospect(), rng.choice(("Perfect.", "That works.", "Great, thanks.")))
    script.say(prospect(), fmt(rng.choice(NEXT_STEP_CLOSE)))
    script.say(rep, "Thanks, talk soon.")
    segments.append({"name": "next_steps", "start_line": start, "end_line": len(script.lines)})

    text = "\n".join(script.lines)
    mentioned = sorted(name for name in COMPETITORS if name in text)
    labels = {
        "segments": segments,
        "discovery_questions": questions,
        "objections": objection_labels,
        "competitors": mentioned,
        "commitments": commitments,
        "speakers": {"rep": rep.name, "prospects": [p.name for p in prospects]},
    }
    return text, script.clock + rng.randint(5, 60), labels


def _raise_objection(
    script: _Script,
    rng: random.Random,
    rep: Speaker,
    who: Speaker,
    category: str,
    fill: dict[str, str],
    labels: list[dict],
    engagement: float = 0.5,
) -> None:
    prospect_lines, rep_lines = OBJECTIONS[category]
    line = script.say(who, rng.choice(prospect_lines).format(**fill))
    labels.append({"category": category, "line": line, "speaker": who.name})
    if rng.random() < 0.3 + 0.65 * engagement:
        script.say(rep, rng.choice(rep_lines).format(**fill))
        if rng.random() < 0.5:
            script.say(who, rng.choice(FILLER_PROSPECT))
    else:  # left hanging: the rep moves on and the buyer's concern stays where it was
        script.say(rep, rng.choice(OBJECTION_DEFLECTIONS))
        script.say(who, rng.choice(UNRESOLVED_REACTIONS))
