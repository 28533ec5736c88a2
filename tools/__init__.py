"""The capabilities: plain functions over the store, each also exposed to the copilot as a LangChain tool.

One module per capability (deals, leads, briefs, calls, health, digest, library, hubspot). They take and return plain
data and never import Slack.
"""
