"""The evaluation standard: its TOML format, models and validation."""

from checklist.criteria.load import criteria_files, load_pack, load_standard, parse_pack
from checklist.criteria.model import Area, Indicator, Item, Pack

__all__ = [
    "Area",
    "Indicator",
    "Item",
    "Pack",
    "criteria_files",
    "load_pack",
    "load_standard",
    "parse_pack",
]
