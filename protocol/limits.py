"""The product's limits, named once so the server, the desktop and the tests agree."""

from datetime import timedelta
from typing import Final

MAX_FILES_PER_MESSAGE: Final = 10
MAX_FILE_BYTES: Final = 1024**3  # 1 GiB
UPLOAD_DEADLINE: Final = timedelta(minutes=5)
MAX_SNOOZE: Final = timedelta(days=180)
MAX_TAGS_PER_CHAT: Final = 8

# Wire-level guards: generous for people, small enough to refuse abuse early.
MAX_REQUEST_BYTES: Final = 1024**2  # JSON bodies; files go through uploads, not here
MAX_MUTATIONS_PER_PUSH: Final = 100
MAX_TEXT_CHARS: Final = 20_000
MAX_CHANGES_PAGE: Final = 1_000
MAX_MESSAGES_PAGE: Final = 200
BOOTSTRAP_PAGE: Final = 200

# Realtime: the server pings every PING_INTERVAL; a client that hears nothing for
# twice that long treats the connection as dead.
PING_INTERVAL: Final = timedelta(seconds=20)

# Triage (L2, L5): "all N chats that match" and search pages.
MAX_CHAT_IDS: Final = 10_000  # GET /inbox/ids and a bulk action take at most this many
MAX_SEARCH_PAGE: Final = 100
MAX_SEARCH_QUERY: Final = 200  # characters

# Presence on the realtime socket (who views or types in a chat): a client refreshes
# every PRESENCE_REFRESH_S while it lasts; the others forget it after PRESENCE_TTL_S.
PRESENCE_REFRESH_S = 3.0
PRESENCE_TTL_S = 8.0
