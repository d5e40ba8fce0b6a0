#!/usr/bin/env bash
# Load benchmark of the running HTTP service with wrk, on loopback only.
#
# Starts a release build of resume-server on a free 127.0.0.1 port with the
# offline enhancer and a fresh SQLite database in a temporary directory,
# creates a premium account and the senior-backend-engineer job through the
# command line, signs in, stores one enhanced resume, and then runs wrk against
# one endpoint at a time:
#
#   healthz          GET /healthz: the cost of the HTTP stack alone, the reference
#   get resume       GET /api/resume/enhanced-resume/{id}/
#   get section      GET /api/resume/enhanced-skills/
#   patch section    PATCH /api/resume/enhanced-basic-info/ {"location": ...}
#   enhance docx     POST /api/resume/enhance-resume/{job_id}/ with marcus-adeyemi.docx
#   enhance pdf      the same with marcus-adeyemi.pdf
#   healthz (again)  the reference once more, to show how far the machine drifted
#
# It prints a markdown table of requests per second and the 50th and 99th
# percentile latencies, with each scenario's p50 divided by the p50 of the first
# /healthz run of the same invocation. Absolute times move with whatever else
# the machine is doing; the ratios against a reference measured minutes apart
# move much less, so they are the figures to compare between runs.
#
# wrk reports latency as seen by connections that wait for each answer before
# sending the next request (closed loop), so under saturation the percentiles
# understate what an open stream of users would see. The comparison between
# scenarios holds; the absolute tail does not describe production traffic.
#
# usage: scripts/bench-http.sh
# env:   BENCH_DURATION     wrk duration per scenario (default 10s)
#        BENCH_THREADS      wrk threads (default 2)
#        BENCH_CONNECTIONS  open connections (default 8)
#        BENCH_DATABASE_URL postgres://... to run against that database instead
#                           of a temporary SQLite file. Use a throwaway database:
#                           the run adds an account, a job and the enhanced
#                           resumes it creates, and does not remove them.
#        BENCH_VERBOSE=1    also print wrk's own report of every scenario
#
# Exits non-zero when the server cannot be started or prepared, or when any
# scenario saw an HTTP error status or a socket error (the table is still
# printed). The server is stopped and the temporary directory removed on exit.
set -euo pipefail

DURATION="${BENCH_DURATION:-10s}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-8}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CORPUS="$ROOT/tests/corpus"
LUA="$ROOT/scripts/bench-http/scenario.lua"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/resume-enhancer-target}"
SERVER_BIN="$CARGO_TARGET_DIR/release/resume-server"
HOST=127.0.0.1
WORK="$(mktemp -d)"
SERVER_PID=""
FAILED=0

# Stops the server this script started (by its pid only) and removes WORK.
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 100); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() {
    echo "bench-http: $*" >&2
    exit 1
}

