#!/usr/bin/env bash
# Runs the front-end example of the API document in headless Chromium against
# the release binary: installs Chromium (Debian) and playwright-core (npm)
# when missing, builds and starts the server on a free port with a throw-away
# SQLite database, runs the test, and stops the server.
#
# RESUME_SERVER_BIN names an already built binary to use instead of building
# the release one.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"

if [ ! -x /usr/bin/chromium ]; then
    echo "installing chromium" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

if [ -n "${RESUME_SERVER_BIN:-}" ]; then
    binary="$RESUME_SERVER_BIN"
else
    (cd "$root" && cargo build --release -p resume-server)
    binary="$target/release/resume-server"
fi

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export ADMIN_EMAIL="browser-admin@example.com"
export ADMIN_PASSWORD="browser-admin-password"

(
    cd "$work"
    exec env DATABASE_URL="sqlite://$work/data/resumes.db" HOST=127.0.0.1 PORT="$port" \
        ENHANCER=offline RUST_LOG=warn CONFIG_DIR="$work/none" \
        "$binary" serve
) >"$work/server.log" 2>&1 &
server=$!

stop() {
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap stop EXIT

for _ in $(seq 1 100); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/api/jobs/"; then
        break
    fi
    if ! kill -0 "$server" 2>/dev/null; then
        cat "$work/server.log" >&2
        echo "the server exited before it listened" >&2
        exit 1
    fi
    sleep 0.2
done

cd "$here"
BASE_URL="http://127.0.0.1:$port" node --test enhance.test.mjs
