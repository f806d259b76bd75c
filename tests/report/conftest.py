"""A fully answered unit and its report, rendered once per test session; a unit of a
small standard and its report, for the tests that do not need the sample's size; and
one part of a report laid out alone, for the tests of how some pages break.

`checklist verify` makes a report again to compare it page by page, and that remake
is a pure function of the answers' bytes, the standard, PDF/A or not, the day it was
made and the fonts. So in these tests verify remakes each report once per session:
the remakes are kept by those inputs (`remembered_remakes`), and a test of a tampered
copy of a report does not lay it out again; the text of a PDF verify has read once
(a remake, mostly) is kept by its bytes, for all the run's test processes. A test
marked `real_remake` goes the whole way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf
import pytest

from checklist.answers import AnswersStore
from checklist.criteria import load_pack, load_standard
from checklist.criteria.model import (
    ChoiceItem,
    CountItem,
    DateItem,
    DeductionsItem,
    Item,
    LevelItem,
    MultiChoiceItem,
    NumberItemBase,
    Pack,
    StepsItem,
    TextItem,
    ThresholdItem,
    YesNoItem,
)
from checklist.report.content import build_content
from checklist.report.fingerprint import ATTACHMENT_NAME
from checklist.report.pdf.parts import Part
from checklist.report.pdf.writer import Renderer
from checklist.report.verify import Remake
from tests.support.pdf_text import Run, runs_of, texts_of
from tests.support.shared import made_once

UNIT = "某省人力资源和社会保障厅机关工会"
INJECTED_NOTE = '<img src="file:///etc/hostname"> <style>body{display:none}</style> &amp; 完'
INJECTED_EVIDENCE = "<script>alert(1)</script>会议纪要"
ASSESSED_ON = dt.date(2026, 11, 24)


def good_value(item: Item, assessed_on: dt.date) -> object:
    """An answer that earns the item's full points."""
    if isinstance(item, YesNoItem):
        return True
    if isinstance(item, LevelItem):
        return max(item.levels, key=lambda lv: lv.ratio).label
    if isinstance(item, ChoiceItem):
        return max(item.options, key=lambda o: o.points).label
    if isinstance(item, MultiChoiceItem | DeductionsItem):
        return [o.label for o in item.options]
    if isinstance(item, ThresholdItem):
        return item.min if item.min is not None else item.max
    if isinstance(item, CountItem):
        return float(int(item.points / item.each) + 1)
    if isinstance(item, StepsItem):
        return item.target
    if isinstance(item, DateItem):
        return assessed_on - dt.timedelta(days=200)
    if isinstance(item, TextItem):
        return "本单位坚持把工会工作放在机关工作大局中谋划，形成了“一会一品”特色。"
    raise TypeError(type(item).__name__)


def weak_value(item: Item) -> object | None:
    """An answer below full points, or None when the kind has no such answer here."""
    if isinstance(item, YesNoItem):
        return False
    if isinstance(item, LevelItem):
        return sorted(item.levels, key=lambda lv: -lv.ratio)[1].label
    if isinstance(item, ChoiceItem):
        return min(item.options, key=lambda o: o.points).label
    if isinstance(item, DeductionsItem):
        return [o.label for o in item.options][1:]
    return None


def sample_figures(item: Item, index: int, value: object) -> dict[str, object]:
    """The figures the unit types, each of its type: the one the item is scored on
    holds `value`; counts are equal, so that checks across them hold."""
    figures: dict[str, object] = {}
    for figure in item.figures:
        if not figure.asked:
            continue
        if figure.name == item.own_figure:
            figures[figure.name] = int(value) if figure.type == "integer" else value  # type: ignore[call-overload]
        else:
            figures[figure.name] = {
                "text": f"{figure.name}情况{index}",
                "integer": 20 + index,
                "number": 12.5,
                "percent": 96.5,
                "date": dt.date(2026, 3, 1),
            }[figure.type]
    return figures


@dataclass(frozen=True)
class Sample:
    pack: Pack
    answers_path: Path
    veto_item: str
    weak_items: list[str]
    unanswered_item: str
    na_item: str | None
    injected_item: str


