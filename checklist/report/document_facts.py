"""What a viewer shows or does beside a PDF's pages (for `checklist verify`).

Facts are what it shows: the document's properties (title, author …), its bookmarks,
its attached files, its named destinations (where a link by name leads: name, page
and place), its page labels and the other entries of its catalog, each by what it
holds. Actions are what it may run: on opening (/OpenAction, /AA), forms (/AcroForm),
scripts (/Names /JavaScript) and the actions of bookmarks. verify compares both
with the report made again; the PDF is read as pdf_read.py reads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checklist.report.drawing import Drawing
from checklist.report.pdf_read import ReadPdf

# Information fields that differ between two makings of the same report.
_MADE_WHEN = {"/CreationDate", "/ModDate", "/Producer"}

# The catalog's entries that make a viewer do something, and those of its name tree.
ACTION_ENTRIES = ("/OpenAction", "/AA", "/AcroForm")
ACTION_NAMES = ("/JavaScript",)
_ACTIONS = ("/A", "/AA")  # of a bookmark, which should only lead to a page

# Catalog entries compared apart from their values: the pages themselves, the name
# tree (entry by entry), the bookmarks, the attached files (/AF lists them), the XMP.
_APART = {"/Type", "/Pages", "/Names", "/Outlines", "/AF", "/Metadata", *ACTION_ENTRIES}
_NAMES_APART = {"/EmbeddedFiles", "/Dests", *ACTION_NAMES}

# What the catalog's entries are, as the inspector is told.
_ENTRY_NAMES = {
    "/PageLabels": "页码标签",
    "/Dests": "命名目标",
    "/ViewerPreferences": "阅读器设置",
    "/PageMode": "打开时的显示方式",
    "/PageLayout": "页面布局",
    "/Lang": "文档语言",
    "/URI": "链接基址",
    "/OCProperties": "可选内容（图层）",
    "/Threads": "文章线程",
    "/Collection": "附件集合视图",
    "/StructTreeRoot": "标记结构",
    "/MarkInfo": "标记信息",
    "/OutputIntents": "输出意图（色彩）",
    "/Perms": "权限",
    "/Legal": "法律声明",
    "/Requirements": "阅读器要求",
    "/PieceInfo": "程序私有数据",
    "/SpiderInfo": "网页抓取信息",
    "/Version": "PDF 版本",
}


def entry_name(key: str) -> str:
    """A catalog entry as the inspector is told it: 页码标签（/PageLabels）."""
    name = _ENTRY_NAMES.get(key)
    return f"{name}（{key}）" if name else f"文档目录项 {key}"


def facts(read: ReadPdf, drawing: Drawing) -> dict[str, object]:
    """What a viewer shows of a PDF besides its pages, by what it is called."""
    reader = read.reader
    found: dict[str, object] = {}
    for key, value in metadata(reader).items():
        if key not in _MADE_WHEN:
            found[f"文档属性 {key}"] = value
    try:
        found["书签"] = list(_bookmarks(reader, reader.outline, 1))
    except Exception:
        found["书签"] = "（无法读取）"
    try:
        files = sorted((f.name, f.description or "") for f in reader.attachment_list)
        root = reader.trailer["/Root"].get_object()
        associated = root.get("/AF")
        listed = [] if associated is None else list(associated.get_object())
        found["附件"] = (files, len(listed))
    except Exception:
        found["附件"] = "（无法读取）"
    try:
        xmp = reader.xmp_metadata
        if xmp is not None:
            found["XMP 元数据"] = (
                xmp.dc_title,
                xmp.dc_creator,
                xmp.dc_description,
                xmp.pdf_keywords,
                xmp.xmp_creator_tool,
            )
    except Exception:
        found["XMP 元数据"] = "（无法读取）"
    found |= _catalog_entries(read.pdf, drawing)
    return found


def _catalog_entries(pdf: Any, drawing: Drawing) -> dict[str, object]:
    """The named destinations, and the catalog's and name tree's other entries, each
    by the digest of what it holds."""
    import pikepdf

    found: dict[str, object] = {}
    try:
        root = pdf.Root
        found[entry_name("/Dests")] = _destinations(pdf)
        for key, value in root.items():
            if key not in _APART and key != "/Dests":
                found[entry_name(key)] = drawing.of(value)
        names = root.get("/Names")
        if isinstance(names, pikepdf.Dictionary):
            for key, value in names.items():
                if key not in _NAMES_APART:
                    found[f"名称树 {key}"] = drawing.of(value)
    except (pikepdf.PdfError, ValueError, TypeError, RecursionError):
        found["文档目录"] = "（无法读取）"
    return found


def _destinations(pdf: Any) -> list[tuple[str, str]]:
    """Each named destination (of the name tree and of the catalog's /Dests) with
    the page it leads to, by number, and the place on it."""
    import pikepdf

    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages, 1)}
    found: list[tuple[str, str]] = []
    tree = pdf.Root.get("/Names", {}).get("/Dests")
    named: list[tuple[str, Any]] = list(pikepdf.NameTree(tree).items()) if tree is not None else []
    old = pdf.Root.get("/Dests")
    if isinstance(old, pikepdf.Dictionary):
        named += list(old.items())
    for name, value in named:
        target = value.get("/D") if isinstance(value, pikepdf.Dictionary) else value
        if not isinstance(target, pikepdf.Array) or not len(target):
            found.append((str(name), "（不是目标）"))
            continue
        page = target[0]
        where = (
            f"第 {pages[page.objgen]} 页"
            if isinstance(page, pikepdf.Dictionary) and page.objgen in pages
            else f"不在本文件的页面 {page!r}"
        )
        place = " ".join(str(v) for v in list(target)[1:])
        found.append((str(name), f"{where} {place}"))
    return sorted(found)


def _bookmarks(reader: Any, outline: list[Any], level: int) -> Iterator[tuple[int, str, int]]:
    for entry in outline:
        if isinstance(entry, list):
            yield from _bookmarks(reader, entry, level + 1)
        else:
            yield level, str(entry.title), reader.get_destination_page_number(entry)


def actions(read: ReadPdf, expected: ReadPdf) -> list[str]:
    """What a viewer may run in the report that the report made again does not have:
    the catalog's actions and forms, scripts of its name tree, actions of bookmarks."""
    try:
        root = read.reader.trailer["/Root"].get_object()
        wanted = expected.reader.trailer["/Root"].get_object()
        added = [key for key in ACTION_ENTRIES if key in root and key not in wanted]
        names = root.get("/Names")
        wanted_names = wanted.get("/Names")
        wanted_keys = set(wanted_names.get_object()) if wanted_names is not None else set()
        if names is not None:
            added += [
                f"/Names {key}"
                for key in ACTION_NAMES
                if key in names.get_object() and key not in wanted_keys
            ]
        outlines = root.get("/Outlines")
        if outlines is not None:
            for item in _outline_items(_link(outlines.get_object(), "/First")):
                added += [f"书签的 {key}" for key in _ACTIONS if key in item]
    except Exception:  # a damaged catalog: what it holds cannot be vouched for
        return ["无法读取的文档目录"]
    return sorted(set(added))


def _outline_items(first: Any, most: int = 10_000) -> Iterator[Any]:
    """The bookmarks from `first` down, each once (a damaged outline may loop)."""
    seen: set[int] = set()
    pending = [first]
    while pending and len(seen) < most:
        ref = pending.pop()
        if ref is None or getattr(ref, "idnum", None) in seen:
            continue
        seen.add(getattr(ref, "idnum", -len(seen) - 1))
        item = ref.get_object()
        yield item
        pending += [_link(item, "/Next"), _link(item, "/First")]


def _link(item: Any, key: str) -> Any:
    """The reference `item` holds under `key`, unresolved (its number tells a loop)."""
    return item.raw_get(key) if key in item else None


def metadata(reader: Any) -> dict[str, str]:
    """The document's information dictionary, as text."""
    try:
        info = reader.metadata or {}
        return {str(k): str(v) for k, v in info.items()}
    except Exception:
        return {}
