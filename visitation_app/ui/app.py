"""Starting the window: the Qt application, its Danish, the database, the first-start demo."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from visitation_app import APP_AUTHOR, APP_NAME, __version__
from visitation_app.catalog import CatalogProblem
from visitation_app.domain.errors import UserError
from visitation_app.i18n import _, current_language
from visitation_app.services.data_files import data_file_problems
from visitation_app.store import cipher
from visitation_app.store.database import Database
from visitation_app.store.rotating_backups import backup_at_start
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.database_opening import is_new_file, not_opened, open_with_passphrase
from visitation_app.ui.instance_lock import lock_database, release_database
from visitation_app.ui.main_window import DATABASE_FILTER_EXTENSIONS, MainWindow
from visitation_app.ui.messages import show_error
from visitation_app.ui.passphrase_dialogs import ask_first_passphrase
from visitation_app.ui.recovery import offer_recovery
from visitation_app.ui.single_instance import hand_over_to_running_window, serve_show_requests
from visitation_app.ui.style import apply_style

log = logging.getLogger(__name__)

# A screen smaller than this shows the window maximised (1366×768 laptops, projectors).
ROOMY_SCREEN = (1600, 1000)
_translators: list[QTranslator] = []  # kept alive as long as the application


def _set_names() -> None:
    """Name the application, so QSettings and the log know where they belong."""
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_AUTHOR)
    QCoreApplication.setApplicationVersion(__version__)


def install_qt_translation(app: QCoreApplication) -> bool:
    """Qt's own texts (dialog buttons, key names, the calendar) in Danish when we speak Danish."""
    if current_language() != "da" or _translators:
        return bool(_translators)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load("qtbase_da", folder):
        log.warning("Qt's Danish translation was not found in %s", folder)
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True


def install_excepthook() -> None:
    """An error nobody caught goes to the log, and the chair sees a sentence, not a traceback."""
    showing = False

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None or showing:
            log.error("uncaught error", exc_info=(kind, error, trace))
            if issubclass(kind, KeyboardInterrupt):
                sys.__excepthook__(kind, error, trace)
            return
        showing = True
        try:
            if error.__traceback__ is None:
                error = error.with_traceback(trace)
            show_error(QApplication.activeWindow(), error)
        except Exception:  # noqa: BLE001 - the hook itself must never fail
            log.exception("could not show an uncaught error")
        finally:
            showing = False

    sys.excepthook = hook


