"""Why deals are lost: recorded close reasons in plain categories, and a classifier for the lost deals without one.

Categories come from the close reason by rules (`reason_category`). The classifier is a logistic regression
(scikit-learn, fixed settings, deterministic) over what the store knows of each lost deal before it closed: the
objection categories raised on its calls, competitors named, the stage it reached, its amount, size and buyer
engagement. It is trained on lost deals with a recorded reason and checked on a time split (the newest third held
out) against the majority-class baseline; when fewer than `MIN_TRAIN` deals have a reason, rules map the deal's
objections to a reason instead. Every prediction lists its evidence.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from pydantic import BaseModel, Field
from sqlalchemy import func
from sqlalchemy import select as sa_select  # five columns: more than sqlmodel's `select` is typed for
from sqlmodel import Session, col

from store.models import OPEN_STAGES, Engagement
from tools.capabilities import Capability, Example, ToolContext
from tools.insights.history import ClosedDeal, History, load_history
from tools.sensitive import rules_of

MIN_TRAIN = 40
REASON_RULES: tuple[tuple[str, str], ...] = (
    ("competitor", r"competitor|went with|chose (?!to)"),
    ("budget", r"budget|funding|freeze"),
    ("price", r"price|pricing|expensive|cost"),
    ("timing", r"timing|postpone|next (?:quarter|year)|not now|later|delay"),
    ("no_decision", r"no decision|went dark|unresponsive|ghost|stalled"),
    ("product_gap", r"missing|feature|integration|capabilit"),
    ("build_in_house", r"in-house|in house|build"),
    ("champion_left", r"champion left|left the company|reorg"),
)
REASON_LABELS = {
    "competitor": "went with a competitor",
    "budget": "no budget",
    "price": "price too high",
    "timing": "timing",
    "no_decision": "no decision",
    "product_gap": "product gap",
    "build_in_house": "built in-house",
    "champion_left": "champion left",
    "other": "other / not recorded",
}
# Rules for thin history: the objection raised on a deal's calls that most often names the reason.
OBJECTION_REASON = {"pricing": "price", "timing": "timing", "competitor": "competitor", "authority": "no_decision"}
OBJECTION_CATEGORIES = ("pricing", "timing", "competitor", "security", "authority", "already_have_tool")


def reason_category(reason: str | None) -> str:
    """The category of a recorded close reason ("Lost to competitor: X" → competitor); `other` when unclear."""
    low = (reason or "").lower()
    for category, pattern in REASON_RULES:
        if re.search(pattern, low):
            return category
    return "other"


@dataclass(frozen=True)
class DealEngagement:
    """Buyer engagement of a deal before it closed."""

    inbound_emails: int = 0
    outbound_emails: int = 0
    meetings: int = 0
    connected_calls: int = 0


def engagement_by_deal(session: Session, deal_ids: set[int]) -> dict[int, DealEngagement]:
    """Counts of inbound/outbound emails, held meetings and connected calls per deal (one grouped query)."""
    e = Engagement
    rows = session.execute(
        sa_select(col(e.deal_id), col(e.type), col(e.direction), col(e.status), func.count())
        .where(col(e.deal_id).is_not(None))
        .group_by(col(e.deal_id), col(e.type), col(e.direction), col(e.status))
    ).all()
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for deal_id, kind, direction, status, n in rows:
        if deal_id not in deal_ids:
            continue
        if kind == "email":
            counts[deal_id]["in" if direction == "inbound" else "out"] += n
        elif kind == "meeting" and status == "completed":
            counts[deal_id]["meet"] += n
        elif kind == "call" and status == "connected":
            counts[deal_id]["call"] += n
    return {d: DealEngagement(c["in"], c["out"], c["meet"], c["call"]) for d, c in counts.items()}


def deal_features(d: ClosedDeal, raised: Counter[str], eng: DealEngagement) -> dict[str, float]:
    """What the store knew about a lost deal before it closed, as named numbers (the model's inputs)."""
    stage = OPEN_STAGES.index(d.stage_reached) if d.stage_reached in OPEN_STAGES else 0
    replies = eng.inbound_emails / eng.outbound_emails if eng.outbound_emails else 0.0
    feats = {f"raised {c}": float(raised.get(c, 0) > 0) for c in OBJECTION_CATEGORIES}
    feats.update(
        {
            "competitor named": float(bool(d.competitors)),
            "stage reached": float(stage),
            "log amount": math.log10(max(d.amount or 1000.0, 1000.0)),
            "buyer reply rate": round(min(replies, 2.0), 3),
            "meetings held": float(min(eng.meetings, 10)),
            "buying group size": float(len(d.members)),
            "recorded call": float(bool(d.calls)),
        }
    )
    return feats


class Predicted(BaseModel):
    """A predicted loss reason for a lost deal, with its evidence."""

    deal_id: int
    deal: str
    owner: str
    recorded: str | None
    predicted: str
    probability: float | None = None
    evidence: list[str]


class ReasonCount(BaseModel):
    """How many lost deals carry one reason category, with their amount and some of their ids."""

    category: str
    label: str
    deals: int
    amount: float
    share: float
    deal_ids: list[int]
    example: str | None = None
    """One recorded close reason of this category, as written."""


class ConfusionRow(BaseModel):
    """One recorded category of the held-out deals and what the model predicted for them."""

    recorded: str
    predicted: dict[str, int]


class LossModelCheck(BaseModel):
    """The classifier on a time split: newest third of lost deals with a reason held out."""

    method: str
    train: int
    test: int
    macro_f1: float | None = None
    baseline_macro_f1: float | None = None
    baseline_class: str | None = None
    accuracy: float | None = None
    confusion: list[ConfusionRow] = Field(default_factory=list)


class LossReasons(BaseModel):
    """Why we lose deals."""

    lost: int
    closed: int
    reasons: list[ReasonCount]
    check: LossModelCheck
    predicted: list[Predicted]
    """Lost deals with no or an `other` reason, with the predicted one."""
    owner: str | None = None


def _fit(x: list[list[float]], y: list[str]):  # noqa: ANN202 - a scikit-learn pipeline
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000, C=0.5, class_weight="balanced"))
    model.fit(x, y)
    return model


