"""External media (U3): webhooks in, replies out."""