def sample_of(pack: Pack, path: Path) -> Sample:
    """The items of `pack` that the sample unit of `write_sample_answers` answers in
    its own ways, and `path`, where its answers are."""
    items = list(pack.items.values())
    veto_item = next(i for i in items if i.veto and weak_value(i) is not None)
    weak = [i for i in items if not i.veto and weak_value(i) is not None and not i.when][2:7]
    unanswered = next(
        i
        for i in items
        if i is not veto_item
        and i not in weak
        and i.scored
        and not i.when
        and not (isinstance(i, NumberItemBase) and i.from_profile)
        and not i.own_figure
    )
    na_item = next((i for i in items if i.allow_na and i is not veto_item and i not in weak), None)
    injected = next(i for i in items if i not in (veto_item, unanswered, na_item, *weak))
    return Sample(
        pack=pack,
        answers_path=path,
        veto_item=veto_item.id,
        weak_items=[i.id for i in weak],
        unanswered_item=unanswered.id,
        na_item=na_item.id if na_item else None,
        injected_item=injected.id,
    )


def write_sample_answers(path: Path, pack: Pack) -> Sample:
    """A realistic unit: most items met, a failed veto item, weak items, one unanswered,
    one not applicable with a reason, evidence, rectification, narratives, and a note
    and an evidence title holding HTML that must print literally."""
    sample = sample_of(pack, path)
    items = list(pack.items.values())
    veto_item, unanswered = pack.items[sample.veto_item], pack.items[sample.unanswered_item]
    weak = [pack.items[i] for i in sample.weak_items]
    na_item = pack.items[sample.na_item] if sample.na_item else None
    injected = pack.items[sample.injected_item]
    with AnswersStore.open(path, pack) as store:
        store.set_profile(
            unit=UNIT,
            chair="王建华",
            contact="李敏",
            phone="0571-87000000",
            staff=120,
            members=116,
            women_members=48,
            committee_members=9,
            activists=32,
            term_years=5,
            last_election=dt.date(2023, 5, 18),
            assessed_on=ASSESSED_ON,
        )
        kinds = ["会议纪要", "制度文件", "台账", "照片", "报告总结", "通知文件"]
        for n in range(1, 15):
            store.add_evidence(
                f"2026年度工会工作材料第{n}册",
                kind=kinds[n % len(kinds)],
                date=dt.date(2026, 1 + n % 11, 1 + n),
                location=f"工会办公室档案柜{n}号",
            )
        store.add_evidence(INJECTED_EVIDENCE, kind="会议纪要", date=dt.date(2026, 3, 5))
        for index, item in enumerate(items):
            if isinstance(item, NumberItemBase) and item.from_profile:
                continue
            if item is unanswered:
                continue
            figures = sample_figures(item, index, good_value(item, ASSESSED_ON))
            evidence = sorted({1 + index % 14, 1 + (index * 3) % 14})
            if item is na_item:
                store.set_answer(item.id, na=True, na_reason="本单位无下属事业单位，不涉及此项")
                continue
            if item is veto_item or item in weak:
                value = weak_value(item)
                note = "该项工作尚有差距，已列入整改清单。"
            else:
                value = good_value(item, ASSESSED_ON)
                note = "按要求落实，相关材料齐全。" if index % 3 else ""
            if item is injected:
                note = INJECTED_NOTE
                evidence = [15]
            store.set_answer(item.id, value=value, note=note, figures=figures, evidence=evidence)
        store.add_rectification(
            problem="工会主席人选报批手续不全",
            measure="补齐党组织审查意见和上级工会批复，建立工会干部任免档案",
            owner="王建华",
            due=dt.date(2027, 3, 31),
            items=[veto_item.id],
        )
        for n, item in enumerate(weak, 2):
            store.add_rectification(
                problem=f"第{n}项问题：{item.text[:20]}",
                measure="制定专项整改方案，明确时间表和责任人，逐项销号。",
                owner="李敏",
                due=dt.date(2027, 6, 30),
                items=[item.id],
            )
        for area in pack.areas:
            store.set_narrative(
                area.id,
                f"一年来，我们围绕{area.title}扎实开展工作。\n坚持问题导向，逐项对标对表，取得了明显成效。",
            )
    return sample


