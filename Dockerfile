# Builds resume-server and runs it as an unprivileged user.
#
#   docker build -t resume-server .
#   docker run -p 8080:8080 -e JWT_SECRET=... resume-server

FROM rust:1-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends perl make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p resume-server \
    && cp target/release/resume-server /usr/local/bin/resume-server

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system app \
    && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /app/data /app/config \
    && chown -R app:app /app
WORKDIR /app
COPY --from=build /usr/local/bin/resume-server /usr/local/bin/resume-server
COPY --chown=app:app config/default.toml /app/config/default.toml
USER app
ENV HOST=0.0.0.0 \
    PORT=8080 \
    DATABASE_URL=sqlite://data/resumes.db \
    RUST_LOG=info \
    LOG_FORMAT=json \
    SSL_CERT_DIR=/etc/ssl/certs
VOLUME ["/app/data"]
EXPOSE 8080
ENTRYPOINT ["resume-server"]
CMD ["serve"]
