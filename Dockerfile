# One image for both services; docker-compose.yml picks the entry point with `command`.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.base.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
# The V8 heap budget of tools/stack/service-node-options (a test keeps the two equal).
ENV NODE_ENV=production HOST=0.0.0.0 NODE_OPTIONS="--max-old-space-size=72 --max-semi-space-size=4"
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# The event store's SQL migrations, for compose's one-shot migrate service (and MIGRATE_ON_START=true).
COPY --from=build /app/libs/event-store/migrations libs/event-store/migrations
COPY --from=build /app/apps/query-service/src/ui/page apps/query-service/src/ui/page
# The official image's unprivileged user; the services need no root.
USER node
CMD ["node", "--enable-source-maps", "dist/apps/command-service/src/main.js"]
