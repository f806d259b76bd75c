"""Where a report is cut into the parts it is laid out in, side by side."""

from __future__ import annotations

from collections.abc import Callable

from checklist.report.pdf.parts import Part, plan, units


def test_units_are_the_front_each_area_and_the_evidence_in_page_order() -> None:
    assert units(2) == [
        Part(front=True),
        Part(areas=range(0, 1)),
        Part(areas=range(1, 2)),
        Part(evidence=True),
    ]


def weight_of(front: int, area: int, evidence: int, head: int = 0) -> Callable[[Part], int]:
    def weight(part: Part) -> int:
        return head + front * part.front + area * len(part.areas) + evidence * part.evidence

    return weight


def test_two_parts_of_about_equal_weight_cover_the_report_in_order() -> None:
    assert plan(4, weight_of(front=50, area=20, evidence=10)) == [  # 50 + 20 : 3 × 20 + 10
        Part(front=True, areas=range(0, 1)),
        Part(areas=range(1, 4), evidence=True),
    ]


def test_what_every_part_repeats_does_not_count() -> None:
    """Counted, the head of each piece would make the part of fewer pieces look lighter."""
    assert plan(4, weight_of(front=50, area=20, evidence=20, head=100)) == [
        Part(front=True, areas=range(0, 1)),
        Part(areas=range(1, 4), evidence=True),
    ]


def test_a_heavy_front_stands_alone() -> None:
    assert plan(3, weight_of(front=1000, area=10, evidence=10)) == [
        Part(front=True),
        Part(areas=range(0, 3), evidence=True),
    ]


def test_a_report_without_areas_still_has_its_front_and_evidence() -> None:
    assert plan(0, lambda part: 1) == [Part(front=True), Part(evidence=True)]


def test_more_parts_than_units_gives_one_part_per_unit() -> None:
    assert plan(1, lambda part: 1, count=5) == units(1)
