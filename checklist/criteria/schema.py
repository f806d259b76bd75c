"""A JSON Schema of the criteria format, for editors (Taplo / Even Better TOML).

It is generated from the models (`Pack` and the item kinds), then said the way an
editor can use it: every table and field described in Chinese, the item kinds chosen
by `kind` (one `if kind = … then …` per kind, so that an error inside an item names the
field at fault rather than "no kind matches"), a figure written as a plain name or as a
table, and a text that is only spaces refused as the loader refuses it.

What needs the whole standard (ids used once, points adding up, conditions naming
items that exist, what each kind checks of a whole item) the schema cannot say:
`checklist validate` checks it.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from checklist.criteria.kinds import KIND_MODELS, kind_name
from checklist.criteria.model import Pack

SCHEMA_ID = "https://checklist.invalid/criteria.schema.json"

# What each table is, by model name.
TABLES: dict[str, str] = {
    "Pack": "评估标准文件：[pack] 标准信息，和若干 [[area]] 一级指标。",
    "PackInfo": "[pack] 标准信息：编号、名称、版本、施行日期、发布单位、总分、等次等。",
    "Area": "[[area]] 一级指标。其下写二级指标 [[area.indicator]]，或（两级的评分表）直接写条目 [[area.item]]，二者只能选一。",
    "Indicator": "[[area.indicator]] 二级指标，其下写条目 [[area.indicator.item]]。",
    "Item": "条目（考核内容）。kind 决定回答方式，其余可写的字段随 kind 而定。",
    "Column": "评分表的一列：显示什么（show）和列名（name）。",
    "GradeLine": "一个等次及其分数线（总分不低于 at_least 即得此等次）。",
    "Condition": "适用条件：以前面某条目的回答（item）或基本情况中的数字（profile）为条件；须写 is、includes、at_least 或 at_most 之一。",
    "Figure": '一项数字说明（工作情况和数字说明）。只写名称（"会议时间"）即由单位填写文字；写成表可指定类型、单位、取自基本情况或由比率算出。',
    "FigureCheck": '两项数字说明之间的核对，例如 { figure = "办结数", at_most = "受理数" }。',
    "Option": "一个选项及其得分。",
    "Level": "一个达到程度等级及其得分系数。",
    "Deduction": "一个要求及缺少时所扣的分。",
    "Part": "同时须达到的一个条件；可由单位勾选，或写 figure 与 at_least / at_most 由数字说明判定。",
    "Postponement": "经上级工会批准的延期（如换届延期）：记录延期的数字说明，以及本标准允许的最长延期。",
}

# What each field is, by the key staff write; `FIELDS_OF` says it for one table where
# the same key means something else there.
FIELDS: dict[str, str] = {
    "pack": "标准信息。",
    "area": "一级指标，按评分表的顺序排列。",
    "id": "编号：小写字母、数字和连字符，以字母或数字开头，全文件唯一，例如 djdgj-01。答卷按编号记录回答，已发布的编号不要改。",
    "title": "名称。",
    "edition": "版本，例如“2026年版”。答卷记录所依据的版本。",
    "effective": "施行日期，写成 2026-01-01（不加引号）。",
    "issuer": "发布单位。",
    "total": "总分，等于各一级指标分值之和。",
    "grades": '等次及其分数线，从高到低，例如 [{ name = "示范", at_least = 90 }, { name = "达标", at_least = 80 }]。',
    "fail": "未达到任何等次时的叫法（未达标、不合格……），默认“未达标”。",
    "pass": "旧写法：达标分数线。新标准请用 grades，两者不能同时写。",
    "demonstration": "旧写法：示范分数线（与 pass 同用）。新标准请用 grades。",
    "veto_word": "否决项的叫法（否决项、必备项……），默认“否决项”。",
    "not_applicable": "不适用条目如何计分：renormalize（按其余条目折算总分，默认）或 count_as_met（视为达到）。",
    "report_title": "报告名称，例如“合格职工之家达标验收自评报告”；不写则为“《标准名称》自评报告”。",
    "review": '报告签字栏之后的审核意见栏，按顺序，默认 ["机关党组织审核意见"]。',
    "columns": "评分表的列及列名，按顺序；须有 number、content、points、self_score。",
    "decimals": "总分保留的小数位数（0～2，四舍五入）：应用、评分、报告、验收评分表和汇总都这样印总分，等次也按保留后的总分评定；默认 1。",
    "numbering": "条目序号：per_area（每个一级指标从 1 起，默认）或 continuous（全表 1…N 连续）。",
    "points": "分值（不能是负数）。",
    "indicator": "二级指标。",
    "item": "条目。",
    "text": "考核内容，如评分表所写。",
    "basis": '依据，写文件名称，如 ["《工会法》", "《中国工会章程》"]。',
    "method": "考核方法：查阅资料、实地查看、座谈、问卷、个别访谈、抽查。",
    "evidence": '佐证材料，如 ["会议纪要", "台账"]。',
    "guidance": "评分说明（评分标准），显示给填报人，印入报告。",
    "veto": "是否否决项（必备项）：true 时未达到即整体不达标。",
    "allow_na": "是否允许单位选“不适用”（须说明理由）。",
    "when": "适用条件：条件不满足时本条目不适用或不得分（见 when_unmet）。",
    "figures": '数字说明（工作情况和数字说明）：单位填写的数字或情况，如 ["会议时间", "参加人数"]。',
    "when_unmet": "适用条件不满足时：not_applicable（不适用，按其余条目折算）或 zero（按 0 分计）。不写时，以其他条目回答为条件的按 0 分计，以基本情况为条件的不适用。",
    "veto_at_least": "否决项从多少分起算达到；不写则须得满分。",
    "figure_checks": "数字说明之间的核对（如办结数不多于受理数）；不符时条目标为需复核。",
    "kind": "回答方式：yes_no（是/否）、level（达到程度）、threshold（数值达标）、count（按次数计分）、steps（按差距扣分）、date（日期期限）、choice（单选）、multi_choice（多选）、deductions（缺项扣分）、all_of（多项同时达到）、text（文字说明）。",
    "options": "选项。",
    "levels": "达到程度的等级及系数；不写则为 完全达到 1、基本达到 0.8、部分达到 0.5、未达到 0。",
    "parts": "同时须达到的条件（至少两个）。",
    "all_required": "true（默认）：全部达到才得分；false：每个条件达到各得其 points。",
    "unit": "计量单位（人、次、% ……）。",
    "from_profile": "取自单位基本情况的数字，不再另行填写。",
    "from_figure": "取自本条目的哪项数字说明（写其名称），不再另行填写。",
    "min": "下限：不低于此数得分。",
    "max": "上限：不高于此数得分。",
    "each": "每次得分，累计至分值为止。",
    "target": "目标值：达到即得满分。",
    "step": "步长：每差一个步长扣一次分。",
    "deduct": "每差一个步长所扣的分。",
    "zero_below": "不得分线：低于此数不得分。",
    "partial_step": "不足一个步长的差距：counts（按一步扣分，默认）或 ignored（不扣分）。",
    "max_age_years": "期限（年）：日期距自评日期不超过这么多年得分。",
    "max_age_from_profile": "期限取自基本情况（term_years：每届任期）。",
    "postponement": "经上级工会批准的延期（如换届延期），在期限之外仍可得分。",
}

FIELDS_OF: dict[str, dict[str, str]] = {
    "PackInfo": {"id": "标准编号：小写字母、数字和连字符。同一标准的各个版本用同一编号。"},
    "Area": {
        "points": "一级指标分值，等于其下条目（或二级指标）分值之和。",
        "item": "直接写在一级指标下的条目（两级的评分表），与 indicator 二者选一。",
    },
    "Indicator": {"points": "二级指标分值，等于其下条目分值之和。"},
    "Column": {
        "show": "这一列显示：number（序号）、content（考核内容）、figures（工作情况和数字说明）、points（分值）、self_score（自评分）、inspected（考核分）。",
        "name": "列名，如“序号”“验收标准”。",
    },
    "GradeLine": {
        "name": "等次名称，如“示范”“合格”。",
        "at_least": "分数线：总分不低于此数得此等次。",
    },
    "Condition": {
        "item": "作为条件的条目编号（须在本条目之前）。",
        "profile": "作为条件的基本情况数字。",
        "is": "该条目的回答为此值时适用：是/否条目写 true 或 false，其他写选项名称。",
        "includes": "该条目（多选等）的回答包含此选项时适用。",
        "at_least": "数字不少于此值时适用。",
        "at_most": "数字不多于此值时适用。",
    },
    "Figure": {
        "name": "数字说明的名称，如“会议时间”“参加人数”；同一条目中不能重复。",
        "type": "类型：text（文字，默认）、integer（整数）、number（数字）、percent（百分比）、date（日期）。",
        "unit": "计量单位（件、人、平方米……），只用于 integer 和 number。",
        "from_profile": "取自单位基本情况，单位不再填写（不写 type 和 unit）。",
        "rate": '比率：[部分, 全体] 两项数字说明的名称，由程序算出百分比，例如 ["会员数", "职工数"]。',
    },
    "FigureCheck": {
        "figure": "被核对的数字说明名称。",
        "at_most": "它不应多于这项数字说明。",
        "at_least": "它不应少于这项数字说明。",
    },
    "Option": {
        "label": "选项名称，如“两次及以上”。",
        "points": "选中此项的得分。",
        "when": "（多选）只在此条件满足时提供并计分。",
    },
    "Level": {"label": "等级名称，如“完全达到”。", "ratio": "得分系数，0 到 1 之间。"},
    "Deduction": {
        "label": "要求的名称，如“经审会”。",
        "deduct": "缺少时扣的分（正数）。",
        "when": "只在此条件满足时要求（如女会员10名以上才要求女职委）。",
    },
    "Part": {
        "label": "条件的名称，如“劳动合同签订率95%以上”。",
        "points": "（all_required = false 时）此条件达到的得分。",
        "figure": "由哪项数字说明判定（写其名称），同时写 at_least 或 at_most。",
        "at_least": "该数字不少于此值即达到。",
        "at_most": "该数字不多于此值即达到。",
    },
    "Postponement": {
        "until": "记录“批准延期至”日期的数字说明名称（日期类型，由单位填写）。",
        "approval": "记录批复文号的数字说明名称（由单位填写）。",
        "at_most_months": "本标准允许的最长延期（月）；不写则以批准的日期为准。",
    },
    "TextItem": {"points": "文字说明不计分，分值只能为 0（可不写）。"},
    "CountItem": {"unit": "计量单位，默认“次”。"},
}

# Items that are not fields of the file (made by the program).
_NOT_WRITTEN: dict[str, set[str]] = {"Indicator": {"implicit"}}


def criteria_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of a criteria file, as a dict."""
    raw = Pack.model_json_schema(by_alias=True, mode="validation")
    defs: dict[str, Any] = raw.pop("$defs")
    defs["Pack"] = raw
    for name, table in defs.items():
        _describe(name, table)
    defs["Figure"] = _figure(defs["Figure"])
    # Items under 二级指标 or directly under the area: one or the other (model.Area).
    defs["Area"]["anyOf"] = [{"required": ["indicator"]}, {"required": ["item"]}]
    defs["Area"]["not"] = {"required": ["indicator", "item"]}
    defs["Item"] = _item()
    text = json.dumps(defs, ensure_ascii=False).replace('"#/$defs/', '"#/definitions/')
    definitions = json.loads(text)
    root = copy.deepcopy(definitions.pop("Pack"))
    _replace_item_unions(definitions)
    _replace_item_unions(root)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "checklist 评估标准文件",
        **root,
        "definitions": definitions,
    }


