"""What an installed program needs is declared: every package, and the resources inside it."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_on_disk_is_declared_for_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = set(config["tool"]["setuptools"]["packages"])
    on_disk = {  # every folder of Python files, migration scripts included
        ".".join(module.parent.relative_to(ROOT).parts)
        for module in (ROOT / "visitation_app").rglob("*.py")
    }
    assert declared - {"visitation_app.resources"} == on_disk
    assert config["tool"]["setuptools"]["package-dir"] == {"visitation_app.resources": "resources"}


def test_the_resources_the_program_loads_are_there():
    from visitation_app.assets import get_asset

    for parts in (
        ("fonts", "DejaVuSans.ttf"),
        ("fonts", "DejaVuSans-Bold.ttf"),
        ("fonts", "DejaVuSans-Oblique.ttf"),
        ("fonts", "DejaVuSans-BoldOblique.ttf"),
        ("fonts", "LICENSE-DejaVu.txt"),
        ("locale", "da", "LC_MESSAGES", "visitation_app.mo"),
        ("demo", "demo_da.json"),
    ):
        assert get_asset(*parts).is_file(), parts
