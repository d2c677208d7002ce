// Jest's transformer for the project's TypeScript: esbuild strips the types file by file, as
// scripts/transpile.mjs does for the app (tsconfig.json sets isolatedModules, so no file needs
// another to be transpiled). Type-checking is `npm run typecheck`'s job.
const { transformSync, version } = require('esbuild');
const { createHash } = require('node:crypto');

/** The options, also the part of the cache key that is not the file. */
const OPTIONS = {
  loader: 'ts',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'external',
  // `import()` becomes `require()`, as TypeScript writes it for CommonJS: jest runs no ES modules.
  supported: { 'dynamic-import': false },
  // What tsconfig.json's target (ES2022) implies for class fields.
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
};

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { ...OPTIONS, sourcefile: filename });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash('sha256')
      .update(`${version}\0${JSON.stringify(OPTIONS)}\0${filename}\0${source}`)
      .digest('hex');
  },
};
