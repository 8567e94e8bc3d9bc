"""Change log, bootstrap, catch-up, push (mutations), realtime WebSocket and doorbell."""
