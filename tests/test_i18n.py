"""One translation mechanism: every message in the code has its Danish translation."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

from babel.messages.mofile import write_mo

from visitation_app.i18n import _, current_language, set_language

ROOT = Path(__file__).resolve().parent.parent


def _i18n_script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_has_a_danish_translation():
    assert _i18n_script().untranslated("da") == []


def test_the_compiled_catalog_matches_the_po_file():
    script = _i18n_script()
    compiled = io.BytesIO()
    write_mo(compiled, script.read("da"), use_fuzzy=False)
    assert script.po_path("da").with_suffix(".mo").read_bytes() == compiled.getvalue(), (
        "run: python scripts/i18n.py compile"
    )


def test_danish_is_the_default_and_english_is_available(monkeypatch):
    monkeypatch.delenv("VISITATION_APP_LANG", raising=False)
    assert set_language() == "da"
    assert _("Granted") == "Bevilget"
    assert set_language("en") == "en"
    assert _("Granted") == "Granted"
    assert set_language("da_DK.UTF-8") == "da"
    assert set_language("klingon") == "da"
    assert current_language() == "da"
