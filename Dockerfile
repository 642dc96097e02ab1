# Build: compiles the native addons (better-sqlite3, argon2 binding) and the TypeScript.
# Node 22 LTS: Node 20 has reached its end of life (package.json "engines" still allows 20.19+ for development).
FROM node:22-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
# npm run build: the API, the worker and the web app (dist/web, which the API serves at /; the web packages are
# build-time only, so the prune drops them)
RUN npm run build && npm prune --omit=dev

# Run: the same image serves the API (default) and the worker (docker-compose.yml gives the worker its command and healthcheck).
FROM node:22-bookworm-slim
ENV NODE_ENV=production
# In a container the API must listen on every interface for the published port to reach it; who may connect is decided
# where the port is published (docker-compose.yml "ports").
ENV HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Where the worker archives audit months (AUDIT_ARCHIVE_DIR, docs/domain.md §7.5): owned by the user it runs as, so a
# volume mounted there (docker-compose.yml) starts writable.
RUN mkdir -p /app/data/audit-archive && chown -R node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1's command (no npm, no shell), so `docker stop`'s SIGTERM reaches the API's graceful shutdown.
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
