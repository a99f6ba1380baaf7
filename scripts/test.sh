#!/usr/bin/env bash
# Run every check: ruff, the translation catalog, and the tests (headless Qt).
# Extra arguments go to pytest, e.g.  bash scripts/test.sh -k demo -x
set -euo pipefail
# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$REPO_ROOT"

failed=()

echo "== ruff check"
"$VENV/bin/ruff" check . || failed+=("ruff")

echo "== translations (scripts/i18n.py check)"
"$VENV_PYTHON" scripts/i18n.py check || failed+=("translations")

echo "== pytest"
QT_QPA_PLATFORM=offscreen "$VENV_PYTHON" -m pytest -q "$@" </dev/null || failed+=("pytest")

if [ "${#failed[@]}" -ne 0 ]; then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "all checks passed"
