"""Teams: their members, rota and auto-assignment (issue 17)."""
