"""The contract both the server and the desktop import: wire schemas, kinds, codes, limits.

No I/O and no framework imports live here, so either side can depend on it freely.
"""
