"""The conversation edge, in two rooms: `bot/slack/` (everything that knows Slack) and `bot/copilot/` (the copilot).

The copilot never imports the Slack room; the Slack room calls the copilot and renders its neutral replies.
"""
