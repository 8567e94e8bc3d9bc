"""The read layer and the table definitions name the same tables and columns: `layout`
is the one place both take them from, and nothing in it is left unused or missing."""

from __future__ import annotations

import inspect

from desktop.sync import layout
from desktop.sync import tables as t


def named_tables() -> dict[str, set[str]]:
    """Each table `layout` names -> the columns it names for it."""
    out: dict[str, set[str]] = {}
    for _, cls in inspect.getmembers(layout, inspect.isclass):
        if cls.__module__ != layout.__name__:
            continue
        columns = {v for k, v in vars(cls).items() if k.isupper() and k != "TABLE"}
        if cls is layout.Reference:
            out.update((name, columns) for name in layout.REFERENCE_TABLES.values())
        else:
            out[cls.TABLE] = columns
    return out


def test_every_table_has_exactly_the_columns_layout_names() -> None:
    defined = {name: set(table.columns.keys()) for name, table in t.metadata.tables.items()}
    assert named_tables() == defined
