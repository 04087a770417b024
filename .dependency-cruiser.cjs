// One-way layers of DESIGN.md: a module may import only from layers listed before it.
const LAYERS = ['core', 'text', 'feeds', 'extract', 'dedup', 'stories', 'search', 'fetch', 'store', 'pipeline', 'server', 'cli'];
const PURE = ['text', 'feeds', 'extract', 'dedup', 'stories', 'search'];

const forbidden = LAYERS.map((layer, i) => ({
  name: `layer-${layer}`,
  comment: `src/${layer} may import only from ${LAYERS.slice(0, i).join(', ') || 'nothing in src'} (and itself)`,
  severity: 'error',
  from: { path: `^src/${layer}/`, pathNot: '\\.test\\.ts$' },
  to: { path: `^src/(${LAYERS.filter((_, j) => j > i).join('|')})/` },
}));

forbidden.push({
  name: 'pure-layers-no-io',
  comment: 'pure layers never touch the network, database, filesystem or process environment',
  severity: 'error',
  from: { path: `^src/(${PURE.join('|')})/`, pathNot: '\\.test\\.ts$' },
  to: { path: '^(better-sqlite3|pg|undici|node:(fs|net|http|https|dns|child_process)|fs|net|http|https|dns|child_process)$|node_modules/(better-sqlite3|pg|undici)/', dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] },
});

forbidden.push({
  name: 'no-test-support-in-product',
  comment: 'test helpers are for tests and benchmarks only',
  severity: 'error',
  from: { path: '^src/', pathNot: '(\\.test\\.ts$|^src/test-support/)' },
  to: { path: '^src/test-support/' },
});

forbidden.push({ name: 'no-circular', severity: 'warn', from: {}, to: { circular: true } });

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
