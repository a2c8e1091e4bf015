#!/usr/bin/env bash
# Builds a committed revision of the project in its own directory, so that a benchmark measures one
# known commit while others keep editing the working tree:  bench/snapshot.sh /tmp/bench-app [REV]
# then  BENCH_APP_ROOT=/tmp/bench-app npm run bench.  node_modules are linked from this checkout,
# except the workspace packages, which point into the snapshot. SNAPSHOT_OVERLAY="a b" copies those
# paths from the working tree over the snapshot (an uncommitted fix; the report should say so).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:?usage: bench/snapshot.sh <dir> [rev]}"
rev="${2:-HEAD}"
rm -rf "$dest"
mkdir -p "$dest/node_modules/@ecosystem"
git -C "$root" archive "$rev" | tar -x -C "$dest"
for path in ${SNAPSHOT_OVERLAY:-}; do cp "$root/$path" "$dest/$path"; echo "overlay: $path"; done
for entry in "$root"/node_modules/* "$root"/node_modules/.bin; do
  name="$(basename "$entry")"
  [ "$name" = "@ecosystem" ] && continue
  ln -s "$entry" "$dest/node_modules/$name"
done
for pkg in shared gateway test; do ln -s "../../$pkg" "$dest/node_modules/@ecosystem/$pkg"; done
for pkg in members datasets training events; do ln -s "../../subgraphs/$pkg" "$dest/node_modules/@ecosystem/$pkg"; done
# The registry's own package (inside gateway/), in revisions that have it.
if [ -d "$dest/gateway/registry" ]; then ln -s "../../gateway/registry" "$dest/node_modules/@ecosystem/registry"; fi
# Workspaces' own node_modules (versions that differ from the hoisted ones).
for pkg in shared gateway gateway/registry test subgraphs/members subgraphs/datasets subgraphs/training subgraphs/events; do
  if [ -d "$root/$pkg/node_modules" ] && [ -d "$dest/$pkg" ]; then ln -s "$root/$pkg/node_modules" "$dest/$pkg/node_modules"; fi
done
cd "$dest"
"$root/node_modules/.bin/tsc" -b shared gateway subgraphs/members subgraphs/datasets subgraphs/training subgraphs/events
echo "snapshot of $(git -C "$root" rev-parse --short "$rev") built in $dest"
