"""Messages widgets post upwards; the main screen saves through the store."""

from __future__ import annotations

from textual.message import Message

from checklist.answers.model import Value

# What an answer widget hands up: a value as the answers file holds it, or None to
# clear the answer.
AnswerValue = Value | None


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


class DetailsEdited(Message):
    """The note, the figures or the cited evidence shown for an item changed; the
    screen saves what is shown (see ItemDetail.live_state)."""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id


class NewEvidenceRequested(Message):
    """The user wants to add an entry to the evidence index and cite it here."""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id
