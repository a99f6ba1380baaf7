"""Keep the translation catalogs in step with the code.

    python scripts/i18n.py update    # extract every _() string, merge into each .po
    python scripts/i18n.py compile   # .po -> .mo (the app reads the .mo)
    python scripts/i18n.py check     # list messages without a translation; exit 1 if any

Message ids are English; Danish (da) is the default language of the app.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "visitation_app"
LANGUAGES = ("da",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    template = Catalog(project=DOMAIN, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "visitation_app"),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
    ):
        template.add(
            message,
            None,
            [(f"visitation_app/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def read(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, project=DOMAIN, charset="utf-8")
    with path.open("rb") as stream:
        return read_po(stream, locale=language)


def update() -> None:
    template = extract()
    for language in LANGUAGES:
        catalog = read(language)
        catalog.update(template, no_fuzzy_matching=True)
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as stream:
            write_po(
                stream,
                catalog,
                width=100,
                omit_header=False,
                sort_output=False,
                ignore_obsolete=True,
                include_previous=False,
            )
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages")


def compile_all() -> None:
    for language in LANGUAGES:
        catalog = read(language)
        target = po_path(language).with_suffix(".mo")
        with target.open("wb") as stream:
            write_mo(stream, catalog, use_fuzzy=False)
        print(f"{target.relative_to(ROOT)} written")


def untranslated(language: str) -> list[str]:
    catalog = read(language)
    ids = {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in extract()
        if message.id
    }
    missing = []
    for message_id in sorted(ids):
        message = catalog.get(message_id) or next(
            (
                m
                for m in catalog
                if m.id
                and (m.id == message_id or (isinstance(m.id, tuple) and m.id[0] == message_id))
            ),
            None,
        )
        if (
            message is None
            or not message.string
            or message.fuzzy
            or (isinstance(message.string, tuple) and not all(message.string))
        ):
            missing.append(message_id)
    return missing


def check() -> int:
    status = 0
    for language in LANGUAGES:
        missing = untranslated(language)
        for message_id in missing:
            print(f"{language}: untranslated: {message_id!r}")
        status |= bool(missing)
    return status


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        sys.exit(check())
    else:
        sys.exit(__doc__)
