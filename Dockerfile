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
ENV NODE_ENV=production SERVICE=${SERVICE}
WORKDIR /app
COPY --from=build /app /app
USER node
CMD ["sh", "-c", "exec node services/${SERVICE}/dist/main.js"]
