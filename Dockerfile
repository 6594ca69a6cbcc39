# Belcheer — the production image: the API (TypeScript run through tsx), the built web app, the
# worker. docker-compose.yml runs it against PostGIS; alone it runs with the embedded PGlite in
# /data.
#
#   docker build -t belcheer .
#   docker run -p 8080:8080 -v belcheer-data:/data belcheer
#
# Configuration by environment (SPEC §3): PORT, DATA_DIR, DATABASE_URL, STORAGE,
# BELCHEER_ADMIN_EMAIL, BELCHEER_ADMIN_PASSWORD.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: the workspaces' dependencies from the committed lockfile ----------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV CI=true NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
# Only the manifests, so this layer is rebuilt when dependencies change, not when sources do.
COPY package.json package-lock.json ./
COPY processing/package.json processing/
COPY tiler/package.json tiler/
COPY api/package.json api/
COPY web/package.json web/
COPY sample-data/package.json sample-data/
COPY tests/package.json tests/
RUN npm ci && npm cache clean --force

# ---- build: the web app (Vite) ------------------------------------------------------------------
FROM deps AS build
COPY . .
RUN npm run build -w web

# ---- runtime -------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=8080 \
    DATA_DIR=/data \
    NPM_CONFIG_UPDATE_NOTIFIER=false
# node_modules keeps the dev dependencies: the API runs TypeScript through tsx, a dev dependency
# of the root package.
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.base.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/processing ./processing
COPY --from=build /app/tiler ./tiler
COPY --from=build /app/api ./api
COPY --from=build /app/sample-data ./sample-data
COPY --from=build /app/web/package.json ./web/package.json
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/tests/package.json ./tests/package.json
# The sources stay root-owned and read-only for the app; it writes only to /data (the `node`
# user, uid 1000, of the base image).
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The API handles SIGTERM (graceful shutdown); run with `--init` (compose: `init: true`) so that
# signals reach it and zombies are reaped. --single-threaded-gc: the render threads keep every core
# busy, and V8's helper GC threads only took CPU from them (−10–15 % CPU a tile, BENCHMARKS.md).
CMD ["node", "--single-threaded-gc", "--import", "tsx", "api/src/main.ts"]
