"""Score the whole book in one scan: open deals joined to their engagement aggregates, the rules vectorised.

`score_book` reads one row per deal (the deal's own columns and its `DealEngagementAgg` row), unpacks every deal's
events into one numpy array, and computes each rule's points for all deals at once. Only the deals an answer shows
are then explained: `Book.explain` builds their `DealInputs` from the same arrays and runs the rule table
(`tools.health.rules.RULES`), so the wording of every reason comes from the one place it always did, and a test
holds the vectorised points equal to the rules' own.

A deal whose aggregate was pruned after the instant asked about (`valid_from` later than `now`: a question about the
past) is read from the raw rows instead (`tools.health.inputs.gather_inputs`), so every answer is exact.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import ColumnElement, String, select, type_coerce
from sqlmodel import Session

from store import engagement_agg as agg
from store.meta import store_inputs
from store.models import Contact, Deal, DealEngagementAgg, table_of
from tools.deals import DealRow, deal_rows
from tools.health.inputs import Activity, DealInputs, gather_inputs, won_stage_medians
from tools.health.model import MIN_EMAILS, MIN_PRIOR_MEETINGS, RECENT_DAYS, DealHealth, RiskReason, Thresholds
from tools.health.rules import RULES, RuleContext

DAY_US = 86_400 * 1_000_000
_QUARTER_HOUR_US = 900 * 1_000_000
CODES = tuple(rule.__name__ for rule in RULES)
"""Rule codes in the rule table's order (bit i of a deal's `mask` is rule i)."""

assert 3 * RECENT_DAYS <= agg.HORIZON_DAYS, "the aggregates must keep every event the longest window reads"


def _i64(values: list[Any]) -> np.ndarray:
    return np.asarray(values, dtype=np.int64)


def _last_index(mask: np.ndarray, deal_of: np.ndarray, n: int) -> np.ndarray:
    """Each deal's index of its last event where `mask` holds (-1: none); events are in deal, then time, order."""
    out = np.full(n, -1, dtype=np.int64)
    pos = np.flatnonzero(mask)
    if pos.size:
        deals = deal_of[pos]
        ends = np.r_[deals[1:] != deals[:-1], True]
        out[deals[ends]] = pos[ends]
    return out


