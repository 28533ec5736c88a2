"""The copilot: understanding a question, the LLM agent, conversation memory, the neutral Reply and its renderers.

It never imports Slack: `bot/slack/` turns a `Reply` into Block Kit, the CLI prints it with `reply.to_text`.
"""
