"""The side panel beside the conversation (SPEC P1-P8): `SidePanel` in `side_panel`."""
