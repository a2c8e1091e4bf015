# One image per process of the graph: SERVICE is the workspace folder (gateway, subgraphs/members, ...).
#   docker build --build-arg SERVICE=subgraphs/members -t ecosystem-members .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY shared/package.json shared/
COPY gateway/package.json gateway/
COPY gateway/registry/package.json gateway/registry/
COPY subgraphs/members/package.json subgraphs/members/
COPY subgraphs/datasets/package.json subgraphs/datasets/
COPY subgraphs/training/package.json subgraphs/training/
COPY subgraphs/events/package.json subgraphs/events/
COPY test/package.json test/
# No scripts yet: the sources are not copied, so the root's `prepare` (a build) cannot run here.
RUN npm install --no-audit --no-fund --ignore-scripts
COPY . .
RUN npx tsc -b shared gateway subgraphs/members subgraphs/datasets subgraphs/training subgraphs/events \
 && npm prune --omit=dev

FROM node:20-bookworm-slim
ARG SERVICE
ENV NODE_ENV=production SERVICE=${SERVICE}
WORKDIR /app
COPY --from=build /app /app
USER node
CMD ["sh", "-c", "exec node \"$SERVICE/dist/main.js\""]
