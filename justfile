# Tasks of resume-enhancer. `just --list` shows them.
#
# Every cargo command shares one target directory, so that parallel builds
# reuse each other's work.

export CARGO_TARGET_DIR := env_var_or_default("CARGO_TARGET_DIR", "target")

# Serve on 127.0.0.1:8080 with the SQLite database in ./data.
run:
    cargo run --release -p resume-server

# Every test on SQLite.
test:
    cargo test --workspace

# Every test, the PostgreSQL-capable ones against a local server (each test
# makes and drops its own database there).
test-pg url="postgres://postgres@127.0.0.1:5432/postgres":
    TEST_DATABASE_URL={{url}} cargo test --workspace

# Formatting and lints as CI checks them.
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings

# Format the code.
fmt:
    cargo fmt --all

# Benchmarks.
bench:
    cargo bench --workspace

# The front-end example of the API document in headless Chromium against the
# release binary.
browser:
    bash tests/browser/run.sh

# Fuzz the running API from its OpenAPI document with schemathesis.
fuzz-api:
    bash scripts/fuzz-api.sh
