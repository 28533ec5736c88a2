# ruff: noqa: E501  (one question per line)
# Held-out set 14: written blind and sealed (outside the repository, nobody working on understanding read it) until
# its first run on commit d4183d9: 81.3% (122/150) capability+args right, 20 confident wrong, 6 clarified.
# Its kit named the amount arguments amount_min/amount_max (renamed mechanically to the schemas' min_amount/max_amount
# before the run, no question read). It is no longer held out. Not in the classifier's training set.
"""Held-out evaluation set 14 for the Sales OS Slack copilot.

Who asks: Dana Whitfield (AE, Team East), two weeks after taking over part of Luis Ortega's territory
(Luis moved to a partner role but still owns some deals in the CRM). Asked on Monday 7 Dec 2026,
America/New_York.

How: verbose and polite, explains why she asks, does not know the CRM's stage names or all the jargon
(describes stages in her own words), asks about inherited accounts, the team's habits, objections she has
not met yet and what the tool itself can do; some long paragraphs with the question at the end, some very
short ones once she is used to the tool; a few typos and misspelled names (labelled with the real name).

Provenance: written blind from /work/blind only (capabilities.md, names.md, conventions.md,
example_format.py); no copilot code, data or output was looked at. Labels follow conventions.md.
"""

from eval.copilot.questions import Case

