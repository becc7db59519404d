"""Fixtures shared by the engine's end-to-end tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cozy_server import CozyStackServer, CozyUser
from tests.engine.cozy_world import Linked, link_folder
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401


@pytest.fixture
def linked(
    tmp_path: Path,
    cozy_server: CozyStackServer,
    cozy_user: CozyUser,
    real_keyring: KeyringSession,  # noqa: F811
) -> Linked:
    """A folder linked to the Cozy double through the browser login, its secrets in a
    real keyring (a test file may define its own ``linked``: it wins there)."""
    return link_folder(tmp_path, cozy_server, cozy_user)
