"""The demo workspace: a seeded, deterministic sales team with 18 months of CRM history, dated relative to `as_of`.

`generate_workspace` fills every CRM table so Sales OS can be tried with no keys. Outcomes are drawn from a logistic of
each deal's latent behaviour and fit (multi-threading, buyer reply rate, discovery depth, budget fit, company size,
timeline, competitor) plus noise, and the generated activity reflects those latents (a deal with a 70% reply rate gets
replies to about 70% of its outbound emails; a deal with four contacts has four people in its meetings and emails;
its recorded call's engagement - buyers on the call, who talks, answered objections, dated next steps - is drawn from
the same latents plus noise), so models trained on the store learn something real but never a rule. A few memorable
accounts ("Acme Corp", "Globex", ...) have a fixed shape at every size, for the tour.

Rows are planned in Python with explicit ids and bulk-loaded (`store.bulk`: executemany of tuples on SQLite, COPY on
PostgreSQL) in batches inside one transaction, secondary indexes built after the load: a failed build leaves the store
as it was, and the large size (100k deals, ~1M engagements) stays fast.

The package, by part: `plans` (sizes, the plan dataclasses, pure helpers), `writer` (per-table buffers handed to
`store.bulk`), `base` (the shared build state), `people` (owners, teams, companies, contacts), `deals` (deals, stages,
close-date pushes), `activity` (each deal's emails, meetings, calls, notes, tasks), `calls` (transcripts; their prose
in `text`), `leads` (inbound leads), `tour` (the memorable accounts) and `workspace` (the composed build and the
public API re-exported here).
"""

from store.demo.plans import GENERATOR, SIZES, Size, WorkspaceStats
from store.demo.tour import MEMORABLE
from store.demo.workspace import ensure_workspace, generate_workspace

__all__ = ["GENERATOR", "MEMORABLE", "SIZES", "Size", "WorkspaceStats", "ensure_workspace", "generate_workspace"]
