#!/usr/bin/env bash
# Start visitation_app from this source tree: prepares .venv on the first run, then opens
# the window on the default database (offering a demo database when there is none yet).
# Extra arguments are passed on, e.g.  bash scripts/run-app.sh --lang en
set -euo pipefail
# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

if [ "$(uname -s)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] &&
    [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "run-app: no screen found (DISPLAY and WAYLAND_DISPLAY are empty); the window" \
        "cannot open. Run it on a desktop, or try it headless with xvfb-run." >&2
fi
exec "$VENV_PYTHON" -m visitation_app "$@"
