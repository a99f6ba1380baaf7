"""The window's actions that move or remove whole sets of data: meeting packages in and out,
and deleting citizens' data after the retention period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from visitation_app.i18n import _
from visitation_app.ui.package_actions import export_meeting_package, import_meeting_package
from visitation_app.ui.retention_dialog import open_retention

if TYPE_CHECKING:
    from visitation_app.ui.main_window import MainWindow


class DataActions:
    """Export/import of meeting packages (File menu) and deletion after retention (Edit)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.export_package_action = QAction(_("E&xport meeting package…"), window)
        self.export_package_action.triggered.connect(lambda _checked=False: self.export_package())
        self.import_package_action = QAction(_("&Import meeting package…"), window)
        self.import_package_action.triggered.connect(lambda _checked=False: self.import_package())
        self.retention_action = QAction(_("Delete data after the &retention period…"), window)
        self.retention_action.triggered.connect(
            lambda _checked=False: self.delete_after_retention()
        )

    def add_to(self, file_menu: QMenu, before_file: QAction, edit_menu: QMenu) -> None:
        """Packages in the File menu before `before_file`; deletion at the end of Edit."""
        file_menu.insertAction(before_file, self.export_package_action)
        file_menu.insertAction(before_file, self.import_package_action)
        file_menu.insertSeparator(before_file)
        edit_menu.addSeparator()
        edit_menu.addAction(self.retention_action)

    def update(self, has_meeting: bool) -> None:
        self.export_package_action.setEnabled(has_meeting)

    def export_package(self) -> None:
        meeting_id = self.window.current_meeting_id()
        if meeting_id is not None:
            export_meeting_package(self.window, self.window.db, meeting_id)

    def import_package(self) -> None:
        meeting_id = import_meeting_package(self.window, self.window.db)
        if meeting_id is not None:
            self.window.refresh_everything()
            self.window.meeting_list.select_meeting(meeting_id)

    def delete_after_retention(self) -> None:
        if open_retention(self.window, self.window.db) is not None:
            self.window.refresh_everything()