def assert_whole_report(pdf: Path, answers: Path, like: Path) -> None:
    """`pdf` is a whole report of `answers`: every page readable, the answers attached,
    and as many pages as `like`, the report of the same answers laid out once for the
    run."""
    reader = pypdf.PdfReader(pdf, strict=True)
    assert len(reader.pages) == len(pypdf.PdfReader(like).pages)
    assert all(page.extract_text() for page in reader.pages)
    assert reader.attachments[ATTACHMENT_NAME] == [answers.read_bytes()]


def lay_out_part(renderer: Renderer, pack: Pack, answers: Path, part: Part, pdf: Path) -> Path:
    """One part of the report of `answers` (parts.py), laid out alone as the PDF `pdf`,
    without the running header and footer: a part starts on a page of its own and its
    pages break as in the whole report, so a test of how some pages break need not lay
    out the others."""
    from weasyprint import HTML

    html = renderer.html(build_content(pack, answers.read_bytes()), part)
    document = HTML(string=html, url_fetcher=renderer.fetcher).render(
        font_config=renderer.font_config, stylesheets=[renderer.stylesheet]
    )
    document.write_pdf(pdf)
    return pdf


@dataclass(frozen=True)
class RenderedSample:
    sample: Sample
    pdf: Path


# A small standard of four items in two areas (the tests' own, see tests/data).
SMALL_STANDARD = Path(__file__).resolve().parents[1] / "data" / "valid_small.toml"


@dataclass(frozen=True)
class SmallReport:
    """A unit of the small standard and its report of a few pages, laid out in a third
    of the time the sample's takes: for the tests of what does not depend on a report's
    size (where and how it is written, the service that writes it, verify's verdicts)."""

    pack: Pack
    answers_path: Path
    pdf: Path


def write_small_answers(path: Path, pack: Pack) -> None:
    """Every item of the small standard answered, one below full points with its
    rectification, evidence cited, a narrative for each area."""
    with AnswersStore.open(path, pack) as store:
        store.set_profile(
            unit=UNIT, chair="王建华", contact="李敏", staff=120, members=116,
            assessed_on=ASSESSED_ON,
        )  # fmt: skip
        store.add_evidence("2026年度工会工作材料第1册", kind="会议纪要", date=dt.date(2026, 3, 5))
        store.set_answer("a-01", value=True, note="按要求落实，相关材料齐全。", evidence=[1])
        store.set_answer("a-02", value="差", note="该项工作尚有差距，已列入整改清单。")
        store.set_answer("a-03", value=["甲", "乙"], evidence=[1])
        store.set_answer("b-01", value=96.0)
        store.add_rectification(
            problem="条目二的工作尚有差距",
            measure="制定专项整改方案，明确时间表和责任人，逐项销号。",
            owner="李敏",
            due=dt.date(2027, 6, 30),
            items=["a-02"],
        )
        for area in pack.areas:
            store.set_narrative(area.id, f"一年来，我们围绕{area.title}扎实开展工作。")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "real_remake: checklist verify lays out its remake, remembered or not"
    )


_texts: dict[tuple[bytes, tuple[int, ...]], list[str]] = {}


