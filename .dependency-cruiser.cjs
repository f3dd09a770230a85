/**
 * Which part of Portolan may import which (DESIGN "Ways of the code" 10: layers point down only).
 * scripts/test.sh runs it after tsc: `npx depcruise --config .dependency-cruiser.cjs apps packages
 * sandbox/src bench scripts`; scripts/layering.test.ts proves each rule fails on a new violation.
 *
 * Type-only imports count: a lower layer that names a higher layer's type still depends on it.
 */
const path = require('node:path');

const SERVER = '^apps/server/src/';
/** A test may start the whole server (testing/portolan-harness.ts) whatever room it sits in. */
const TEST = '\\.test\\.ts$';
const FASTIFY = '(^|/)node_modules/(fastify|@fastify/[^/]+)/';

/**
 * Known violations, each an explicit pair (importing file, imported file), by rule name: a pair listed
 * here passes; any other file breaking the same rule fails. None is left (issue 9 removed the last);
 * list one only for a violation that must land before its fix, and delete it once its import is gone.
 */
const KNOWN = {};

const RULES = [
  {
    name: 'http-is-the-top',
    comment:
      'Only http/, the composition root and test support import http/: routes call services, never the reverse.',
    from: { path: SERVER, pathNot: `${SERVER}(http/|testing/|portolan\\.ts$|main\\.ts$)` },
    to: { path: `${SERVER}http/` },
  },
  {
    name: 'fastify-only-in-http',
    comment: 'The web framework stays in http/: services and clients are usable without it.',
    from: { pathNot: `${SERVER}http/` },
    to: { path: FASTIFY },
  },
  {
    name: 'store-and-kube-know-no-service',
    comment: 'store/ and the cluster client kube/ are the bottom: they import no service and no HTTP.',
    from: { path: `${SERVER}(store|kube)/`, pathNot: TEST },
    to: { path: SERVER, pathNot: `${SERVER}(store|kube|config|time)/` },
  },
  {
    name: 'clusters-know-no-service',
    comment: 'clusters/ (registry, credentials, health) sits on store/ and kube/, below the services.',
    from: { path: `${SERVER}clusters/`, pathNot: TEST },
    // The caller's identity (iam/caller.ts) is the one service type it names: cluster access acts for callers.
    to: {
      path: SERVER,
      pathNot: [`${SERVER}(clusters|store|kube|config|time)/`, `${SERVER}iam/caller\\.ts$`],
    },
  },
  {
    name: 'routes-act-through-cluster-access',
    comment:
      'Who acts as whom on a member cluster is decided in clusters/cluster-access.ts: the HTTP side builds no connection or impersonation headers.',
    from: { path: `${SERVER}http/`, pathNot: TEST },
    to: { path: `${SERVER}kube/kube-connection\\.ts$` },
  },
  {
    name: 'config-is-the-bottom',
    comment: 'Settings are read and checked in config/ and handed down; config/ imports no other room.',
    from: { path: `${SERVER}config/` },
    to: { path: SERVER, pathNot: `${SERVER}config/` },
  },
  {
    name: 'audit-knows-no-iam',
    comment:
      'iam/ records its events through audit/, so audit/ names no iam/ type: it takes what it records as plain data.',
    from: { path: `${SERVER}audit/` },
    to: { path: `${SERVER}iam/` },
  },
  {
    name: 'time-is-the-bottom',
    comment: 'The clock (time/) is read by every room, so it imports none.',
    from: { path: `${SERVER}time/` },
    to: { path: SERVER, pathNot: `${SERVER}time/` },
  },
  {
    name: 'cli-speaks-only-the-api',
    comment: 'The CLI reaches the server over its HTTP API and shared packages, not its source files.',
    from: { path: '^apps/cli/', pathNot: '\\.test\\.ts$' },
    to: { path: '^apps/server/' },
  },
  {
    name: 'web-speaks-only-the-api',
    comment:
      'The console reaches the server over its public HTTP API and shared packages; only its tests start a server.',
    from: { path: '^apps/web/', pathNot: '\\.test\\.ts$|^apps/web/src/testing/|^apps/web/scripts/' },
    to: { path: '^apps/server/' },
  },
  {
    name: 'packages-stand-alone',
    comment: 'Shared packages (api, kinds) are read by the apps; they import no app.',
    from: { path: '^packages/' },
    to: { path: '^apps/' },
  },
  {
    name: 'no-circular',
    comment: 'A cycle has no lower end: split the shared part into a module both import.',
    from: {},
    to: { circular: true },
  },
];

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const asList = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * A rule with its known pairs let through: the rule as written for every other file, and for each
 * file with known pairs the same rule less the targets it is known to import.
 */
function withKnown(rule, knownPairs = KNOWN) {
  const pairs = knownPairs[rule.name] ?? [];
  const byFile = new Map();
  for (const [from, to] of pairs) byFile.set(from, [...(byFile.get(from) ?? []), to]);
  const target = (to) => (to === 'fastify' ? FASTIFY : `^${escapeRegExp(to)}$`);
  const files = [...byFile.keys()].map((file) => `^${escapeRegExp(file)}$`);
  const general = {
    ...rule,
    severity: 'error',
    from: { ...rule.from, pathNot: [...asList(rule.from.pathNot), ...files] },
  };
  const known = [...byFile].map(([file, targets]) => ({
    ...rule,
    severity: 'error',
    from: { ...rule.from, path: `^${escapeRegExp(file)}$` },
    to: { ...rule.to, pathNot: [...asList(rule.to.pathNot), ...targets.map(target)] },
  }));
  return [general, ...known];
}

module.exports = {
  forbidden: RULES.flatMap((rule) => withKnown(rule)),
  options: {
    doNotFollow: { path: 'node_modules' },
    // The console's bundle is built output, not source.
    exclude: { path: '^apps/web/dist/' },
    // TypeScript 7.0's compiler has no JavaScript API for dependency-cruiser; swc parses instead, and
    // keeps type-only imports (scripts/layering.test.ts checks one is caught). `true` here would ask
    // for that compiler and only warn.
    parser: 'swc',
    tsPreCompilationDeps: false,
    // For the `#server/*` imports; the path works wherever depcruise runs (the layering test's fixtures).
    tsConfig: { fileName: path.join(__dirname, 'tsconfig.json') },
    // Workspace packages (@portolan/server, @portolan/kinds, …) resolve through their `exports` to
    // the real files, so a rule about apps/server/ sees an import by package name too.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

/**
 * The rules with another list of known pairs, for scripts/layering.test.ts to prove the mechanism on
 * a fixture of its own whatever the project's list holds. Not enumerable: depcruise refuses a config
 * with keys it does not know.
 */
Object.defineProperty(module.exports, 'forbiddenWithKnown', {
  value: (knownPairs) => RULES.flatMap((rule) => withKnown(rule, knownPairs)),
  enumerable: false,
});
