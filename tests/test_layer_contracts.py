"""The import-linter contract "service depends on ports only" stays whole (issue 14,
item 2): ``lint-imports`` passes just as well with an ``ignore_imports`` list, so this
test says that the contract has none and still forbids every adapter package."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def _contract(name: str) -> dict[str, Any]:
    settings = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    contracts: list[dict[str, Any]] = settings["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["name"] == name)


def test_the_service_reaches_no_adapter_package_not_even_by_exception() -> None:
    contract = _contract("service depends on ports only")
    assert contract["source_modules"] == ["cozysync.service"]
    assert {
        "cozysync.local",
        "cozysync.remotes",
        "cozysync.journal",
        "cozysync.secrets",
        "cozysync.composition",
    } <= set(contract["forbidden_modules"])
    assert "ignore_imports" not in contract
