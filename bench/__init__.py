"""Benchmarks that print comparable numbers (not part of the tests).

Each is run from the repository root as ``python -m bench.<name>``, starts its own
server(s) on 127.0.0.1 with fresh databases, prints what it measured in readable lines
and ends with exactly one JSON line of figures:

- ``bench.push``: mutations per second through ``POST /sync/push`` (SQLite, PostgreSQL).
- ``bench.fanout``: realtime deliveries to 1,000 WebSocket clients, beside a plain
  ``websockets`` broadcast of the same frames.
"""
