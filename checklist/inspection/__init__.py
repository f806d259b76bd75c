"""The inspection team's side (验收): an inspection file bound to a unit's report,
its 验收分, 扣分原因 and 验收意见, proposals from what the team finds, and the 验收总分.

No UI and no PDF engine here (import-linter): the app's inspector mode and the
验收评分表 are built on this package.
"""

from checklist.inspection.known import is_inspection, is_inspection_file
from checklist.inspection.model import (
    Bound,
    Found,
    Inspection,
    ItemInspection,
    Opinions,
    Record,
    Team,
)
from checklist.inspection.record import Reported
from checklist.inspection.rules import (
    FoundField,
    found_fields,
    inspected_items,
    inspected_score,
    inspected_total,
    propose,
    read_found,
    read_score,
    reason_missing,
    score_decimals,
    score_problem,
    settled,
)
from checklist.inspection.store import (
    InspectionStore,
    default_path,
    inspection_from_bytes,
    read_inspection,
)

__all__ = [
    "Bound",
    "Found",
    "FoundField",
    "Inspection",
    "InspectionStore",
    "ItemInspection",
    "Opinions",
    "Record",
    "Reported",
    "Team",
    "default_path",
    "found_fields",
    "inspected_items",
    "inspected_score",
    "inspected_total",
    "inspection_from_bytes",
    "is_inspection",
    "is_inspection_file",
    "propose",
    "read_found",
    "read_inspection",
    "read_score",
    "reason_missing",
    "score_decimals",
    "score_problem",
    "settled",
]