def _evidence(names: list[str], feats: dict[str, float], model, label: str) -> list[str]:  # noqa: ANN001
    """The inputs that pushed the prediction most towards `label` (coefficient × scaled value)."""
    scaler, clf = model.steps[0][1], model.steps[1][1]
    row = scaler.transform([[feats[n] for n in names]])[0]
    k = list(clf.classes_).index(label)
    pushes = sorted(((clf.coef_[k][i] * row[i], n) for i, n in enumerate(names)), reverse=True)
    return [f"{n} = {feats[n]:g}" for push, n in pushes[:3] if push > 0]


def analyse_losses(session: Session, history: History, *, owner_id: int | None = None) -> LossReasons:
    """Count loss reasons, check the classifier on a time split, and predict reasons where none is recorded."""
    from sklearn.metrics import accuracy_score, f1_score

    lost = sorted((d for d in history.deals.values() if not d.is_won), key=lambda d: (d.closed_at, d.id))
    raised: dict[int, Counter[str]] = defaultdict(Counter)
    for o in history.objections:
        raised[o.deal_id][o.category] += 1
    eng = engagement_by_deal(session, {d.id for d in lost})
    feats = {d.id: deal_features(d, raised[d.id], eng.get(d.id, DealEngagement())) for d in lost}
    names = list(next(iter(feats.values()))) if feats else []
    cats = {d.id: reason_category(d.close_reason) for d in lost}
    labelled = [d for d in lost if cats[d.id] != "other"]
    unknown = [d for d in lost if cats[d.id] == "other"]

    check = LossModelCheck(method="rules (objections → reason)", train=0, test=0)
    model = None
    if len(labelled) >= MIN_TRAIN:
        cut = int(len(labelled) * 2 / 3)
        train, test = labelled[:cut], labelled[cut:]
        y_train = [cats[d.id] for d in train]
        y_test = [cats[d.id] for d in test]
        held = _fit([[feats[d.id][n] for n in names] for d in train], y_train)
        pred = list(held.predict([[feats[d.id][n] for n in names] for d in test]))
        majority = Counter(y_train).most_common(1)[0][0]
        labels_seen = sorted(set(y_test) | set(pred))
        check = LossModelCheck(
            method="logistic regression on call objections, competitors, stage, amount, engagement",
            train=len(train),
            test=len(test),
            macro_f1=round(float(f1_score(y_test, pred, average="macro", labels=labels_seen, zero_division=0)), 3),
            baseline_macro_f1=round(
                float(f1_score(y_test, [majority] * len(test), average="macro", labels=labels_seen, zero_division=0)),
                3,
            ),
            baseline_class=majority,
            accuracy=round(float(accuracy_score(y_test, pred)), 3),
            confusion=[
                ConfusionRow(
                    recorded=r,
                    predicted=dict(Counter(p for t, p in zip(y_test, pred, strict=True) if t == r)),
                )
                for r in sorted(set(y_test))
            ],
        )
        model = _fit([[feats[d.id][n] for n in names] for d in labelled], [cats[d.id] for d in labelled])

    predicted = []
    for d in unknown:
        if owner_id is not None and d.owner_id != owner_id:
            continue
        if model is not None:
            probs = model.predict_proba([[feats[d.id][n] for n in names]])[0]
            best = int(probs.argmax())
            label = str(model.classes_[best])
            predicted.append(
                Predicted(
                    deal_id=d.id,
                    deal=d.name,
                    owner=d.owner,
                    recorded=d.close_reason,
                    predicted=label,
                    probability=round(float(probs[best]), 3),
                    evidence=_evidence(names, feats[d.id], model, label) or ["no single input stands out"],
                )
            )
        else:
            top = next((c for c, _n in raised[d.id].most_common() if c in OBJECTION_REASON), None)
            predicted.append(
                Predicted(
                    deal_id=d.id,
                    deal=d.name,
                    owner=d.owner,
                    recorded=d.close_reason,
                    predicted=OBJECTION_REASON[top] if top else "no_decision",
                    evidence=[f"{top} raised on its calls"] if top else ["no objection recorded: no decision assumed"],
                )
            )

    scope = [d for d in lost if owner_id is None or d.owner_id == owner_id]
    grouped: dict[str, list[ClosedDeal]] = defaultdict(list)
    for d in scope:
        grouped[cats[d.id]].append(d)
    reasons = [
        ReasonCount(
            category=c,
            label=REASON_LABELS[c],
            deals=len(ds),
            amount=sum(d.amount or 0 for d in ds),
            share=round(len(ds) / len(scope), 3),
            deal_ids=sorted(d.id for d in ds)[:20],
            example=next((d.close_reason for d in sorted(ds, key=lambda d: -d.id) if d.close_reason), None),
        )
        for c, ds in grouped.items()
    ]
    reasons.sort(key=lambda r: (-r.deals, r.category))
    closed_scope = [d for d in history.deals.values() if owner_id is None or d.owner_id == owner_id]
    return LossReasons(
        lost=len(scope),
        closed=len(closed_scope),
        reasons=reasons,
        check=check,
        predicted=predicted[:20],
    )


