"""Turn names as people type them into store records: owners ("Dana", "me", "Team East"), stages, companies.

One resolver per kind of name, shared by every capability, so "Dana" means the same owner everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from store.models import STAGE_LABELS, Deal, Owner, stored_id
from tools.capabilities import ToolUserError
from tools.matching import match_name

ME_WORDS = {"me", "my", "mine", "i", "myself"}
MY_TEAM_WORDS = {"my team", "our team"}

ASKER_UNKNOWN = (
    "I don't know which owner you are, so I can't tell which deals are yours. In the terminal add "
    "--as-owner with your name, email or id (`salesos owners` lists them); in Slack your profile email must be your "
    "CRM owner's email. Or name the owner, e.g. 'silent deals for Dana'."
)


class AskerUnknown(ToolUserError):
    """The asker said "my" or "me" but is not linked to a CRM owner; each surface says how to fix that."""


def find_owner(session: Session, text: str) -> Owner:
    """The owner a person means by an id, an email or a name ("Dana", "dana@x.com", "12"); ToolUserError if unsure."""
    owners = list(session.exec(select(Owner)).all())
    value = text.strip()
    found = (
        next((o for o in owners if str(o.id) == value), None)
        if value.isdigit()
        else next((o for o in owners if o.email.lower() == value.lower()), None)
        if "@" in value
        else _match_owner(owners, value)
    )
    if found is None:
        raise ToolUserError(f"No owner matches '{value}'. `salesos owners` lists every owner with their id and email.")
    return found


@dataclass(frozen=True)
class OwnerRow:
    """An owner as `salesos owners` lists them."""

    id: int
    name: str
    email: str
    team: str
    role: str
    open_deals: int


def owners_overview(session: Session) -> list[OwnerRow]:
    """Every owner with their open deal count, by team and name."""
    open_deals = dict(
        session.exec(
            select(col(Deal.owner_id), func.count()).where(col(Deal.is_closed).is_(False)).group_by(col(Deal.owner_id))
        ).all()
    )
    owners = session.exec(select(Owner).order_by(Owner.team, Owner.name)).all()
    return [OwnerRow(o.id or 0, o.name, o.email, o.team, o.role, open_deals.get(o.id, 0)) for o in owners]


def resolve_owners(
    session: Session, names: list[str] | None, asker_owner_id: int | None
) -> tuple[list[int], list[str]]:
    """Turn owner names / team names / "me" into owner ids and display names; raise ToolUserError when unknown."""
    if not names:
        return [], []
    owners = session.exec(select(Owner)).all()
    ids: list[int] = []
    labels: list[str] = []
    teams = {_team_core(o.team): o.team for o in owners if o.team}
    for raw in names:
        name = raw.strip()
        low = name.lower()
        if low in MY_TEAM_WORDS:  # the asker's own team: a manager's reports, else the team they belong to
            me = next((o for o in owners if o.id == asker_owner_id), None)
            if me is not None and any(o.manager_id == me.id for o in owners):
                team_ids, label = _with_reports(owners, me)
                ids += team_ids
                labels.append(label)
                continue
            if me is None or not me.team:
                raise ToolUserError("I don't know which team is yours. Name it, e.g. 'Team East'.")
            low = name = me.team.lower()
        if low in ME_WORDS:
            if asker_owner_id is None:
                raise AskerUnknown(ASKER_UNKNOWN)
            me = next((o for o in owners if o.id == asker_owner_id), None)
            if me is None:
                raise ToolUserError(f"Owner id {asker_owner_id} is not in the store.")
            team_ids, label = _with_reports(owners, me)
            ids += team_ids
            labels.append(label)
            continue
        team_key = _team_core(low)
        if team_key in teams:
            members = [o for o in owners if o.team and _team_core(o.team) == team_key]
            ids += [o.id for o in members]  # type: ignore[misc]
            labels.append(teams[team_key])
            continue
        match = _match_owner(owners, name)
        if match is None:
            known = ", ".join(sorted(o.name for o in owners if o.role == "ae"))
            raise ToolUserError(f"I don't know an owner called '{name}'. Owners: {known}.")
        team_ids, label = _with_reports(owners, match)
        ids += team_ids
        labels.append(label)
    return list(dict.fromkeys(ids)), list(dict.fromkeys(labels))


def team_leads(owners: Sequence[Owner]) -> list[Owner]:
    """The owners whose name stands for a team (`_with_reports`): those with reports, and the managers of a team."""
    managers = {o.manager_id for o in owners if o.manager_id is not None}
    return [o for o in owners if o.id in managers or (o.role == "manager" and o.team)]


def _with_reports(owners: Sequence[Owner], owner: Owner) -> tuple[list[int], str]:
    """A manager's questions roll up their team ("Helen's pipeline").

    The team is everyone reporting to them (`manager_id`, e.g. from a CSV import's sales teams) or, where reporting
    lines are not recorded, the team a manager-role owner belongs to ("Team East").
    """
    reports = [stored_id(o.id) for o in owners if o.manager_id is not None and o.manager_id == owner.id]
    if reports:
        return [stored_id(owner.id), *reports], f"{owner.name}'s team ({len(reports)} reports)"
    if owner.role == "manager" and owner.team:
        members = [stored_id(o.id) for o in owners if o.team == owner.team]
        return members, f"{owner.team} ({owner.name}'s team)"
    return [stored_id(owner.id)], owner.name


def _team_core(name: str) -> str:
    """Reduce a team name to its core: "Team East", "east team" and "East" name the same team."""
    return name.strip().lower().removeprefix("team ").removesuffix(" team").removesuffix("'s").strip()


def _match_owner(owners: Sequence[Owner], name: str) -> Owner | None:
    low = name.lower()
    exact = [o for o in owners if o.name.lower() == low or o.email.lower() == low]
    if exact:
        return exact[0]
    first = [o for o in owners if o.name.lower().split()[0] == low or o.name.lower().split()[-1] == low]
    if len(first) == 1:
        return first[0]
    found = match_name(name, {o.id: o.name for o in owners})
    return next((o for o in owners if o.id == found.key), None) if found.status == "fuzzy" else None


def resolve_stages(stages: list[str] | None, labels: dict[str, str] | None = None) -> list[str] | None:
    """Turn stage keys or labels (the store's own, from `store.stages.stage_labels`) into stage keys.

    Raises:
        ToolUserError: a stage the store does not have (the message lists the ones it has).
    """
    if not stages:
        return None
    labels = labels or STAGE_LABELS
    by_label = {label.lower(): key for key, label in labels.items()} | {key.lower(): key for key in labels}
    out: list[str] = []
    for stage in stages:
        key = by_label.get(stage.strip().lower())
        if key is None:
            raise ToolUserError(f"Unknown stage '{stage}'. Stages: {', '.join(labels.values())}.")
        out.append(key)
    return out