def schema_text() -> str:
    """The schema as the file `checklist schema` writes."""
    return json.dumps(criteria_schema(), ensure_ascii=False, indent=2) + "\n"


def _describe(name: str, table: dict[str, Any]) -> None:
    table.pop("title", None)
    table["description"] = TABLES.get(name, TABLES["Item"] if _is_item(name) else "")
    properties: dict[str, Any] = table.get("properties", {})
    for key in _NOT_WRITTEN.get(name, set()):
        properties.pop(key, None)
    for key, field in properties.items():
        field.pop("title", None)
        field["description"] = FIELDS_OF.get(name, {}).get(key) or FIELDS.get(key, "")
        _refuse_blank(field)
    if _is_item(name):
        kind = properties["kind"]
        kind["description"] = f"回答方式：{kind['const']}（{_kind_label(kind['const'])}）。"


def _refuse_blank(node: Any) -> None:
    """A text of at least one character must have one that is not a space: the loader
    strips spaces before it counts."""
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("minLength") == 1 and "pattern" not in node:
            node["pattern"] = r"\S"
        for value in node.values():
            _refuse_blank(value)
    elif isinstance(node, list):
        for value in node:
            _refuse_blank(value)


def _is_item(name: str) -> bool:
    return any(model.__name__ == name for model in KIND_MODELS)


