"""Connected media (S9): their settings and sealed secrets."""
