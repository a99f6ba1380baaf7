"""The reference catalog: legal bases, processing deadlines and tariffs, kept as versioned data.

The shipped files live in resources/catalog/; a municipality can replace or add entries with
files of the same name in the user's config folder (see `load_catalog`).
"""

from visitation_app.catalog.legal import Catalog, CatalogProblem, LegalBasis, ProcessingDeadline
from visitation_app.catalog.loader import (
    LEGAL_BASES_FILE,
    PROCESSING_DEADLINES_FILE,
    TARIFFS_FILE,
    load_catalog,
)
from visitation_app.catalog.tariffs import Tariff, TariffUnit, tariff_on

__all__ = [
    "LEGAL_BASES_FILE",
    "PROCESSING_DEADLINES_FILE",
    "TARIFFS_FILE",
    "Catalog",
    "CatalogProblem",
    "LegalBasis",
    "ProcessingDeadline",
    "Tariff",
    "TariffUnit",
    "load_catalog",
    "tariff_on",
]
