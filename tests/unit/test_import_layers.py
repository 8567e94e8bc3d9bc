"""Every server module has a place in the layers contract (pyproject.toml), so
`lint-imports` holds each one to its layer and a new import cycle fails there.

A module left out of the contract would be held to nothing: this names it, and
docs/architecture.md ("Server layers") says where each kind of module goes.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def layered_modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = [
        c
        for c in config["tool"]["importlinter"]["contracts"]
        if c["type"] == "layers" and c["name"].startswith("server layers")
    ]
    names = []
    for layer in contract["layers"]:
        for name in layer.replace(":", "|").split("|"):
            names.append(name.strip().strip("()"))
    return names


def server_modules() -> list[str]:
    """Every module of server/ (package `__init__` files hold no code)."""
    return sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "server").rglob("*.py")
        if path.name != "__init__.py"
    )


def test_every_server_module_is_in_a_layer() -> None:
    layers = layered_modules()
    assert "server.inbox.chats" in layers  # the contract was found and read

    def placed(module: str) -> bool:
        return any(module == name or module.startswith(name + ".") for name in layers)

    missing = [module for module in server_modules() if not placed(module)]
    assert missing == [], f"add these to the 'server layers' contract in pyproject.toml: {missing}"
