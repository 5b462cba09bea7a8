"""Persistence: SQLAlchemy models, the session factory, and the queries built on them."""
