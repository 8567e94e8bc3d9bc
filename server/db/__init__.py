"""Tables (typed `Mapped[]` models), the engine wrapper and Alembic migrations."""