@dataclass
class Book:
    """Open deals scored at one instant: arrays by deal (in `ids` order), and what explaining a deal needs."""

    now: datetime
    ctx: RuleContext
    ids: np.ndarray
    owner_ids: np.ndarray
    company_ids: np.ndarray
    amount: np.ndarray
    """Amounts, NaN where unknown."""
    score: np.ndarray
    mask: np.ndarray
    """Bit i set: rule `CODES[i]` is broken."""
    points: dict[str, np.ndarray]
    _events: np.ndarray
    _starts: np.ndarray
    _fields: dict[str, np.ndarray]
    _rows: list[Any]
    """The scanned rows (what a digest is taken of)."""
    _raw: dict[int, DealInputs] = field(default_factory=dict)
    """Deals read from the raw rows (their aggregate starts after `now`), by deal id."""
    _raw_last_buyer: dict[int, int | None] = field(default_factory=dict)
    rows: dict[int, DealRow] = field(default_factory=dict)
    """The `DealRow` of every deal explained so far, by id."""

    def __len__(self) -> int:
        """The number of deals scored."""
        return int(self.ids.size)

    def order(self) -> np.ndarray:
        """Deal positions riskiest first: score, then amount (unknown as 0), then deal id, as answers list them."""
        return np.lexsort((self.ids, -np.nan_to_num(self.amount, nan=0.0), -self.score))

    def explain(self, session: Session, positions: Any) -> list[DealHealth]:
        """Full assessments (reasons, evidence, actions) of the deals at `positions`, in that order."""
        positions = [int(p) for p in positions]
        if not positions:
            return []
        wanted = [int(self.ids[p]) for p in positions if int(self.ids[p]) not in self.rows]
        for start in range(0, len(wanted), 5000):  # under every driver's bound-parameter limit
            self.rows.update(deal_rows(session, wanted[start : start + 5000]))
        rows = self.rows
        names = self._champion_names(session, positions)
        out = []
        for p in positions:
            deal_id = int(self.ids[p])
            deal = rows.get(deal_id)
            if deal is None:
                continue  # removed since the scan (a concurrent sync): nothing to explain
            inputs = self._raw.get(deal_id) or self._inputs(p, names)
            out.append(self._assess(deal, inputs, p))
        return out

    def inputs(self, session: Session, positions: Any) -> dict[int, DealInputs]:
        """What the rules read about the deals at `positions`, by deal id (as `gather_inputs` reads it raw)."""
        positions = [int(p) for p in positions]
        names = self._champion_names(session, positions)
        return {int(self.ids[p]): self._raw.get(int(self.ids[p])) or self._inputs(p, names) for p in positions}

    def digests(self) -> list[str]:
        """What each deal was assessed from: its inputs (its columns and aggregate), score and broken rules.

        Equal digests on the same team-local day, with the same rules and won-deal medians, mean equal assessments.
        """
        numbers = np.stack(
            [self.owner_ids, self.company_ids, self.amount.view(np.int64), self._fields["close_ord"],
             self._fields["created_us"], self._fields["contacts"], self._fields["buyer_contacts"], self.score,
             self.mask],
            axis=1,
        ).astype("<i8")  # fmt: skip
        packed, width = numbers.tobytes(), numbers.shape[1] * 8
        blake2b = hashlib.blake2b
        return [
            # the aggregate's events, the numbers, the stage and from when the aggregate answers: one hash call each
            blake2b(
                b"".join((r[7] or b"", packed[p * width : (p + 1) * width], f"{r[6]}|{r[10]}".encode())),
                digest_size=12,
            ).hexdigest()
            for p, r in enumerate(self._rows)
        ]

    # --- explaining one deal ------------------------------------------------------------------------------------

    def _slice(self, p: int) -> np.ndarray:
        return self._events[self._starts[p] : self._starts[p + 1]]

    def _champions(self, p: int) -> list[int]:
        if not self._fields["champion_links"][p]:
            return []  # most deals: no slicing at all
        events = self._slice(p)
        return [int(c) for c in events[(events[:, 1] & agg.CHAMPION) != 0, 3]]

    def _champion_names(self, session: Session, positions: list[int]) -> dict[int, str]:
        wanted = {c for p in positions for c in self._champions(p)}
        if not wanted:
            return {}
        c = table_of(Contact).c
        rows = session.execute(select(c.id, c.first_name, c.last_name).where(c.id.in_(sorted(wanted)))).all()
        return {cid: f"{first or ''} {last or ''}".strip() for cid, first, last in rows}

    def _inputs(self, p: int, names: dict[int, str]) -> DealInputs:
        f = self._fields
        now_us = agg.to_us(self.now)

        def at(key: str) -> datetime | None:
            value = int(f[key][p])
            return None if value < 0 else agg.from_us(int(self._events[value, 0]))

        activity = Activity(
            last_buyer=at("last_buyer"),
            out_recent=int(f["out_recent"][p]),
            in_recent=int(f["in_recent"][p]),
            out_prior=int(f["out_prior"][p]),
            in_prior=int(f["in_prior"][p]),
            meet_recent=int(f["meet_recent"][p]),
            meet_prior=int(f["meet_prior"][p]),
            last_meeting=at("last_meeting"),
            booked=int(f["booked"][p]),
            open_tasks=int(f["open_tasks"][p]),
            buyer_contacts=int(f["buyer_contacts"][p]),
        )
        move = int(f["last_move"][p])
        events = self._slice(p)
        pushes: list[tuple[int, date | None, date | None]] = (
            [
                (int(e[2]), date.fromordinal(int(e[3])), date.fromordinal(int(e[4])))
                for e in events.tolist()
                if e[1] & agg.PUSH and e[0] <= now_us
            ]
            if f["pushes"][p]
            else []
        )
        champions = []
        for contact_id in self._champions(p):
            if contact_id not in names:
                continue  # a champion link to a contact that is gone: the raw join would not find it either
            seen = events[(events[:, 1] & agg.BUYER != 0) & (events[:, 0] <= now_us) & (events[:, 3] == contact_id)]
            champions.append((contact_id, agg.from_us(int(seen[-1, 0])) if len(seen) else None, names[contact_id]))
        return DealInputs(
            activity=activity,
            last_move=(int(self._events[move, 2]), agg.from_us(int(self._events[move, 0]))) if move >= 0 else None,
            pushes=pushes,
            contacts=int(f["contacts"][p]),
            champions=champions,
        )

    def _assess(self, deal: DealRow, inputs: DealInputs, p: int) -> DealHealth:
        ctx = self.ctx
        reasons = [reason for rule in RULES if (reason := rule(deal, inputs, ctx)) is not None]
        reasons.sort(key=lambda r: -r.points)
        # the last buyer touch's id: evidence a person can open (as `buyer_silent` always quoted it)
        if deal.id in self._raw:
            engagement_id = self._raw_last_buyer.get(deal.id)
        else:
            last = int(self._fields["last_buyer"][p])
            engagement_id = int(self._events[last, 2]) if last >= 0 else None
        for i, reason in enumerate(reasons):
            if reason.code == "buyer_silent" and engagement_id is not None:
                reasons[i] = RiskReason(
                    reason.code,
                    reason.points,
                    f"{reason.evidence} [engagement #{engagement_id}]",
                    reason.action,
                    reason.facts,
                    {"engagement": [engagement_id]},
                )
        return DealHealth(
            deal_id=deal.id,
            deal_name=deal.name,
            company_id=deal.company_id,
            company_name=deal.company_name,
            owner_id=deal.owner_id,
            owner_name=deal.owner_name,
            stage=deal.stage,
            amount=deal.amount,
            close_date=deal.close_date,
            score=min(100, sum(r.points for r in reasons)),
            reasons=reasons,
            assessed_at=ctx.now,
        )


