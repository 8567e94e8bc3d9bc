"""Auto-assignment (SPEC R1-R4): who gets a new chat, the team queue, and refilling."""
