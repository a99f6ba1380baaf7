# shellcheck shell=bash
# Prepares a machine to run visitation_app from this source tree. Sourced (not run) by
# scripts/run-app.sh and scripts/test.sh, which set `set -euo pipefail` themselves.
#
#   1. On Debian/Ubuntu, as root, installs the system libraries Qt 6 needs (xcb, EGL, fonts)
#      if some are missing.
#   2. Creates .venv with Python 3.11 or newer, if it does not exist.
#   3. Installs the app and its test tools into .venv (pip install -e ".[test]"), only when
#      pyproject.toml changed since the last time (a stamp file in .venv remembers).
#
# The compiled catalogs (.mo) are committed; `python scripts/i18n.py compile` makes them and a
# test fails when one is out of date, so setup does not compile them behind anyone's back.
# Safe to run again and again; the second time it takes about a second.
# Exports REPO_ROOT, VENV and VENV_PYTHON for the script that sourced it.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO_ROOT/.venv"
VENV_PYTHON="$VENV/bin/python"
export REPO_ROOT VENV VENV_PYTHON

_setup_say() {
    echo "setup: $*" >&2
}

_setup_is_root() {
    [ "$(id -u)" -eq 0 ]
}

_setup_apt_install() {
    _setup_say "installing with apt-get: $*"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
        </dev/null >/dev/null
}

# Debian package -> the shared library it provides (checked with ldconfig, so a renamed
# package such as Ubuntu's libglib2.0-0t64 still counts as present).
_SETUP_QT_LIBRARIES=(
    "libegl1 libEGL.so.1"
    "libgl1 libGL.so.1"
    "libxkbcommon0 libxkbcommon.so.0"
    "libxkbcommon-x11-0 libxkbcommon-x11.so.0"
    "libfontconfig1 libfontconfig.so.1"
    "libdbus-1-3 libdbus-1.so.3"
    "libxcb-cursor0 libxcb-cursor.so.0"
    "libxcb-icccm4 libxcb-icccm.so.4"
    "libxcb-keysyms1 libxcb-keysyms.so.1"
    "libxcb-shape0 libxcb-shape.so.0"
    "libxcb-xinerama0 libxcb-xinerama.so.0"
    "libxcb-randr0 libxcb-randr.so.0"
    "libxcb-render-util0 libxcb-render-util.so.0"
    "libxcb-image0 libxcb-image.so.0"
    "libglib2.0-0 libglib-2.0.so.0"
)

_setup_system_libraries() {
    [ "$(uname -s)" = "Linux" ] || return 0
    local ldconfig_bin known pair package library font missing=()
    ldconfig_bin="$(command -v ldconfig || echo /sbin/ldconfig)"
    [ -x "$ldconfig_bin" ] || return 0
    known="$("$ldconfig_bin" -p 2>/dev/null || true)"
    for pair in "${_SETUP_QT_LIBRARIES[@]}"; do
        package="${pair%% *}"
        library="${pair##* }"
        grep -qF "$library" <<<"$known" || missing+=("$package")
    done
    # Qt draws no text without at least one font.
    font="$(find /usr/share/fonts /usr/local/share/fonts -name '*.ttf' -print -quit 2>/dev/null ||
        true)"
    [ -n "$font" ] || missing+=("fonts-dejavu-core")
    [ "${#missing[@]}" -eq 0 ] && return 0
    if _setup_is_root && command -v apt-get >/dev/null 2>&1; then
        _setup_apt_install "${missing[@]}"
    else
        _setup_say "Qt may not start: these system packages seem to be missing: ${missing[*]}"
        _setup_say "install them with: sudo apt-get install ${missing[*]}"
    fi
}

_setup_find_python() {
    local candidate
    for candidate in python3.11 python3.12 python3.13 python3.14 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

_setup_venv() {
    [ -x "$VENV_PYTHON" ] && return 0
    local python
    if ! python="$(_setup_find_python)"; then
        _setup_say "Python 3.11 or newer is needed; install python3.11 and run this again."
        return 1
    fi
    _setup_say "creating $VENV with $python"
    if ! "$python" -m venv "$VENV" 2>/dev/null; then
        # Debian and Ubuntu ship venv (ensurepip) in a separate package.
        rm -rf "$VENV"
        local version
        version="$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
        if _setup_is_root && command -v apt-get >/dev/null 2>&1; then
            _setup_apt_install "python${version}-venv" || _setup_apt_install python3-venv
            "$python" -m venv "$VENV"
        else
            _setup_say "cannot create a virtual environment; install python${version}-venv."
            return 1
        fi
    fi
}

_setup_install() {
    local stamp="$VENV/.visitation-app-installed" wanted
    wanted="$("$VENV_PYTHON" - "$REPO_ROOT/pyproject.toml" <<'PY'
import hashlib, sys
print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest(), sys.version.split()[0])
PY
)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
        return 0
    fi
    local log="$VENV/pip-install.log"
    _setup_say "installing visitation_app and its test tools into .venv (a few minutes)"
    if ! {
        "$VENV_PYTHON" -m pip install --disable-pip-version-check --upgrade pip &&
            "$VENV_PYTHON" -m pip install --disable-pip-version-check --progress-bar off \
                -e "$REPO_ROOT[test]"
    } </dev/null >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        _setup_say "pip install failed; the whole output is in $log"
        return 1
    fi
    echo "$wanted" >"$stamp"
}

_setup_system_libraries
_setup_venv
_setup_install
