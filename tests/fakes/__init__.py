"""Fakes of what lies outside this machine (Slack's and HubSpot's servers, the LLM), served at the wire on loopback."""
