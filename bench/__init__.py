"""Benchmarks that print comparable numbers (not part of the tests).

Each is run from the repository root as ``python -m bench.<name>``, starts its own
server(s) on 127.0.0.1 with fresh databases, prints what it measured in readable lines
and ends with exactly one JSON line of figures:

- ``bench.push``: effective mutations per second through ``POST /sync/push`` (SQLite,
  PostgreSQL), as a ratio to a minimal ASGI app doing a message's essential transaction
  on the same database (``bench.push_baseline``), with the same load generator.
- ``bench.fanout``: realtime deliveries to 1,000 WebSocket clients, beside a plain
  ``websockets`` broadcast of the same frames; latency from the server's commit (a test
  hook, ``bench.commit_clock``) or the baseline's broadcast call to the receipt.
"""
