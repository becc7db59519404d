"""What a deletion guard asks the user (``DeletionDialog`` shows it) and what the user
answers (the controller sends it through ``SyncService.answer_deletions``).

The engine stops a pass before it deletes many items, or before it trashes the copies
here of a folder the server suddenly lists as empty; the ``StatusChanged`` that says so
carries the stop as a message (``error.mass_deletion`` / ``error.folder_emptied``) with
``side``, ``count``, ``total``, ``paths`` and ``detail``."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from posixpath import dirname

from cozysync.messages import Message, MessageId

__all__ = ["DELETION_STOPS", "DeletionAnswer", "DeletionQuestion", "deletion_question"]

DELETION_STOPS = frozenset({MessageId.ERROR_MASS_DELETION, MessageId.ERROR_FOLDER_EMPTIED})


class DeletionAnswer(Enum):
    DELETE = "confirm"  # delete them on this side too (here: to this computer's trash)
    PUT_BACK = "put-back"  # copy them back to the side that lost them

    @property
    def put_back(self) -> bool:
        """The ``put_back`` argument of ``SyncService.answer_deletions``."""
        return self is DeletionAnswer.PUT_BACK


@dataclass(frozen=True, slots=True)
class DeletionQuestion:
    """One folder's pass, stopped by a deletion guard.  ``side``: where the deletions
    would happen ("local": the copies on this computer would go to the trash;
    "remote": the cloud's would be deleted); ``count`` of ``total`` synced items;
    ``paths``: a few of them; ``emptied``: a whole folder looks emptied (else: many
    items were deleted); ``detail``: the engine's English words."""

    folder: str
    side: str
    count: int
    total: int
    paths: tuple[str, ...]
    detail: str
    emptied: bool = False

    @property
    def key(self) -> tuple[object, ...]:
        """What makes it another stop (a question asked again)."""
        return (self.folder, self.emptied, self.side, self.count, self.detail)

    @property
    def missing_from(self) -> str:
        """The folder the items are missing from ("" for the whole folder): the parent
        they share.  The engine lists the emptied folder's content sorted, its own
        entries included, so the few paths it names all sit below that folder and the
        first is right inside it."""
        parents = {dirname(path) for path in self.paths}
        common = min(parents, key=len) if parents else ""
        while common and not all(p == common or p.startswith(common + "/") for p in parents):
            common = dirname(common)
        return common


def deletion_question(folder: str, stopped: Message | None) -> DeletionQuestion | None:
    """The question ``folder``'s stop asks (None when a deletion guard did not stop it)."""
    if stopped is None or stopped.id not in DELETION_STOPS:
        return None
    args = stopped.args
    paths = str(args.get("paths", ""))
    return DeletionQuestion(
        folder=folder,
        side="local" if args.get("side") == "local" else "remote",
        count=int(args.get("count", 0)),
        total=int(args.get("total", 0)),
        paths=tuple(p for p in paths.split("\n") if p),
        detail=str(args.get("detail", "")),
        emptied=stopped.id == MessageId.ERROR_FOLDER_EMPTIED,
    )
