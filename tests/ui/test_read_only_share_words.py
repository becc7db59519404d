"""The words the tray and its window give a change kept in a folder shared read-only
(issue 15, item 2): the share's name and its owner, in English and in French, from the
engine's typed problem (message ``item.read_only_share``)."""

from __future__ import annotations

from cozysync.events import StatusKind
from cozysync.models import ReadOnlyShare, SkipKind, SkippedItem
from cozysync.service.results import FolderStatus
from cozysync.service.status import held_problem
from cozysync_ui.itemmodels.sync_state import State, SyncState, make_problem

SHARE = ReadOnlyShare("Partages reçus/Exposé SVT", "Exposé SVT", "Mme Martin")
WHY = "'Exposé SVT' is shared with you read-only by Mme Martin: your change stays on this computer"


def _problem():  # type: ignore[no-untyped-def]
    item = SkippedItem("Partages reçus/Exposé SVT/plan.txt", SkipKind.READ_ONLY_SHARE, WHY, SHARE)
    found = held_problem(item, "not-synced")
    assert found.message is not None and found.message.id == "item.read_only_share"
    return make_problem("docs", found.path, found.message, found.title, found.hint)


def test_a_change_kept_in_a_read_only_share_says_whose_share_it_is():
    problem = _problem()
    assert problem.title == WHY
    assert problem.hint.startswith("The owner's next update replaces it on your cloud")
    assert problem.detail == WHY  # the engine's English words, for a support request


def test_the_same_in_french(french):
    problem = _problem()
    assert problem.title == (
        "« Exposé SVT » vous est partagé en lecture seule par Mme Martin : votre "
        "modification reste sur cet ordinateur"
    )
    assert problem.hint.startswith("La prochaine mise à jour de son propriétaire")


def test_the_window_lists_it_though_the_folder_is_up_to_date():
    item = SkippedItem("Partages reçus/Exposé SVT/plan.txt", SkipKind.READ_ONLY_SHARE, WHY, SHARE)
    link = SkippedItem("Cours", SkipKind.LINK, "is a link here", None)
    status = FolderStatus(
        "docs", "/home/eleve/Cozy", "https://eleve.mycozy.cloud", StatusKind.UP_TO_DATE,
        0, 0, (), (), 0.0, "",
        not_synced=(held_problem(item, "not-synced"), held_problem(link, "not-synced")),
    )  # fmt: skip
    state = SyncState()
    state.set_folders([status], [])
    assert state.overall() is State.UP_TO_DATE  # nothing is wrong: it is said, not alarmed
    [problem] = state.problems()  # a link never synced is only listed by status
    assert (problem.folder, problem.path, problem.title) == (
        "docs", "Partages reçus/Exposé SVT/plan.txt", WHY,
    )  # fmt: skip
