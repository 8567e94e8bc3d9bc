"""Saved replies (SPEC M3): the workspace's macros, kept by managers with permission."""
