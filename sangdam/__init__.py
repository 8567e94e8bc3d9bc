"""Sangdam: a team inbox for customer-support agents."""

__version__ = "0.1.0"
