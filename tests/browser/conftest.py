"""The customer page in a real browser: the shared browser support (tests/support/browser.py)."""

from tests.support.browser import browser, context, site

__all__ = ["browser", "context", "site"]
