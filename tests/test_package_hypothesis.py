"""The importer against random and hostile input (hypothesis): whatever the file holds, the
importer raises nothing but PackageError, never stores half an import, and what it does
accept can be exported again as a valid package."""

from __future__ import annotations

import copy
import json
import shutil
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from package_support import as_bytes, export_bytes, new_database, row_counts, small_meeting
from sqlalchemy import text

from visitation_app.domain.package_paths import PackageError
from visitation_app.services.meeting_package_import import import_package
from visitation_app.services.meeting_package_parse import open_package
from visitation_app.store.database import open_database

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

HOSTILE_CHARACTERS = 'aæøåÅ \t\n\r\x00\x07\x1b\x7f\u200b\u202e\ufeff🙂👩‍⚕️𝕏\ud800€§"\\{}[]'

hostile_text = st.text(alphabet=HOSTILE_CHARACTERS, max_size=40)
huge_text = st.builds(
    lambda piece, size: (piece or "x") * (size // max(1, len(piece or "x")) + 1),
    st.text(alphabet=HOSTILE_CHARACTERS, min_size=1, max_size=5),
    st.sampled_from([301, 200_001, 100_000]),
)
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | hostile_text
)
random_json = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=25,
)
special_values = st.sampled_from(
    [
        "SEL-999",
        "AEL-10",
        "2026-02-30",
        "0000-00-00",
        "9999-12-31",
        "1899-12-31",
        "2026-12-03T25:00:00+00:00",
        "2026-12-03T09:00:00",
        "311399-1234",
        "25:61",
        "",
        " ",
        "granted",
        "case",
        "nan",
        "1e309",
        "-1",
        "2.555",
        "00000000-0000-4000-8000-000000000000",
        "%PDF-",
        "JVBERi0=",
        -1,
        0,
        9,
        481,
        10**15,
        1.5,
        True,
        [],
        {},
    ]
)


def _slots(value: Any, found: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key) of the document, the document's own keys included."""
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            for key, inner in current.items():
                found.append((current, key))
                stack.append(inner)
        elif isinstance(current, list):
            for index, inner in enumerate(current):
                found.append((current, index))
                stack.append(inner)
    return found


def _uids(document: dict) -> list[str]:
    return [c[k] for c, k in _slots(document, []) if k == "uid" and isinstance(c[k], str)]


@st.composite
def hostile_packages(draw, document: dict) -> bytes:
    """A valid package with one to four hostile changes at random places."""
    changed = copy.deepcopy(document)
    for _round in range(draw(st.integers(min_value=1, max_value=4))):
        slots = _slots(changed, [])
        container, key = draw(st.sampled_from(slots))
        action = draw(
            st.sampled_from(["replace", "huge", "special", "delete", "add", "uid", "random"])
        )
        if action == "delete":
            container.pop(key) if isinstance(container, dict) else container.pop(key)
        elif action == "add" and isinstance(container, dict):
            container[draw(hostile_text)] = draw(json_scalars)
        elif action == "uid":
            container[key] = draw(st.sampled_from(_uids(changed) or ["x"]))
        elif action == "huge":
            container[key] = draw(huge_text)
        elif action == "special":
            container[key] = draw(special_values)
        elif action == "random":
            container[key] = draw(random_json)
        else:
            container[key] = draw(hostile_text)
    if draw(st.booleans()):
        return json.dumps(changed).encode("ascii")  # lone surrogates as \ud800 escapes
    try:
        return as_bytes(changed)
    except UnicodeEncodeError:
        return json.dumps(changed).encode("ascii")


@pytest.fixture(scope="module")
def valid(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("valid")
    db = new_database(folder, "source.db")
    small = small_meeting(db)
    data = export_bytes(db, small.meeting_id, folder)
    db.close()
    return json.loads(data)


def _import_safely(db, data: bytes, folder) -> None:
    """The property: PackageError and nothing stored, or an import that exports again."""
    before = row_counts(db)
    try:
        report = import_package(db, data)
    except PackageError as error:
        event("refused")
        assert error.problems and all(str(problem) for problem in error.problems)
        assert row_counts(db) == before
        return
    event("accepted")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_key_check")).fetchall() == []
    open_package(export_bytes(db, report.meeting_id, folder))


@SETTINGS
@given(data=st.data())
def test_hostile_packages_into_an_empty_database(valid, db, tmp_path, data):
    _import_safely(db, data.draw(hostile_packages(valid)), tmp_path)


@pytest.fixture(scope="module")
def holding(valid, tmp_path_factory):
    """A database file that has the meeting (imported, so with a base), to copy from."""
    folder = tmp_path_factory.mktemp("holding")
    db = new_database(folder, "holding.db")
    import_package(db, as_bytes(valid))
    db.close()
    return folder / "holding.db"


@SETTINGS
@given(data=st.data())
def test_hostile_packages_into_the_database_that_has_the_meeting(
    valid, holding, tmp_path_factory, data
):
    folder = tmp_path_factory.mktemp("has")
    shutil.copyfile(holding, folder / "has.db")
    db = open_database(folder / "has.db")
    try:
        _import_safely(db, data.draw(hostile_packages(valid)), folder)
    finally:
        db.close()


@SETTINGS
@given(value=random_json)
def test_random_json_is_refused_plainly(db, value):
    before = row_counts(db)
    with pytest.raises(PackageError):
        import_package(db, json.dumps(value).encode("utf-8"))
    assert row_counts(db) == before


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_random_bytes_are_refused_plainly(db, data):
    with pytest.raises(PackageError):
        import_package(db, data)


FREE_TEXTS = {"notes", "summary", "answer", "reason", "description", "justification", "owner"}


@st.composite
def edited_texts(draw, document: dict) -> dict:
    """The package with free texts replaced by hostile (but acceptable) ones."""
    changed = copy.deepcopy(document)
    slots = [(c, k) for c, k in _slots(changed, []) if k in FREE_TEXTS and isinstance(c[k], str)]
    for container, key in draw(st.lists(st.sampled_from(slots), min_size=1, max_size=5)):
        container[key] = draw(hostile_text)
    return changed


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_control_characters_and_emoji_in_free_texts_are_cleaned_not_refused(
    valid, holding, tmp_path_factory, data
):
    folder = tmp_path_factory.mktemp("texts")
    shutil.copyfile(holding, folder / "texts.db")
    db = open_database(folder / "texts.db")
    try:
        report = import_package(db, json.dumps(data.draw(edited_texts(valid))).encode("ascii"))
        again = export_bytes(db, report.meeting_id, folder)
        for value in json.loads(again).values():
            assert "\x00" not in json.dumps(value, ensure_ascii=False)
        assert import_package(db, again).updated == 0  # already clean: nothing to change
    finally:
        db.close()