CASES: list[Case] = [
    (
        "Hi! I'm still getting my bearings after taking over part of Luis's book. Could you show me the deals that are still sitting under Luis Ortega's name?",
        "search_deals",
        {"owners": ["Luis Ortega"]},
    ),
    (
        "which of my deals are at the stage where they already have the contract in hand? want to make sure nothing is waiting on me for signatures",
        "search_deals",
        {"owners": ["me"], "stages": ["contractsent"]},
    ),
    (
        "Could you pull up my early ones, the deals where we've only just booked a first meeting? I'd like to send intro notes before everyone disappears for the holidays.",
        "search_deals",
        {"owners": ["me"], "stages": ["appointmentscheduled"]},
    ),
    ("my deals closing this month?", "search_deals", {"owners": ["me"], "period": "this_month"}),
    (
        "Sorry if this is a basic one, but which of Luiz's deals over 50k are supposed to close in January?",
        "search_deals",
        {"owners": ["Luis Ortega"], "period": "month:1", "min_amount": 50000},
    ),
    ("show me the 5 biggest open deals on Team East", "search_deals", {"owners": ["Team East"], "limit": 5}),
    (
        "Is anything of mine stuck in the same stage for more than 45 days? Helen mentioned in our 1:1 that stale deals drag the whole forecast down, so I'd like to clean mine up.",
        "search_deals",
        {"owners": ["me"], "min_days_in_stage": 45},
    ),
    (
        "Before I call them I'd like the full history — can you list every deal we've ever had with Lakegrid Medcal, won and lost ones included?",
        "search_deals",
        {"company": "Lakegrid Medical", "include_closed": True},
    ),
    (
        "emily's deals under 20k that should close between now and the end of the quarter",
        "search_deals",
        {"owners": ["Emily Nakamura"], "period": "eoq", "max_amount": 20000},
    ),
    (
        "Which deals across the whole team already have the decision maker on board but no contract out yet? I'm trying to understand what 'late stage' means here.",
        "search_deals",
        {"stages": ["decisionmakerboughtin"]},
    ),
    (
        "How many open deals do I actually have now, after the handover, and what are they worth in total?",
        "count_deals",
        {"owners": ["me"]},
    ),
    (
        "how many deals does Luis still own that are at the contract stage? I suspect some of those should really be mine by now",
        "count_deals",
        {"owners": ["Luis Ortega"], "stages": ["contractsent"]},
    ),
    ("number of Team West deals over $100k", "count_deals", {"owners": ["Team West"], "min_amount": 100000}),
    ("Quick one: how many deals are slated to close next month, team-wide?", "count_deals", {"period": "next_month"}),
    (
        "How many deals have we had with Sunshore Bio altogether, counting the won and lost ones too?",
        "count_deals",
        {"company": "Sunshore Bio", "include_closed": True},
    ),
    (
        "how many of Grace's deals have been sitting in their current stage for 60+ days?",
        "count_deals",
        {"owners": ["Grace Okafor"], "min_days_in_stage": 60},
    ),
    ("How much did the team book last quarter?", "get_closed_deal_metrics", {"period": "last_quarter"}),
    (
        "What's my win rate so far this year? I have a check-in with Helen and I'd like to know where I stand before she tells me.",
        "get_closed_deal_metrics",
        {"metric": "win_rate", "owners": ["me"], "period": "ytd"},
    ),
    (
        "Could you break down win rate by rep for Q3? I'm trying to figure out whose calls I should be shadowing.",
        "get_closed_deal_metrics",
        {"metric": "win_rate", "by": "owner", "period": "past_q:3"},
    ),
    (
        "avg deal size on enterprise deals this year?",
        "get_closed_deal_metrics",
        {"metric": "avg_deal_size", "segment": "enterprise", "period": "this_year"},
    ),
    (
        "A lot of my inherited accounts are hospitals and clinics. Roughly how long does it take us to close a healthcare deal, from the day it's created to the day it's won?",
        "get_closed_deal_metrics",
        {"metric": "cycle_time", "segment": "Healthcare"},
    ),
    (
        "how many deals did Luis win in November?",
        "get_closed_deal_metrics",
        {"metric": "won_count", "owners": ["Luis Ortega"], "period": "past_month:11"},
    ),
    (
        "Which regions did we win the most revenue in last quarter? I'm curious whether NA-East is one of the strong ones.",
        "get_closed_deal_metrics",
        {"by": "region", "period": "last_quarter"},
    ),
    (
        "How many deals did we lose last month?",
        "get_closed_deal_metrics",
        {"metric": "lost_count", "period": "last_month"},
    ),
    (
        "I have a call with Birchleaf Medical on Thursday. Who's the champion there, i.e. who is actually in our corner?",
        "get_deal_facts",
        {"company": "Birchleaf Medical", "fact": "champion"},
    ),
    (
        "is Sunshore Bio still under Luis in the CRM or has it been moved over to me yet?",
        "get_deal_facts",
        {"company": "Sunshore Bio", "fact": "owner"},
    ),
    (
        "Who are all the people involved on the Frostpath Education deal, and what role does each of them play? Luis's handover doc only lists one name.",
        "get_deal_facts",
        {"company": "Frostpath Education", "fact": "stakeholders"},
    ),
    ("who owns Wayne Enterprises?", "get_deal_facts", {"company": "Wayne Enterprises", "fact": "owner"}),
    ("stakeholders on Starshor Labs pls", "get_deal_facts", {"company": "Starshore Labs", "fact": "stakeholders"}),
    (
        "I keep seeing Tom Reyes's name in the Cedarworks Pay emails. Is he our champion on that deal, or is it someone else?",
        "get_deal_facts",
        {"company": "Cedarworks Pay", "fact": "champion"},
    ),
    (
        "Tell me everything the CRM has on who's who at Initech: the owner, the contacts and their roles, and the champion.",
        "get_deal_facts",
        {"company": "Initech"},
    ),
    (
        "What's the latest with Acme Corp? Luis said it was close to done but I haven't seen any activity since I took it over.",
        "get_latest_on_company",
        {"company": "Acme Corp"},
    ),
    ("status of Ridgeline Networks?", "get_latest_on_company", {"company": "Ridgeline Networks"}),
    (
        "Could I get an update on Skywood Pay? Their procurement person emailed me out of the blue and I don't want to sound like I don't know the history.",
        "get_latest_on_company",
        {"company": "Skywood Pay"},
    ),
    ("where do we stand w/ Southrdge Freight", "get_latest_on_company", {"company": "Southridge Freight"}),
    ("anything new on Globex?", "get_latest_on_company", {"company": "Globex"}),
    (
        "Hi, I inherited Clearworks Partners from Luis and honestly have no idea where it stands. Deals, last touch, next meeting, anything still open?",
        "get_latest_on_company",
        {"company": "Clearworks Partners"},
    ),
    (
        "Could you give me the team's open pipeline broken out by stage? I want to see where things tend to pile up.",
        "summarize_pipeline",
        {},
    ),
    ("pipeline by rep", "summarize_pipeline", {"by": "owner"}),
    (
        "What does my own pipeline look like stage by stage now that Luis's accounts were added to it?",
        "summarize_pipeline",
        {"owners": ["me"]},
    ),
    (
        "How is the open pipeline spread across the Team East reps? Just want to see if my share is in line with everyone else's.",
        "summarize_pipeline",
        {"by": "owner", "owners": ["Team East"]},
    ),
    ("pipeline", "summarize_pipeline", {}),
    (
        "Luis's notes just say 'Birchleaf' with no last name. Which company in the CRM does 'Birchleaf' refer to?",
        "lookup_company",
        {"company": "Birchleaf"},
    ),
    (
        "is there an account called Cedarpoint in the system? which one is it exactly",
        "lookup_company",
        {"company": "Cedarpoint"},
    ),
    (
        "which company does 'Keenlight' mean? I think there might be more than one",
        "lookup_company",
        {"company": "Keenlight"},
    ),
    ("Good morning! What should I be focusing on today?", "get_my_day", {}),
    ("my day", "get_my_day", {}),
    (
        "Luis asked me to cover for him this afternoon. What does his day look like — meetings, tasks, anything urgent?",
        "get_my_day",
        {"owners": ["Luis Ortega"]},
    ),
    (
        "what's Jamal got going on today? I'm supposed to shadow one of his meetings and I'd like to pick the right one",
        "get_my_day",
        {"owners": ["Jamal Carter"]},
    ),
    (
        "Which of my deals have gone quiet? A few of Luis's old contacts haven't answered my intro emails and I'm not sure if that's normal.",
        "list_silent_deals",
        {"owners": ["me"]},
    ),
    ("anyone ghosting me for 2+ weeks?", "list_silent_deals", {"owners": ["me"], "days": 14}),
    ("deals where the buyer hasn't engaged in 30 days, whole team", "list_silent_deals", {"days": 30}),
    (
        "Which of Luis's deals haven't heard back from the customer in over 10 days?",
        "list_silent_deals",
        {"owners": ["Luis Ortega"], "days": 10},
    ),
    (
        "are any of Team East's deals dark for more than 3 weeks?",
        "list_silent_deals",
        {"owners": ["Team East"], "days": 21},
    ),
    (
        "Which of my deals are at risk? I'd like to get ahead of problems before the quarter ends rather than find out on the last day.",
        "list_at_risk_deals",
        {"owners": ["me"]},
    ),
    (
        "Is the Lakegrid Medical deal in trouble? What are the warning signs, if any?",
        "list_at_risk_deals",
        {"company": "Lakegrid Medical"},
    ),
    ("at-risk deals for Luis", "list_at_risk_deals", {"owners": ["Luis Ortega"]}),
    ("Which deals across the team look most at risk right now, and why?", "list_at_risk_deals", {}),
    ("what's risky about Ironbrok Pay?", "list_at_risk_deals", {"company": "Ironbrook Pay"}),
    (
        "Did anyone at Birchleaf Medical bring up a competitor on any of the calls?",
        "search_conversations",
        {"query": "competitor mentioned", "company": "Birchleaf Medical", "kinds": ["call"]},
    ),
    (
        "I'm meeting Marcus Alvarez from Initech next week. What has he said about budget so far? I don't want to make him repeat himself.",
        "search_conversations",
        {"query": "budget", "company": "Initech"},
    ),
    (
        "any emails about pricing since November?",
        "search_conversations",
        {"query": "pricing", "kinds": ["email"], "since": "2026-11-01"},
    ),
    (
        "Has anyone written down anything about SSO or a security review in the Cedarworks Pay notes?",
        "search_conversations",
        {"query": "SSO security review", "company": "Cedarworks Pay", "kinds": ["note"]},
    ),
    (
        "Luis told me the Ridgeline Networks people mentioned a budget freeze at some point. Can you find where that came up and who said it?",
        "search_conversations",
        {"query": "budget freeze", "company": "Ridgeline Networks"},
    ),
    (
        "did anybody discuss contract terms or renewal dates with Acme Corp since Oct 15?",
        "search_conversations",
        {"query": "contract terms renewal dates", "company": "Acme Corp", "since": "2026-10-15"},
    ),
    (
        "I have my first meeting with Wayne Enterprises tomorrow since taking over from Luis. Could you put together a brief so I can prep tonight?",
        "get_company_brief",
        {"company": "Wayne Enterprises"},
    ),
    ("pre-call brief on Frostpath Education pls", "get_company_brief", {"company": "Frostpath Education"}),
    (
        "Prep me for my call with Stark Industries — who's who, what happened recently, similar customers I can mention, and some good discovery questions.",
        "get_company_brief",
        {"company": "Stark Industries"},
    ),
    ("brief for Eastrige Brands", "get_company_brief", {"company": "Eastridge Brands"}),
    (
        "I'm walking into a meeting with Ironstack Networks in an hour and I've never spoken to anyone there. Can you help me get ready for it?",
        "get_company_brief",
        {"company": "Ironstack Networks"},
    ),
    (
        "Can you summarize the last call with Cedarpeak Medical? Luis ran it just before he switched roles and I wasn't on it.",
        "get_call_summary",
        {"company": "Cedarpeak Medical"},
    ),
    ("what happened on the most recent Hawkmark Labs call?", "get_call_summary", {"company": "Hawkmark Labs"}),
    ("recap of last call w/ Summitway Pay", "get_call_summary", {"company": "Summitway Pay"}),
    (
        "I missed the last call with Boldshore Education. What pains and objections came up, and what were the next steps?",
        "get_call_summary",
        {"company": "Boldshore Education"},
    ),
    (
        "A prospect told me today 'we already have dashboards in Salesforce, why would we need you?' and I froze a bit. I've never had that one before. How have others on the team answered it?",
        "search_objection_handling",
        {"query": "we already have dashboards in Salesforce, why would we need you"},
    ),
    (
        "How do I handle a pricing objection? The CFO at one of Luis's accounts said we're twice what they budgeted.",
        "search_objection_handling",
        {"query": "twice what they budgeted", "category": "pricing"},
    ),
    (
        "what do we say when they tell us now's not a good time, come back next year?",
        "search_objection_handling",
        {"query": "not a good time, come back next year"},
    ),
    ("talk track for a CFO?", "search_objection_handling", {"query": "talk track for a CFO"}),
    (
        "What's a good response when their IT team says nothing can move until they've done a full security review? This is my first deal where IT is this involved.",
        "search_objection_handling",
        {"query": "nothing can move until a full security review"},
    ),
    (
        "the buyer said she has to check with her boss before committing to anything. what's worked for other reps in that situation?",
        "search_objection_handling",
        {"query": "need to check with my boss before committing"},
    ),
    (
        "Any tips for the integration objection? They're worried we won't connect to their data warehouse.",
        "search_objection_handling",
        {"query": "won't connect to our data warehouse", "category": "integration"},
    ),
    ("Are there any new inbound leads I should look at? What do their scores look like?", "get_lead_score", {}),
    ("what did the Stanford University lead score?", "get_lead_score", {"company": "Stanford University"}),
    (
        "How did the Falconcraft Robotics inbound lead score? Trying to decide if it's worth a call this week.",
        "get_lead_score",
        {"company": "Falconcraft Robotics"},
    ),
    ("is the Pinepeak Partners lead any good? what's its score", "get_lead_score", {"company": "Pinepeak Partners"}),
    (
        "Can you score this lead for me? Company: Novamark Partners, contact jlee@novamarkpartners.com, about 150 employees, budget around $40k, interested in revenue forecasting, they want to buy this quarter.",
        "score_lead",
        {
            "company": "Novamark Partners",
            "contact_email": "jlee@novamarkpartners.com",
            "employee_count": 150,
            "budget": "$40k",
            "interest_area": "revenue forecasting",
            "timeline": "this quarter",
        },
    ),
    (
        "Someone filled in the web form and I'm not sure it's real. Company Bearfield Logistics, email mike.t@gmail.com, budget $5k, timeline next year. How would you score it?",
        "score_lead",
        {
            "company": "Bearfield Logistics",
            "contact_email": "mike.t@gmail.com",
            "budget": "$5k",
            "timeline": "next year",
        },
    ),
    (
        "score this lead pls: Sunstone Systems, priya@sunstonesystems.io, size 51-200, interested in embedded dashboards, she's the CTO",
        "score_lead",
        {
            "company": "Sunstone Systems",
            "contact_email": "priya@sunstonesystems.io",
            "company_size": "51-200",
            "interest_area": "embedded dashboards",
            "contact_title": "CTO",
        },
    ),
    (
        "I'm still learning who typically buys from us. Could you describe the kinds of people who sign off on our deals?",
        "get_buyer_personas",
        {},
    ),
    (
        "What does the finance approver persona usually care about when they buy from us?",
        "get_buyer_personas",
        {"persona": "Finance approver"},
    ),
    ("tell me about the technical evaluator persona", "get_buyer_personas", {"persona": "Technical evaluator"}),
    ("buyer personas", "get_buyer_personas", {}),
    (
        "Why do customers actually buy from us? I'd like to lead my discovery calls with the problems that really resonate.",
        "get_pain_points",
        {},
    ),
    ("what pain points do our won customers usually describe?", "get_pain_points", {}),
    ("What problems do we solve best, in the customers' own words?", "get_pain_points", {}),
    ("Which objections hurt our win rate the most?", "get_objection_map", {}),
    (
        "What's our win rate when pricing comes up on a call? I'm trying to decide how worried to be when it does.",
        "get_objection_map",
        {"category": "pricing"},
    ),
    ("objection map for the competitor category", "get_objection_map", {"category": "competitor"}),
    (
        "Which objections do technical evaluators raise the most, and how often do we still win when they do?",
        "get_objection_map",
        {"persona": "Technical evaluator"},
    ),
    ("What pushback have buyers been giving us on calls this week?", "get_objections_this_week", {}),
    ("objections from the last 30 days?", "get_objections_this_week", {"days": 30}),
    (
        "Has anything new come up in objections over the last two weeks? I want to know what I might run into.",
        "get_objections_this_week",
        {"days": 14},
    ),
    ("objections", "get_objections_this_week", {}),
    (
        "One of the accounts I inherited from Luis just told me they're also looking at DataPilot. How do we usually beat them?",
        "get_battle_card",
        {"competitor": "DataPilot"},
    ),
    ("battle card vs Metricly", "get_battle_card", {"competitor": "Metricly"}),
    ("how do we do against Quantx?", "get_battle_card", {"competitor": "Quantix"}),
    (
        "What are Chartwell BI's weak spots compared to us, and in which segments do we usually win against them?",
        "get_battle_card",
        {"competitor": "Chartwell BI"},
    ),
    ("Lookwise battlecard pls", "get_battle_card", {"competitor": "Lookwise"}),
    (
        "Why do we lose deals, generally? I'd like to know the usual failure modes before I make the same mistakes.",
        "get_loss_reasons",
        {},
    ),
    (
        "why have I lost deals? I know it's only a couple but I'd like to learn from them",
        "get_loss_reasons",
        {"owner": "me"},
    ),
    (
        "What were the reasons on Luis's lost deals? Some of those companies are in my territory now and I'd like to know what went wrong before I reach out.",
        "get_loss_reasons",
        {"owner": "Luis Ortega"},
    ),
    ("why did Kenji lose his deals?", "get_loss_reasons", {"owner": "Kenji Watanabe"}),
    (
        "Are there any lost deals worth reopening? I'd like to try a few win-backs in January.",
        "get_reactivation_list",
        {},
    ),
    (
        "Which of Luis's lost deals would be worth me trying to revive, now that the territory is mine?",
        "get_reactivation_list",
        {"owner": "Luis Ortega"},
    ),
    ("top 10 lost deals to reopen", "get_reactivation_list", {"limit": 10}),
    ("any of my own lost deals worth another shot?", "get_reactivation_list", {"owner": "me"}),
    ("What are our chances of winning Birchleaf Medical?", "get_deal_odds", {"company": "Birchleaf Medical"}),
    ("will we win Soylent?", "get_deal_odds", {"company": "Soylent"}),
    ("odds on Stark Industries", "get_deal_odds", {"company": "Stark Industries"}),
    (
        "How likely is Lumenloop Data to actually close? Luis was super optimistic in his handover notes but I'm not so sure.",
        "get_deal_odds",
        {"company": "Lumenloop Data"},
    ),
    ("What are we expected to book this quarter?", "forecast_bookings", {}),
    ("forecast for me this month", "forecast_bookings", {"period": "month", "owners": ["me"]}),
    (
        "What's Team East's forecast for the quarter? Helen asked me to have a rough sense of it before Friday's meeting.",
        "forecast_bookings",
        {"owners": ["Team East"]},
    ),
    ("expected bookings for Luis this month?", "forecast_bookings", {"period": "month", "owners": ["Luis Ortega"]}),
    ("Which deals will make or break our quarter?", "list_make_or_break_deals", {}),
    (
        "Which of my deals matter most for hitting this month's number? I'd like to put my energy where it counts.",
        "list_make_or_break_deals",
        {"owners": ["me"], "period": "month"},
    ),
    (
        "top 10 deals that could swing Team West's quarter one way or the other",
        "list_make_or_break_deals",
        {"owners": ["Team West"], "limit": 10},
    ),
    (
        "How am I doing compared to the rest of the team? Two weeks in, I'd really like an honest read.",
        "get_ae_performance",
        {"owners": ["me"]},
    ),
    ("how is Jamaal doing?", "get_ae_performance", {"owners": ["Jamal Carter"]}),
    ("compare me and Emily", "get_ae_performance", {"owners": ["me", "Emily Nakamura"]}),
    (
        "How has Luis been performing this quarter? I'd like to know what kind of track record these accounts come with.",
        "get_ae_performance",
        {"owners": ["Luis Ortega"]},
    ),
    ("Compare Grace and Tyler please", "get_ae_performance", {"owners": ["Grace Okafor", "Tyler Nguyen"]}),
    (
        "What kinds of things can you help me with? I'm new to this tool and don't want to miss anything useful.",
        None,
        {"intent": "help"},
    ),
    ("what commands do you support?", None, {"intent": "help"}),
    (
        "Hey, Helen said I should be using you for pipeline stuff but didn't really explain how. What are you able to do?",
        None,
        {"intent": "help"},
    ),
    ("help", None, {"intent": "help"}),
    ("Do you know how I set up my out-of-office reply in Gmail for the holidays?", None, {"intent": "out_of_scope"}),
    (
        "What's the weather going to be like in Boston tomorrow? I have an in-person meeting and I'm debating the train.",
        None,
        {"intent": "out_of_scope"},
    ),
    ("how many vacation days do I have left this year?", None, {"intent": "out_of_scope"}),
    ("Please move the Acme Corp deal to contract sent, I sent it over this morning.", None, {"intent": "write"}),
    (
        "Can you reassign all of Luis's remaining deals to me? It's confusing that they still show under his name.",
        None,
        {"intent": "write"},
    ),
    ("update the Wayne Enterprises deal amount to 85k", None, {"intent": "write"}),
    ("Please log a note on Globex that I left their VP a voicemail today.", None, {"intent": "write"}),
    ("deals?", None, {"intent": "clarify"}),
    ("what about the other one Luis mentioned?", None, {"intent": "clarify"}),
    ("how's it looking", None, {"intent": "clarify"}),
    (
        "Can you show me the open deals in the healthcare industry? I seem to have inherited a lot of hospitals and want to see them together.",
        None,
        {"intent": "unsupported_filter"},
    ),
    ("Which of my deals have gone quiet that are worth more than 50k?", None, {"intent": "unsupported_filter"}),
    ("pipeline by region please", None, {"intent": "unsupported_filter"}),
    ("What's our forecast for next quarter? I'd like to plan my January.", None, {"intent": "unsupported_filter"}),
]
