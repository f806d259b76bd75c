"""The `checklist` command. Heavy libraries are imported inside each subcommand so
that `checklist --help` answers at once."""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checklist import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # prefix "" is argparse building a subcommand's prog name: leave it alone
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its fixed phrases in Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"

    def error(self, message: str) -> None:  # type: ignore[override]
        message = (
            message.replace("the following arguments are required", "缺少参数")
            .replace("unrecognized arguments", "不认识的参数")
            .replace("invalid choice", "无效的选项")
            .replace("expected one argument", "需要一个参数")
            .replace("not allowed with argument", "不能与以下参数同用：")
            .replace("argument ", "参数 ")
        )
        message = re.sub(r"\(choose from (.*)\)", r"（可选：\1）", message)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"错误：{message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="checklist",
        description="机关工会贯彻落实《机关工会工作暂行条例》示范单位自评工具。",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="显示帮助后退出")
    parser.add_argument(
        "--version", action="version", version=f"checklist {__version__}", help="显示版本"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=text, description=text, add_help=False)
        p.add_argument("-h", "--help", action="help", help="显示帮助后退出")
        return p

    def criteria_option(p: argparse.ArgumentParser) -> None:
        choice = p.add_mutually_exclusive_group()
        choice.add_argument(
            "--criteria",
            type=Path,
            metavar="PATH",
            help="使用这份标准文件（默认：答卷所依据的标准；新答卷用《条例》标准）",
        )
        choice.add_argument(
            "--standard",
            metavar="ID",
            help="使用本机编号为 ID 的标准（随程序发布或已安装的，见 checklist standards）",
        )

    p = command("validate", "检查标准文件（默认检查随程序发布的和已安装的全部标准）")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="标准文件或文件夹")

    command("standards", "列出本机的标准（随程序发布的和已安装的）")

    p = command(
        "schema", "输出标准文件格式的 JSON Schema，供编辑器（Taplo、Even Better TOML）检查和提示"
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="写入文件（默认：输出到屏幕）")

    p = command("diff", "比较同一标准的两个版本：逐条列出新增、删除和改动的条目")
    p.add_argument("old", type=Path, metavar="OLD", help="旧版标准文件")
    p.add_argument("new", type=Path, metavar="NEW", help="新版标准文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")

    p = command("migrate", "把答卷迁移到标准的新版本：逐条保留回答，有改动的标为需复核")
    p.add_argument("answers", type=Path, metavar="ANSWERS", help="答卷文件")
    p.add_argument("--to", type=Path, required=True, metavar="NEW_STANDARD", help="新版标准文件")
    p.add_argument(
        "--from",
        dest="old",
        type=Path,
        metavar="OLD_STANDARD",
        help="答卷所依据的旧版标准文件（默认：在本机的标准中查找）",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="写入另一个文件（默认：改写答卷，原文件保留为 .bak）",
    )

    p = command("score", "计算答卷得分")
    p.add_argument("answers", type=Path, metavar="ANSWERS", help="答卷文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    criteria_option(p)

    p = command("run", "打开终端填报界面")
    p.add_argument(
        "answers",
        nargs="?",
        type=Path,
        metavar="ANSWERS",
        help="答卷文件（默认：用户数据目录中的答卷）",
    )
    criteria_option(p)

    p = command("inspect", "验收：检查组对照单位的报告或答卷逐条评验收分（打开终端界面）")
    p.add_argument(
        "source",
        type=Path,
        metavar="REPORT.pdf|ANSWERS.toml",
        help="单位的 PDF 报告或答卷文件（或已有的验收文件）",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="INSPECTION.toml",
        help="验收文件（默认：报告旁的“报告名.验收.toml”；已有则打开继续）",
    )

    p = command("report", "生成 PDF 自评报告；给出验收文件时生成验收评分表")
    p.add_argument(
        "answers",
        type=Path,
        metavar="ANSWERS",
        help="答卷文件，或 checklist inspect 保存的验收文件（按内容识别）",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PDF",
        help="报告文件（默认：与输入文件同名 .pdf）；以 .docx 结尾时生成可编辑的 Word 副本",
    )
    p.add_argument("--pdfa", action="store_true", help="生成 PDF/A-3b 存档格式")
    criteria_option(p)

    p = command("verify", "核验 PDF 报告与其内嵌答卷、内嵌标准是否一致")
    p.add_argument(
        "reports",
        nargs="+",
        type=Path,
        metavar="REPORT",
        help="PDF 报告或存放报告的文件夹（可以多个；多份时每份一行，最后是合计）",
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出（每份报告一项的列表）")
    p.add_argument(
        "--criteria",
        type=Path,
        metavar="PATH",
        help="按这份标准文件核验（默认：报告内嵌的标准）",
    )
    p.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="CA.pem",
        help="可信的根证书（PEM 或 DER，可多次给出）：说明签章报告的签名证书是否由它签发",
    )

    p = command("sign", "在 PDF 报告上加数字签名（PAdES），可盖电子印章；原报告不作改动")
    p.add_argument(
        "report", type=Path, metavar="REPORT", help="checklist report 生成的 PDF 报告（可已有签名）"
    )
    p.add_argument(
        "--p12",
        type=Path,
        required=True,
        metavar="CERT.p12",
        help="数字证书文件（PKCS#12：.p12 或 .pfx）；设有密码时在终端输入，"
        "或由环境变量 CHECKLIST_P12_PASSWORD 提供",
    )
    p.add_argument(
        "--seal",
        type=Path,
        metavar="SEAL.png",
        help="电子印章图片（PNG），盖在签名处“……（盖章）”上（默认：显示签名人和签名时间）",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PDF",
        help="签章后的报告（默认：报告旁的“报告名-已签章.pdf”）",
    )

    p = command("summary", "汇总多个单位的答卷和报告：得分、等次、否决项和核验结果")
    p.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="答卷、报告或存放它们的文件夹"
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="以 JSON 输出")
    out.add_argument(
        "--csv", action="store_true", help="以 CSV 输出（UTF-8，可用 Excel、WPS 打开）"
    )
    out.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="写入文件：.xlsx 表格、.pdf、.csv 或 .json",
    )
    p.add_argument(
        "--no-verify", action="store_true", help="不逐页核验报告（快，只读取内嵌答卷计分）"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if words and words[0].endswith(".toml") and Path(words[0]).is_file():
        # `checklist unit.toml`: what someone means who wants to open their answers.
        print(
            f"“{words[0]}”不是命令。要打开这份答卷，请运行：checklist run {words[0]}"
            f"（计分：checklist score {words[0]}）",
            file=sys.stderr,
        )
        return EXIT_USAGE
    args = _parser().parse_args(words)
    if args.command is None:
        _parser().print_help()
        return EXIT_OK
    handler = {
        "validate": _validate,
        "standards": _standards,
        "schema": _schema,
        "diff": _diff,
        "migrate": _migrate,
        "score": _score,
        "run": _run,
        "inspect": _inspect,
        "report": _report,
        "verify": _verify,
        "sign": _sign,
        "summary": _summary,
    }[args.command]
    # Stopped by `kill` as by Ctrl+C: a report's temporary file is removed and its
    # layout processes are stopped on the way out.
    catch_term = args.command in ("report", "verify", "sign", "summary") and (
        threading.current_thread() is threading.main_thread()
    )
    before = signal.signal(signal.SIGTERM, _terminated) if catch_term else None
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`checklist score … | head`): nothing more to say to it,
        # and Python's flush at exit must not fail on the closed pipe either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS
    finally:
        if catch_term:
            signal.signal(signal.SIGTERM, before)


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _fail(problems: object) -> int:
    print(problems, file=sys.stderr)
    return EXIT_PROBLEMS


