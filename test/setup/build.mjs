// jest globalSetup: the tests run the TypeScript sources (swc), but the cross-process tests also start
// the built gateway, subgraphs, partner template and CLIs as processes. So `npm test` builds those
// first, right after `npm install` too: tsc -b, only when their sources changed (scripts/build.mjs).
import { ensureBuilt, RUNTIME_PROJECTS } from '../../scripts/build.mjs';

export default function buildWhatTestsStart() {
  ensureBuilt(RUNTIME_PROJECTS, { label: 'npm test' });
}
