"""The project store: SQLModel tables on SQLite, migrations and repository functions."""
