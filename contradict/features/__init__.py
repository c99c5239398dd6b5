"""Checkable features of a claim: quantities, dates, legal references, cues and frames."""

from .cues import Cues, extract_cues, frames_for
from .dates import DateRef, date_bounds, extract_dates
from .legal import LegalRef, extract_legal_refs
from .quantities import Quantity, extract_quantities

FEATURES_VERSION = "5"

__all__ = [
    "FEATURES_VERSION", "Cues", "DateRef", "LegalRef", "Quantity", "date_bounds", "extract_cues",
    "extract_dates", "extract_legal_refs", "extract_quantities", "frames_for",
]
