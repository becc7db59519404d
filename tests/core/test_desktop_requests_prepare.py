"""``RequestHandlers``' ``prepare``: what an action's ``applies`` needs that is slow to
learn is learned first (the app does it in the background), and the answer waits for
it.  Plain data in, answers out; the app's side is tested in
tests/ui/test_desktop_requests_keyring.py."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from cozysync.desktop_requests import (
    DELETED_FILES,
    NOT_AVAILABLE,
    OPEN_ONLINE,
    VERSIONS,
    Answer,
    RequestHandlers,
    request_line,
)

SYNCED = Path("/home/lea/Classe")


class Learner:
    """A ``prepare`` whose learning ends when the test says so."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []
        self.pending: list[Callable[[], None]] = []
        self.known = False

    def prepare(self, paths: list[str], then: Callable[[], None]) -> None:
        self.asked.append(paths)
        self.pending.append(then)

    def finish(self, known: bool) -> None:
        self.known = known
        for then in self.pending:  # kept: a second finish calls them again
            then()


def handlers() -> RequestHandlers:
    return RequestHandlers(in_sync=lambda paths: all(p.startswith(str(SYNCED)) for p in paths))


def answers_of(registry: RequestHandlers, request: str, path: Path) -> list[Answer]:
    answers: list[Answer] = []
    registry.answer(request_line(request, [path]), answers.append)
    return answers


def test_the_menu_waits_for_what_an_action_learns() -> None:
    registry, learner = handlers(), Learner()
    registry.register(
        OPEN_ONLINE, lambda paths, reply: None, lambda p: learner.known, learner.prepare
    )
    registry.register(DELETED_FILES, lambda paths, reply: None)
    answers = answers_of(registry, "menu", SYNCED / "a.txt")
    assert answers == [] and learner.asked == [[str(SYNCED / "a.txt")]]
    learner.finish(True)
    assert answers == [{"ok": True, "actions": [OPEN_ONLINE, DELETED_FILES]}]


def test_an_action_waits_for_its_own_learning_only() -> None:
    registry, learner, other = handlers(), Learner(), Learner()
    done: list[list[str]] = []
    registry.register(
        OPEN_ONLINE, lambda paths, reply: (done.append(paths), reply({"ok": True})),
        lambda p: learner.known, learner.prepare,
    )  # fmt: skip
    registry.register(VERSIONS, lambda paths, reply: None, lambda p: False, other.prepare)
    answers = answers_of(registry, OPEN_ONLINE, SYNCED / "a.txt")
    assert other.asked == [] and answers == []
    learner.finish(False)
    assert answers == [
        {"ok": False, "error": NOT_AVAILABLE, "message": "cozysync cannot do this yet."}
    ]
    assert done == []


def test_two_learnings_both_end_before_the_menu_and_it_is_answered_once() -> None:
    registry, first, second = handlers(), Learner(), Learner()
    registry.register(OPEN_ONLINE, lambda paths, reply: None, lambda p: first.known, first.prepare)
    registry.register(VERSIONS, lambda paths, reply: None, lambda p: second.known, second.prepare)
    answers = answers_of(registry, "menu", SYNCED / "a.txt")
    first.finish(True)
    assert answers == []
    second.finish(True)
    first.finish(True)  # a learning that says it is done twice changes nothing
    assert answers == [{"ok": True, "actions": [OPEN_ONLINE, VERSIONS]}]


def test_a_learning_that_breaks_still_answers_and_outside_items_learn_nothing() -> None:
    registry, learner = handlers(), Learner()

    def broken(paths: list[str], then: Callable[[], None]) -> None:
        raise RuntimeError("the keyring is gone")

    registry.register(VERSIONS, lambda paths, reply: None, lambda p: True, broken)
    registry.register(OPEN_ONLINE, lambda paths, reply: None, lambda p: True, learner.prepare)
    assert answers_of(registry, "menu", Path("/tmp/ailleurs.txt")) == [{"ok": True, "actions": []}]
    assert learner.asked == []
    registry.unregister(OPEN_ONLINE)
    assert answers_of(registry, "menu", SYNCED / "a.txt") == [{"ok": True, "actions": [VERSIONS]}]


def test_a_bad_request_is_answered_without_learning() -> None:
    registry, learner = handlers(), Learner()
    registry.register(OPEN_ONLINE, lambda paths, reply: None, None, learner.prepare)
    answers: list[Answer] = []
    registry.answer(json.dumps({"v": 1, "request": "menu"}).encode() + b"\n", answers.append)
    assert answers[0]["ok"] is False and learner.asked == []
