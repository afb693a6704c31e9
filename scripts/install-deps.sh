#!/usr/bin/env bash
# Installs every Debian package Retorno needs to build, run and test. Idempotent and
# quiet when everything is already there. Needs root (or sudo) and Debian 12.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev libsqlite3-dev libsodium-dev libabsl-dev nlohmann-json3-dev
  libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev libical-dev libcsv-dev rapidjson-dev
  libgoogle-perftools-dev
  libcurl4-openssl-dev libpq-dev libmagic-dev libmagic-mgc
  libpwquality-dev cracklib-runtime
  libxlsxwriter-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core libxml2-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  tzdata sqlite3 curl ca-certificates
  nodejs npm
)
if [[ "${1:-}" == "--test" ]]; then
  # What the test suite starts besides Retorno: a real browser for the end-to-end tests
  # and an SMTP sink (tests/smtp/smtp_sink.py) for the mail tests.
  packages+=(chromium python3-aiosmtpd)
  # The PostgreSQL server the PostgreSQL store's tests start a private cluster of
  # (src/store/postgres/test_cluster.h; libpq-dev above is the build's C API).
  packages+=(postgresql-15)
  # clang's libFuzzer and sanitizer runtimes for the parsers' fuzz targets (scripts/fuzz.sh).
  packages+=(clang libclang-rt-14-dev)
  # What the export tests read the files back with: openpyxl for XLSX, pdftotext and
  # pdftoppm for PDF (tests/api/exports.test.mjs).
  packages+=(python3-openpyxl poppler-utils)
  # The C++ formatting check of the test command (scripts/format.sh, .clang-format).
  packages+=(clang-format)
fi
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(wrk nginx-light)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node/npm may come from elsewhere (e.g. nodesource); accept a working node >= 18.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if ((${#missing[@]})); then
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
