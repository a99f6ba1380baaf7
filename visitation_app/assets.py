"""Finds files under resources/, from the source tree or inside a packaged bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The resources folder: $VISITATION_APP_RESOURCES, a PyInstaller bundle, or the source tree."""
    override = os.environ.get("VISITATION_APP_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def get_asset(*parts: str) -> Path:
    """Path of a resource file, e.g. get_asset("fonts", "DejaVuSans.ttf")."""
    return resources_dir().joinpath(*parts)
