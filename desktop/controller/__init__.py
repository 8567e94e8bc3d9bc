"""Wiring and the app's flow: the window and models over a cache, the sync engine under
them, logging in and out, the demo."""
