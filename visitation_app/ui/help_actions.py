"""Hjælp: the keyboard overview of the whole window (F1) and the About box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from visitation_app import __version__
from visitation_app.i18n import _
from visitation_app.ui.shortcuts import ShortcutsDialog, action_shortcuts, key_text

if TYPE_CHECKING:
    from visitation_app.ui.main_window import MainWindow


def shortcut_sections(window: MainWindow) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every shortcut of the app, grouped: the window's menus, then each phase."""
    general = action_shortcuts(window.actions())
    general.append((key_text("Del"), _("Delete the selected meeting (in the meeting list)")))
    sections = [(_("Everywhere"), general)]
    for index, view in enumerate(window.views()):
        listing = getattr(view, "shortcuts", None)
        if callable(listing):
            sections.append((window.tabs.tabText(index), list(listing())))
    return sections


def show_shortcuts(window: MainWindow) -> None:
    ShortcutsDialog(shortcut_sections(window), window).exec()


def show_about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        _("About Visitation meetings"),
        _(
            "<h3>Visitation meetings {version}</h3>"
            "<p>Plans, runs and documents the visitation meetings of a municipal "
            "committee: the agenda before, the decisions during, the minutes after.</p>"
            "<p>Works offline. Everything is kept in one database file:<br>{path}</p>"
        ).format(version=__version__, path=window.db.path),
    )
