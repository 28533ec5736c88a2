"""Call intelligence: parse transcripts, measure calls, score and coach, predict outcomes, draft follow-ups.

Modules: `parsers` (formats → turns), `roles` (rep vs prospect), `metrics`, `dates` (commitment dates),
`scorecard` (rubric, coaching, summary), `predict` (outcome model), `analyze` (the pipeline), `followups`.
"""
