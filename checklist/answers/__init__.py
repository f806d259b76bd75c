"""A unit's answers: the file format, its store on disk, and answer values."""

from checklist.answers.lock import LockedError
from checklist.answers.model import Answers, EvidenceEntry, ItemAnswer, Profile, Rectification
from checklist.answers.store import (
    AnswersStore,
    ChangedOnDiskError,
    EvidenceInUseError,
    read_answers,
)

__all__ = [
    "Answers",
    "AnswersStore",
    "ChangedOnDiskError",
    "EvidenceEntry",
    "EvidenceInUseError",
    "ItemAnswer",
    "LockedError",
    "Profile",
    "Rectification",
    "read_answers",
]
