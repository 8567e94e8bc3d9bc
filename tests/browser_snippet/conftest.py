"""The website snippet in a real browser (U2): the shared support, tests/support/browser.py."""

from tests.support.browser import browser, context, site

__all__ = ["browser", "context", "site"]