# --- capability ------------------------------------------------------------------------------------------------------


class LossArgs(BaseModel):
    """Arguments of get_loss_reasons."""

    owner: str | None = Field(default=None, description="Only this AE's lost deals ('me' for the asker).")


def _owner_id(ctx: ToolContext, session: Session, owner: str | None) -> int | None:
    from tools.capabilities import ToolUserError

    if not owner:
        return None
    if owner.lower() in ("me", "my", "mine"):
        if ctx.asker_owner_id is None:
            raise ToolUserError("I don't know which AE you are, so I can't filter to your deals.")
        return ctx.asker_owner_id
    from tools.resolve import find_owner  # the one owner-matching rule ("Carlos", "carlos mendes", a typo)

    try:
        return find_owner(session, owner).id
    except ToolUserError:
        raise ToolUserError(f"I don't find exactly one AE called '{owner}'.") from None


def _losses(ctx: ToolContext, session: Session, a: LossArgs) -> BaseModel:
    owner_id = _owner_id(ctx, session, a.owner)
    history = load_history(session, rules=rules_of(ctx.settings))
    shared = history.derived(("losses", owner_id), lambda: analyse_losses(session, history, owner_id=owner_id))
    result = shared.model_copy()  # the shared answer stays as computed; this one names the owner as asked
    result.owner = a.owner
    return result


CAPABILITIES = (
    Capability(
        name="get_loss_reasons",
        summary="why we lose deals",
        description="Why closed-lost deals were lost: recorded close reasons grouped into categories (competitor, "
        "price, budget, timing, no decision, ...) with counts and amounts, a classifier's predicted reason for lost "
        "deals with none or 'other' (with its evidence), and how that classifier does against a majority-class "
        "baseline. Use for 'why are we losing deals', 'loss reasons', 'why did we lose'.",
        args_schema=LossArgs,
        run=_losses,
        result_types=(LossReasons,),
        examples=(
            Example("why are we losing deals?", {}),
            Example("what are our loss reasons?", {}),
            Example("why am I losing deals?", {"owner": "me"}),
            Example("the most common reasons deals end up closed lost", {}),
            Example("break down our losses by reason", {}),
            Example("why do our deals fall through?", {}),
            Example("what are the common themes in lost deals?", {}),
            Example("why is Jamal losing deals?", {"owner": "Jamal Carter"}),
            Example("what causes us to lose?", {}),
        ),
    ),
)
