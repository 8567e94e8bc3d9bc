"""Logging in: the server's login call, the token in the OS keyring (SPEC Y4), and the
small settings file that remembers which server and email to use next time (never the
token)."""
