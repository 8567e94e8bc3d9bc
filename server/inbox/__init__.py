"""Chats and their messages: the writes every path (mutations, customers, seed) shares."""
