"""The local store: tables, engine and sessions, migrations, bulk loading, the demo workspace and the vector library.

SQLite by default, PostgreSQL for a team (`DATABASE_URL`). Knows nothing of Slack or LangChain.
"""
