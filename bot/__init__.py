"""Everything that knows about Slack.

The Bolt app factory, listeners, Block Kit rendering, identity (Slack user ↔ CRM owner), approvals, and the
copilot (LangChain agent or offline router) that answers through `tools/`.
"""
