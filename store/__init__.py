"""The local store: tables, engine and sessions, migrations, bulk loading, the demo workspace and the vector library.

SQLite by default, PostgreSQL for a team (`DATABASE_URL`). Knows nothing of Slack or LangChain.
"""

# Registers the session hooks that keep `DealEngagementAgg` current on every write through a Session.
from store import engagement_agg as _engagement_agg  # noqa: E402, F401
