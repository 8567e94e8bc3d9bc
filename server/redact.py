"""Keep tokens out of the server's logs.

Tokens travel in headers and WebSocket frames, never in URLs; but a client may still
put one in a query string (an old page, a mistake), and uvicorn's access log writes
every URL out. This filter rewrites the tokens and `token=` values in any line of
uvicorn's loggers before a handler sees it.
"""

from __future__ import annotations

import logging
import re

# Our tokens (manager `sdm_`, customer `sdc_`, invitation `sdi_`, then base64url), and
# any `token=` value.
_SECRET = re.compile(r"\bsd[mci]_[A-Za-z0-9_-]+|(?<=token=)[^&\s\"']+", re.IGNORECASE)
LOGGERS = ("uvicorn.access", "uvicorn.error", "uvicorn")


def redact(text: str) -> str:
    return _SECRET.sub("[redacted]", text)


class RedactTokens(logging.Filter):
    """Rewrites the message and each string argument in place: uvicorn's access
    formatter unpacks the arguments itself, so they must stay a tuple of five."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()
            }
        return True


def install() -> None:
    """Add the filter to uvicorn's loggers (idempotent). Called at start-up, after
    uvicorn has configured its logging."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(RedactTokens())
