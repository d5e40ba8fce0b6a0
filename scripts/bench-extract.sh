#!/usr/bin/env bash
# Times our text extraction (`resume-server extract FILE`) against pdftotext on
# the corpus PDFs and against antiword and catdoc on the corpus DOC files, and
# prints the median time per file and the median ratio (ours / theirs) per
# format and tool. Uses hyperfine when installed; installs the tools with
# apt-get when they are missing and the script runs as root.
#
# usage: scripts/bench-extract.sh [RUNS]        (default 20 runs per command)
# env:   BENCH_BIN=quality  time the `quality dump` example instead of the server
set -euo pipefail

RUNS="${1:-20}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CORPUS="$ROOT/tests/corpus"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/resume-enhancer-target}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

install_tools() {
    local missing=()
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    command -v antiword >/dev/null || missing+=(antiword)
    command -v catdoc >/dev/null || missing+=(catdoc)
    if ((${#missing[@]})) && [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        echo "installing: ${missing[*]}" >&2
        apt-get update -qq >/dev/null 2>&1 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 ||
            echo "could not install ${missing[*]}; those comparisons are skipped" >&2
    fi
}

# Sets OURS to the command (as an array) that extracts one file.
build_ours() {
    if [[ "${BENCH_BIN:-server}" == server ]] &&
        (cd "$ROOT" && cargo build -q --release -p resume-server) 2>"$WORK/build.log"; then
        OURS=("$CARGO_TARGET_DIR/release/resume-server" extract)
        OURS_LABEL="resume-server extract"
    else
        [[ "${BENCH_BIN:-server}" == server ]] &&
            echo "resume-server did not build (see below); timing the quality example" >&2 &&
            tail -5 "$WORK/build.log" >&2
        (cd "$ROOT" && cargo build -q --release -p resume-extract --example quality)
        OURS=("$CARGO_TARGET_DIR/release/examples/quality" dump)
        OURS_LABEL="quality dump (resume-extract example)"
    fi
}

# Prints "OURS THEIRS": the median wall times in milliseconds of the two
# commands (each a string, run without a shell), RUNS runs each. The runs
# alternate in rounds of five, so that a slow spell of a shared machine
# falls on both commands alike rather than on whichever ran during it.
pair_ms() {
    local ours="$1" theirs="$2" rounds=$(((RUNS + 4) / 5)) round
    : >"$WORK/times"
    for ((round = 0; round < rounds; round++)); do
        if command -v hyperfine >/dev/null; then
            hyperfine -N --style none --warmup 1 --runs 5 --export-json "$WORK/h.json" \
                "$ours" "$theirs" >/dev/null 2>&1
            # One time per line inside each command's "times" array.
            awk '/"times": \[/ { n++; inside = 1; next }
                 inside && /\]/ { inside = 0 }
                 inside { gsub(/[ ,]/, ""); print n, $0 * 1000 }' "$WORK/h.json" >>"$WORK/times"
        else
            local which command start end
            for which in 1 2; do
                command=$([[ $which == 1 ]] && echo "$ours" || echo "$theirs")
                for _ in 1 2 3 4 5; do
                    start=$(date +%s%N)
                    eval "$command" >/dev/null 2>&1 || true
                    end=$(date +%s%N)
                    awk -v w="$which" -v ns="$((end - start))" 'BEGIN { print w, ns / 1e6 }' >>"$WORK/times"
                done
            done
        fi
    done
    local which
    for which in 1 2; do
        awk -v w="$which" '$1 == w { print $2 }' "$WORK/times" | sort -g |
            awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.3f ", m }'
    done
    echo
}

# Compares ours with TOOL on FILES; appends "format tool ratio" to ratios.
compare() {
    local format="$1" tool="$2"
    shift 2
    command -v "$tool" >/dev/null || { echo "($tool not installed; skipped)"; return; }
    local file ours theirs
    for file in "$@"; do
        local theirs_command
        case "$tool" in
            pdftotext) theirs_command="pdftotext -q $(printf '%q' "$file") -" ;;
            *) theirs_command="$tool $(printf '%q' "$file")" ;;
        esac
        read -r ours theirs < <(pair_ms "$(printf '%q ' "${OURS[@]}" "$file")" "$theirs_command")
        printf '| %s | %s | %s | %s | %.2f |\n' "$(basename "$file")" "$tool" "$ours" "$theirs" \
            "$(awk -v a="$ours" -v b="$theirs" 'BEGIN { print (b > 0 ? a / b : 0) }')"
        echo "$format $tool $(awk -v a="$ours" -v b="$theirs" 'BEGIN { print (b > 0 ? a / b : 0) }')" \
            >>"$WORK/ratios"
    done
}

install_tools
build_ours
touch "$WORK/ratios"
shopt -s nullglob
pdfs=("$CORPUS"/resumes/*/*.pdf "$CORPUS"/real/*.pdf)
docs=("$CORPUS"/resumes/*/*.doc)

echo "ours: $OURS_LABEL; $RUNS runs per command; $(command -v hyperfine >/dev/null && echo hyperfine || echo 'shell timer')"
echo
echo "| file | tool | ours ms | tool ms | ours / tool |"
echo "|---|---|---|---|---|"
compare pdf pdftotext "${pdfs[@]}"
compare doc antiword "${docs[@]}"
compare doc catdoc "${docs[@]}"
echo
echo "| format | tool | median ratio ours / tool | files |"
echo "|---|---|---|---|"
sort -k1,1 -k2,2 -k3,3g "$WORK/ratios" | awk '
    { key = $1 " " $2; n[key]++; v[key, n[key]] = $3 }
    END {
        for (k in n) {
            m = n[k]; mid = int((m + 1) / 2)
            med = (m % 2) ? v[k, mid] : (v[k, mid] + v[k, mid + 1]) / 2
            split(k, p, " "); printf "| %s | %s | %.2f | %d |\n", p[1], p[2], med, m
        }
    }'
