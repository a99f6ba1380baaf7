"""SQLite storage: tables, the engine and sessions, Alembic migrations."""