@pytest.fixture(autouse=True)
def remembered_remakes(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """checklist verify's remakes, each laid out once per run (see the module doc)."""
    if request.node.get_closest_marker("real_remake"):
        return
    from checklist.report import commands

    real = commands.remaker

    def remaker(renderer: Renderer, progress: Any) -> Remake:
        remake = real(renderer, progress)

        def remembered(
            pack: Pack,
            standard: bytes | None,
            raw: bytes,
            output: Path,
            pdfa: bool,
            day: dt.date | None,
        ) -> None:
            key = repr((raw, pack.fingerprint, standard, pdfa, day, tuple(renderer.families)))
            name = f"remake-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pdf"

            def make(path: Path) -> None:
                remake(pack, standard, raw, path, pdfa, day)

            shutil.copyfile(made_once(tmp_path_factory, name, make), output)

        return remembered

    monkeypatch.setattr(commands, "remaker", remaker)

    from checklist.report import verify

    read = verify._page_texts

    def remembered_texts(reader: Any, known: dict[int, str] | None = None) -> list[str]:
        key = (reader.stream.getvalue(), tuple(sorted(known or {})))
        if key not in _texts:
            digest = hashlib.sha256(key[0] + repr(key[1]).encode()).hexdigest()[:16]

            def make(path: Path) -> None:
                path.write_text(json.dumps(read(reader, known), ensure_ascii=False), "utf-8")

            made = made_once(tmp_path_factory, f"texts-{digest}.json", make)
            _texts[key] = json.loads(made.read_text("utf-8"))
        return list(_texts[key])

    monkeypatch.setattr(verify, "_page_texts", remembered_texts)


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_standard(None)


@pytest.fixture(scope="session")
def sample(pack: Pack, tmp_path_factory: pytest.TempPathFactory) -> Sample:
    def write(path: Path) -> None:
        write_sample_answers(path, pack)

    return sample_of(pack, made_once(tmp_path_factory, "unit.answers.toml", write))


@pytest.fixture(scope="session")
def renderer() -> Renderer:
    return Renderer()


@pytest.fixture(scope="session")
def rendered(
    sample: Sample, renderer: Renderer, tmp_path_factory: pytest.TempPathFactory
) -> RenderedSample:
    def render(pdf: Path) -> None:
        renderer.render(sample.pack, sample.answers_path, pdf)

    return RenderedSample(sample, made_once(tmp_path_factory, "unit.pdf", render))


@pytest.fixture(scope="session")
def sample_texts(rendered: RenderedSample, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The text of each page of the sample's report as pypdf extracts it, read once for
    the run: the tests that read the same report do not each read it again."""

    def read(path: Path) -> None:
        path.write_text(json.dumps(texts_of(rendered.pdf), ensure_ascii=False), "utf-8")

    return list(json.loads(made_once(tmp_path_factory, "unit.texts.json", read).read_text("utf-8")))


@pytest.fixture(scope="session")
def sample_runs(
    rendered: RenderedSample, tmp_path_factory: pytest.TempPathFactory
) -> list[list[Run]]:
    """The pieces of text of each page of the sample's report, read once for the run."""

    def read(path: Path) -> None:
        pages = [[dataclasses.astuple(run) for run in page] for page in runs_of(rendered.pdf)]
        path.write_text(json.dumps(pages, ensure_ascii=False), "utf-8")

    made = made_once(tmp_path_factory, "unit.runs.json", read)
    return [[Run(*run) for run in page] for page in json.loads(made.read_text("utf-8"))]


@pytest.fixture(scope="session")
def small_report(renderer: Renderer, tmp_path_factory: pytest.TempPathFactory) -> SmallReport:
    pack = load_pack(SMALL_STANDARD)

    def write(path: Path) -> None:
        write_small_answers(path, pack)

    answers = made_once(tmp_path_factory, "small.answers.toml", write)

    def render(pdf: Path) -> None:
        renderer.render(pack, answers, pdf)

    return SmallReport(pack, answers, made_once(tmp_path_factory, "small.pdf", render))


@pytest.fixture
def small(small_report: SmallReport, no_installed_standards: Path) -> SmallReport:
    """The small unit and its report, its standard installed here as staff install one:
    `checklist report` and `verify` find it by the id its answers record."""
    shutil.copy(SMALL_STANDARD, no_installed_standards / SMALL_STANDARD.name)
    return small_report


@pytest.fixture
def single_threaded() -> None:
    """A process with a single thread, as on the command line: the threads an earlier
    test in this process left (the app's report process being shut down) end first."""
    deadline = time.monotonic() + 60
    for thread in threading.enumerate():
        if thread is not threading.main_thread():
            thread.join(max(0.0, deadline - time.monotonic()))
    left = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
    assert not left, f"threads an earlier test left still run: {left}"
