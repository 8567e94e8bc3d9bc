"""The administration window (issue 17 item 3): for admins and owners, a page each for
teams, managers, media, macros, profile fields and the workspace."""
