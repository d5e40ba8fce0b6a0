#!/usr/bin/env bash
# Fuzzes one extraction target for a number of seconds, seeded from the corpus.
#
# usage: scripts/fuzz.sh TARGET SECONDS     TARGET: pdf docx doc odt rtf text
#
# Runs `cargo fuzz run` (cargo-fuzz; the nightly toolchain when installed,
# else the stable one with RUSTC_BOOTSTRAP=1). Without cargo-fuzz, falls back
# to the seeded mutation smoke test of resume-extract.
set -euo pipefail

TARGET="${1:?usage: scripts/fuzz.sh TARGET SECONDS}"
SECONDS_TO_RUN="${2:?usage: scripts/fuzz.sh TARGET SECONDS}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CORPUS="$ROOT/tests/corpus"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/resume-enhancer-target}"

case "$TARGET" in
    pdf) seeds=("$CORPUS"/resumes/*/*.pdf "$CORPUS"/real/*.pdf "$CORPUS"/edge-cases/*.pdf "$CORPUS"/layouts/*/*.pdf) ;;
    docx) seeds=("$CORPUS"/resumes/*/*.docx "$CORPUS"/edge-cases/*.docx "$CORPUS"/layouts/*/*.docx) ;;
    doc) seeds=("$CORPUS"/resumes/*/*.doc "$CORPUS"/layouts/*/*.doc) ;;
    odt) seeds=("$CORPUS"/resumes/*/*.odt "$CORPUS"/layouts/*/*.odt) ;;
    rtf) seeds=("$CORPUS"/edge-cases/rtf-as.doc "$CORPUS"/layouts/*/*.rtf) ;;
    text) seeds=("$CORPUS"/resumes/*/*.txt "$CORPUS"/edge-cases/text-as.pdf) ;;
    *) echo "unknown target $TARGET (pdf docx doc odt rtf text)" >&2; exit 2 ;;
esac

# cargo-fuzz passes nightly-only flags to rustc; without a nightly toolchain
# the stable compiler is told to accept them (RUSTC_BOOTSTRAP=1).
if cargo +nightly fuzz --version >/dev/null 2>&1; then
    FUZZ=(cargo +nightly fuzz)
elif cargo fuzz --version >/dev/null 2>&1; then
    FUZZ=(env RUSTC_BOOTSTRAP=1 cargo fuzz)
else
    FUZZ=()
fi

if ((${#FUZZ[@]})); then
    work="$ROOT/fuzz/corpus/$TARGET"
    mkdir -p "$work"
    for seed in "${seeds[@]}"; do
        [[ -f "$seed" ]] && cp -n "$seed" "$work/" 2>/dev/null || true
    done
    cd "$ROOT/fuzz"
    # The fuzz build uses its own target folder: its flags rebuild everything.
    # The crates forbid unsafe code, so AddressSanitizer is off unless asked
    # for (FUZZ_SANITIZER=address); coverage-guided fuzzing stays on.
    CARGO_TARGET_DIR="$CARGO_TARGET_DIR/fuzz" "${FUZZ[@]}" run \
        --sanitizer "${FUZZ_SANITIZER:-none}" "$TARGET" "$work" -- \
        -max_total_time="$SECONDS_TO_RUN" -timeout=20 -rss_limit_mb=2048 -max_len=4194304
else
    echo "cargo-fuzz is missing; running the mutation smoke test" >&2
    echo "(about 1000 mutations per second; EXTRACT_FUZZ_ROUNDS sized from SECONDS)" >&2
    cd "$ROOT"
    EXTRACT_FUZZ_ROUNDS=$((SECONDS_TO_RUN * 1000)) cargo test -q --release -p resume-extract \
        --test extract "smoke_fuzz::mutated_${TARGET}_files" -- --nocapture
fi
