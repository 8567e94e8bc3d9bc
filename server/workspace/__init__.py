"""Running a workspace: its settings and customer profile schema (P4)."""
