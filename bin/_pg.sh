# shellcheck shell=bash
# A throwaway PostgreSQL cluster under var/ (UNIX socket only, no network), shared by bin/test and bin/bench.
# Sourced after bin/_setup.sh (needs REPO_ROOT, pg_bindir and the venv's python on PATH); never run directly.
#
#   pg_start                 initdb + start a cluster with two roles, dossier_owner and dossier_app; sets PG_URL
#                            (the owner's URL of database "dossier", not created) and PG_APP_URL (the same as the
#                            application's role)
#   pg_create_database NAME  create database NAME owned by dossier_owner
#   pg_stop                  stop the cluster and remove its directory (callers trap it on EXIT)

PG_DIR=""
PG_AS=()

pg_stop() {
    [[ -n "$PG_DIR" ]] || return 0
    if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
        "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
    PG_DIR=""
}

# Remove clusters left behind by an earlier run that was killed (only those whose server is not running).
pg_clean_stale() {
    local dir
    for dir in "$REPO_ROOT"/var/pgtest.*; do
        [[ -d "$dir" ]] || continue
        if [[ -f "$dir/data/postmaster.pid" ]] && kill -0 "$(head -n 1 "$dir/data/postmaster.pid")" 2>/dev/null; then
            continue
        fi
        rm -rf "$dir"
    done
}

pg_start() {
    PG_BIN="$(pg_bindir)" || {
        echo "postgresql: initdb not found" >&2
        return 1
    }
    pg_clean_stale
    PG_DIR="$(mktemp -d "$REPO_ROOT/var/pgtest.XXXXXX")"
    if [[ "$(id -u)" -eq 0 ]]; then
        # PostgreSQL refuses to run as root: the cluster belongs to the postgres system user.
        id postgres >/dev/null 2>&1 || {
            echo "postgresql: running as root but there is no 'postgres' user" >&2
            return 1
        }
        PG_AS=(runuser -u postgres --)
        chown postgres: "$PG_DIR"
    fi
    # A UNIX socket path is limited to 107 bytes and pg_ctl -o splits on spaces; the postgres user may also be
    # unable to reach a repository under a private home: use the temporary directory then.
    if ((${#PG_DIR} > 80)) || [[ "$PG_DIR" == *[[:space:]]* ]] || ! "${PG_AS[@]}" test -w "$PG_DIR"; then
        rm -rf "$PG_DIR"
        PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/dossier-pgtest.XXXXXX")"
        ((${#PG_AS[@]} == 0)) || chown postgres: "$PG_DIR"
    fi
    local locale=(--no-locale)
    if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
        locale=(--locale=C.UTF-8)
    fi
    echo "postgresql: $("$PG_BIN/postgres" --version), cluster in $PG_DIR"
    if ! (
        cd "$PG_DIR" &&
            "${PG_AS[@]}" mkdir sock &&
            "${PG_AS[@]}" "$PG_BIN/initdb" -D data -A trust --no-sync -U postgres -E UTF8 "${locale[@]}" \
                >initdb.log 2>&1 &&
            "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D data -l postgres.log -w -t 30 start \
                -o "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses='' -k $PG_DIR/sock" \
                >/dev/null
    ); then
        echo "postgresql: the throwaway cluster did not start:" >&2
        tail -n 20 "$PG_DIR/initdb.log" "$PG_DIR/postgres.log" >&2 2>/dev/null || true
        return 1
    fi
    # Two roles as in production (README, config/settings.py): the owner creates the test databases and runs the
    # migrations; the tests then run as the application's role, which may only append to the audit trail.
    "$PG_BIN/psql" -h "$PG_DIR/sock" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE dossier_owner LOGIN CREATEDB" \
        -c "CREATE ROLE dossier_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" \
        -c "GRANT dossier_app TO dossier_owner" || { # the tests' connections SET ROLE (tests/conftest.py)
        echo "postgresql: could not create the roles" >&2
        return 1
    }
    local host
    host="$(python -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$PG_DIR/sock")"
    PG_URL="postgres://dossier_owner@$host/dossier"
    PG_APP_URL="postgres://dossier_app@$host/dossier"
}

pg_create_database() {
    "$PG_BIN/psql" -h "$PG_DIR/sock" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
        -c "CREATE DATABASE \"$1\" OWNER dossier_owner"
}
