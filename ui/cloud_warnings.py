"""The window's word from the cloud: the warnings a Cozy keeps about the account (new
terms of service to accept, nearly full...), as the last pass read them
(``FolderStatus.warnings``, service/account_warnings.py), each with what to do and its
page as a link that opens the browser.  Shown while a folder's status carries one; gone
with the next status that has none (the terms accepted)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QLabel

from cozysync.messages import Message
from cozysync_ui.controller import AppController
from cozysync_ui.i18n import translate
from cozysync_ui.messages import message_texts

__all__ = ["CloudWarnings", "standing_warnings"]


def standing_warnings(controller: AppController) -> list[Message]:
    """Every folder's standing warnings, each once (two folders of one Cozy share them),
    in the folders' order."""
    found: list[Message] = []
    for status in controller.state.statuses.values():
        found += [w for w in status.warnings if w not in found]
    return found


class CloudWarnings(QLabel):
    """One paragraph per warning: its title, its hint and "Open the page" (the link the
    server gave).  A link activated goes to ``controller.open_url``, the browser."""

    def __init__(self, controller: AppController) -> None:
        super().__init__()
        self.controller = controller
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setOpenExternalLinks(False)  # through the controller: one opener, testable
        self.setStyleSheet("background: #fff3cd; color: #3b2f00; padding: 6px;")
        self.linkActivated.connect(lambda link: controller.open_url(QUrl(link)))
        self.warnings: list[Message] = []
        controller.state.changed.connect(self.update_content)
        self.update_content()

    def update_content(self) -> None:
        self.warnings = standing_warnings(self.controller)
        self.setText("".join(_paragraph(w) for w in self.warnings))
        self.setVisible(bool(self.warnings))

    def links(self) -> list[str]:
        """The pages the warnings link to, in order."""
        return [str(w.args["link"]) for w in self.warnings if w.args.get("link")]


def _paragraph(warning: Message) -> str:
    said = message_texts(warning.id, warning.text(), "", warning.args)
    words = f"<b>{escape(said.title)}</b>"
    if said.hint:
        words += f"<br>{escape(said.hint)}"
    link = str(warning.args.get("link") or "")
    if link.startswith(("https://", "http://")):  # never a javascript: or file: link
        page = escape(translate("Tray", "Open the page"))
        words += f' <a href="{escape(link, quote=True)}">{page}</a>'
    return f"<p>{words}</p>"
