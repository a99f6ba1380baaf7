"""The municipality's own data files (catalog, tariffs, conversation guides): what was wrong
in them when they were read. A file with problems is not used; the shipped one is."""

from __future__ import annotations

from visitation_app.catalog import CatalogProblem
from visitation_app.services.involvement import current_guides
from visitation_app.services.legal import current_catalog


def data_file_problems() -> list[CatalogProblem]:
    """Every problem found in the municipality's files, each with file, place and what."""
    return [*current_catalog().problems, *current_guides().problems]
