"""The main window: the meeting list on the left, the three phases as tabs, menus, status bar."""

from __future__ import annotations

import logging
import weakref
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from visitation_app.i18n import _
from visitation_app.store.database import Database
from visitation_app.ui import pdf_actions
from visitation_app.ui.after.after_view import AfterView
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.before.before_view import BeforeView
from visitation_app.ui.budget_frames import BudgetFramesDialog
from visitation_app.ui.data_actions import DataActions
from visitation_app.ui.database_opening import open_with_passphrase, window_actor
from visitation_app.ui.delivered_hours_dialog import open_delivered_hours
from visitation_app.ui.during.during_view import DuringView
from visitation_app.ui.encryption_actions import EncryptionActions
from visitation_app.ui.help_actions import show_about, show_shortcuts
from visitation_app.ui.idle_lock import IdleLock
from visitation_app.ui.instance_lock import lock_database, release_database
from visitation_app.ui.meeting_list import MeetingListPanel
from visitation_app.ui.messages import confirm, show_error
from visitation_app.ui.recovery import offer_recovery
from visitation_app.ui.settings_dialog import open_settings
from visitation_app.ui.single_instance import ShowRequestServer
from visitation_app.ui.undo_target import redo_focused, undo_focused

log = logging.getLogger(__name__)

SAVED_MESSAGE_MS = 2000
FAILED_MESSAGE_MS = 10000
GEOMETRY_KEY = "mainWindow/geometry"
SPLITTER_KEY = "mainWindow/splitter"
TAB_KEY = "mainWindow/phase"
DATABASE_FILTER_EXTENSIONS = "*.db *.sqlite *.sqlite3"


def window_title(db: Database) -> str:
    return _("Visitation meetings – {name}").format(name=db.path.name)


