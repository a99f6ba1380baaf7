"""The keyboard shortcut overview (F1): every key the app answers to, grouped by where."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitation_app.i18n import _

Shortcut = tuple[str, str]  # (keys as the user reads them, what they do)
Section = tuple[str, Sequence[Shortcut]]


def key_text(sequence: QKeySequence | QKeySequence.StandardKey | str) -> str:
    """A key sequence as the platform writes it ('Ctrl+N'; Danish key names with Qt's catalog)."""
    if not isinstance(sequence, QKeySequence):
        sequence = QKeySequence(sequence)
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def is_everyday(sequence: QKeySequence) -> bool:
    """False for special hardware keys ('Open', 'Undo', 'Help', F13–F35) and Alt+Backspace.

    Qt binds those too; the overview lists what a chair presses on an ordinary keyboard.
    """
    if sequence.isEmpty():
        return False
    combination = sequence[0]
    key = combination.key()
    if key >= Qt.Key.Key_Help or Qt.Key.Key_F13 <= key <= Qt.Key.Key_F35:
        return False
    return not (
        key == Qt.Key.Key_Backspace
        and combination.keyboardModifiers() & Qt.KeyboardModifier.AltModifier
    )


def action_shortcuts(actions: Iterable[QAction]) -> list[Shortcut]:
    """(keys, text) of every action that has a shortcut, without the menu's '&' and '…'."""
    found = []
    for action in actions:
        keys = [key_text(sequence) for sequence in action.shortcuts() if is_everyday(sequence)]
        if keys:
            text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            found.append((" / ".join(keys), text.rstrip("…").rstrip(".").strip()))
    return found


class ShortcutsDialog(QDialog):
    """A two-column list of the shortcuts, one group per part of the window."""

    def __init__(self, sections: Sequence[Section], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        intro = QLabel(
            _(
                "Everything can be done from the keyboard. Tab moves to the next field; "
                "the underlined letter in a label (with Alt) jumps to its field."
            )
        )
        intro.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([_("Keys"), _("Action")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        bold = QFont(self.font())
        bold.setBold(True)
        for title, shortcuts in sections:
            if not shortcuts:
                continue
            group = QTreeWidgetItem(self.tree, [title, ""])
            group.setFirstColumnSpanned(True)
            group.setFont(0, bold)
            for keys, text in shortcuts:
                QTreeWidgetItem(group, [keys, text])
            group.setExpanded(True)
        self.tree.setItemsExpandable(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(620, 560)

    def rows(self) -> list[Shortcut]:
        """Every (keys, action) listed, in order (for tests and for reading it back)."""
        found = []
        for group_index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(group_index)
            for child_index in range(group.childCount()):
                child = group.child(child_index)
                found.append((child.text(0), child.text(1)))
        return found
