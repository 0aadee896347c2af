#!/usr/bin/env bash
# Set up everything argmap needs on a fresh Debian machine; safe and fast to run again.
#  - Graphviz (the `dot` binary) and Noto fonts (Latin, Arabic script) through apt-get,
#    and with --browser Chromium and ChromeDriver (for the browser tests);
#  - a virtual environment in .venv with argmap and its development tools;
#  - with --browser (the tests) also Node.js and npm (apt-get) and the official Argdown CLI,
#    @argdown/cli pinned, from the npm registry into .cache/argdown-cli (git-ignored), for
#    tests/test_argdown_official.py, and Mermaid, mermaid pinned, into .cache/mermaid
#    (git-ignored), for tests/test_mermaid_official.py.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
if ! fc-list 2>/dev/null | grep -q "NotoSansArabic\|Noto Sans Arabic"; then
  need_apt+=(fonts-noto-core)
fi
if ! fc-list 2>/dev/null | grep -qi "DejaVuSans"; then
  need_apt+=(fonts-dejavu-core)
fi
# With --browser (the tests): Chromium and its driver, for tests/test_browser.py.
if [ "${1:-}" = "--browser" ]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
  command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
  command -v npm >/dev/null 2>&1 || need_apt+=(npm)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} with apt-get"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: argmap needs Python 3.11 or newer (found: $("$PY" --version 2>&1))" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi
stamp=".venv/.argmap-setup"
want="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing argmap and its development tools into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev]"
  echo "$want" > "$stamp"
fi

# The official Argdown CLI for the differential tests (the version tests/argdown_official.py
# names; installing it again is a no-op).
ARGDOWN_CLI_VERSION="1.7.5"
if [ "${1:-}" = "--browser" ]; then
  cli=".cache/argdown-cli/node_modules/@argdown/cli/package.json"
  if ! grep -q "\"version\": \"$ARGDOWN_CLI_VERSION\"" "$cli" 2>/dev/null; then
    echo "setup: installing @argdown/cli@$ARGDOWN_CLI_VERSION into .cache/argdown-cli"
    mkdir -p .cache/argdown-cli
    npm install --prefix .cache/argdown-cli "@argdown/cli@$ARGDOWN_CLI_VERSION" \
      --no-audit --no-fund --loglevel=error
  fi
fi

# Mermaid, whose mermaid.min.js draws argmap's charts in tests/test_mermaid_official.py (the
# version that test names; installing it again is a no-op).
MERMAID_VERSION="12.3.0"
if [ "${1:-}" = "--browser" ]; then
  pkg=".cache/mermaid/node_modules/mermaid/package.json"
  if ! grep -q "\"version\": \"$MERMAID_VERSION\"" "$pkg" 2>/dev/null; then
    echo "setup: installing mermaid@$MERMAID_VERSION into .cache/mermaid"
    mkdir -p .cache/mermaid
    npm install --prefix .cache/mermaid "mermaid@$MERMAID_VERSION" \
      --no-audit --no-fund --loglevel=error
  fi
fi
