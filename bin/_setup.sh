# shellcheck shell=bash
# Shared set-up, sourced by bin/demo, bin/test and bin/bench (never run directly).
#
# - goes to the repository root;
# - installs the missing Debian packages (apt-get as root, otherwise prints the exact command and stops);
# - creates .venv and installs the exact versions and hashes of requirements.lock (written by bin/lock), then the
#   project itself without its dependencies; again only when requirements.lock or pyproject.toml changed;
# - creates var/ and puts .venv/bin first in PATH.
#
# Callers list the extra Debian packages they need in SETUP_PACKAGES before sourcing, e.g.
#   SETUP_PACKAGES="postgresql chromium" source bin/_setup.sh
# Safe to source twice; the second run does no network access when nothing changed.

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$PWD"
export REPO_ROOT
mkdir -p var/static  # var/static: STATIC_ROOT, which WhiteNoise warns about when it is missing
SETUP_LOG="$REPO_ROOT/var/setup.log"

_setup_die() {
    echo "setup: $*" >&2
    exit 1
}

# Path of PostgreSQL's initdb (Debian keeps it out of PATH, in /usr/lib/postgresql/<version>/bin).
pg_bindir() {
    local initdb
    initdb="$(command -v initdb 2>/dev/null || true)"
    if [[ -z "$initdb" ]]; then
        initdb="$(find /usr/lib/postgresql -path '*/bin/initdb' 2>/dev/null | sort -V | tail -n 1 || true)"
    fi
    [[ -n "$initdb" ]] || return 1
    dirname "$(readlink -f "$initdb")"
}

# Is the Debian package (or what it provides) present? Checks the thing we use rather than dpkg's
# database when possible, so a machine with the tool installed another way is accepted too.
_setup_have() {
    case "$1" in
        postgresql) pg_bindir >/dev/null ;;
        chromium) [[ -x "${DOSSIER_CHROMIUM:-/usr/bin/chromium}" ]] ;;
        fonts-dejavu-core) [[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] ;;
        python3-venv) python3 -c "import ensurepip" >/dev/null 2>&1 ;;
        *) dpkg -s "$1" >/dev/null 2>&1 ;;
    esac
}

_setup_packages() {
    # OCR of scanned documents (ocrmypdf): tesseract with the CPAS's three languages, and ghostscript for PDF/A.
    local wanted=(fonts-dejavu-core tesseract-ocr tesseract-ocr-fra tesseract-ocr-nld tesseract-ocr-deu ghostscript)
    local missing=() pkg
    # shellcheck disable=SC2206
    wanted+=(${SETUP_PACKAGES:-})
    [[ -d .venv ]] || wanted+=(python3-venv)
    for pkg in "${wanted[@]}"; do
        _setup_have "$pkg" || missing+=("$pkg")
    done
    ((${#missing[@]})) || return 0
    if [[ "$(id -u)" -ne 0 ]]; then
        echo "setup: missing system packages: ${missing[*]}" >&2
        echo "setup: install them with:" >&2
        echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    command -v apt-get >/dev/null || _setup_die "missing system packages (${missing[*]}) and no apt-get here"
    echo "setup: installing system packages: ${missing[*]} (log: var/setup.log)"
    {
        apt-get update -q &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
    } </dev/null >>"$SETUP_LOG" 2>&1 || {
        tail -n 30 "$SETUP_LOG" >&2
        _setup_die "apt-get install ${missing[*]} failed (see var/setup.log)"
    }
    for pkg in "${missing[@]}"; do
        _setup_have "$pkg" || _setup_die "package $pkg installed but still not usable"
    done
    SETUP_SUMMARY+=("installed ${missing[*]}")
}

_setup_python() {
    python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null ||
        _setup_die "Python >= 3.11 is needed as python3 (found: $(python3 --version 2>&1 || echo none))"
    # A venv whose interpreter disappeared (e.g. pyenv version removed) is rebuilt.
    if [[ -d .venv ]] && ! .venv/bin/python -c "" >/dev/null 2>&1; then
        echo "setup: .venv is broken, recreating it"
        rm -rf .venv
    fi
    if [[ ! -d .venv ]]; then
        python3 -m venv .venv >>"$SETUP_LOG" 2>&1 || _setup_die "python3 -m venv .venv failed (see var/setup.log)"
        SETUP_SUMMARY+=("created .venv")
    fi
    local want have="" pip=(.venv/bin/python -m pip install --disable-pip-version-check --no-input)
    want="$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)"
    [[ -f .venv/.lock.sha256 ]] && have="$(cat .venv/.lock.sha256)"
    if [[ "$want" != "$have" ]]; then
        echo "setup: installing Python dependencies into .venv from requirements.lock (log: var/setup.log)"
        # Only the locked versions, each file checked against its hash; then the project, built by the locked
        # setuptools rather than one fetched unpinned for an isolated build.
        if ! { "${pip[@]}" --require-hashes --no-deps -r requirements.lock &&
            "${pip[@]}" --no-deps --no-build-isolation -e .; } </dev/null >>"$SETUP_LOG" 2>&1; then
            tail -n 30 "$SETUP_LOG" >&2
            _setup_die "pip install -r requirements.lock failed (see var/setup.log)"
        fi
        echo "$want" >.venv/.lock.sha256
        SETUP_SUMMARY+=("installed Python dependencies")
    fi
}

SETUP_SUMMARY=()
: >"$SETUP_LOG"
_setup_packages
_setup_python

export VIRTUAL_ENV="$REPO_ROOT/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"
unset PYTHONHOME

if ((${#SETUP_SUMMARY[@]})); then
    printf -v _setup_done '%s, ' "${SETUP_SUMMARY[@]}"
    echo "setup: ready (${_setup_done%, })"
else
    echo "setup: ready (system packages and .venv up to date)"
fi