def _validate(args: argparse.Namespace) -> int:
    from checklist.criteria import criteria_files, load_pack
    from checklist.criteria.library import standard_files
    from checklist.problems import ProblemsError, display_path

    files = criteria_files(args.paths) if args.paths else standard_files()
    if not files:
        return _fail("没有找到标准文件（*.toml）")
    failed = 0
    for path in files:
        try:
            pack = load_pack(path)
        except ProblemsError as exc:
            failed += 1
            print(exc, file=sys.stderr)
            print(f"{display_path(path)}：发现 {len(exc.problems)} 处问题", file=sys.stderr)
            if exc.more_checks:
                # The parts that did not read were left out of the content checks; say
                # so, lest new errors surprise.
                print(
                    "改正以上问题后，还会检查受牵连部分的编号、分值合计和适用条件。",
                    file=sys.stderr,
                )
            print(file=sys.stderr)
            continue
        print(
            f"{display_path(path)}：有效。{pack.info.title}（{pack.info.edition}），"
            f"{len(pack.areas)} 个一级指标，{len(pack.items)} 个条目，总分 {pack.info.total:g}"
        )
    return EXIT_PROBLEMS if failed else EXIT_OK


def _standards(args: argparse.Namespace) -> int:
    from checklist.criteria.library import FOLDER_VARIABLE, installed_folder, read_library
    from checklist.formats import fitted
    from checklist.problems import display_path

    library = read_library()
    print(f"本机的标准（{len(library.standards)} 份）：")
    for number, standard in enumerate(library, 1):
        info = standard.pack.info
        default = "（新答卷默认使用）" if standard is library.default else ""
        print()
        print(fitted([f"{number}. {info.title}"], "   "))
        facts = [
            f"编号 {info.id}",
            info.edition,
            f"{info.issuer}发布",
            f"{len(standard.pack.items)} 个条目",
            f"指纹 {standard.pack.fingerprint[:16]}",
        ]
        print(fitted(facts, "   ", first="   "))
        print(f"   {standard.where}{default}")  # a path is never broken
    if library.unreadable:
        print("\n无法读取的标准文件（运行 checklist validate 文件 查看问题）：", file=sys.stderr)
    for path, exc in library.unreadable:
        print(f"   {display_path(path)}：{len(exc.problems)} 处问题", file=sys.stderr)
    print(
        f"\n安装其他标准：把标准文件（.toml）放入文件夹\n   {installed_folder()}\n"
        f"（或用环境变量 {FOLDER_VARIABLE} 指定另一个文件夹），\n"
        "再运行 checklist standards 确认。"
    )
    return EXIT_PROBLEMS if library.unreadable else EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from checklist.atomic import write_atomically
    from checklist.criteria.schema import schema_text
    from checklist.problems import display_path, os_error_text

    text = schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_atomically(args.output, text.encode("utf-8"))
    except OSError as exc:
        return _fail(f"{display_path(args.output)}：无法写入：{os_error_text(exc)}")
    print(f"已写入 {display_path(args.output)}")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from checklist.criteria import load_pack
    from checklist.editions.diff import diff_packs
    from checklist.editions.diff_text import diff_json, diff_text
    from checklist.problems import ProblemsError

    packs = []
    for path in (args.old, args.new):
        try:
            packs.append(load_pack(path))
        except ProblemsError as exc:
            return _fail(f"{exc}\n请先改正标准文件（checklist validate 可列出全部问题）")
    diff = diff_packs(*packs)
    if args.json:
        print(json.dumps(diff_json(diff), ensure_ascii=False, indent=2))
    else:
        print(diff_text(diff))
    return EXIT_OK


