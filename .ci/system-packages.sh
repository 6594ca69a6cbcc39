#!/usr/bin/env bash
# Installs the Debian 12 (bookworm) packages CI needs, idempotently. Root only (CI runs as root).
#   PostgreSQL 15 + PostGIS 3   the throw-away cluster for the tests against a real database
#   GDAL, rasterio, shapely     reference values for the raster and geometry tests
#   Chromium + fonts            the browser smoke test (playwright-core drives /usr/bin/chromium)
#   poppler-utils               pdftotext, pdftoppm, pdffonts, pdfsig for the PDF report tests
#   openssl                     the throw-away CA and signing certificate of the report-signing test
#   docker-compose              `docker-compose config` validates docker-compose.yml without an engine
# When every package is already installed it returns at once, without `apt-get update`.
set -euo pipefail

PACKAGES=(
  postgresql-15
  postgresql-15-postgis-3
  gdal-bin
  python3-gdal
  python3-rasterio
  python3-shapely
  chromium
  fonts-dejavu-core
  fonts-liberation
  poppler-utils
  openssl
  docker-compose
)

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "all ${#PACKAGES[@]} packages already installed: ${PACKAGES[*]}"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "missing Debian packages: ${missing[*]}" >&2
  echo "run as root, or: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-y -q -o Dpkg::Use-Pty=0 -o Acquire::Retries=3 -o DPkg::Lock::Timeout=300)
apt-get "${apt_opts[@]}" update
# No recommends: docker-compose would pull in docker.io (an engine CI does not need).
apt-get "${apt_opts[@]}" install --no-install-recommends "${missing[@]}"

for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ "$status" == installed ]] || {
    echo "package $p is not installed after apt-get install" >&2
    exit 1
  }
done
echo "installed: ${missing[*]}"
