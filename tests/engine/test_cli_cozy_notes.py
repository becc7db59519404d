"""Cozy Notes (``*.cozy-note``) through the CLI: they come down, and never go up.

cozy-stack docs/notes.md: a note's file is the markdown export of what the Notes app
holds; a file uploaded with the ``.cozy-note`` extension is imported (its markdown parsed
into the editor's tree and written again), so what the stack keeps is not the bytes sent.
Uploading would replace the collaborative note, and the stack's rewrite would come back
as a change at every pass.  So notes are download-only: a note edited here keeps its
edit on this computer and says why; nothing is sent, nothing loops.
"""

from __future__ import annotations

from tests.cozy_server import NOTE_MIME
from tests.engine.cozy_world import Linked, downloads, is_upload
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401

NOTE = "Cours/Histoire.cozy-note"
MARKDOWN = "# Histoire\n\nLa Révolution française  \n- 1789\n"


def _uploads(linked: Linked, start: int) -> list[tuple[str, str, str]]:
    return [r for r in linked.since(start) if is_upload(*r)]


def test_a_note_comes_down_byte_for_byte_and_follows_the_notes_app(linked: Linked):
    linked.user.mkdir("Cours")
    linked.cozy.write_note(NOTE, MARKDOWN)
    assert linked.cli.sync().code == 0
    assert (linked.local / NOTE).read_text(encoding="utf-8") == MARKDOWN

    linked.cozy.write_note(NOTE, MARKDOWN + "- 1792\n")  # edited in the Notes app
    start = linked.mark()
    assert linked.cli.sync().code == 0
    assert (linked.local / NOTE).read_text(encoding="utf-8") == MARKDOWN + "- 1792\n"
    assert len(downloads(linked.since(start))) == 1 and not _uploads(linked, start)

    start = linked.mark()
    again = linked.cli.sync()
    assert again.code == 0 and "change made" not in again.out and "changes made" not in again.out, (
        again.out
    )
    assert not downloads(linked.since(start)) and not _uploads(linked, start)


def test_a_note_edited_here_is_never_sent_and_does_not_loop(linked: Linked):
    linked.user.mkdir("Cours")
    linked.cozy.write_note(NOTE, MARKDOWN)
    assert linked.cli.sync().code == 0
    edited = MARKDOWN + "mon ajout\n"
    (linked.local / NOTE).write_text(edited, encoding="utf-8")
    (linked.local / "Cours" / "Brouillon.cozy-note").write_text("# brouillon\n", "utf-8")

    for _ in range(2):  # the same answer each pass, without a request to send anything
        start = linked.mark()
        result = linked.cli.sync()
        assert result.code == 1, result.out + result.err
        assert "is a Cozy Note" in result.out + result.err, result.out + result.err
        assert not _uploads(linked, start)
        assert not downloads(linked.since(start))

    with linked.cozy.lock:
        note = linked.cozy.by_path("/" + NOTE)
        assert note is not None and note.mime == NOTE_MIME
        assert note.content == MARKDOWN.encode()  # the note on the Cozy is untouched
        assert "Cours/Brouillon.cozy-note" not in linked.cozy.tree()
    assert (linked.local / NOTE).read_text(encoding="utf-8") == edited  # the edit is kept
    assert (linked.local / "Cours" / "Brouillon.cozy-note").exists()


def test_a_note_renamed_here_is_renamed_on_the_cozy(linked: Linked):
    """A rename is a PATCH of the name: the note's content is not touched."""
    linked.user.mkdir("Cours")
    linked.cozy.write_note(NOTE, MARKDOWN)
    assert linked.cli.sync().code == 0
    (linked.local / NOTE).rename(linked.local / "Cours" / "Révolution.cozy-note")
    start = linked.mark()

    assert linked.cli.sync().code == 0

    assert not _uploads(linked, start)
    with linked.cozy.lock:
        note = linked.cozy.by_path("/Cours/Révolution.cozy-note")
        assert note is not None and note.content == MARKDOWN.encode()
        assert note.mime == NOTE_MIME
