"""Slack user ↔ CRM owner by email, cached in the store; managers by email, user group or CRM role."""

from __future__ import annotations

from datetime import timedelta

import pytest
from slack_sdk import WebClient

from bot.slack.identity import resolve_identity, slack_user_for_owner
from settings import Settings
from store.db import session_scope
from store.models import Owner, SlackUser
from tests.fakes.slack_api import FakeSlackAPI, SlackUserRecord
from tests.slack_harness import NOW


@pytest.fixture
def world(sqlite_engine):
    users = [
        SlackUserRecord(id="UDANA", email="DANA@example.com", name="Dana"),
        SlackUserRecord(id="UVP", email="vp@example.com", name="Vera"),
        SlackUserRecord(id="UGRP", email="grp@example.com", name="Gus"),
        SlackUserRecord(id="UNOBODY", email="nobody@elsewhere.com", name="Nobody"),
    ]
    with session_scope(sqlite_engine) as s:
        s.add_all(
            [
                Owner(name="Dana", email="dana@example.com"),
                Owner(name="Vera", email="vp@example.com", role="manager"),
                Owner(name="Gus", email="grp@example.com"),
            ]
        )
    with FakeSlackAPI(users=users) as slack:
        slack.usergroups["S0MGRS"] = ["UGRP"]
        client = WebClient(token="xoxb-test", base_url=slack.api_url)
        yield sqlite_engine, slack, client


def test_user_maps_to_owner_by_email_and_is_cached(world):
    engine, slack, client = world
    settings = Settings()
    first = resolve_identity(engine, client, "UDANA", settings=settings, now=NOW)
    assert first.owner_name == "Dana" and first.email == "dana@example.com" and not first.is_manager
    again = resolve_identity(engine, client, "UDANA", settings=settings, now=NOW + timedelta(hours=1))
    assert again == first
    assert len(slack.calls_to("users.info")) == 1  # cached in SlackUser
    resolve_identity(engine, client, "UDANA", settings=settings, now=NOW + timedelta(days=2))
    assert len(slack.calls_to("users.info")) == 2  # stale after a day: asked again
    with session_scope(engine) as s:
        assert s.get(SlackUser, "UDANA").owner_id == first.owner_id
        assert s.get(Owner, first.owner_id).slack_user_id == "UDANA"


def test_managers_by_setting_group_or_role(world):
    engine, slack, client = world
    by_group = resolve_identity(engine, client, "UGRP", settings=Settings(manager_user_group="S0MGRS"), now=NOW)
    assert by_group.is_manager and slack.calls_to("usergroups.users.list")[0].args["usergroup"] == "S0MGRS"
    assert resolve_identity(engine, client, "UVP", settings=Settings(), now=NOW).is_manager  # CRM role manager
    by_email = resolve_identity(
        engine, client, "UDANA", settings=Settings(manager_emails=["Dana@Example.com"]), now=NOW
    )
    assert by_email.is_manager


def test_unknown_users_have_no_owner(world):
    engine, slack, client = world
    stranger = resolve_identity(engine, client, "UNOBODY", settings=Settings(), now=NOW)
    assert (stranger.owner_id, stranger.is_manager) == (None, False)
    ghost = resolve_identity(engine, client, "UGHOST", settings=Settings(), now=NOW)  # users.info: user_not_found
    assert ghost.email is None and ghost.owner_id is None


def test_owner_to_slack_user_by_lookup_then_stored(world):
    engine, slack, client = world
    with session_scope(engine) as s:
        dana_id = s.exec(Owner.__table__.select().where(Owner.email == "dana@example.com")).first().id
    assert slack_user_for_owner(engine, client, dana_id) == "UDANA"
    assert slack_user_for_owner(engine, client, dana_id) == "UDANA"
    assert len(slack.calls_to("users.lookupByEmail")) == 1
    assert slack_user_for_owner(engine, client, 999) is None
