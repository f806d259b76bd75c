"""The parts a report is laid out in, side by side, one process each.

WeasyPrint lays a document out in one thread, and laying out a 40-page report takes
most of the time a report takes. So the report is cut where it starts a new page
anyway (after the main text, before each area's scoring sheet of 附件1, before 附件2),
each part is laid out as a document of its own in a process of its own
(report/side_by_side.py), and the parts' pages are put together again (assemble.py).
A part starts at the top of a page, so its pages come out as they would in one
document.

The cut depends only on the report, never on the machine: each part's fonts list
the widths and characters of the glyphs that part prints, and `checklist verify`
compares what each page draws, fonts included, with a report made again elsewhere.
There are always `PARTS` parts: the two cores of the smallest machine this runs on,
and little set-up repeated per part.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

PARTS = 2


@dataclass(frozen=True)
class Part:
    """A run of the report's pages that starts on a page of its own."""

    front: bool = False  # the cover and the main text (一 to 五, the signatures)
    areas: range = range(0)  # the areas of 附件1, by their index
    evidence: bool = False  # 附件2

    def __add__(self, other: Part) -> Part:
        """This part followed by `other`, as one part."""
        if not self.areas:
            areas = other.areas
        elif not other.areas:
            areas = self.areas
        else:
            areas = range(self.areas.start, other.areas.stop)
        return Part(self.front or other.front, areas, self.evidence or other.evidence)


def whole(areas: int) -> Part:
    return Part(front=True, areas=range(areas), evidence=True)


def units(areas: int) -> list[Part]:
    """The smallest parts of a report whose 附件1 has `areas` areas, in page order."""
    return [
        Part(front=True),
        *(Part(areas=range(i, i + 1)) for i in range(areas)),
        Part(evidence=True),
    ]


def plan(areas: int, weight: Callable[[Part], int], count: int = PARTS) -> list[Part]:
    """The report cut into `count` parts (fewer if it has fewer units) of about equal
    `weight`, the work of laying a part out: the cut whose heaviest part is lightest.
    Weights count from that of an empty part (what every part repeats)."""
    pieces = units(areas)
    empty = weight(Part())
    weights = [weight(piece) - empty for piece in pieces]

    def heaviest(bounds: Sequence[int]) -> int:
        return max(sum(weights[a:b]) for a, b in itertools.pairwise(bounds))

    cuts = itertools.combinations(range(1, len(pieces)), min(count, len(pieces)) - 1)
    bounds = min(([0, *cut, len(pieces)] for cut in cuts), key=heaviest)
    return [sum(pieces[a + 1 : b], pieces[a]) for a, b in itertools.pairwise(bounds)]
