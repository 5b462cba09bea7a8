"""Stub servers of the platforms' HTTP APIs, served on 127.0.0.1 by uvicorn in a thread."""
