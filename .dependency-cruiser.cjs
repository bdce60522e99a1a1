// The import graph's rules (`npm run lint` runs `depcruise src web/src`): no circles, and every
// arrow points down the layers below. docs/ARCHITECTURE.md explains the order.

/**
 * The server's layers, bottom to top; each entry is a folder of src/ (`name/`) or a file of it. A
 * module may import from its own layer and the ones listed before it, never from a later one.
 */
const SERVER_LAYERS = [
  ['shared/', 'errors.ts', 'config.ts'],
  ['db/', 'context.ts', 'blobs/'],
  ['audit/', 'flags/', 'outbox/', 'events/'],
  ['http/'],
  ['members/'],
  ['auth/'],
  ['connections/'],
  ['invitations/'],
  ['messaging/'],
  ['inbox/'],
  ['me/'],
  ['people/', 'contacts/'],
  ['support/'],
  ['delivery/'],
  ['app.ts', 'server.ts', 'cli/'],
];

/** The web app's layers, bottom to top, the same way (folders and files of web/src/). */
const WEB_LAYERS = [['lib/', 'styles.css'], ['components/'], ['pages/', 'console/'], ['routes.tsx', 'app.tsx', 'main.tsx']];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pathsOf = (root, entries) => `^${escape(root)}(${entries.map((e) => (e.endsWith('/') ? escape(e) : `${escape(e)}$`)).join('|')})`;

/** One rule per layer: what is in it imports only from its own layer and the ones below. */
function layerRules(root, layers) {
  return layers.map((layer, index) => ({
    name: `layers:${root}${layer.join(',')}`,
    comment: `${layer.join(', ')} may import only from its own layer or lower ones (see docs/ARCHITECTURE.md).`,
    severity: 'error',
    from: { path: pathsOf(root, layer) },
    to: { path: `^${escape(root)}`, pathNot: pathsOf(root, layers.slice(0, index + 1).flat()) },
  }));
}

/** Every module of the tree that imports something is placed in a layer, so a new folder must be given one. */
function placedRule(root, layers) {
  return {
    name: `layers:${root}unplaced`,
    comment: `Every module of ${root} belongs to a layer: add its folder to the list in .dependency-cruiser.cjs.`,
    severity: 'error',
    from: { path: `^${escape(root)}`, pathNot: pathsOf(root, layers.flat()) },
    to: {},
  };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A module must not reach itself through its imports: split out what both sides need, below them.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules('src/', SERVER_LAYERS),
    placedRule('src/', SERVER_LAYERS),
    ...layerRules('web/src/', WEB_LAYERS),
    placedRule('web/src/', WEB_LAYERS),
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports are arrows too: a type imported from above is a layer broken.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Tests may import anything (test/ and bench/ are not cruised); the tests kept beside their
    // module in src/ are left out with them.
    exclude: { path: ['\\.test\\.tsx?$', '^test/', '^bench/', '^node_modules/', '^dist/'] },
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
