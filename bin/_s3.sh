# shellcheck shell=bash
# A local S3 server (moto in server mode, on a free loopback port) for the storage tests, started by bin/test.
# Sourced after bin/_setup.sh (needs REPO_ROOT and the venv's python on PATH); never run directly.
#
#   s3_start   start the server (once: a second call keeps the running one) and export its URL as
#              DOSSIER_TEST_S3_ENDPOINT, which the tests' s3_endpoint fixture uses (tests/s3.py)
#   s3_stop    stop it (callers trap it on EXIT); safe to call twice
#
# Each bin/test run has a server of its own, so two runs at once never share one.

S3_PID=""
S3_LOG=""

s3_stop() {
    [[ -n "$S3_PID" ]] || return 0
    kill "$S3_PID" 2>/dev/null || true
    wait "$S3_PID" 2>/dev/null || true
    S3_PID=""
    unset DOSSIER_TEST_S3_ENDPOINT
    rm -f "$S3_LOG"
}

s3_start() {
    [[ -z "$S3_PID" ]] || return 0
    local attempt port endpoint _
    S3_LOG="$REPO_ROOT/var/s3-test.$$.log"
    for attempt in 1 2 3; do # another process may take the free port before moto binds it
        port="$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
        endpoint="http://127.0.0.1:$port"
        python -m moto.server -H 127.0.0.1 -p "$port" >"$S3_LOG" 2>&1 &
        S3_PID=$!
        for _ in $(seq 300); do
            kill -0 "$S3_PID" 2>/dev/null || break
            if python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
                "$endpoint" 2>/dev/null; then
                export DOSSIER_TEST_S3_ENDPOINT="$endpoint"
                echo "s3: moto server on $endpoint (attempt $attempt)"
                return 0
            fi
            sleep 0.1
        done
        tail -n 5 "$S3_LOG" >&2
        s3_stop
    done
    echo "s3: the local S3 server did not start; the tests start their own" >&2
    return 1
}
