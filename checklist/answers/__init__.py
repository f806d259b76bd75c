"""A unit's answers: the file format, reading it, editing it, and answer values."""

from checklist.answers.lock import LockedError
from checklist.answers.model import Answers, EvidenceEntry, ItemAnswer, Profile, Rectification
from checklist.answers.reading import answers_from_bytes, read_answers
from checklist.answers.session import AnswersStore, ChangedOnDiskError, EvidenceInUseError

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
    "answers_from_bytes",
    "read_answers",
]
