"""The summary as a PDF in the report's look: A4 landscape, the report's Chinese
faces, one table for each standard, the notes under them, page numbers "— 1 —"."""

from __future__ import annotations

import datetime as dt

import jinja2
from markupsafe import Markup

from checklist.formats import format_date, points_text
from checklist.report.content import chinese_number
from checklist.summary.table import notes_by_row, verdict_word
from checklist.summary.units import UnitRow

_TEMPLATE = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>评分汇总表</title>
<style>
@page { size: A4 landscape; margin: 20mm 18mm 20mm 18mm;
  @bottom-center { content: "— " counter(page) " —"; font-size: 10.5pt; } }
body { font-family: {{ families }}; font-size: 10.5pt; line-height: 1.4; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; font-weight: bold; }
p.made { text-align: center; margin: 0 0 6mm; }
h2 { font-size: 12pt; margin: 6mm 0 1mm; font-weight: bold; }
p.parts { margin: 0 0 2mm; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 0.5pt solid #000; padding: 1mm 1.2mm; vertical-align: top; }
thead { display: table-header-group; }
th { font-weight: bold; text-align: center; }
td.n { text-align: right; white-space: nowrap; }
td.fp { font-size: 8pt; white-space: nowrap; }
tr { break-inside: avoid; }
ol.notes { padding-left: 0; list-style: none; font-size: 9pt; }
</style></head><body>
<h1>评分汇总表</h1>
<p class="made">汇总日期：{{ made }}　共 {{ count }} 份</p>
{% for group in groups %}
<h2>{{ group.title }}</h2>
<p class="parts">各部分：{{ group.parts }}</p>
<table>
<colgroup><col style="width:3.2em"><col><col style="width:4em">{% if inspected %}<col style="width:5em">{% endif %}<col style="width:5em">{% if inspected %}<col style="width:5em">{% endif %}
{% for _ in group.part_names %}<col style="width:3.6em">{% endfor %}
<col style="width:4em"><col style="width:5.6em"><col style="width:3.6em"><col style="width:12em">
</colgroup>
<thead><tr><th>序号</th><th>单位</th><th>总分</th>{% if inspected %}<th>验收总分</th><th>自评等次</th><th>验收等次</th>{% else %}<th>等次</th>{% endif %}
{% for name in group.part_names %}<th>{{ name }}</th>{% endfor %}
<th>否决项未通过</th><th>已答/应答</th><th>核验</th><th>报告指纹</th></tr></thead>
<tbody>{% for row in group.rows %}<tr>
{% for cell in row %}<td{% if loop.index0 not in text_columns %} class="{{ 'fp' if loop.last else 'n' }}"{% endif %}>{{ cell }}</td>{% endfor %}
</tr>{% endfor %}</tbody></table>
{% endfor %}
{% if unread %}<h2>无法读取的文件</h2>
<ol class="notes">{% for line in unread %}<li>{{ line }}</li>{% endfor %}</ol>{% endif %}
{% if notes %}<h2>说明</h2>
<ol class="notes">{% for line in notes %}<li>{{ line }}</li>{% endfor %}</ol>{% endif %}
</body></html>"""
)


def summary_pdf(rows: list[UnitRow], families: list[str], today: dt.date | None = None) -> bytes:
    """The summary laid out as a PDF with the Chinese font `families` (best first)."""
    from checklist.report.pdf.engine import HTML

    groups = []
    n = 0
    inspected = any(row.inspected for row in rows)  # a 验收总分 column, where any
    by_standard: dict[str, list[UnitRow]] = {}
    for row in rows:
        if row.pack is not None:
            by_standard.setdefault(row.pack.info.id, []).append(row)
    for group in by_standard.values():
        pack = group[0].pack
        assert pack is not None
        names = [chinese_number(k) for k in range(1, len(pack.areas) + 1)]
        lines = []
        for row in group:
            n += 1
            result = row.result
            assert result is not None
            areas = [points_text(a.score) for a in result.areas]
            if len(areas) != len(names):
                areas = ["—"] * len(names)
            lines.append(
                [
                    str(n),
                    ("※" if row.notes else "") + row.unit,
                    result.total_text,
                    *([row.inspected.total_text if row.inspected else ""] * inspected),
                    result.grade,
                    *([row.inspected.grade if row.inspected else ""] * inspected),
                    *areas,
                    "、".join(result.veto_failed),
                    f"{result.answered_count}/{result.active_count}",
                    verdict_word(row),
                    row.fingerprint,
                ]
            )
        info = pack.info
        groups.append(
            {
                "title": f"{info.title}（{info.edition}，满分 {points_text(info.total)}）",
                "parts": "；".join(
                    f"{chinese_number(k)} {a.title}（{points_text(a.points)}）"
                    for k, a in enumerate(pack.areas, 1)
                ),
                "part_names": names,
                "rows": lines,
            }
        )
    html = _TEMPLATE.render(
        # Markup: the template escapes what it inserts, and `&#34;` is no CSS quote.
        # A name keeps no character that could end the quotes, the rule or the style.
        families=Markup(", ".join(f'"{_css_safe(name)}"' for name in families)),
        made=format_date(today or dt.date.today()),
        count=len(rows),
        groups=groups,
        inspected=inspected,
        text_columns=(1, 4, 5) if inspected else (1, 3),  # 单位 and 等次: not numbers
        unread=[f"{row.path.name}：{row.problem}" for row in rows if row.pack is None],
        notes=notes_by_row(rows),
    )
    data = HTML(string=html).write_pdf()
    assert data is not None
    return bytes(data)


def _css_safe(name: str) -> str:
    """A font family name as it may stand inside CSS quotes in a <style> element."""
    return "".join(ch for ch in name if ch not in '"\\<>{};')
