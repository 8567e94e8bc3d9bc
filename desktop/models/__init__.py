"""Qt item models over the local cache: the sidebar, a section's chat list, a chat's
messages. They read windows of rows from the cache through `desktop.sync.reads` (no SQL
here) and are told by the sync engine which ids changed; they never touch the network."""
