"""Inbound leads: the form, scoring (rules or the learned model), early disqualification and intake, by concern.

Modules: `form` (validation), `facts` (what scoring reads), `disqualify`, `features`, `score` (the rule-based score),
`model` (the learned model), `scorer` (picks between them), `intake` (validate, de-duplicate, score and store in one
transaction), `hubspot` (leads arriving through HubSpot), `llm` (the optional notes rating), `lookup` and `tool` (the
copilot's capability).

One path for every lead: the website form (POST /intake), HubSpot form submissions and new contacts after a sync all
call `intake.intake_lead`. The score is learned from the team's own history (leads → deals won or lost); when that
history is too thin the transparent rule-based score is used instead, and the reply says which one it is.
"""