def _migrate(args: argparse.Namespace) -> int:
    from checklist.editions.command import migrate_command

    return migrate_command(args.answers, args.to, args.output, args.old)


def _score(args: argparse.Namespace) -> int:
    from checklist.answers import read_answers
    from checklist.answers.edition import check_edition, standard_for
    from checklist.formats import terminal_text
    from checklist.problems import ProblemsError
    from checklist.score_text import doubts_notice, score_json, score_table
    from checklist.scoring import score

    if refused := _inspection_given(args.answers):
        return _fail(refused)
    try:
        pack = standard_for(args.answers, criteria=args.criteria, standard=args.standard).pack
        answers = read_answers(args.answers)
    except ProblemsError as exc:
        return _fail(exc)
    warning = check_edition(pack, answers).describe()
    if warning:
        print(terminal_text(warning), file=sys.stderr)
    if doubts := doubts_notice(answers):
        print(terminal_text(f"注意：{doubts}"), file=sys.stderr)
    result = score(pack, answers)
    if args.json:
        print(json.dumps(score_json(result, answers), ensure_ascii=False, indent=2))
    else:
        # The answers' own text (a unit name, an item named in a hand edit) may hold
        # escape sequences: printed as \x1b, never acted on by the terminal.
        print(terminal_text(score_table(result, answers)))
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    from checklist.answers.edition import standard_for
    from checklist.problems import ProblemsError
    from checklist.tui.launch import run
    from checklist.validated_cache import used

    if refused := _inspection_given(args.answers):
        return _fail(f"无法打开，文件未作任何改动：\n{refused}")
    # The standards read to find which one to open the answers with are read back as
    # validated before, as the app reads them (validated_cache.py).
    with used():
        try:
            standard = standard_for(args.answers, criteria=args.criteria, standard=args.standard)
        except ProblemsError as exc:
            return _fail(f"无法打开，文件未作任何改动：\n{exc}")
    return run(args.answers, standard.path)


def _inspection_given(path: Path | None) -> str:
    """What to do with an inspection file given where answers are expected ("" for
    anything else: reading it as answers says what is wrong with it)."""
    from checklist.inspection import is_inspection_file
    from checklist.problems import display_path

    if path is None or not is_inspection_file(path):
        return ""
    name = display_path(path)
    return (
        f"{name} 是验收文件（checklist inspect 保存的验收记录），不是答卷：请用 checklist inspect {name} "
        f"打开继续验收，或用 checklist report {name} 生成验收评分表"
    )


def _inspect(args: argparse.Namespace) -> int:
    from checklist.tui.inspection_app import inspect

    return inspect(args.source, args.output)


def _report(args: argparse.Namespace) -> int:
    from checklist.report.commands import report

    return report(
        args.answers, args.output, args.criteria, pdfa=args.pdfa, standard_id=args.standard
    )


def _verify(args: argparse.Namespace) -> int:
    from checklist.report.commands import verify

    return verify(args.reports, args.criteria, as_json=args.json, trust_paths=args.trust)


def _sign(args: argparse.Namespace) -> int:
    from checklist.report.signing.command import sign

    return sign(args.report, args.p12, args.seal, args.output)


def _summary(args: argparse.Namespace) -> int:
    from checklist.summary.command import summary

    return summary(
        args.paths,
        output=args.output,
        as_json=args.json,
        as_csv=args.csv,
        verify=not args.no_verify,
    )


if __name__ == "__main__":
    raise SystemExit(main())
