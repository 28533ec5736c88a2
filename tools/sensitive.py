"""Sensitive calls, notes and emails (M&A, HR, legal, health): told apart so their words are never quoted to others.

Like Momentum's quarantine: a meeting tagged in the calendar (`[hr]`, `#legal` in its title, or a call's tags) or
whose words give it away (`merger`, `layoff`, `lawsuit`, `diagnosis`, ...; `SENSITIVE_WORDS`) is sensitive. Its text
never goes into the library or into anything posted to a channel (digests, briefs, objection maps, battle cards,
conversation search); its owner alone may see it, in a DM, marked as sensitive. The surfaces that quote ask here.

Detection is plain data in, plain data out (`sensitive_reason`); `sensitive_calls` and `sensitive_engagements` read
the few columns it needs for a batch of rows in one query.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from settings import DEFAULT_SENSITIVE_TAGS, DEFAULT_SENSITIVE_WORDS
from store.models import Call, Engagement

if TYPE_CHECKING:
    from settings import Settings

TAG_LABEL_KEYS = ("tags", "calendar_tags")
"""Keys of a call's `labels` that hold its calendar tags."""
_TITLE_TAG = re.compile(r"\[([^\[\]]{1,40})\]|\(([^()]{1,40})\)|#([\w&+-]{1,40})")


@dataclass(frozen=True)
class SensitivityRules:
    """What makes a record sensitive: words (whole words, any case) and calendar tags (any case)."""

    words: tuple[str, ...] = DEFAULT_SENSITIVE_WORDS
    tags: tuple[str, ...] = DEFAULT_SENSITIVE_TAGS
    _pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        """Compile the words into one regex: one pass over a transcript, whatever the list's length."""
        words = sorted({w.strip().lower() for w in self.words if w.strip()}, key=len, reverse=True)
        # Lookarounds, not \b: a word may start or end with a non-word character ("M&A", "attorney-client").
        pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I) if words else None
        object.__setattr__(self, "_pattern", pattern)
        object.__setattr__(self, "tags", tuple(t.strip().lower().lstrip("#") for t in self.tags if t.strip()))

    def fingerprint(self) -> str:
        """A short digest of the words and tags (stored with what was built under them)."""
        words = sorted({w.strip().lower() for w in self.words if w.strip()})
        return hashlib.sha256(json.dumps([words, sorted(self.tags)]).encode()).hexdigest()[:12]

    def word_in(self, text: str | None) -> str | None:
        """The first sensitive word in `text`, as written there, or None."""
        if not text or self._pattern is None:
            return None
        found = self._pattern.search(text)
        return found.group(1) if found else None


DEFAULT_RULES = SensitivityRules()


def rules_of(settings: Settings | None) -> SensitivityRules:
    """The rules the settings ask for (SENSITIVE_WORDS, SENSITIVE_TAGS); the defaults without settings."""
    if settings is None:
        return DEFAULT_RULES
    return SensitivityRules(words=tuple(settings.sensitive_words), tags=tuple(settings.sensitive_tags))


def title_tags(title: str | None) -> list[str]:
    """Calendar tags written in a meeting title: `[HR]`, `(confidential)`, `#legal` → hr, confidential, legal."""
    return [next(g for g in m.groups() if g).strip().lower() for m in _TITLE_TAG.finditer(title or "")]


def label_tags(labels: Mapping[str, Any] | None) -> list[str]:
    """A call's tags from its labels (`tags`/`calendar_tags`); a `sensitive: true` label counts as the tag."""
    if not labels:
        return []
    tags: list[str] = []
    for key in TAG_LABEL_KEYS:
        value = labels.get(key)
        if isinstance(value, str):
            tags.append(value)
        elif isinstance(value, list | tuple):
            tags.extend(str(v) for v in value)
    if labels.get("sensitive") is True or str(labels.get("visibility", "")).lower() == "private":
        tags.append("sensitive")
    return [t.strip().lower().lstrip("#") for t in tags]


def sensitive_reason(
    rules: SensitivityRules, *, texts: Iterable[str | None] = (), title: str | None = None, tags: Iterable[str] = ()
) -> str | None:
    """Why a record is sensitive ("tagged “hr”", "mentions “merger”"), or None when it is not.

    `tags` are its calendar tags, `title` its meeting title or subject (tags written in it count, and so do its
    words), `texts` what was said or written.
    """
    marked = {t.strip().lower().lstrip("#") for t in tags} | set(title_tags(title))
    for tag in rules.tags:
        if tag in marked:
            return f"tagged “{tag}”"
    for text in (title, *texts):
        word = rules.word_in(text)
        if word:
            return f"mentions “{word}”"
    return None


def sensitive_calls(session: Session, calls: Iterable[Call], rules: SensitivityRules = DEFAULT_RULES) -> dict[int, str]:
    """The sensitive ones among `calls`: {call id: reason}. Reads their meetings' titles in one query."""
    calls = [c for c in calls if c.id is not None]
    meeting_ids = {c.engagement_id for c in calls if c.engagement_id is not None}
    titles: dict[int, str | None] = {}
    for start in range(0, len(meeting_ids), 900):  # SQLite caps bound parameters
        chunk = sorted(meeting_ids)[start : start + 900]
        titles.update(
            session.exec(select(col(Engagement.id), col(Engagement.subject)).where(col(Engagement.id).in_(chunk))).all()  # type: ignore[arg-type]
        )
    out: dict[int, str] = {}
    for c in calls:
        reason = sensitive_reason(
            rules,
            texts=(c.transcript,),
            title=titles.get(c.engagement_id) if c.engagement_id is not None else None,
            tags=label_tags(c.labels),
        )
        if reason:
            out[int(c.id)] = reason  # type: ignore[arg-type]
    return out


def engagement_reason(engagement: Engagement, rules: SensitivityRules = DEFAULT_RULES) -> str | None:
    """Why a note, email or meeting is sensitive (its subject and body), or None."""
    return sensitive_reason(rules, texts=(engagement.body,), title=engagement.subject)


def sensitive_engagements(engagements: Iterable[Engagement], rules: SensitivityRules = DEFAULT_RULES) -> dict[int, str]:
    """The sensitive ones among `engagements`: {engagement id: reason}."""
    out: dict[int, str] = {}
    for e in engagements:
        reason = engagement_reason(e, rules)
        if reason and e.id is not None:
            out[e.id] = reason
    return out


def may_see(*, owner_id: int | None, asker_owner_id: int | None, private: bool) -> bool:
    """Whether a sensitive record may be shown: only to its owner, in a private (DM) answer."""
    return private and owner_id is not None and owner_id == asker_owner_id
