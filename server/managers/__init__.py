"""Managers' own settings: operator seat, availability, maximum, notification switch."""
