"""The Sangdam desktop app: a PySide6 (Qt) client for support agents.

Qt lives in the layers above `desktop.sync` (models, views, notify); the sync
layer below them stays Qt-free so it can be tested and reused without a display.
"""