install_tools() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v curl >/dev/null || missing+=(curl)
    command -v jq >/dev/null || missing+=(jq)
    ((${#missing[@]})) || return 0
    [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null ||
        die "missing ${missing[*]}; install them (apt-get install ${missing[*]})"
    echo "installing: ${missing[*]}" >&2
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 ||
        die "could not install ${missing[*]}"
}

build_server() {
    echo "building resume-server (release)..." >&2
    (cd "$ROOT" && cargo build -q --release -p resume-server) ||
        die "cargo build --release -p resume-server failed"
    [[ -x "$SERVER_BIN" ]] || die "no binary at $SERVER_BIN"
}

# Prints a loopback port nobody is listening on (connecting to it fails).
free_port() {
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "found no free port on $HOST"
}

# The environment shared by the server and the command-line calls, so that
# both see the same database and signing key.
configure() {
    PORT="$(free_port)"
    BASE="http://$HOST:$PORT"
    mkdir -p "$WORK/config"
    export CONFIG_DIR="$WORK/config"
    export DATABASE_URL="${BENCH_DATABASE_URL:-sqlite://$WORK/bench.db}"
    export HOST PORT
    export JWT_SECRET
    JWT_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    export ENHANCER=offline
    export PREMIUM_DAILY_QUOTA=100000000
    export RUST_LOG=warn
    unset OPENAI_API_KEY ADMIN_EMAIL ADMIN_PASSWORD
}

start_server() {
    "$SERVER_BIN" serve >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 300); do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            cat "$WORK/server.log" >&2
            SERVER_PID=""
            die "the server exited during start-up (log above)"
        fi
        curl -fs -o /dev/null "$BASE/healthz" && return 0
        sleep 0.1
    done
    cat "$WORK/server.log" >&2
    die "the server did not answer /healthz within 30 s"
}

# Creates the premium account and the job, signs in, and stores one enhanced
# resume; sets EMAIL, TOKEN, JOB_ID and RESUME_ID.
prepare_data() {
    local password response status
    EMAIL="bench-$(date +%s)-$RANDOM@example.com"
    password="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"

    "$SERVER_BIN" user create --email "$EMAIL" --password "$password" --role user \
        --tier premium >"$WORK/user.json" 2>"$WORK/cli.log" ||
        { cat "$WORK/cli.log" >&2; die "user create failed"; }

    "$SERVER_BIN" job create --file "$CORPUS/jobs/senior-backend-engineer.json" \
        >"$WORK/job.json" 2>"$WORK/cli.log" ||
        { cat "$WORK/cli.log" >&2; die "job create failed"; }
    JOB_ID="$(jq -er '.id' "$WORK/job.json")" || die "job create printed no id"

    jq -n --arg email "$EMAIL" --arg password "$password" \
        '{email: $email, password: $password}' >"$WORK/login.json"
    status="$(curl -s -o "$WORK/token.json" -w '%{http_code}' -X POST \
        -H 'Content-Type: application/json' --data-binary "@$WORK/login.json" \
        "$BASE/api/auth/login/")"
    [[ "$status" == 200 ]] || die "login answered $status: $(head -c 300 "$WORK/token.json")"
    TOKEN="$(jq -er '.access_token' "$WORK/token.json")" || die "login gave no access_token"

    response="$WORK/enhance.json"
    status="$(curl -s -o "$response" -w '%{http_code}' -X POST \
        -H "Authorization: Bearer $TOKEN" \
        -F "file=@$CORPUS/resumes/marcus-adeyemi/marcus-adeyemi.docx" \
        "$BASE/api/resume/enhance-resume/$JOB_ID/")"
    [[ "$status" == 200 ]] || die "the first enhancement answered $status: $(head -c 300 "$response")"
    RESUME_ID="$(jq -er '.enhanced_resume.id' "$response")" || die "enhance gave no resume id"
}

# Sends the scenario's request once with curl and fails unless it answers 200,
# so that a broken route is reported plainly instead of as a fast error rate.
check_once() {
    local name="$1" method="$2" path="$3" status
    local args=(-s -o "$WORK/check.out" -w '%{http_code}' -X "$method")
    [[ -n "${BENCH_TOKEN:-}" ]] && args+=(-H "Authorization: Bearer $BENCH_TOKEN")
    [[ -n "${BENCH_JSON:-}" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$BENCH_JSON")
    [[ -n "${BENCH_UPLOAD:-}" ]] && args+=(-F "file=@$BENCH_UPLOAD")
    status="$(curl "${args[@]}" "$BASE$path")"
    [[ "$status" == 200 ]] && return 0
    echo "bench-http: $name: $method $path answered $status: $(head -c 300 "$WORK/check.out")" >&2
    return 1
}

# Runs one scenario; the request shape comes from the BENCH_* variables set on
# the call. Appends "name|requests|duration_us|p50_us|p99_us|http|socket" to
# WORK/results.
run_scenario() {
    local name="$1" method="$2" path="$3" out="$WORK/wrk.out" line
    if ! check_once "$name" "$method" "$path"; then
        FAILED=1
        echo "$name|-|-|-|-|check failed|-" >>"$WORK/results"
        return 0
    fi
    echo "running: $name ($method $path, $DURATION)" >&2
    BENCH_METHOD="$method" wrk --threads "$THREADS" --connections "$CONNECTIONS" \
        --duration "$DURATION" --timeout 10s --script "$LUA" "$BASE$path" >"$out" 2>&1 ||
        { cat "$out" >&2; die "wrk failed on $name"; }
    [[ "${BENCH_VERBOSE:-0}" == 1 ]] && sed 's/^/    /' "$out" >&2
    line="$(grep '^BENCH ' "$out")" || { cat "$out" >&2; die "no BENCH line from wrk on $name"; }
    echo "$line" | awk -v name="$name" '{
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        printf "%s|%s|%s|%s|%s|%s|%s\n", name, v["requests"], v["duration_us"],
            v["p50_us"], v["p99_us"], v["http_errors"], v["socket_errors"]
    }' >>"$WORK/results"
    echo "$line" | grep -q 'http_errors=0 socket_errors=0' || FAILED=1
}

run_all() {
    local resume="$CORPUS/resumes/marcus-adeyemi"
    local enhance="/api/resume/enhance-resume/$JOB_ID/"
    : >"$WORK/results"
    run_scenario "healthz" GET /healthz
    BENCH_TOKEN="$TOKEN" run_scenario "get resume" GET "/api/resume/enhanced-resume/$RESUME_ID/"
    BENCH_TOKEN="$TOKEN" run_scenario "get section (skills)" GET /api/resume/enhanced-skills/
    BENCH_TOKEN="$TOKEN" BENCH_JSON='{"location": "Austin, TX"}' \
        run_scenario "patch section (basic info)" PATCH /api/resume/enhanced-basic-info/
    BENCH_TOKEN="$TOKEN" BENCH_UPLOAD="$resume/marcus-adeyemi.docx" \
        run_scenario "enhance docx ($(du -k "$resume/marcus-adeyemi.docx" | cut -f1) KiB)" POST "$enhance"
    BENCH_TOKEN="$TOKEN" BENCH_UPLOAD="$resume/marcus-adeyemi.pdf" \
        run_scenario "enhance pdf ($(du -k "$resume/marcus-adeyemi.pdf" | cut -f1) KiB)" POST "$enhance"
    run_scenario "healthz (again, drift check)" GET /healthz
}

print_table() {
    local database="sqlite (temporary file)"
    [[ -n "${BENCH_DATABASE_URL:-}" ]] && database="postgres"
    echo
    echo "resume-server $("$SERVER_BIN" --version 2>/dev/null | awk '{ print $2 }'); $database;" \
        "ENHANCER=offline; wrk $THREADS threads, $CONNECTIONS connections, $DURATION per scenario;" \
        "$(nproc) CPUs; $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "| scenario | requests | requests/s | p50 ms | p99 ms | p50 / healthz p50 | errors (http/socket) |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    awk -F'|' '
        NR == 1 && $4 != "-" { reference = $4 }
        {
            if ($2 == "-") { printf "| %s | - | - | - | - | - | %s |\n", $1, $6; next }
            rps = $3 > 0 ? $2 / ($3 / 1e6) : 0
            ratio = reference > 0 ? sprintf("%.1f", $4 / reference) : "-"
            printf "| %s | %d | %.0f | %.2f | %.2f | %s | %s/%s |\n",
                $1, $2, rps, $4 / 1000, $5 / 1000, ratio, $6, $7
        }' "$WORK/results"
}

install_tools
build_server
configure
start_server
prepare_data
run_all
print_table
if ((FAILED)); then
    echo >&2
    echo "bench-http: some scenarios failed or saw errors; see the errors column" >&2
    exit 1
fi
