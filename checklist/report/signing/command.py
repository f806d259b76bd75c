"""`checklist sign`: messages in Chinese, never a traceback; the report signed is never
changed: the signed copy is a new file beside it (or where -o says)."""

from __future__ import annotations

import datetime as dt
import getpass
import re
import sys
from pathlib import Path

from checklist.problems import display_path, os_error_text
from checklist.reading import MB, read_file

EXIT_OK, EXIT_PROBLEMS = 0, 1
SIGNED_SUFFIX = "-已签章"


def sign(report: Path, p12: Path, seal: Path | None, output: Path | None) -> int:
    """Sign the report at `report` with the certificate in `p12`, showing the seal
    image `seal` (or the signer's name and the time), into `output`."""
    from checklist.report.output import OutputRefusedError, ReportFile
    from checklist.report.signing.certificate import SigningError, read_credentials
    from checklist.report.signing.sign import open_report, sign_report
    from checklist.report.signing.stamp import (
        read_seal,
        seal_appearance,
        text_appearance,
    )

    name = display_path(report)
    output = output or report  # named below, once the signatures it has are known
    try:
        data = _read_report(report, name)
        opened = open_report(data, name)
        if output is report:
            output = default_output(report, len(opened.signature_fields))
        if output.resolve() == report.resolve() or _same_file(output, report):
            raise SigningError(
                f"签章后的文件不能写回 {name} 本身（原报告不作改动）；请用 -o 指定另一个文件名"
            )
        if not output.resolve().parent.is_dir():
            raise SigningError(
                f"找不到签章后文件所在的文件夹：{display_path(output.resolve().parent)}；"
                "请先建立这个文件夹，或用 -o 指定已有文件夹中的文件"
            )
        image = read_seal(seal) if seal is not None else None
        with ReportFile(output) as target:  # refuses a file that is not a report before asking
            credentials = read_credentials(p12, _ask)
            now = dt.datetime.now(dt.UTC)
            appearance = (
                seal_appearance(image)
                if image is not None
                else text_appearance(credentials.name, now)
            )
            signed = sign_report(opened, credentials, appearance)
            target.write(signed.data)
    except (SigningError, OutputRefusedError) as exc:
        return _fail(exc)
    except OSError as exc:
        return _fail(f"无法写入 {display_path(output)}：{os_error_text(exc)}；原报告没有改动")
    who = credentials.name
    if credentials.organisation and credentials.organisation != who:
        who += f"（{credentials.organisation}）"
    what = opened.what
    print(f"已签章：{display_path(target.path)}（原{what} {name} 没有改动）")
    print(
        f"签名人：{who}"
        + (f"；这是{what}上的第 {signed.earlier + 1} 个签名" if signed.earlier else "")
    )
    if signed.place is None:
        spot = "检查组签字处" if opened.acceptance else "盖章处"
        print(
            f"{what}中的{spot}都已有签章：这个签名不显示在页面上，"
            "checklist verify 和 PDF 阅读器的签名面板仍会列出它。"
        )
    else:
        shown = "印章" if image is not None else "签名"
        print(f"{shown}在第 {signed.place.page + 1} 页“{signed.place.text}”处")
    return EXIT_OK


def default_output(report: Path, earlier: int) -> Path:
    """Where a report with `earlier` signatures goes signed: 报告.pdf → 报告-已签章.pdf,
    报告-已签章.pdf (signed once) → 报告-已签章2.pdf, and so on."""
    base = re.sub(rf"{SIGNED_SUFFIX}\d*$", "", report.stem)
    return report.with_name(f"{base}{SIGNED_SUFFIX}{earlier + 1 if earlier else ''}.pdf")


def _same_file(a: Path, b: Path) -> bool:
    """Whether `a` and `b` are one file (a hard link is one)."""
    try:
        return a.samefile(b)
    except OSError:
        return False


def _read_report(path: Path, name: str) -> bytes:
    from checklist.report.signing.certificate import SigningError

    try:
        return read_file(path, 256 * MB, "自评报告")
    except FileNotFoundError:
        raise SigningError(f"找不到报告文件 {name}，请检查路径") from None
    except OSError as exc:
        raise SigningError(f"无法读取报告文件 {name}：{os_error_text(exc)}") from None
    except ValueError as exc:
        raise SigningError(f"无法读取报告文件 {name}：{exc}") from None


def _ask(prompt: str) -> str | None:
    """A password typed on the terminal, not shown; None without a terminal."""
    if not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(prompt)
    except EOFError:
        return None


def _fail(problem: object) -> int:
    print(problem, file=sys.stderr)
    return EXIT_PROBLEMS