class MainWindow(QMainWindow):
    """Meetings on the left; "Before", "During" and "After the meeting" on the right."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._stale: set[QWidget] = set()
        self._refreshing = False
        self._connected: weakref.WeakSet[Autosaver] = weakref.WeakSet()
        self._shown_meeting: int | None = None

        self.meeting_list = MeetingListPanel(db)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._build_views(db)
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.meeting_list)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([270, 1096])
        self.pages = QStackedWidget()  # the meetings, or the lock page while locked
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)

        self._build_menus()
        self.statusBar()
        self.idle_lock = IdleLock(self)
        self.encryption = EncryptionActions(self, self.security_menu)
        self.meeting_list.meeting_selected.connect(self._on_meeting_selected)
        self.setWindowTitle(window_title(db))
        self._restore_layout()
        self.meeting_list.load()
        self._update_actions()

    # -- building --------------------------------------------------------------------------

    def _build_views(self, db: Database) -> None:
        self.before_view = BeforeView(db)
        self.during_view = DuringView(db)
        self.after_view = AfterView(db)
        self.tabs.addTab(self.before_view, _("Before the meeting"))
        self.tabs.addTab(self.during_view, _("During the meeting"))
        self.tabs.addTab(self.after_view, _("After the meeting"))
        for view in self.views():
            view.changed.connect(lambda v=view: self._on_view_changed(v))
            if hasattr(view, "saved"):
                view.saved.connect(self.show_saved)
            if hasattr(view, "failed"):
                view.failed.connect(self.show_failed)
        self._connect_autosavers()

    def views(self) -> tuple[BeforeView, DuringView, AfterView]:
        return (self.before_view, self.during_view, self.after_view)

    def _action(
        self,
        text: str,
        slot,  # noqa: ANN001 - any callable
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *extra: QKeySequence | str,
    ) -> QAction:
        action = QAction(text, self)
        keys: list[QKeySequence] = []
        for key in (shortcut, *extra):
            if isinstance(key, QKeySequence.StandardKey):
                keys.extend(QKeySequence.keyBindings(key))
            elif key is not None:
                keys.append(QKeySequence(key))
        unique: list[QKeySequence] = []
        for key in keys:
            if not key.isEmpty() and key not in unique:
                unique.append(key)
        if unique:
            action.setShortcuts(unique)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self.new_action = self._action(
            _("&New meeting…"), self.new_meeting, QKeySequence.StandardKey.New
        )
        self.open_action = self._action(
            _("&Open database…"), self.choose_database, QKeySequence.StandardKey.Open
        )
        self.agenda_action = self._action(
            _("&Print agenda as PDF…"), self.export_agenda, QKeySequence.StandardKey.Print
        )
        self.minutes_action = self._action(
            _("&Export minutes as PDF…"), self.export_minutes, "Ctrl+E"
        )
        self.delete_action = self._action(_("&Delete meeting…"), self.meeting_list.delete_current)
        self.security_menu = QMenu(_("&Security"), self)  # filled by EncryptionActions
        self.data_actions = DataActions(self)
        self.quit_action = self._action(_("&Quit"), self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        for item in (
            self.new_action,
            self.open_action,
            None,
            self.agenda_action,
            self.minutes_action,
            None,
            self.security_menu.menuAction(),
            None,
            self.delete_action,
            None,
            self.quit_action,
        ):
            file_menu.addSeparator() if item is None else file_menu.addAction(item)

        edit_menu = bar.addMenu(_("&Edit"))
        self.undo_action = self._action(_("&Undo"), undo_focused, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(
            _("&Redo"), redo_focused, QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z"
        )
        self.budget_frames_action = self._action(_("&Budget frames…"), self.edit_budget_frames)
        self.delivered_hours_action = self._action(
            _("&Ordered and delivered hours…"), self.show_delivered_hours
        )
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.budget_frames_action)
        edit_menu.addAction(self.delivered_hours_action)
        self.settings_action = self._action(_("&Settings…"), self.edit_settings, "Ctrl+,")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        self.data_actions.add_to(file_menu, self.security_menu.menuAction(), edit_menu)

        view_menu = bar.addMenu(_("&View"))
        self.phase_actions = []
        for index, (text, keys) in enumerate(
            (
                (_("&Before the meeting"), "Ctrl+1"),
                (_("&During the meeting"), "Ctrl+2"),
                (_("&After the meeting"), "Ctrl+3"),
            )
        ):
            action = self._action(text, lambda i=index: self.show_phase(i), keys)
            action.setCheckable(True)
            view_menu.addAction(action)
            self.phase_actions.append(action)
        self.phase_actions[self.tabs.currentIndex()].setChecked(True)

        help_menu = bar.addMenu(_("&Help"))
        self.shortcuts_action = self._action(
            _("&Keyboard shortcuts"),
            lambda: show_shortcuts(self),
            QKeySequence.StandardKey.HelpContents,
        )
        if QKeySequence("F1") not in self.shortcuts_action.shortcuts():
            self.shortcuts_action.setShortcuts([*self.shortcuts_action.shortcuts(), "F1"])
        self.about_action = self._action(_("&About Visitation meetings"), lambda: show_about(self))
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    # -- meetings and phases ---------------------------------------------------------------

    def current_meeting_id(self) -> int | None:
        return self.meeting_list.current_meeting_id()

    def new_meeting(self) -> None:
        if not self.save_everything(_("Discard the change and create a new meeting?")):
            return
        if self.meeting_list.new_meeting() is not None:
            self.show_phase(0)
            self.before_view.details.title_edit.setFocus()

    def show_phase(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def _on_meeting_selected(self, meeting_id: int | None) -> None:
        leaving = self._shown_meeting
        if (
            meeting_id != leaving
            and self.meeting_list.model.row_of(leaving) is not None  # not just deleted
            and not self.save_everything(_("Discard the change and show the other meeting?"))
        ):
            self.meeting_list.restore_selection(leaving)  # the chair stays to fix it
            return
        self._shown_meeting = meeting_id
        self._stale.clear()
        for view in self.views():
            view.set_meeting(meeting_id)
        self._update_actions()
        self._connect_autosavers()

    def _on_tab_changed(self, index: int) -> None:
        view = self.tabs.widget(index)
        if view in self._stale:
            self._stale.discard(view)
            view.refresh()
        if 0 <= index < len(getattr(self, "phase_actions", [])):
            for number, action in enumerate(self.phase_actions):
                action.setChecked(number == index)
        self._connect_autosavers()

    def _on_view_changed(self, source: QWidget | None) -> None:
        """One phase changed data the others show: refresh the list and (lazily) the others.

        With no source (a dialog of the window changed something) every view is refreshed.
        """
        if self._refreshing:
            return
        self._refreshing = True
        try:
            self.meeting_list.reload()
            for view in self.views():
                if view is source:
                    continue
                if view.isVisible():
                    view.refresh()
                else:
                    self._stale.add(view)
        finally:
            self._refreshing = False
        self._update_actions()
        QTimer.singleShot(0, self._connect_autosavers)

    def _update_actions(self) -> None:
        has_meeting = self.current_meeting_id() is not None
        for action in (self.agenda_action, self.minutes_action):
            action.setEnabled(has_meeting)
        self.delete_action.setEnabled(self.meeting_list.can_delete_current())
        self.data_actions.update(has_meeting)

    def refresh_everything(self) -> None:
        """A dialog of the window changed data any view may show: re-read them all."""
        self._on_view_changed(None)

    # -- saving feedback -------------------------------------------------------------------

    def _connect_autosavers(self) -> None:
        """Let every autosaver in the window report to the status bar (views make new ones)."""
        for saver in self.findChildren(Autosaver):
            if saver not in self._connected:
                saver.saved.connect(self.show_saved)
                saver.failed.connect(self.show_failed)
                self._connected.add(saver)

    def show_saved(self) -> None:
        self.statusBar().showMessage(_("Saved"), SAVED_MESSAGE_MS)

    def show_failed(self, message: str) -> None:
        self.statusBar().showMessage(
            _("Not saved: {reason}").format(reason=message), FAILED_MESSAGE_MS
        )

    # -- budget ----------------------------------------------------------------------------

    def edit_budget_frames(self) -> None:
        """The frames of every area and year; the views showing budgets are refreshed after."""
        dialog = BudgetFramesDialog(self.db, self)
        dialog.exec()
        if dialog.changed:
            self.refresh_everything()

    def show_delivered_hours(self) -> None:
        """Import the units' delivered hours and set them against the hours visitated."""
        Autosaver.flush_everywhere()
        open_delivered_hours(self, self.db)

    # -- files -----------------------------------------------------------------------------

    def export_agenda(self) -> None:
        if (meeting_id := self.current_meeting_id()) is not None:
            Autosaver.flush_everywhere()
            pdf_actions.export_agenda_pdf(self, self.db, meeting_id)

    def export_minutes(self) -> None:
        if (meeting_id := self.current_meeting_id()) is not None:
            Autosaver.flush_everywhere()
            pdf_actions.export_minutes_pdf(self, self.db, meeting_id)

    def choose_database(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Open database"),
            str(self.db.path.parent),
            _("Visitation databases ({patterns});;All files (*)").format(
                patterns=DATABASE_FILTER_EXTENSIONS
            ),
        )
        if chosen:
            self.open_database_file(Path(chosen))

    def open_database_file(self, path: Path) -> bool:
        """Switch to another database file; everything is saved and reloaded. False on failure.

        An encrypted file asks for its passphrase; cancelling it keeps the current database.
        """
        if Path(path).resolve() == Path(self.db.path).resolve():
            # Already open here; reading the open file's header again from this process
            # would let go of SQLite's locks on it.
            self.statusBar().showMessage(_("The database is already open."), FAILED_MESSAGE_MS)
            return True
        if not self.save_everything(_("Discard the change and open the other database?")):
            return False
        db = self._open_locked(Path(path))
        if db is None:
            release_database(Path(path))
            return False
        self.switch_database(db)
        server = self.findChild(ShowRequestServer)
        if server is not None:
            server.follow(Path(db.path))
        log.info("opened database %s", db.path)
        self.statusBar().showMessage(_("Opened {path}").format(path=db.path), FAILED_MESSAGE_MS)
        return True

    def _open_locked(self, path: Path) -> Database | None:
        """Lock and open `path`; a damaged file is offered its latest backup first."""
        try:
            lock_database(path)
            return open_with_passphrase(self, path)
        except Exception as error:  # noqa: BLE001 - logged by show_error, shown as a sentence
            try:
                if offer_recovery(self, path, error):
                    return open_with_passphrase(self, path)
            except Exception as again:  # noqa: BLE001 - the same way out as the first failure
                error = again
            show_error(self, error, _("The database was not opened"))
            return None

    def switch_database(self, db: Database, meeting_id: int | None = None) -> None:
        """Show `db` instead of the current database (closed; its lock let go when it is
        another file), and `meeting_id` in it (else the meeting shown there last time).

        Meeting mode and the citizen screen of the old views close: they read the old file.
        """
        old, self.db = self.db, db
        if Path(old.path).resolve() != Path(db.path).resolve():
            release_database(Path(old.path))
        self.during_view.meeting_mode.close()
        screen = self.during_view.citizen_screen.screen
        if screen is not None:
            screen.hide()
            screen.deleteLater()
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        for view in self.views():
            self.tabs.removeTab(self.tabs.indexOf(view))
            view.deleteLater()
        self._stale.clear()
        self._build_views(db)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        self.setWindowTitle(window_title(db))
        self._shown_meeting = None
        self.meeting_list.set_database(db)
        self.meeting_list.load()
        if meeting_id is not None and self.meeting_list.model.row_of(meeting_id) is not None:
            self.meeting_list.select_meeting(meeting_id)
        self._update_actions()
        self.encryption.update()
        old.close()

    def flush_typing(self) -> bool:
        """Save what is typed without asking anything (before the window locks)."""
        saved = Autosaver.flush_everywhere()
        return self.during_view.flush() and saved

    def edit_settings(self) -> None:
        """The chair's settings; the idle lock and the audit trail's name follow them."""
        if open_settings(self):
            self.idle_lock.reload_settings()
            self.db.actor = window_actor()

    # -- closing ---------------------------------------------------------------------------

    def save_everything(self, question: str) -> bool:
        """Save all typing; if something cannot be saved, ask whether to discard it and go on.

        False when the chair chose to stay (nothing is discarded then).
        """
        saved = Autosaver.flush_everywhere()
        saved = self.during_view.flush() and saved
        saved = self.before_view.participants.save_pending() and saved
        if saved:
            return True
        if not confirm(
            self,
            _("Some changes are not saved"),
            _(
                "Some fields contain something that cannot be saved (they are marked in red). "
                "{question}"
            ).format(question=question),
        ):
            return False
        for saver in self.findChildren(Autosaver):
            saver.discard()
        self.during_view.discard_unsaved()
        self.before_view.participants.discard_pending()
        return True

    def _restore_layout(self) -> None:
        settings = QSettings()
        state = settings.value(SPLITTER_KEY)
        if state is not None:
            self.splitter.restoreState(state)
        tab = settings.value(TAB_KEY, 0)
        try:
            self.tabs.setCurrentIndex(int(tab))
        except (TypeError, ValueError):
            self.tabs.setCurrentIndex(0)

    def restore_geometry(self) -> bool:
        """Put the window where it was last time; False when there is nothing to restore."""
        geometry = QSettings().value(GEOMETRY_KEY)
        return geometry is not None and self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.save_everything(_("Close anyway?")):
            event.ignore()
            return
        self.idle_lock.stop()
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        settings.setValue(TAB_KEY, self.tabs.currentIndex())
        event.accept()
