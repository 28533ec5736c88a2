"""Closed-won and closed-lost intelligence: who buys, why deals are lost, how competitors are beaten, what to reopen.

One module per concern, each a plain function over the store returning pydantic results, with its capability records:
`history` (one read of closed deals, calls and objections), `personas`, `objections` (the objection map and the week's
objections), `pains`, `battlecards` (battle cards per competitor and talk tracks per persona × segment), `loss`
(loss-reason categories and classifier), `salvage` (salvage likelihood and the per-AE reactivation list).
"""
