"""The fake answers the real slack_sdk client the way Slack does (so tests on top of it mean something)."""

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.fakes.slack_api import FakeSlackAPI, SlackUserRecord


def test_real_webclient_round_trip():
    users = [SlackUserRecord(id="U1", email="dana@example.com", name="Dana")]
    with FakeSlackAPI(users=users) as slack:
        client = WebClient(token="xoxb-test", base_url=slack.api_url)
        posted = client.chat_postMessage(channel="C1", text="hi", blocks=[{"type": "divider"}])
        client.chat_update(channel="C1", ts=posted["ts"], text="edited")
        assert client.users_lookupByEmail(email="DANA@example.com")["user"]["id"] == "U1"
        with pytest.raises(SlackApiError):
            client.users_info(user="U404")
        call = slack.calls_to("chat.postMessage")[0]
        assert call.args["blocks"] == [{"type": "divider"}]
        assert call.headers["authorization"] == "Bearer xoxb-test"
        assert slack.methods() == ["chat.postMessage", "chat.update", "users.lookupByEmail", "users.info"]


def test_scripted_rate_limit_is_retried_by_the_sdk_handler():
    from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

    with FakeSlackAPI() as slack:
        slack.fail_next("chat.postMessage", status=429, headers={"Retry-After": "0"})
        client = WebClient(
            token="xoxb-test", base_url=slack.api_url, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)]
        )
        assert client.chat_postMessage(channel="C1", text="x")["ok"]
        assert len(slack.calls_to("chat.postMessage")) == 2
