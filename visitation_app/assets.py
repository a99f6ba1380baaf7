"""Finds files under resources/, from the source tree or inside a packaged bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The resources folder, looked for in this order.

    $VISITATION_APP_RESOURCES; a PyInstaller bundle; an installed wheel, which carries
    resources/ inside the package (see pyproject.toml); the source tree (and editable installs).
    """
    override = os.environ.get("VISITATION_APP_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"


def get_asset(*parts: str) -> Path:
    """Path of a resource file, e.g. get_asset("fonts", "DejaVuSans.ttf")."""
    return resources_dir().joinpath(*parts)
