"""`sangdam --demo`: a local server on a seeded workspace and customers who write to it.

The server runs as a separate process (`sangdam-server`), never imported: the desktop
stays a client of the same HTTP API a hosted server offers.
"""
