#!/usr/bin/env bash
# Checks the production path as far as CI can without a Docker engine:
#   - `docker compose config` (or Debian's `docker-compose config`) accepts docker-compose.yml,
#     with none of its variables set, as a new user would run it;
#   - the files the Dockerfile and docker-compose.yml start or copy exist in the repo.
set -euo pipefail
cd "$(dirname "$0")/.."

# Validate with a clean environment for the variables the file reads, so defaults are exercised.
unset_vars=(-u BELCHEER_ADMIN_EMAIL -u BELCHEER_ADMIN_PASSWORD -u POSTGRES_PASSWORD -u BELCHEER_PORT)
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  echo "neither 'docker compose' nor 'docker-compose' is installed (apt-get install docker-compose)" >&2
  exit 1
fi
echo "validating docker-compose.yml with ${compose[*]} $("${compose[@]}" version --short 2>/dev/null || true)"
env "${unset_vars[@]}" "${compose[@]}" -f docker-compose.yml config -q
services=$(env "${unset_vars[@]}" "${compose[@]}" -f docker-compose.yml config --services)
for s in db app worker; do
  grep -qx "$s" <<<"$services" || {
    echo "docker-compose.yml has no service '$s'" >&2
    exit 1
  }
done
echo "services: $(tr '\n' ' ' <<<"$services")"

# Entry points and build inputs named by the Dockerfile and docker-compose.yml.
status=0
for f in package.json package-lock.json tsconfig.base.json \
  processing/package.json tiler/package.json api/package.json web/package.json \
  sample-data/package.json tests/package.json \
  api/src/main.ts api/src/worker.main.ts; do
  if [[ ! -f "$f" ]]; then
    echo "missing $f (the Dockerfile or docker-compose.yml relies on it)" >&2
    status=1
  fi
done
# The runtime image copies web/dist, produced by `npm run build -w web` (the "web build" phase).
if [[ ! -d web/dist ]]; then
  echo "warning: web/dist does not exist here; the Dockerfile builds it with 'npm run build -w web'" >&2
fi
exit "$status"
