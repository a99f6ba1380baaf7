"""The citizen's screen shows one citizen's own part of the meeting and nothing of anyone else.

A meeting of three citizens (one with two cases), standard items whose typed titles name a
citizen, notes, justifications, legal bases and costs on every case: for every item the chair
can be on, neither the screen's content nor any label of the real window may carry another
citizen's name or data, a CPR number, a note, a justification or an amount.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from visitation_app.domain.citizen_view import (
    CPR_BLANKED,
    blank_cpr,
    build_citizen_screen,
    decision_in_plain_words,
)
from visitation_app.services import agenda as agenda_service
from visitation_app.services import cases as case_service
from visitation_app.services import decisions as decision_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services import timing as timing_service
from visitation_app.services.dossier import load_dossier
from visitation_app.ui.citizen_screen import CitizenScreen, choose_screen
from visitation_app.ui.during.during_view import DuringView

SAVED = 3000  # ms to wait for the autosave
CPR_PATTERN = re.compile(r"\d{6}-?\d{4}")


@dataclass(frozen=True)
class Citizen:
    name: str
    cpr: str
    applied_for: str
    secrets: tuple[str, ...]  # what the screen must never show, to anyone


@dataclass
class Meeting:
    id: int
    items: list[int]
    owner: dict[int, Citizen]  # case item id -> its citizen


KAREN = Citizen(
    "Karen Jensen",
    "010140-1234",
    "Rengøring",
    (
        "NOTAT-KAREN datteren er bekymret",
        "BEGRUNDELSE-KAREN nedsat funktionsevne",
        "RESUMÉ-KAREN bor alene på 2. sal",
        "SEL § 83, stk. 1, nr. 2",
    ),
)
JORGEN = Citizen(
    "Jørgen Ølgaard",
    "020250-2345",
    "El-kørestol",
    (
        "NOTAT-JØRGEN har haft et fald",
        "BEGRUNDELSE-JØRGEN kan gå 500 meter",
        "RESUMÉ-JØRGEN nabo til Karen Jensen",
        "SEL § 112",
    ),
)
AMIRA = Citizen(
    "Amira Hassan",
    "030360-3456",
    "Socialpædagogisk bistand",
    (
        "NOTAT-AMIRA skal have tolk",
        "BEGRUNDELSE-AMIRA afventer udtalelse",
        "RESUMÉ-AMIRA flyttet fra Aarhus",
        "SEL § 85",
    ),
)
CITIZENS = (KAREN, JORGEN, AMIRA)
COSTS_ORE = {KAREN: 1_234_550, JORGEN: 2_345_600, AMIRA: 3_456_700}


def name_parts(citizen: Citizen) -> set[str]:
    return {citizen.name, *citizen.name.split()}


def _case(db, citizen: Citizen, applied_for: str, summary: str):
    return case_service.create_case(
        db,
        area="elderly",
        citizen_name=citizen.name,
        cpr=citizen.cpr,
        applied_for=applied_for,
        case_worker="Søren Ærø",
        summary=summary,
    )


def build_meeting(db) -> Meeting:
    """Standard items first and last, Karen twice (two cases, one CPR), Jørgen and Amira."""
    meeting = meeting_service.create_meeting(
        db,
        title="Visitationsudvalget Ældre",
        area="elderly",
        meeting_date=dt.date(2026, 12, 3),
        start_time=dt.time(9, 0),
        location="Rådhuset",
        chair_name="Birgitte Østergaard",
    )
    approve = agenda_service.add_standard_item(db, meeting.id, "approve_agenda")
    follow_up = agenda_service.add_standard_item(
        db, meeting.id, "follow_up", title="Klagen fra Jørgen Ølgaard (020250-2345)"
    )
    owner: dict[int, Citizen] = {}
    cases = []
    for citizen, applied_for in (
        (KAREN, KAREN.applied_for),
        (JORGEN, JORGEN.applied_for),
        (AMIRA, AMIRA.applied_for),
        (KAREN, "Madservice"),
    ):
        case = _case(db, citizen, applied_for, citizen.secrets[2])
        item = agenda_service.add_case_item(db, meeting.id, case.id)
        agenda_service.update_item(db, item.id, notes=citizen.secrets[0])
        owner[item.id] = citizen
        cases.append(item.id)
    last = agenda_service.add_standard_item(
        db, meeting.id, "other", title="Amira Hassans tolk – Karen Jensens nøgle"
    )
    karen_1, jorgen, amira, _karen_2 = cases
    decision_service.save_decision(
        db,
        karen_1,
        outcome="granted",
        service="Praktisk hjælp",
        extent="1 time hver 14. dag",
        valid_from=dt.date(2027, 1, 4),
        legal_basis=KAREN.secrets[3],
        justification=KAREN.secrets[1],
        annual_cost_ore=COSTS_ORE[KAREN],
    )
    decision_service.save_decision(
        db,
        jorgen,
        outcome="refused",
        service="El-kørestol",
        legal_basis=JORGEN.secrets[3],
        justification=JORGEN.secrets[1],
        annual_cost_ore=COSTS_ORE[JORGEN],
    )
    decision_service.save_decision(
        db,
        amira,
        outcome="postponed",
        missing_information="Udtalelse fra ergoterapeuten",
        missing_by=dt.date(2027, 1, 15),
        legal_basis=AMIRA.secrets[3],
        justification=AMIRA.secrets[1],
        annual_cost_ore=COSTS_ORE[AMIRA],
    )
    items = [approve.id, follow_up.id, *cases, last.id]
    return Meeting(meeting.id, items, owner)


@pytest.fixture
def meeting(db) -> Meeting:
    return build_meeting(db)


def assert_private(text: str, citizen: Citizen | None) -> None:
    """`text` (all a screen shows) holds `citizen`'s name and nothing of anyone else."""
    if citizen is not None:
        assert citizen.name in text
    for other in CITIZENS:
        if other is not citizen:
            for part in name_parts(other):
                assert part not in text, f"{part!r} shown on the screen of {citizen}"
            assert other.applied_for not in text
        for secret in other.secrets:
            assert secret not in text
        assert other.cpr not in text and other.cpr.replace("-", "") not in text
        assert other.cpr[:6] not in text  # not even the date of birth
    assert not CPR_PATTERN.search(text)
    assert "kr." not in text
    for cost in COSTS_ORE.values():
        assert str(cost // 100) not in text.replace(".", "")
    assert "§" not in text  # no legal references
    assert "Klagen" not in text and "tolk" not in text  # typed standard titles


# -- the content (no Qt) --------------------------------------------------------------------


def test_every_item_shows_only_its_own_citizen(db, meeting):
    dossier = load_dossier(db, meeting.id)
    for item_id in meeting.items:
        content = build_citizen_screen(dossier, item_id)
        citizen = meeting.owner.get(item_id)
        assert_private("\n".join(content.texts()), citizen)
        assert content.personal == (citizen is not None)


def test_standard_items_show_a_neutral_page(db, meeting):
    dossier = load_dossier(db, meeting.id)
    approve = build_citizen_screen(dossier, meeting.items[0])
    assert approve.title_lines == ("Visitationsudvalget Ældre", "torsdag 3. december 2026")
    assert approve.now_line == "Godkendelse af dagsorden"
    assert approve.status_line == "Mødet begynder kl. 09:00"
    assert approve.agenda_lines == () and approve.decided_lines == ()
    # A standard item appears by its kind, never by the title typed for it.
    assert build_citizen_screen(dossier, meeting.items[1]).now_line == "Opfølgning på sidste møde"
    assert build_citizen_screen(dossier, meeting.items[-1]).now_line == "Andet punkt"


def test_the_citizens_agenda_counts_other_cases_without_naming_them(db, meeting):
    dossier = load_dossier(db, meeting.id)
    karen_1 = meeting.items[2]
    content = build_citizen_screen(dossier, karen_1)
    assert content.title_lines[0] == "Karen Jensen"
    assert content.now_line == "Din sag: Rengøring"
    texts = [line.text for line in content.agenda_lines]
    assert texts == [
        "Godkendelse af dagsorden",
        "Opfølgning på sidste møde",
        "Din sag: Rengøring",
        "2 andre borgeres sager",
        "Din sag: Madservice",  # her second case: the same CPR number
        "Andet punkt",
    ]
    assert [line.current for line in content.agenda_lines] == [0, 0, 1, 0, 0, 0]
    assert [line.own for line in content.agenda_lines] == [0, 0, 1, 0, 1, 0]
    assert all(line.time for line in content.agenda_lines)
    jorgen = build_citizen_screen(dossier, meeting.items[3])
    assert [line.text for line in jorgen.agenda_lines][2:5] == [
        "En anden borgers sag",
        "Din sag: El-kørestol",
        "2 andre borgeres sager",
    ]


def test_decisions_in_plain_words(db, meeting):
    dossier = load_dossier(db, meeting.id)
    karen = build_citizen_screen(dossier, meeting.items[2])
    assert karen.decided_lines == (
        "Din sag: Rengøring",
        "Du får bevilget praktisk hjælp.",
        "Hvor meget: 1 time hver 14. dag",
        "Det gælder fra den 4. januar 2027.",
        "Du får også afgørelsen i et brev.",
    )
    jorgen = build_citizen_screen(dossier, meeting.items[3])
    assert jorgen.decided_lines == (
        "Du får ikke bevilget el-kørestol.",
        "Du får et brev om hvorfor, og om hvordan du kan klage.",
    )
    amira = build_citizen_screen(dossier, meeting.items[4])
    assert amira.decided_lines == (
        "Vi skal vide mere, før vi kan beslutte noget.",
        "Det mangler vi: Udtalelse fra ergoterapeuten",
        "Vi regner med at have det senest den 15. januar 2027.",
    )


def test_nothing_is_decided_while_there_is_no_outcome(db, meeting):
    karen_2 = meeting.items[5]
    decision_service.save_decision(db, karen_2, service="Madservice", extent="Hver dag")
    item = next(i for i in load_dossier(db, meeting.id).items if i.id == karen_2)
    assert decision_in_plain_words(item) == ()
    # Karen's screen on her second case still tells what was decided on the first.
    content = build_citizen_screen(load_dossier(db, meeting.id), karen_2)
    assert "Du får bevilget praktisk hjælp." in content.decided_lines
    assert not any("Madservice" in line for line in content.decided_lines[1:])


def test_a_cpr_number_typed_into_free_text_is_blanked(db, meeting):
    karen_1 = meeting.items[2]
    decision_service.save_decision(db, karen_1, extent="Som aftalt med 0101401234 i telefonen")
    content = build_citizen_screen(load_dossier(db, meeting.id), karen_1)
    assert f"Hvor meget: Som aftalt med {CPR_BLANKED} i telefonen" in content.decided_lines
    assert blank_cpr("010140-1234 og 010140 1234") == f"{CPR_BLANKED} og {CPR_BLANKED}"
    assert blank_cpr("Sag 27.12.04-G01-1-26, 12345678901") == "Sag 27.12.04-G01-1-26, 12345678901"


def test_status_follows_the_meeting(db, meeting):
    meeting_service.start_meeting(db, meeting.id)
    content = build_citizen_screen(load_dossier(db, meeting.id), meeting.items[0])
    assert content.status_line == "Mødet er i gang"
    moment = dt.datetime.now(dt.UTC)
    timing_service.pause_meeting(db, meeting.id, moment)
    content = build_citizen_screen(load_dossier(db, meeting.id), meeting.items[2])
    assert content.status_line == "Vi holder en kort pause"
    timing_service.resume_meeting(db, meeting.id, moment + dt.timedelta(minutes=5))
    content = build_citizen_screen(load_dossier(db, meeting.id), meeting.items[2])
    assert content.status_line == "Mødet er i gang"
    meeting_service.end_meeting(db, meeting.id)
    content = build_citizen_screen(load_dossier(db, meeting.id), meeting.items[2])
    assert content.status_line == "Mødet er slut"
    assert build_citizen_screen(None, None).texts()[0] == "Mødet"


# -- the window ------------------------------------------------------------------------------


MODIFIERS_CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def all_label_texts(widget: QWidget) -> str:
    """Every QLabel's text anywhere in the window, shown or hidden."""
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


@pytest.fixture
def view(qtbot, db, meeting) -> DuringView:
    widget = DuringView(db)
    qtbot.addWidget(widget, before_close_func=DuringView.discard_unsaved)
    widget.resize(1100, 650)
    widget.set_meeting(meeting.id)
    return widget


@pytest.fixture
def screen(qtbot, view) -> CitizenScreen:
    view.show()
    qtbot.mouseClick(view.citizen_screen.button, Qt.MouseButton.LeftButton)
    screen = view.citizen_screen.screen
    assert screen is not None and screen.isVisible()
    yield screen
    screen.close()


def test_the_window_shows_only_the_current_citizen_on_every_item(qtbot, view, meeting, screen):
    for item_id in meeting.items:
        view.go_to_item(item_id)
        assert view.current_item_id() == item_id
        citizen = meeting.owner.get(item_id)
        if view.citizen_screen.reveal_button.isVisibleTo(view):
            # Moved on to another citizen: nobody's name until the chair shows it to them.
            assert_private(all_label_texts(screen), None)
            view.citizen_screen.reveal()
        text = all_label_texts(screen)
        assert_private(text, citizen)
        assert_private("\n".join(screen.content.texts()), citizen)
        if citizen is not None:
            assert "Det taler vi om nu" in screen.visible_texts()
            assert "Din del af mødet" in screen.visible_texts()


def test_moving_to_the_next_item_updates_the_screen(qtbot, view, meeting, screen):
    view.go_to_item(meeting.items[2])
    assert "Karen Jensen" in screen.visible_texts()
    qtbot.waitUntil(view.isActiveWindow)  # opening the screen left the keyboard with the chair
    view.panel.notes.setFocus()
    qtbot.keyClick(view.panel.notes, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.current_item_id() == meeting.items[3]
    # Karen may still be in the room: the screen waits, naming nobody, until the chair
    # shows it to Jørgen (Ctrl+Shift+B or the button).
    assert "Karen Jensen" not in all_label_texts(screen)
    assert "Jørgen Ølgaard" not in all_label_texts(screen)
    assert view.citizen_screen.reveal_button.isVisibleTo(view)
    qtbot.keyClick(view.panel.notes, Qt.Key.Key_B, MODIFIERS_CTRL_SHIFT)
    shown = screen.visible_texts()
    assert "Jørgen Ølgaard" in shown and "Din sag: El-kørestol" in shown
    assert not view.citizen_screen.reveal_button.isVisibleTo(view)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert "Amira Hassan" not in all_label_texts(screen)
    qtbot.mouseClick(view.citizen_screen.reveal_button, Qt.MouseButton.LeftButton)
    assert "Amira Hassan" in screen.visible_texts()
    assert "Jørgen Ølgaard" not in all_label_texts(screen)


def test_the_decision_appears_in_plain_words_once_saved(qtbot, db, view, meeting, screen):
    karen_2 = meeting.items[5]
    view.go_to_item(karen_2)
    form = view.panel.decision
    assert "Du får bevilget madservice." not in screen.visible_texts()
    qtbot.keyClicks(form.service, "Madservice")
    qtbot.keyClicks(form.extent, "Varm mad hver dag")
    qtbot.keyClicks(form.justification, "Kan ikke selv lave mad")
    qtbot.waitUntil(
        lambda: (d := decision_service.get_decision(db, karen_2)) and d.extent, timeout=SAVED
    )
    # No outcome yet: nothing decided on this case (the first case's decision is there).
    assert not any("madservice" in text.lower() for text in screen.content.decided_lines)
    qtbot.keyClicks(form.outcome, "Bevilget")
    qtbot.waitUntil(lambda: "Du får bevilget madservice." in screen.visible_texts(), timeout=SAVED)
    shown = screen.visible_texts()
    assert "Hvor meget: Varm mad hver dag" in shown
    assert "Kan ikke selv lave mad" not in all_label_texts(screen)


def test_nothing_decided_is_said_plainly(qtbot, db, view, meeting, screen):
    view.go_to_item(meeting.items[5])
    view.go_to_item(meeting.items[2])
    view.go_to_item(meeting.items[4])
    view.citizen_screen.reveal()
    assert "Der er ikke besluttet noget endnu." not in screen.visible_texts()
    decision_service.save_decision(db, meeting.items[4], outcome=None)
    view.changed.emit()
    assert "Der er ikke besluttet noget endnu." in screen.visible_texts()


def test_ctrl_b_opens_and_closes_the_screen_and_f11_makes_it_full_screen(qtbot, view):
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    qtbot.keyClick(view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    screen = view.citizen_screen.screen
    assert screen is not None and screen.isVisible()
    assert view.citizen_screen.button.isChecked()
    assert not screen.isFullScreen()  # one screen only: an ordinary window
    qtbot.keyClick(screen, Qt.Key.Key_F11)
    assert screen.isFullScreen()
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert not screen.isFullScreen()
    qtbot.waitUntil(view.isActiveWindow)  # the chair's keys still reach the chair's window
    qtbot.keyClick(view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not screen.isVisible()
    assert not view.citizen_screen.button.isChecked()
    qtbot.mouseClick(view.citizen_screen.button, Qt.MouseButton.LeftButton)
    assert screen.isVisible()
    screen.close()  # its own close button: the chair's button follows
    assert not view.citizen_screen.button.isChecked()


def test_the_shortcut_is_in_the_overview(view):
    assert ("Ctrl+B", "Åbn eller luk borgerskærmen") in view.shortcuts()
    assert "Ctrl+B" in view.citizen_screen.button.toolTip()


def test_a_second_screen_is_chosen_when_there_is_one():
    own, projector = object(), object()
    assert choose_screen([own, projector], own) is projector
    assert choose_screen([own], own) is None


def test_fonts_are_large_and_grow_with_the_window(qtbot, view, meeting, screen):
    view.go_to_item(meeting.items[2])
    screen.resize(1366, 768)
    small = screen.now_label.font().pixelSize()
    screen.resize(1920, 1080)
    large = screen.now_label.font().pixelSize()
    assert small >= 28 and large > small


def test_only_the_first_line_of_the_application_is_the_headline(db, meeting):
    jorgen = meeting.items[3]
    case_id = next(i for i in load_dossier(db, meeting.id).items if i.id == jorgen).case.id
    case_service.update_case(db, case_id, applied_for="El-kørestol\nSagsbehandlers uddybning")
    content = build_citizen_screen(load_dossier(db, meeting.id), jorgen)
    assert content.now_line == "Din sag: El-kørestol"
    assert "uddybning" not in "\n".join(content.texts())


def test_long_decisions_still_fit_the_screen(qtbot, db, view, meeting, screen):
    karen_1 = meeting.items[2]
    decision_service.save_decision(
        db,
        karen_1,
        service="Praktisk hjælp: rengøring af køkken, badeværelse og gulve samt tøjvask og "
        "indkøb (ansøgt: rengøring hver uge og hjælp til at gå i bad), med støtte til selv at "
        "klare mest muligt af de daglige gøremål i eget tempo sammen med hjemmeplejen",
        extent="Rengøring 1 time hver 14. dag, tøjvask 30 min. hver uge med bæring til og fra "
        "kælderen, indkøbsordning 1 gang om ugen og hjælp til at skifte sengetøj hver 14. dag; "
        "hjælpen gives af det samme faste team på hverdage mellem kl. 8 og 15",
        valid_from=dt.date(2027, 1, 4),
        review_date=dt.date(2027, 6, 1),
        outcome="partly_granted",
    )
    for size in ((1366, 768), (1024, 768), (800, 600)):  # 4:3 projectors too
        view.go_to_item(meeting.items[0])
        screen.resize(*size)
        qtbot.waitUntil(lambda size=size: screen.width() == size[0])
        view.go_to_item(karen_1)  # the new text is fitted to the window as it is
        qtbot.wait(50)  # the layout settles
        assert_fits(screen)


def assert_fits(screen: CitizenScreen) -> None:
    for label in screen.findChildren(QLabel):
        if label.isVisibleTo(screen) and label.text():
            bottom = label.mapTo(screen, label.rect().bottomLeft()).y()
            assert bottom <= screen.height(), label.text()
            if label.wordWrap():  # not squeezed: every wrapped line has its room
                assert label.height() >= label.heightForWidth(label.width()) - 2, label.text()


def test_the_screen_waits_for_the_chair_before_showing_the_next_citizen(db, meeting):
    from visitation_app.domain.citizen_view import key_of_item

    dossier = load_dossier(db, meeting.id)
    karen, jorgen = meeting.items[2], meeting.items[3]
    shown_to_karen = key_of_item(dossier, karen)
    held = build_citizen_screen(dossier, jorgen, shown_to_karen)
    assert not held.personal
    assert_private("\n".join(held.texts()), None)
    shown = build_citizen_screen(dossier, jorgen, key_of_item(dossier, jorgen))
    assert shown.personal and "Jørgen Ølgaard" in shown.texts()
    # Karen's second case is still Karen's: no need to wait.
    assert build_citizen_screen(dossier, meeting.items[5], shown_to_karen).personal


def test_showing_on_a_standard_item_does_not_let_the_next_citizen_through(
    qtbot, view, meeting, screen
):
    view.go_to_item(meeting.items[2])  # Karen, shown (the first citizen after opening)
    assert "Karen Jensen" in screen.visible_texts()
    view.go_to_item(meeting.items[1])  # a standard item
    view.citizen_screen.reveal()  # pressed by mistake: there is no citizen to show it to
    view.go_to_item(meeting.items[3])  # Jørgen: still waits for the chair
    assert "Jørgen Ølgaard" not in all_label_texts(screen)
    assert view.citizen_screen.reveal_button.isVisibleTo(view)
