"""Who is to be told about what (SPEC N1-N5, C5, S5): the server decides, the feed
carries one notification entry per recipient, and the desktop only shows them."""
