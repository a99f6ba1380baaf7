"""The one translation mechanism for every layer: windows, PDFs and the command line.

Message ids are English; the Danish catalog (the default language) lives in
resources/locale/da/LC_MESSAGES/visitation_app.po and is compiled to a .mo beside it.
Nothing here imports Qt, so the domain and the documents can be translated too.
"""

from __future__ import annotations

import gettext
import os

from visitation_app.assets import get_asset

DOMAIN = "visitation_app"
DEFAULT_LANGUAGE = "da"
SUPPORTED_LANGUAGES = ("da", "en")

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def locale_dir() -> str:
    return str(get_asset("locale"))


def set_language(language: str | None = None) -> str:
    """Switch every later `_()` to `language` (default: $VISITATION_APP_LANG or Danish).

    Returns the language actually in use; an unknown code falls back to Danish.
    """
    global _translations, _language
    wanted = (language or os.environ.get("VISITATION_APP_LANG") or DEFAULT_LANGUAGE).lower()
    wanted = wanted.split("_")[0].split("-")[0]
    if wanted not in SUPPORTED_LANGUAGES:
        wanted = DEFAULT_LANGUAGE
    if wanted == "en":
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(
            DOMAIN, localedir=locale_dir(), languages=[wanted], fallback=True
        )
    _language = wanted
    return wanted


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate a short message that needs a context to be unambiguous."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it now (translated where shown)."""
    return message


set_language()
