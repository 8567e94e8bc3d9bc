"""Web pages the server serves itself (the customer chat page)."""