def _kind_label(kind: str) -> str:
    return next(model.label for model in KIND_MODELS if kind_name(model) == kind)


def _figure(table: dict[str, Any]) -> dict[str, Any]:
    """A figure is a plain name (free text) or a table."""
    description = table.pop("description")
    return {
        "description": description,
        "if": {"type": "string"},
        "then": {"type": "string", "minLength": 1, "pattern": r"\S"},
        "else": table,
    }


def _item() -> dict[str, Any]:
    """An item: its `kind` says which kind's fields it takes."""
    kinds = [str(kind_name(model)) for model in KIND_MODELS]
    return {
        "description": TABLES["Item"],
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": kinds, "description": FIELDS["kind"]}},
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": {"$ref": f"#/definitions/{model.__name__}"},
            }
            for kind, model in zip(kinds, KIND_MODELS, strict=True)
        ],
    }


def _replace_item_unions(node: Any) -> None:
    """Every place that holds one of the kinds (pydantic's oneOf with a discriminator)
    refers to the Item definition instead."""
    if isinstance(node, dict):
        if "discriminator" in node and "oneOf" in node:
            node.clear()
            node["$ref"] = "#/definitions/Item"
            return
        for value in node.values():
            _replace_item_unions(value)
    elif isinstance(node, list):
        for value in node:
            _replace_item_unions(value)
