"""The customer's side of a chat: start it, post to it, read it, with a per-chat token."""