def ask_for_demo(parent: QWidget | None = None) -> bool:
    """On the very first start: a demo database to explore, or an empty one? True for demo."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Welcome"))
    box.setText(_("Welcome to Visitation meetings."))
    box.setInformativeText(
        _(
            "There is no database yet. Start with a demo database that holds three example "
            "meetings (one before, one during and one after the meeting), or with an empty one "
            "for your own meetings? You can open another database later from the File menu."
        )
    )
    demo = box.addButton(_("Create demo database"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Start with an empty database"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(demo)
    box.exec()
    return box.clickedButton() is demo


def _create_demo(path: Path, passphrase: str | None) -> None:
    """The demo database at `path`, encrypted with `passphrase` unless the chair chose none.

    It is built plain (invented people only) and then encrypted; if that fails it is
    removed again, so an empty database with the passphrase is made instead.
    """
    from visitation_app.services.demo import create_demo_database

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        create_demo_database(path)
        if passphrase:
            try:
                cipher.rekey_file(path, None, passphrase)
            except BaseException:
                path.unlink(missing_ok=True)
                raise
    except UserError as error:
        QApplication.restoreOverrideCursor()
        show_error(None, error, _("The demo database was not created"))
    else:
        QApplication.restoreOverrideCursor()
        log.info("created the demo database %s (encrypted: %s)", path, bool(passphrase))


def choose_after_failure(error: BaseException, path: Path) -> Path | None:
    """The database could not be opened: show why, offer another file; None to quit."""
    if not isinstance(error, UserError):
        log.error("opening %s failed", path, exc_info=(type(error), error, error.__traceback__))
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("The database could not be opened"))
    box.setText(
        str(error)
        if isinstance(error, UserError)
        else _("The database {path} could not be opened. The details are in the log file.").format(
            path=path
        )
    )
    other = box.addButton(_("Choose another file…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(other)
    box.exec()
    if box.clickedButton() is not other:
        return None
    chosen, _filter = QFileDialog.getOpenFileName(
        None,
        _("Open database"),
        str(path.parent if path.parent.is_dir() else Path.home()),
        _("Visitation databases ({patterns});;All files (*)").format(
            patterns=DATABASE_FILTER_EXTENSIONS
        ),
    )
    return Path(chosen) if chosen else None


class StartCancelled(Exception):  # noqa: N818 - a choice, not an error
    """The chair cancelled the passphrase of the new database: nothing was made."""


def _open_or_create(path: Path, *, offer_demo: bool) -> Database:
    """Open the file, or make it (demo or empty, with the passphrase the chair chooses).

    An existing file that has been emptied (a failing disk, a bad copy) is not taken for a
    new database while there are backups of it: the chair is offered the latest first.
    """
    if path.exists() and is_new_file(path):
        offer_recovery(None, path, None)
    if is_new_file(path):
        demo = offer_demo and ask_for_demo()
        choice = ask_first_passphrase()
        if choice is None:
            raise StartCancelled
        if demo:
            _create_demo(path, choice.passphrase)
        db = open_with_passphrase(None, path, create=True, passphrase=choice.passphrase)
    else:
        db = open_with_passphrase(None, path)
    if db is None:
        raise not_opened(path)
    return db


def open_first_database(path: Path, *, is_default_path: bool) -> Database | None:
    """The database to start with (made on first start); None when the chair chose to quit."""
    offer_demo = is_default_path
    while True:
        try:
            lock_database(path)
            return _open_or_create(path, offer_demo=offer_demo)
        except StartCancelled:
            log.info("no passphrase chosen for the new database %s; quitting", path)
            release_database(path)
            return None
        except Exception as error:  # noqa: BLE001 - every failure gets the same way out
            if offer_recovery(None, path, error):
                continue  # restored from a backup: open it (the lock is still held)
            release_database(path)
            chosen = choose_after_failure(error, path)
            if chosen is None:
                return None
            path, offer_demo = chosen, False


def create_main_window(db: Database) -> MainWindow:
    """The main window on `db` (the application must exist); used by run_gui and tests."""
    if not QCoreApplication.organizationName():
        _set_names()
    return MainWindow(db)


def show_main_window(window: MainWindow) -> None:
    """Maximised on a small screen; elsewhere where it was last time (or a good size)."""
    screen = window.screen().availableGeometry()
    small = screen.width() < ROOMY_SCREEN[0] or screen.height() < ROOMY_SCREEN[1]
    if small:
        window.setGeometry(screen)  # also right where no window manager maximises
        window.showMaximized()
        return
    if not window.restore_geometry():
        window.resize(1440, 900)
    window.show()


def catalog_problem_text(problems: list[CatalogProblem]) -> str:
    """What the chair is told when the municipality's catalog files could not be used."""
    return _(
        "The municipality's catalog file has errors, so the shipped entries of that file "
        "are used for now. Correct the file and restart:\n{problems}"
    ).format(problems="\n".join(f"• {problem}" for problem in problems))


def report_catalog_problems(parent: QWidget) -> None:
    """Say once, at start, that a municipality catalog file was rejected and why."""
    problems = data_file_problems()
    if problems:
        QMessageBox.warning(parent, _("Catalog not loaded"), catalog_problem_text(problems))


def run_gui(db_path: Path, *, is_default_path: bool, argv: list[str]) -> int:
    """Run the window on `db_path` until the chair quits; the exit status."""
    app = QApplication.instance() or QApplication(argv)
    _set_names()
    install_qt_translation(app)
    apply_style(app)
    install_excepthook()
    if hand_over_to_running_window(Path(db_path)):
        return 0  # the window that has this database open was brought to the front
    db = open_first_database(Path(db_path), is_default_path=is_default_path)
    if db is None:
        log.info("no database opened; quitting")
        return 1
    # A verified copy in backups/ beside it (encrypted like it), the newest ten kept.
    backup_at_start(Path(db.path), passphrase=db.passphrase)
    window = create_main_window(db)
    serve_show_requests(window, Path(db.path))  # a second start on this file shows this window
    app.aboutToQuit.connect(Autosaver.flush_everywhere)
    show_main_window(window)
    log.info("window open on %s", db.path)
    report_catalog_problems(window)
    try:
        return app.exec()
    finally:
        window.db.close()
