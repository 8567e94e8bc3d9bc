"""The desktop's sync layer: HTTP and WebSocket client, local cache, outbox, realtime feed.

No Qt here. This package talks to the server and to the local cache only, and tells its
caller which ids changed; the Qt layers above decide what to repaint. Keeping Qt out
lets the sync logic run in plain asyncio tests and in headless tools.
"""
