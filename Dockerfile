# One image for every service: docker compose picks the service with the SERVICE build argument.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json nx.json tsconfig.base.json ./
COPY libs libs
COPY services services
COPY infra infra
RUN npm ci --no-audit --no-fund && npx nx run-many -t build

FROM node:20-bookworm-slim
ARG SERVICE=school
# At most two malloc arenas, as infra/platform/service-environment.ts gives every service (peak RSS; issue 19).
ENV NODE_ENV=production SERVICE=${SERVICE} MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app /app
USER node
CMD ["sh", "-c", "exec node services/${SERVICE}/dist/main.js"]
