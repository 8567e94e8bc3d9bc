"""Email as a medium (U3): mail in through an SMTP listener, replies out through SMTP."""
