"""The hosted backend: FastAPI + SQLAlchemy 2 async, on SQLite or PostgreSQL."""
