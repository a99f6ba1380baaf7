"""The program makes no network connection at all: citizens' data never leaves the laptop."""

from __future__ import annotations

import socket

import pytest

from visitation_app.__main__ import main


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to reach the network fails the test (and is recorded)."""
    attempts: list[str] = []

    def refuse(name: str):
        def blocked(*args, **kwargs):
            attempts.append(f"{name}{args[1:] if name == 'connect' else args}")
            raise AssertionError(f"network use: {name}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def test_a_whole_workflow_on_the_command_line_uses_no_network(no_network, tmp_path, capsys):
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db)]) == 0
    assert main(["meetings", "--db", str(db), "--json"]) == 0
    for command in (
        ["agenda", "3", "--db", str(db), "-o", str(tmp_path / "dagsorden.pdf")],
        ["minutes", "1", "--db", str(db), "-o", str(tmp_path / "referat.pdf")],
        ["letter", "3", "--db", str(db), "-o", str(tmp_path / "brev.pdf")],
        ["decisions", "--db", str(db), "--json"],
    ):
        assert main(command) == 0, command
    capsys.readouterr()
    assert no_network == []
    assert (tmp_path / "referat.pdf").stat().st_size > 10_000


def test_the_window_through_all_three_phases_uses_no_network(no_network, qtbot, tmp_path):
    from visitation_app.services.demo import create_demo_database
    from visitation_app.store.database import open_database
    from visitation_app.ui import app as app_module

    path = tmp_path / "demo.db"
    create_demo_database(path)
    db = open_database(path)
    window = app_module.create_main_window(db)
    qtbot.addWidget(window)
    window.show()
    for meeting_id in (1, 2, 3):
        window.meeting_list.select_meeting(meeting_id)
        for phase in (0, 1, 2):
            window.show_phase(phase)
    window.during_view.discard_unsaved()
    assert no_network == []
