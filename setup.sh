#!/usr/bin/env bash
# Set up checklist on Debian/Ubuntu, then run it:
#   ./setup.sh run [ANSWERS]   install what is missing, open the app on the shipped standard
#   ./setup.sh test [ARGS]     install what is missing, run lint, type checks and the tests
# Safe to run again: it installs only what is missing.
set -euo pipefail
caller="$PWD"  # an answers file named relative to where the command was typed
repo="$(cd "$(dirname "$0")" && pwd)"
cd "$repo"

mode="${1:-run}"
[ $# -gt 0 ] && shift

# Pango for WeasyPrint, HarfBuzz's subsetter so fonts are subset fast, CJK fonts (Noto
# CJK for 宋体/仿宋 and 黑体, AR PL UKai for 楷体),
# HanaMin for the rare characters of names it lacks (CJK extensions B–F), and the
# PDF tools the tests use.
os_packages=(python3 python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
             fontconfig fonts-noto-cjk fonts-arphic-ukai fonts-hanazono poppler-utils qpdf)

missing=()
for pkg in "${os_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== 安装系统软件包：${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "需要 root 权限安装：${missing[*]}。请用 root 运行，或先安装 sudo。" >&2; exit 1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The newest Python ≥ 3.11 on the PATH.
python=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python="$candidate"; break
  fi
done
if [ -z "$python" ]; then
  echo "需要 Python 3.11 或更新版本（Debian 12 起自带）。" >&2; exit 1
fi

# The virtual environment, reinstalled only when pyproject.toml changes.
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "== 安装 Python 依赖到 .venv"
  [ -x .venv/bin/python ] || "$python" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi

case "$mode" in
  run)
    cd "$caller" && exec "$repo/.venv/bin/checklist" run "$@" ;;
  test)
    # Python's compiled modules kept (__pycache__, ignored by git): otherwise each of
    # the test processes and each command a test runs compiles the program anew.
    unset PYTHONDONTWRITEBYTECODE
    echo "== ruff";  .venv/bin/ruff check checklist tests benchmarks
    .venv/bin/ruff format --check checklist tests benchmarks
    echo "== mypy";  .venv/bin/mypy
    echo "== import-linter"; .venv/bin/lint-imports
    echo "== pytest"; exec .venv/bin/python -m pytest "$@" ;;
  *)
    echo "用法：./setup.sh run [答卷文件] | ./setup.sh test [pytest 参数]" >&2; exit 2 ;;
esac
