"""Held-out set 4: written blind to the router (from the tool schemas and the workspace's names only), after the
router changes that set 3 led to. First run: 70/80 (87.5%), the honest estimate on new phrasings. Its misses then
showed real bugs ("and" read as "an d", one day; "pitching" typo-corrected to "pricing"; "dashboard" matching "board"
…), which were fixed, so it is no longer unseen."""

from __future__ import annotations

from eval.copilot.questions import BRIEF, CALL, DEALS, LATEST, LEAD, OBJ, PIPE, RISK, SILENT, Case

UNSEEN_4: list[Case] = [
    # silent deals
    ("what deals have gone dark on me for 10+ days?", SILENT, {"days": 10, "owners": ["me"]}),
    ("anyone ghosting jamal for two weeks or more", SILENT, {"days": 14, "owners": ["Jamal Carter"]}),
    ("silent opps pls", SILENT, {}),
    ("which of emily's deals havent heard from the buyer in a week", SILENT, {"days": 7, "owners": ["Emily Nakamura"]}),
    ("deals with no buyer reply in 20 days, team west", SILENT, {"days": 20, "owners": ["Team West"]}),
    ("who's gone quiet on luis? 3+ days", SILENT, {"days": 3, "owners": ["Luis Ortega"]}),
    ("my ghosted deals", SILENT, {"owners": ["me"]}),
    ("deals where the buyer hasn't engaged in over a month", SILENT, {"days": 30}),
    (
        "silent deals for kenji and megan, 8 days",
        SILENT,
        {"days": 8, "owners": ["Kenji Watanabe", "Megan Foster"]},
    ),
    ("grace's accts w/ no engagement for 6+ days", SILENT, {"days": 6, "owners": ["Grace Okafor"]}),
    ("ghosted for fifteen days or more? carlos's deals", SILENT, {"days": 15, "owners": ["Carlos Mendes"]}),
    ("which deals have had zero response in 45+ days", SILENT, {"days": 45}),
    # latest on a company
    ("whats the latest w/ acme", LATEST, {"company": "Acme Corp"}),
    ("where are we at with globx?", LATEST, {"company": "Globex"}),
    ("status on the initech deal", LATEST, {"company": "Initech"}),
    ("any update on umbrella", LATEST, {"company": "Umbrella Corporation"}),
    ("hooli - where do things stand", LATEST, {"company": "Hooli"}),
    ("catch me up on stark industries", LATEST, {"company": "Stark Industries"}),
    ("what's happening with wayne enterprises rn", LATEST, {"company": "Wayne Enterprises"}),
    ("soylent status?", LATEST, {"company": "Soylent"}),
    ("what's new on the vandelay account", LATEST, {"company": "Vandelay Industries"}),
    # pre-call brief
    ("prep me for my call with cyberdyne", BRIEF, {"company": "Cyberdyne Systems"}),
    ("brief on acme pls", BRIEF, {"company": "Acme Corp"}),
    ("need a one pager on hooli before my 2pm", BRIEF, {"company": "Hooli"}),
    ("meeting globex tomorrow, what should i know going in", BRIEF, {"company": "Globex"}),
    ("can u pull together call prep for wayne", BRIEF, {"company": "Wayne Enterprises"}),
    ("research stark industries for me, meeting them thurs", BRIEF, {"company": "Stark Industries"}),
    ("give me the rundown before i meet umbrela", BRIEF, {"company": "Umbrella Corporation"}),
    ("pre-call brief vandelay industries", BRIEF, {"company": "Vandelay Industries"}),
    # latest call summary
    ("how did the last call with initech go?", CALL, {"company": "Initech"}),
    ("summarize my most recent call w/ soylent", CALL, {"company": "Soylent"}),
    ("what came up on the last acme call", CALL, {"company": "Acme Corp"}),
    ("recap of the latest globex call pls", CALL, {"company": "Globex"}),
    ("what objections did cyberdyne raise on our last call", CALL, {"company": "Cyberdyne Systems"}),
    ("key takeaways from the umbrella call?", CALL, {"company": "Umbrella Corporation"}),
    # pipeline summary
    ("overall pipe by stage?", PIPE, {}),
    ("how's my pipe looking", PIPE, {"owners": ["me"]}),
    ("break down team west's pipeline by rep", PIPE, {"by": "owner", "owners": ["Team West"]}),
    ("open pipeline $ per AE", PIPE, {"by": "owner"}),
    ("how much pipeline does jamal have", PIPE, {"owners": ["Jamal Carter"]}),
    ("pipeline summary for aisha and tyler", PIPE, {"owners": ["Aisha Rahman", "Tyler Nguyen"]}),
    ("who's carrying the most pipeline on team east", PIPE, {"by": "owner", "owners": ["Team East"]}),
    # at-risk deals
    ("what's at risk rn", RISK, {}),
    ("my at risk deals", RISK, {"owners": ["me"]}),
    ("is any of emily's stuff at risk?", RISK, {"owners": ["Emily Nakamura"]}),
    ("deals in trouble on team west", RISK, {"owners": ["Team West"]}),
    ("riskiest opps in carlos's book", RISK, {"owners": ["Carlos Mendes"]}),
    ("which of my deals are most likely to slip", RISK, {"owners": ["me"]}),
    ("deal health - what's flagged red for luis", RISK, {"owners": ["Luis Ortega"]}),
    # search deals
    ("anything closing this month over 1m?", DEALS, {"period": "this_month", "min_amount": 1000000.0}),
    ("my deals over $75k", DEALS, {"owners": ["me"], "min_amount": 75000.0}),
    ("which deals are sitting in contract sent?", DEALS, {"stages": ["contractsent"]}),
    ("opps closing next qtr bigger than 100k", DEALS, {"period": "next_quarter", "min_amount": 100000.0}),
    ("jamal's deals closing before end of month", DEALS, {"period": "eom", "owners": ["Jamal Carter"]}),
    ("what does grace have left to close before end of quarter", DEALS, {"period": "eoq", "owners": ["Grace Okafor"]}),
    ("list every open deal at stark industries", DEALS, {"company": "Stark Industries"}),
    ("what's closing in the next 30 days for team east", DEALS, {"period": "next_30_days", "owners": ["Team East"]}),
    ("december closes over 50,000", DEALS, {"period": "month:12", "min_amount": 50000.0}),
    (
        "megan's deals at decision maker bought in",
        DEALS,
        {"stages": ["decisionmakerboughtin"], "owners": ["Megan Foster"]},
    ),
    (
        "q1 deals in presentation scheduled or qualified to buy",
        DEALS,
        {"period": "q1", "stages": ["presentationscheduled", "qualifiedtobuy"]},
    ),
    ("what am i supposed to close this week", DEALS, {"period": "this_week", "owners": ["me"]}),
    # objection handling
    ("how do i handle 'your price is too high'", OBJ, {"category": "pricing"}),
    ("they're comparing us to quantix, talk track?", OBJ, {"category": "competitor"}),
    ("prospect says it's not a priority until next fiscal year, what do i say", OBJ, {"category": "timing"}),
    ("their infosec team is worried about soc2 and data residency, how do we respond", OBJ, {"category": "security"}),
    ("what do we say when they ask if we integrate w/ salesforce", OBJ, {"category": "integration"}),
    ("champion says she has to run it by the cfo, how do i handle that", OBJ, {"category": "authority"}),
    ("they said 'we already have a BI tool that does this' - best response?", OBJ, {"category": "already_have_tool"}),
    ("talk track for pitching a cfo", OBJ, {}),
    # lead score
    ("is the inbound from hooli any good? lead score pls", LEAD, {"company": "hooli"}),
    ("score the new initech lead", LEAD, {"company": "initech"}),
    # help
    ("what can you do?", None, {"intent": "help"}),
    ("hey what kinda questions can i ask u", None, {"intent": "help"}),
    ("how do i use this bot", None, {"intent": "help"}),
    # out of scope, chit-chat and write requests
    ("mark acme closed won", None, {"intent": "unknown"}),
    ("book a meeting w/ globex for tues 3pm", None, {"intent": "unknown"}),
    ("send a follow up email to the initech champion", None, {"intent": "unknown"}),
    ("move stark to contract sent", None, {"intent": "unknown"}),
    ("what's the weather in boston", None, {"intent": "unknown"}),
    ("tell me a joke", None, {"intent": "unknown"}),
]
