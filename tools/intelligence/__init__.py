"""Deal intelligence: win probability, forecast and AE performance, learned from the team's own closed deals.

One module per concern: `features` (each deal as it was at an instant, never what only the outcome reveals),
`model` (the learned win model, its transparent rules fallback and each deal's top factors in words), `scores` (the
stored scores of every open deal, re-scored when the data changed), `forecast` (expected bookings by owner and team),
`performance` (AE performance against the team, with evidence for coaching), `hubspot_properties` (our own deal
properties written back to HubSpot, only when a value changed) and `capabilities` (the copilot's questions).
"""
