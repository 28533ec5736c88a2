"""The Slack edge: the Bolt app, HTTP/Socket Mode serving, listeners, Block Kit, identity, approvals, posting.

The only room that imports slack_bolt/slack_sdk. Listeners hand questions to `bot/copilot/` and actions to `tools/`.
"""
