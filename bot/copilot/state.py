"""Conversation state per DM thread / chat session: what "it", "those", "and for Dana?" and "2" refer to.

The offline copilot keeps the last company, owners, capability and arguments, the deals of the last answer and the
choices of a clarifying question. It is persisted with the conversation's turns (`ConversationTurn`, role `state`,
JSON), like the agent's memory, so a follow-up works in a Slack thread served by any replica.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.copilot.understanding import Choice, Names, Understanding, find_company_mention, find_owners
from store.models import ConversationTurn
from tools.capabilities import get_capability

STATE_ROLE = "state"


@dataclass
class ConversationState:
    """What the last answer was about."""

    capability: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    company: str | None = None
    owners: list[str] = field(default_factory=list)
    deal_ids: list[int] = field(default_factory=list)
    choices: list[dict[str, Any]] = field(default_factory=list)
    """The readings offered by the last clarifying question (label, tool, args), answered by their number."""


def load_state(engine: Engine, thread_key: str | None) -> ConversationState:
    """The conversation's latest state (empty for a new conversation)."""
    if not thread_key:
        return ConversationState()
    with Session(engine) as session:
        row = session.exec(
            select(ConversationTurn)
            .where(col(ConversationTurn.thread_key) == thread_key, col(ConversationTurn.role) == STATE_ROLE)
            .order_by(col(ConversationTurn.created_at).desc(), col(ConversationTurn.id).desc())
            .limit(1)
        ).first()
    if row is None:
        return ConversationState()
    try:
        return ConversationState(**json.loads(row.content))
    except (ValueError, TypeError):
        return ConversationState()


def save_state(engine: Engine, thread_key: str | None, state: ConversationState, now: datetime) -> None:
    """Append the conversation's new state."""
    if not thread_key:
        return
    with Session(engine) as session:
        session.add(
            ConversationTurn(thread_key=thread_key, role=STATE_ROLE, content=json.dumps(asdict(state)), created_at=now)
        )
        session.commit()


def deal_ids_of(result: BaseModel | None) -> list[int]:
    """The deals an answer listed (its deals, silent or at-risk deals, meetings' deals), in order."""
    if result is None:
        return []
    ids: list[int] = []
    for name in ("deals", "largest", "at_risk", "silent", "meetings"):
        for item in getattr(result, name, None) or []:
            deal = getattr(item, "deal", item)
            deal_id = getattr(deal, "id", None)
            if isinstance(deal_id, int) and getattr(deal, "stage", None) is not None:
                ids.append(deal_id)
    return list(dict.fromkeys(ids))


def next_state(previous: ConversationState, decision: Understanding, result: BaseModel | None) -> ConversationState:
    """The state after answering `decision` with `result`."""
    if decision.choices:
        return ConversationState(
            capability=previous.capability,
            args=previous.args,
            company=previous.company,
            owners=previous.owners,
            deal_ids=previous.deal_ids,
            choices=[{"label": c.label, "tool": c.tool, "args": c.args} for c in decision.choices],
        )
    if decision.tool is None:
        return previous
    company = _company_of(result) or decision.args.get("company") or previous.company
    owners = list(decision.args.get("owners") or previous.owners)
    return ConversationState(
        capability=decision.tool,
        args=dict(decision.args),
        company=company,
        owners=owners,
        deal_ids=deal_ids_of(result) or previous.deal_ids,
    )


def _company_of(result: BaseModel | None) -> str | None:
    company = getattr(result, "company", None)
    name = getattr(company, "name", None) if company is not None else None
    if isinstance(name, str):
        return name
    return company if isinstance(company, str) else None


# --- follow-ups --------------------------------------------------------------------------------------------------

CHOICE = re.compile(r"^\s*(?:option\s*|#|number\s*)?(?P<n>[1-9])\s*[.)]?\s*$", re.IGNORECASE)
SAME_FOR = re.compile(
    r"^\s*(?:and|what about|how about|same for|same thing for|now|ok|okay|and what about|and how about)\b"
    r"(?:\s+(?:for|with|at|on))?\s+(?P<who>.+?)\s*\??\s*$",
    re.IGNORECASE,
)
ONLY = re.compile(r"^\s*(?:only|just)\s+(?P<who>.+?)(?:'s|s')?(?:\s+(?:deals|ones|opps))?\s*\??\s*$", re.IGNORECASE)
THOSE = re.compile(r"\b(?:those|these|them|of those|of these|that list|the above)\b", re.IGNORECASE)
PRONOUN = re.compile(
    r"\b(?:it|its|it's|that account|this account|that company|this company|that deal|this deal|the account"
    r"|the company|them|they|their)\b",
    re.IGNORECASE,
)


def follow_up(question: str, state: ConversationState, names: Names) -> tuple[Understanding | None, str]:
    """Resolve a follow-up against the state: a decision to run, or the question rewritten with its referent.

    Returns (decision, question): a decision when the follow-up names a choice or re-runs the last capability for
    someone else ("and for Dana?", "only Emily's"); otherwise None and the question with "it" replaced by the
    company it refers to ("brief it" → "brief Acme Corp").
    """
    m = CHOICE.match(question)
    if m and state.choices:
        index = int(m.group("n")) - 1
        if index < len(state.choices):
            c = state.choices[index]
            return Understanding(intent=c["tool"], tool=c["tool"], args=dict(c["args"])), question
    low = question.lower()
    if state.capability:
        cap = get_capability(state.capability)
        fields = set(cap.args_schema.model_fields) if cap else set()
        for pattern in (SAME_FOR, ONLY):
            m = pattern.match(question)
            if not m:
                continue
            who = m.group("who")
            owners = find_owners(who.lower(), names, None)
            company = find_company_mention(who.lower(), names)
            args = dict(state.args)
            if owners and "owners" in fields and not company:
                args["owners"] = owners
                if pattern is ONLY and state.deal_ids and state.capability in ("list_at_risk_deals",):
                    args["deal_ids"] = state.deal_ids
                return Understanding(intent=state.capability, tool=state.capability, args=args), question
            if company and "company" in fields:
                args["company"] = company
                return Understanding(intent=state.capability, tool=state.capability, args=args), question
    if THOSE.search(low) and state.deal_ids and re.search(r"\brisk", low):
        return (
            Understanding(
                intent="list_at_risk_deals", tool="list_at_risk_deals", args={"deal_ids": state.deal_ids[:200]}
            ),
            question,
        )
    if state.company and find_company_mention(low, names) is None and PRONOUN.search(question):
        return None, PRONOUN.sub(state.company, question, count=1)
    return None, question


__all__ = ["Choice", "ConversationState", "follow_up", "load_state", "next_state", "save_state"]
