"""What a person does to a lead: assign it, disqualify it, and who may (the rules the Slack buttons apply)."""

from __future__ import annotations

from sqlalchemy import Engine, update
from sqlmodel import Session, col

from store.models import InboundLead


def assign_lead(engine: Engine, lead_id: int, owner_id: int, *, take_over: bool = False) -> bool:
    """Give an open lead to an owner; False when it is closed meanwhile, or (unless `take_over`) someone else's.

    The condition is in the UPDATE, so two AEs clicking at once cannot both win, and a click never silently takes a
    lead from the AE it was assigned to.
    """
    mine_or_free = col(InboundLead.owner_id).is_(None) | (col(InboundLead.owner_id) == owner_id)
    with Session(engine) as session:
        stmt = update(InboundLead).where(
            col(InboundLead.id) == lead_id, col(InboundLead.status).in_(("new", "assigned"))
        )
        if not take_over:
            stmt = stmt.where(mine_or_free)
        changed = session.exec(stmt.values(owner_id=owner_id, status="assigned")).rowcount
        session.commit()
    return bool(changed)


def disqualify_lead(engine: Engine, lead_id: int) -> bool:
    """Mark a lead disqualified once; False when it already was (or was converted)."""
    with Session(engine) as session:
        changed = session.exec(
            update(InboundLead)
            .where(col(InboundLead.id) == lead_id, col(InboundLead.status).in_(("new", "assigned")))
            .values(status="disqualified")
        ).rowcount
        session.commit()
    return bool(changed)


def may_act_on_lead(lead: InboundLead, owner_id: int | None, *, is_manager: bool) -> bool:
    """Who may disqualify a lead: a manager, its owner, or (while it is unassigned) any AE known to the CRM."""
    if is_manager:
        return True
    return owner_id is not None and lead.owner_id in (None, owner_id)
