# syntax=docker/dockerfile:1
# Sluis gateway. Build: docker build -t sluis .   Run: docker run -p 8080:8080 -v sluis-data:/app/data sluis
# With PostgreSQL: docker run -e DATABASE_URL=postgres://… -e SLUIS_PARTIES=/config/parties.json -v ./config:/config:ro sluis
# Kept honest by test/gateway/dockerfile.test.ts (no Docker engine on the dev machines).

# ---- build: full dependencies, compile TypeScript --------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are here; we build explicitly below.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
COPY test/support ./test/support
COPY schemas ./schemas
RUN npm run build

# ---- runtime: production dependencies only, non-root ---------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    SLUIS_DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY schemas ./schemas
COPY config ./config
COPY bin ./bin
COPY src/store/migrations ./src/store/migrations
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The same command as `npm start` without its build step (the image is already built).
CMD ["node", "dist/src/cli/main.js", "serve"]
