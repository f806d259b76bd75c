"""Messages widgets post upwards; the main screen saves through the store."""

from __future__ import annotations

import datetime as dt

from textual.message import Message

# What an answer widget hands up: the same shapes as checklist.answers.model.Value,
# or None to clear the answer.
AnswerValue = bool | int | float | dt.date | str | list[str] | None


class AnswerChanged(Message):
    """The user gave (or cleared, with None) a valid answer to an item."""

    def __init__(self, item_id: str, value: AnswerValue) -> None:
        super().__init__()
        self.item_id = item_id
        self.value = value


class NotApplicableToggled(Message):
    """The user ticked or unticked 不适用."""

    def __init__(self, item_id: str, on: bool) -> None:
        super().__init__()
        self.item_id = item_id
        self.on = on


class NoteChanged(Message):
    def __init__(self, item_id: str, text: str) -> None:
        super().__init__()
        self.item_id = item_id
        self.text = text


class FigureChanged(Message):
    """One entry of 工作情况和数字说明 changed."""

    def __init__(self, item_id: str, name: str, text: str) -> None:
        super().__init__()
        self.item_id = item_id
        self.name = name
        self.text = text


class EvidenceCited(Message):
    """The evidence entries an item's answer cites changed."""

    def __init__(self, item_id: str, numbers: list[int]) -> None:
        super().__init__()
        self.item_id = item_id
        self.numbers = numbers


class NewEvidenceRequested(Message):
    """The user wants to add an entry to the evidence index and cite it here."""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id
