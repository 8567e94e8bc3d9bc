"""live My sessions (S5) and search (L5)

- chat_follower.auto: a follow added by an assignment (P1), dropped on reassignment;
  the assignee's existing follows are taken to be automatic.
- chat_state.was_mentioned: a mention keeps the chat in my sessions after I read it.
- chat_state.in_sessions recomputed by the live rule (server.inbox.sessions), with the
  rows it needs, and the per-manager "sessions" counts rebuilt from them.
- message.text: the plain text of a message's text blocks, filled from its blocks.
- Search: pg_trgm GIN indexes on message.text and customer.name (PostgreSQL); FTS5
  trigram tables kept by triggers (SQLite).
- Every desktop's cache holds the old in_sessions: the log is cut (pruned_seq past the
  head), so each one bootstraps again on its next catch-up, keeping its outbox.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 06:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The live rule in SQL, for one chat_state row `s` (server.inbox.sessions in Python).
IN_SESSIONS = """
    s.was_mentioned
    OR EXISTS (SELECT 1 FROM chat c WHERE c.id = s.chat_id AND c.assignee_id = s.manager_id)
    OR EXISTS (SELECT 1 FROM chat_follower f
               WHERE f.chat_id = s.chat_id AND f.manager_id = s.manager_id)
    OR EXISTS (SELECT 1 FROM chat c JOIN manager g ON g.workspace_id = c.workspace_id
               WHERE c.id = s.chat_id AND g.id = s.manager_id AND g.notify_unassigned
                 AND c.assignee_id IS NULL AND c.queued_since IS NULL)
"""

# (manager, chat) pairs the rule puts in sessions, whatever their chat_state rows.
MEMBERS = """
    SELECT assignee_id AS manager_id, id AS chat_id FROM chat WHERE assignee_id IS NOT NULL
    UNION SELECT manager_id, chat_id FROM chat_follower
    UNION SELECT g.id, c.id FROM chat c
          JOIN manager g ON g.workspace_id = c.workspace_id AND g.notify_unassigned
          WHERE c.assignee_id IS NULL AND c.queued_since IS NULL
"""


def upgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table("chat_follower") as batch:
        batch.add_column(sa.Column("auto", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("chat_state") as batch:
        batch.add_column(
            sa.Column("was_mentioned", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("message") as batch:
        batch.add_column(sa.Column("text", sa.Text(), server_default="", nullable=False))

    op.execute(
        "UPDATE chat_follower SET auto = true WHERE EXISTS (SELECT 1 FROM chat c "
        "WHERE c.id = chat_follower.chat_id AND c.assignee_id = chat_follower.manager_id)"
    )
    op.execute("UPDATE chat_state SET was_mentioned = mentioned")
    op.execute(
        "INSERT INTO chat_state (manager_id, chat_id, starred, read_seq, unread_count, "
        "mentioned, in_sessions, was_mentioned) "
        f"SELECT x.manager_id, x.chat_id, false, 0, 0, false, false, false FROM ({MEMBERS}) x "
        "WHERE NOT EXISTS (SELECT 1 FROM chat_state o "
        "WHERE o.manager_id = x.manager_id AND o.chat_id = x.chat_id)"
    )
    op.execute(f"UPDATE chat_state SET in_sessions = ({IN_SESSIONS.replace('s.', 'chat_state.')})")
    op.execute("DELETE FROM chat_count WHERE key = 'sessions' AND scope <> ''")
    # chat_count.scope is the manager id as text with dashes; SQLite stores uuids as hex.
    h = "s.manager_id"
    scope = (
        f"CAST({h} AS TEXT)"
        if pg
        else f"substr({h},1,8)||'-'||substr({h},9,4)||'-'||substr({h},13,4)||'-'"
        f"||substr({h},17,4)||'-'||substr({h},21,12)"
    )
    op.execute(
        "INSERT INTO chat_count (workspace_id, scope, key, state, count) "
        f"SELECT c.workspace_id, {scope}, 'sessions', c.state, COUNT(*) "
        "FROM chat_state s JOIN chat c ON c.id = s.chat_id WHERE s.in_sessions "
        f"GROUP BY c.workspace_id, {scope}, c.state"
    )
    # Desktops must not keep the old in_sessions: cursors at or below the old head now
    # fall below pruned_seq (server.sync.feed.check_cursor) and bootstrap again.
    op.execute("UPDATE workspace SET last_seq = last_seq + 1")
    op.execute("UPDATE workspace SET pruned_seq = last_seq")

    if pg:
        op.execute(
            "UPDATE message SET text = COALESCE((SELECT string_agg(b->>'text', E'\\n') "
            "FROM jsonb_array_elements(message.blocks) b WHERE b->>'type' = 'text'), '')"
        )
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_message_text_trgm ON message USING gin (text gin_trgm_ops)")
        op.execute("CREATE INDEX ix_customer_name_trgm ON customer USING gin (name gin_trgm_ops)")
    else:
        op.execute(
            "UPDATE message SET text = COALESCE((SELECT group_concat("
            "json_extract(b.value, '$.text'), char(10)) FROM json_each(message.blocks) b "
            "WHERE json_extract(b.value, '$.type') = 'text'), '')"
        )
        for table, column in (("message", "text"), ("customer", "name")):
            fts = f"{table}_fts"
            op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, tokenize='trigram')")
            op.execute(f"INSERT INTO {fts} (rowid, {column}) SELECT rowid, {column} FROM {table}")
            op.execute(
                f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
                f"INSERT INTO {fts} (rowid, {column}) VALUES (new.rowid, new.{column}); END"
            )
            op.execute(
                f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
                f"DELETE FROM {fts} WHERE rowid = old.rowid; END"
            )
            op.execute(
                f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN "
                f"UPDATE {fts} SET {column} = new.{column} WHERE rowid = new.rowid; END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_customer_name_trgm")
        op.execute("DROP INDEX IF EXISTS ix_message_text_trgm")
    else:
        for fts in ("message_fts", "customer_fts"):
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    with op.batch_alter_table("message") as batch:
        batch.drop_column("text")
    with op.batch_alter_table("chat_state") as batch:
        batch.drop_column("was_mentioned")
    with op.batch_alter_table("chat_follower") as batch:
        batch.drop_column("auto")
