# syntax=docker/dockerfile:1
# Sluis gateway. Build: docker build -t sluis .
# Run: docker run -p 8080:8080 -v sluis-data:/app/data -e SLUIS_PARTIES=/config/parties.json -v ./config:/config:ro sluis
# With PostgreSQL: add -e DATABASE_URL=postgres://…
# Without SLUIS_PARTIES the gateway would run on the DEMO parties config (public keys, an operator key among
# them); the image listens on 0.0.0.0, so it refuses to start unless you also pass -e SLUIS_DEMO_PUBLIC=1.
# Kept honest by test/gateway/dockerfile.test.ts (no Docker engine on the dev machines).

# ---- build: full dependencies, compile TypeScript --------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are here; we build explicitly below.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
# tsconfig.build.json compiles src/ only; src imports the JSON schemas.
COPY src ./src
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