def score_book(
    session: Session,
    *,
    now: datetime,
    thresholds: Thresholds,
    tz: ZoneInfo,
    owner_ids: list[int] | None = None,
    deal_ids: list[int] | None = None,
    company_id: int | None = None,
) -> Book:
    """Score every open deal (or those of `owner_ids` / `deal_ids` / `company_id`) at `now`: one scan, vectorised."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    agg.settle(session)  # this session's own uncommitted writes count, as they would for a raw query
    d, a = table_of(Deal).c, table_of(DealEngagementAgg).c
    where: list[ColumnElement[bool]] = [d.is_closed.is_(False)]
    if owner_ids is not None:
        where.append(d.owner_id.in_(owner_ids))
    if deal_ids is not None:
        where.append(d.id.in_(deal_ids))
    if company_id is not None:
        where.append(d.company_id == company_id)
    rows = session.execute(
        select(
            d.id,
            d.owner_id,
            d.company_id,
            d.amount,
            # read as the driver gives them and converted column-wise below (21k parses one by one cost ~0.3 s)
            type_coerce(d.close_date, String),
            type_coerce(d.created_at, String),
            d.stage,
            a.events,
            a.contacts,
            a.buyer_contacts,
            type_coerce(a.valid_from, String),
        )
        .select_from(table_of(Deal).outerjoin(table_of(DealEngagementAgg), a.deal_id == d.id))
        .where(*where)
    ).all()  # in index order: the book keeps its own positions, and sorts only when an answer lists deals
    ctx = RuleContext(
        now=now,
        tz=tz,
        thresholds=thresholds,
        medians=won_stage_medians(session),
        store=store_inputs(session),
        stage_then={},
        _business_days={},
    )
    return _score(session, list(rows), now, ctx)


def _score(session: Session, rows: list[Any], now: datetime, ctx: RuleContext) -> Book:
    n = len(rows)
    now_us = agg.to_us(now)
    # one transpose into columns (C speed), then each column converted whole
    cols: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) if n else [()] * 11
    ids = _i64(list(cols[0]))
    owner = np.array([-1 if v is None else v for v in cols[1]], dtype=np.int64)
    company = np.array([-1 if v is None else v for v in cols[2]], dtype=np.int64)
    amount = np.array(cols[3], dtype=np.float64)  # None becomes NaN
    close_ord = _ordinals(list(cols[4]), missing=10**9)
    created_us = _instants(list(cols[5]), missing=now_us)
    stages = cols[6]
    blobs = [b or b"" for b in cols[7]]
    contacts = np.array([v or 0 for v in cols[8]], dtype=np.int64)
    buyer_contacts = np.array([v or 0 for v in cols[9]], dtype=np.int64)
    lengths = np.fromiter(map(len, blobs), dtype=np.int64, count=n) // (8 * agg.COLUMNS)
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    events = agg.decode_events(b"".join(blobs)) if n else np.zeros((0, agg.COLUMNS), dtype=np.int64)
    deal_of = np.repeat(np.arange(n, dtype=np.int64), lengths)
    t, flags = events[:, 0], events[:, 1]

    def has(flag: int) -> np.ndarray:
        return (flags & flag) != 0

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(deal_of[mask], minlength=n).astype(np.int64)

    recent = RECENT_DAYS * DAY_US
    past = t <= now_us
    in_recent = (t > now_us - recent) & past
    before_recent = t <= now_us - recent
    email_prior = (t > now_us - 2 * recent) & before_recent
    meeting_prior = (t > now_us - 3 * recent) & before_recent
    out, inbound, held = has(agg.OUT), has(agg.IN), has(agg.HELD)
    buyer_past = has(agg.BUYER) & past
    f = {
        "out_recent": count(out & in_recent),
        "in_recent": count(inbound & in_recent),
        "out_prior": count(out & email_prior),
        "in_prior": count(inbound & email_prior),
        "meet_recent": count(held & in_recent),
        "meet_prior": count(held & meeting_prior),
        "booked": count(has(agg.SCHEDULED) & (t > now_us)),
        "open_tasks": count(has(agg.TASK) & (events[:, 4] >= now_us)),
        "last_buyer": _last_index(buyer_past, deal_of, n),
        "last_meeting": _last_index(held, deal_of, n),
        "last_move": _last_index(has(agg.STAGE) & past, deal_of, n),
        "pushes": count(has(agg.PUSH) & past),
        "champion_links": count(has(agg.CHAMPION)),
        "contacts": contacts,
        "buyer_contacts": buyer_contacts,
        "close_ord": close_ord,
        "created_us": created_us,
    }
    th, store = ctx.thresholds, ctx.store
    today = ctx.today
    today_ord = today.toordinal()

    def instant(index: np.ndarray, fallback: np.ndarray) -> np.ndarray:
        return np.where(index >= 0, t[np.maximum(index, 0)] if t.size else 0, fallback)

    points: dict[str, np.ndarray] = {}
    # buyer_silent: business days on the team calendar since the last buyer touch (or the deal's creation)
    since = instant(f["last_buyer"], created_us)
    silent = _business_days_since(since, ctx.tz, today)
    fired = store.activity & (silent >= th.silent_business_days)
    points["buyer_silent"] = np.where(fired, np.minimum(30, 20 + 2 * (silent - th.silent_business_days)), 0)
    # champion_silent: any champion whose last buyer touch (or the deal's creation) is the threshold days old
    points["champion_silent"] = np.where(
        store.activity & _champion_silent(events, deal_of, n, now_us, created_us, th.champion_silent_days),
        15,
        0,
    )
    # stage_age: days since the last move (or creation) against the threshold and won deals' median there
    days_in = (now_us - instant(f["last_move"], created_us)) // DAY_US
    median = np.array([ctx.medians[s][0] if s in ctx.medians else np.nan for s in stages], dtype=np.float64)
    has_median = ~np.isnan(median)
    fired = (days_in >= th.stage_age_days) & ~(has_median & (days_in <= np.nan_to_num(median)))
    with np.errstate(divide="ignore", invalid="ignore"):
        doubled = has_median & (median > 0) & (days_in / np.where(median > 0, median, 1.0) >= 2)
    points["stage_age"] = np.where(fired, np.where(doubled, 15, 10), 0)
    # close_date_slipped: pushed later often enough, and/or already past
    pushed = f["pushes"] >= th.close_date_pushes
    overdue = close_ord < today_ord
    points["close_date_slipped"] = np.where(pushed, 15, 0) + np.where(overdue, np.where(pushed, 5, 10), 0)
    # single_threaded: a large deal with at most one buyer contact
    big = ~np.isnan(amount) & (np.nan_to_num(amount, nan=0.0) > th.single_thread_amount)
    people = np.maximum(contacts, buyer_contacts)
    points["single_threaded"] = np.where((store.contacts or store.activity) & big & (people <= 1), 10, 0)
    # reply_rate_drop: the buyer's reply rate halved, last 4 weeks against the 4 before
    enough = (f["out_recent"] >= MIN_EMAILS) & (f["out_prior"] >= MIN_EMAILS)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_recent = np.minimum(1.0, f["in_recent"] / np.maximum(f["out_recent"], 1))
        rate_prior = np.minimum(1.0, f["in_prior"] / np.maximum(f["out_prior"], 1))
    points["reply_rate_drop"] = np.where(enough & ~((rate_prior < 0.2) | (rate_recent > rate_prior / 2)), 10, 0)
    # meeting_cadence_drop: held meetings halved, last 4 weeks against the 8 before (per 4 weeks)
    dropped = (f["meet_prior"] >= MIN_PRIOR_MEETINGS) & ~(f["meet_recent"] > (f["meet_prior"] / 2) / 2)
    points["meeting_cadence_drop"] = np.where(dropped, 10, 0)
    # no_next_step: no meeting booked and no open task due from now on
    points["no_next_step"] = np.where(store.activity & (f["booked"] == 0) & (f["open_tasks"] == 0), 10, 0)

    stack = np.stack([points[code].astype(np.int64) for code in CODES]) if n else np.zeros((len(CODES), 0), np.int64)
    score = np.minimum(100, stack.sum(axis=0))
    mask = ((stack > 0).astype(np.int64) << np.arange(len(CODES), dtype=np.int64)[:, None]).sum(axis=0)
    book = Book(
        now=now,
        ctx=ctx,
        ids=ids,
        owner_ids=owner,
        company_ids=company,
        amount=amount,
        score=score,
        mask=mask,
        points=points,
        _events=events,
        _starts=starts,
        _fields=f,
        _rows=rows,
    )
    _read_raw_where_pruned(session, book, rows, now)
    return book


def _business_days_since(since_us: np.ndarray, tz: ZoneInfo, today: date) -> np.ndarray:
    """Mon–Fri days from each instant's team-local date to `today` (0 when not before it).

    Local dates are computed once per UTC quarter hour: every UTC offset is a multiple of 15 minutes, so a quarter hour
    never straddles a local midnight.
    """
    if since_us.size == 0:
        return np.zeros(0, dtype=np.int64)
    quarters, inverse = np.unique(since_us // _QUARTER_HOUR_US, return_inverse=True)
    local = np.array(
        [agg.from_us(int(q) * _QUARTER_HOUR_US).astimezone(tz).date() for q in quarters], dtype="datetime64[D]"
    )
    days = np.busday_count(local, np.datetime64(today, "D"))
    return np.maximum(days, 0).astype(np.int64)[inverse.reshape(-1)]


def _champion_silent(
    events: np.ndarray, deal_of: np.ndarray, n: int, now_us: int, created_us: np.ndarray, threshold_days: int
) -> np.ndarray:
    """Per deal: has a champion gone the threshold days without a buyer touch (counted from creation if never)."""
    out = np.zeros(n, dtype=bool)
    links = (events[:, 1] & agg.CHAMPION) != 0
    if not links.any():
        return out
    pair_deal, pair_contact = deal_of[links], events[links, 3]
    with_champion = np.zeros(n, dtype=bool)
    with_champion[pair_deal] = True
    touch = ((events[:, 1] & agg.BUYER) != 0) & (events[:, 0] <= now_us) & (events[:, 3] >= 0)
    touch &= with_champion[deal_of]
    keys = (deal_of[touch] << 32) | events[touch, 3]
    times = events[touch, 0]
    order = np.argsort(keys, kind="stable")  # events are in time order within a deal, so within a key too
    keys, times = keys[order], times[order]
    ends = np.r_[keys[1:] != keys[:-1], True] if keys.size else np.zeros(0, dtype=bool)
    last_keys, last_times = keys[ends], times[ends]
    wanted = (pair_deal << 32) | pair_contact
    seen = np.full(wanted.size, -1, dtype=np.int64)
    if last_keys.size:
        where = np.minimum(np.searchsorted(last_keys, wanted), last_keys.size - 1)
        seen = np.where(last_keys[where] == wanted, last_times[where], -1)
    since = np.where(seen >= 0, seen, created_us[pair_deal])
    silent = (now_us - since) // DAY_US >= threshold_days
    out[pair_deal[silent]] = True
    return out


def _instants(values: list[Any], *, missing: int) -> np.ndarray:
    """Instants as µs since the epoch: SQLite hands back UTC text (parsed column-wise), PostgreSQL datetimes."""
    present = [v for v in values if v is not None]
    if present and isinstance(present[0], str):
        parsed = np.array([v if v is not None else "NaT" for v in values], dtype="datetime64[us]").astype(np.int64)
        return np.where(np.array([v is None for v in values]), missing, parsed)
    return _i64([missing if v is None else agg.to_us(v) for v in values])


_ORDINAL_OF_EPOCH = date(1970, 1, 1).toordinal()


def _ordinals(values: list[Any], *, missing: int) -> np.ndarray:
    """Dates as ordinals (`date.toordinal`): text on SQLite (parsed column-wise), dates on PostgreSQL."""
    present = [v for v in values if v is not None]
    if present and isinstance(present[0], str):
        parsed = np.array([v[:10] if v is not None else "NaT" for v in values], dtype="datetime64[D]").astype(np.int64)
        return np.where(np.array([v is None for v in values]), missing, parsed + _ORDINAL_OF_EPOCH)
    return _i64([missing if v is None else v.toordinal() for v in values])


def _read_raw_where_pruned(session: Session, book: Book, rows: list[Any], now: datetime) -> None:
    """Re-read from the raw rows the deals whose aggregate answers only from a later instant; rescore them."""
    pruned = [i for i, r in enumerate(rows) if r[10] is not None]
    if not pruned:
        return
    valid_from = _instants([rows[i][10] for i in pruned], missing=0)
    now_us = agg.to_us(now)
    late = [i for i, v in zip(pruned, valid_from.tolist(), strict=True) if v > now_us]
    if not late:
        return
    ids = [rows[i][0] for i in late]
    raw = gather_inputs(session, ids, now)
    deals = deal_rows(session, ids)
    last_buyer = _raw_last_buyer_ids(session, ids, now)
    for i in late:
        deal_id = rows[i][0]
        inputs = raw.get(deal_id, DealInputs(activity=None, last_move=None))
        book._raw[deal_id] = inputs  # noqa: SLF001 - the book's own bookkeeping, filled while it is built
        book._raw_last_buyer[deal_id] = last_buyer.get(deal_id)  # noqa: SLF001
        if deal_id not in deals:
            continue
        reasons = [r for rule in RULES if (r := rule(deals[deal_id], inputs, book.ctx)) is not None]
        codes = {r.code for r in reasons}
        book.score[i] = min(100, sum(r.points for r in reasons))
        book.mask[i] = sum(1 << k for k, code in enumerate(CODES) if code in codes)
        for code in CODES:
            book.points[code][i] = next((r.points for r in reasons if r.code == code), 0)


def _raw_last_buyer_ids(session: Session, deal_ids: list[int], now: datetime) -> dict[int, int]:
    from sqlalchemy import and_, func

    from store.models import Engagement

    e = table_of(Engagement).c
    last = (
        select(e.deal_id.label("deal_id"), func.max(e.occurred_at).label("at"))
        .where(e.deal_id.in_(deal_ids), e.buyer_engaged.is_(True), e.occurred_at <= now)
        .group_by(e.deal_id)
        .subquery()
    )
    return dict(
        session.execute(
            select(e.deal_id, func.max(e.id))
            .select_from(table_of(Engagement))
            .join(last, and_(e.deal_id == last.c.deal_id, e.occurred_at == last.c.at))
            .where(e.buyer_engaged.is_(True))
            .group_by(e.deal_id)
        ).all()
    )
