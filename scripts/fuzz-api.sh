#!/usr/bin/env bash
# Fuzzes the HTTP API from its own OpenAPI document with schemathesis.
#
# Starts resume-server on a free 127.0.0.1 port with a throw-away SQLite
# database and the offline enhancer, creates an admin, a premium user, one job
# and one enhanced resume (so that the resume and section endpoints have
# something to act on), then lets schemathesis generate requests from
# /api/openapi.json: every operation as the premium user, and the account,
# job and admin operations as the admin.
#
# By default it fails on what breaks the document: a 5xx, a status code the
# document does not list, a body or header that does not match its schema,
# a wrong content type. FUZZ_CHECKS=all also asks that every request the
# schema allows is accepted and every request it forbids is refused; some of
# those cannot hold (a PATCH naming an item id that does not exist is valid
# by the schema and refused by the server; a body over the 1 MiB JSON limit is
# refused with 413, which schemathesis does not count as a refusal).
#
# usage: scripts/fuzz-api.sh
# env:   FUZZ_SECONDS       time budget of each of the two runs (default 120)
#        FUZZ_CHECKS        schemathesis checks (default: see below)
#        RESUME_SERVER_BIN  a built binary to use instead of building release
#        FUZZ_VENV          where schemathesis is installed (default under /var/tmp)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
seconds="${FUZZ_SECONDS:-120}"
checks="${FUZZ_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance}"
venv="${FUZZ_VENV:-/var/tmp/resume-enhancer-schemathesis}"

if [ ! -x "$venv/bin/st" ]; then
    echo "installing schemathesis into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis==4.32.5'
fi

bin="${RESUME_SERVER_BIN:-}"
if [ -z "$bin" ]; then
    cargo build --release --locked -p resume-server --manifest-path "$root/Cargo.toml"
    bin="$target/release/resume-server"
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
admin_password="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
user_password="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"

export DATABASE_URL="sqlite://$work/resumes.db"
export HOST=127.0.0.1 PORT="$port" ENHANCER=offline RUST_LOG=warn LOG_FORMAT=json
export ADMIN_EMAIL=admin@example.com ADMIN_PASSWORD="$admin_password"

"$bin" user create --email fuzz@example.com --password "$user_password" --tier premium >/dev/null
"$bin" serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    curl -sf "$base/healthz" >/dev/null && break
    sleep 0.1
done

login() {
    curl -sf "$base/api/auth/login/" -H 'content-type: application/json' \
        -d "{\"email\":\"$1\",\"password\":\"$2\"}" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
admin_token="$(login admin@example.com "$admin_password")"
user_token="$(login fuzz@example.com "$user_password")"

curl -sf "$base/api/jobs/" -H "authorization: Bearer $admin_token" \
    -H 'content-type: application/json' \
    --data @"$root/tests/corpus/jobs/senior-backend-engineer.json" >/dev/null
curl -sf "$base/api/resume/enhance-resume/1/" -H "authorization: Bearer $user_token" \
    -F file=@"$root/tests/corpus/resumes/marcus-adeyemi/marcus-adeyemi.pdf" >/dev/null

# schemathesis keeps its example database in the working directory.
cd "$work"
status=0
echo "==> every operation, as a premium user" >&2
"$venv/bin/st" run "$base/api/openapi.json" \
    -H "Authorization: Bearer $user_token" \
    --checks "$checks" --max-time "$seconds" --workers 2 --no-color || status=1

echo "==> accounts, jobs and subscriptions, as an admin" >&2
"$venv/bin/st" run "$base/api/openapi.json" \
    -H "Authorization: Bearer $admin_token" \
    --include-path-regex '^/api/(auth|jobs|admin|subscription)' \
    --checks "$checks" --max-time "$seconds" --workers 2 --no-color || status=1

# actix-web logs a malformed request line or header from a client at ERROR
# (and answers 400); those are the fuzzer's doing, not the server's.
errors="$(grep '"level":"ERROR"' "$work/server.log" | grep -v '"message":"stream error: request parse error' || true)"
if [ -n "$errors" ]; then
    echo "the server logged errors:" >&2
    echo "$errors" >&2
    status=1
fi
exit "$status"
