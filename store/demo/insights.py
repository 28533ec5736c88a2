"""What the demo workspace's closed history says about personas, win-backs and loss reasons, with noise.

Called from `store.demo` at three points, drawing from its own seeded stream (so the rest of the generator's draws
are unchanged in kind, and the same seed still gives the same rows):

- `plan_win_backs`: some lost accounts are won later. A lost deal's company wins a new deal created 20-170 days after
  the loss with a probability set by the loss reason (timing and budget often come back, a competitor rarely): an
  existing later won deal is moved onto that account, so deal counts stay as planned.
- `leave_loss_traces`: the reason a deal was lost shows on its recorded call most of the time (a price loss had a
  pricing objection on 65 % of its calls), and a few recorded reasons are just "Other", as in a real CRM.
- `tilt_buying_group`: personas shift win rates. A won deal more often had a finance approver in the buying group, a
  lost one more often did not.
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from datetime import timedelta
from typing import Any

import numpy as np

# Plans are `store.demo.DealPlan`s; typed loosely here so this module does not import the generator back.
DealPlan = Any

# Chance that a deal lost for this reason is won back by its account within 170 days.
WIN_BACK = (
    ("timing", 0.40),
    ("budget", 0.35),
    ("no decision", 0.22),
    ("price", 0.15),
    ("champion", 0.15),
    ("competitor", 0.06),
    ("", 0.05),
)
# The call objection a loss reason tends to leave behind.
TRACE = (
    ("price", "pricing"),
    ("budget", "pricing"),
    ("timing", "timing"),
    ("competitor", "competitor"),
    ("no decision", "authority"),
    ("champion", "authority"),
    ("in-house", "already_have_tool"),
)
TRACE_P = 0.65
OTHER_P = 0.06
TILT_P = 0.3
FINANCE = ("finance", "procurement")


def _pick(table: tuple[tuple[str, Any], ...], reason: str | None) -> Any:
    low = (reason or "").lower()
    return next((value for key, value in table if key in low), None)


def _movable(d: DealPlan) -> bool:
    return not d.company.memorable and not d.company.from_lead and d.transcript_at is None


def plan_win_backs(deals: list[DealPlan], rng: random.Random) -> int:
    """Move later won deals onto some lost accounts (by reason); return how many accounts were won back."""
    # A lead's deal stays with the lead's company (inbound deals are left alone).
    won = sorted(
        (d for d in deals if d.outcome == "won" and _movable(d) and d.source != "inbound"), key=lambda d: d.created_at
    )
    # The candidates of a lost deal are the unused won deals created in its window, on another account, in `won`
    # order. Scanning every won deal for every lost one was quadratic (100 of the large build's 148 s); the window
    # is a bisect of the sorted creation times and the rest two vector masks over it. `rng.choice` of the index
    # array draws exactly as `rng.choice` of the list did (same length, same position), so the rows are unchanged.
    created = [w.created_at for w in won]
    used = np.zeros(len(won), dtype=bool)
    account = np.array([id(w.company) for w in won], dtype=np.int64)
    moved = 0
    lost = sorted((d for d in deals if d.outcome == "lost" and _movable(d)), key=lambda d: d.closed_at or d.created_at)
    for d in lost:
        assert d.closed_at is not None
        p = next(p for key, p in WIN_BACK if key in (d.close_reason or "").lower())
        if rng.random() >= p:
            continue
        first = bisect_left(created, d.closed_at + timedelta(days=20))
        end = bisect_right(created, d.closed_at + timedelta(days=170))
        options = np.flatnonzero(~used[first:end] & (account[first:end] != id(d.company)))
        if not len(options):
            continue
        index = first + int(rng.choice(options))  # type: ignore[arg-type]  # a sequence as far as choice is concerned
        used[index] = True
        w = won[index]
        w.company, w.owner_id, w.product = d.company, d.owner_id, d.product
        w.amount = round((d.amount or 10_000) * rng.uniform(0.7, 1.1), -2)
        moved += 1
    return moved


def leave_loss_traces(deals: list[DealPlan], rng: random.Random, objection_categories: tuple[str, ...]) -> None:
    """Put each recorded lost deal's reason on its call (mostly), and blur a few recorded reasons to "Other"."""
    for d in deals:
        if d.outcome != "lost" or not _movable(d):
            continue
        trace = _pick(TRACE, d.close_reason)
        if d.transcript and d.transcript_objections is None:
            others = [c for c in objection_categories if c != trace and (c != "competitor" or d.competitor)]
            picked = rng.sample(others, k=rng.choices((0, 1, 2), (35, 45, 20))[0])
            if trace and rng.random() < TRACE_P:
                picked.insert(rng.randrange(len(picked) + 1), trace)
            d.transcript_objections = picked
        if rng.random() < OTHER_P:
            d.close_reason = "Other"


def tilt_buying_group(
    d: DealPlan, chosen: list[int], pool: list[int], contacts: dict[int, dict[str, Any]], rng: random.Random
) -> list[int]:
    """Bring a finance approver into some won deals' buying groups and take one out of some lost deals'."""
    if d.outcome == "open" or len(chosen) < 2 or rng.random() >= TILT_P:
        return chosen
    finance = [c for c in chosen if contacts[c]["function"] in FINANCE]
    if d.outcome == "won" and not finance:
        spare = [c for c in pool if c not in chosen and contacts[c]["function"] in FINANCE]
        if spare:
            return [*chosen[:-1], rng.choice(spare)]
    if d.outcome == "lost" and finance:
        spare = [c for c in pool if c not in chosen and contacts[c]["function"] not in FINANCE]
        if spare:
            return [c if c != finance[0] else rng.choice(spare) for c in chosen]
    return chosen
