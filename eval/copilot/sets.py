"""The blind-written question sets by name: what leave-one-set-out scores, and what the classifier may train on.

Every set here was written by an author who had not read the understanding code, so each one, scored by a classifier
trained without it, estimates what a new blind set's first run would score (`eval/copilot/loso.py`). The small
probe sets A-E (probe7-11) are too small to be scored on their own: they stay in training and are never scored.
"""

from __future__ import annotations

from eval.copilot.heldout5 import CASES as HELDOUT_5
from eval.copilot.heldout6 import CASES as HELDOUT_6
from eval.copilot.heldout7 import CASES as HELDOUT_7
from eval.copilot.heldout8 import CASES as HELDOUT_8
from eval.copilot.heldout9 import CASES as HELDOUT_9
from eval.copilot.heldout10 import CASES as HELDOUT_10
from eval.copilot.heldout11 import CASES as HELDOUT_11
from eval.copilot.heldout12 import CASES as HELDOUT_12
from eval.copilot.probe7 import PROBE_7
from eval.copilot.probe8 import PROBE_8
from eval.copilot.probe9 import PROBE_9
from eval.copilot.probe10 import PROBE_10
from eval.copilot.probe11 import PROBE_11
from eval.copilot.probe12 import PROBE_12
from eval.copilot.probe13 import PROBE_13
from eval.copilot.probe14 import PROBE_14
from eval.copilot.probe15 import PROBE_15
from eval.copilot.probe16 import PROBE_16
from eval.copilot.probe17 import PROBE_17
from eval.copilot.probe18 import PROBE_18
from eval.copilot.probe19 import PROBE_19
from eval.copilot.probe20 import PROBE_20
from eval.copilot.probe21 import PROBE_21
from eval.copilot.probe22 import PROBE_22
from eval.copilot.probe23 import PROBE_23
from eval.copilot.questions import Case
from eval.copilot.unseen import UNSEEN
from eval.copilot.unseen4 import UNSEEN_4

BLIND_SETS: dict[str, list[Case]] = {
    "unseen": UNSEEN,
    "unseen4": UNSEEN_4,
    "probe7": PROBE_7,
    "probe8": PROBE_8,
    "probe9": PROBE_9,
    "probe10": PROBE_10,
    "probe11": PROBE_11,
    "probe12": PROBE_12,
    "probe13": PROBE_13,
    "probe14": PROBE_14,
    "probe15": PROBE_15,
    "probe16": PROBE_16,
    "probe17": PROBE_17,
    "probe18": PROBE_18,
    "probe19": PROBE_19,
    "probe20": PROBE_20,
    "probe21": PROBE_21,
    "probe22": PROBE_22,
    "probe23": PROBE_23,
    "heldout5": HELDOUT_5,
    "heldout6": HELDOUT_6,
    "heldout7": HELDOUT_7,
    "heldout8": HELDOUT_8,
    "heldout9": HELDOUT_9,
    "heldout10": HELDOUT_10,
    "heldout11": HELDOUT_11,
    "heldout12": HELDOUT_12,
}
"""Every blind-written set, by the name of its module."""

TRAIN_ONLY = frozenset({"probe7", "probe8", "probe9", "probe10", "probe11"})
"""Sets of 29-74 questions: in training always, never scored by leave-one-set-out."""

LOSO_SETS: tuple[str, ...] = tuple(name for name in BLIND_SETS if name not in TRAIN_ONLY)
"""The sets leave-one-set-out scores, each with a classifier trained without it."""
