"""Turn names as people type them into store records: owners ("Dana", "me", "Team East"), stages, companies.

One resolver per kind of name, shared by every capability, so "Dana" means the same owner everywhere.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils
from sqlmodel import Session, select

from store.models import STAGE_LABELS, Owner
from tools.capabilities import ToolUserError

ME_WORDS = {"me", "my", "mine", "i", "myself"}
MY_TEAM_WORDS = {"my team", "our team"}


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
        if low in MY_TEAM_WORDS:  # the asker's own team
            me = next((o for o in owners if o.id == asker_owner_id), None)
            if me is None or not me.team:
                raise ToolUserError("I don't know which team is yours. Name it, e.g. 'Team East'.")
            low = name = me.team.lower()
        if low in ME_WORDS:
            if asker_owner_id is None:
                raise ToolUserError(
                    "I don't know which owner you are, so I can't tell which deals are yours. "
                    "In Slack your email links you; in the terminal pass --as-owner OWNER_ID. "
                    "Or name the owner, e.g. 'silent deals for Dana'."
                )
            me = next((o for o in owners if o.id == asker_owner_id), None)
            if me is None:
                raise ToolUserError(f"Owner id {asker_owner_id} is not in the store.")
            ids.append(me.id)  # type: ignore[arg-type]
            labels.append(me.name)
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
        if match.role == "manager" and match.team:  # a manager's deals are their team's ("Helen's pipeline")
            members = [o for o in owners if o.team == match.team]  # the team, as "Team East" names it
            ids += [o.id for o in members]  # type: ignore[misc]
            labels.append(f"{match.team} ({match.name}'s team)")
            continue
        ids.append(match.id)  # type: ignore[arg-type]
        labels.append(match.name)
    return list(dict.fromkeys(ids)), list(dict.fromkeys(labels))


def _team_core(name: str) -> str:
    """Reduce a team name to its core: "Team East", "east team" and "East" name the same team."""
    return name.strip().lower().removeprefix("team ").removesuffix(" team").removesuffix("'s").strip()


def _match_owner(owners: list[Owner], name: str) -> Owner | None:
    low = name.lower()
    exact = [o for o in owners if o.name.lower() == low or o.email.lower() == low]
    if exact:
        return exact[0]
    first = [o for o in owners if o.name.lower().split()[0] == low or o.name.lower().split()[-1] == low]
    if len(first) == 1:
        return first[0]
    hit = process.extractOne(name, {o.id: o.name for o in owners}, scorer=fuzz.WRatio, processor=utils.default_process)
    if hit and hit[1] >= 86:
        return next(o for o in owners if o.id == hit[2])
    return None


def resolve_stages(stages: list[str] | None) -> list[str] | None:
    """Turn stage keys or labels into stage keys; raise ToolUserError for an unknown stage."""
    if not stages:
        return None
    by_label = {label.lower(): key for key, label in STAGE_LABELS.items()}
    out: list[str] = []
    for stage in stages:
        low = stage.strip().lower()
        key = low if low in STAGE_LABELS else by_label.get(low)
        if key is None:
            raise ToolUserError(f"Unknown stage '{stage}'. Stages: {', '.join(STAGE_LABELS.values())}.")
        out.append(key)
    return out
