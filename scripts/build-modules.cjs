#!/usr/bin/env node
// `npm run build:modules [-- <directory>]`: writes dist/terraform/<module>/ (or
// <directory>/<module>/) for every module definition (modules/*/module.ts). The TypeScript is transpiled in memory as it is required (no
// type-checking: `npm run typecheck` does that), so the build takes about a second.
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
    fileName: filename,
  });
  module._compile(outputText, filename);
};

const root = path.resolve(__dirname, '..');
const { buildModules } = require(path.join(root, 'src', 'publish', 'build.ts'));
const outdir = path.resolve(process.argv[2] ?? path.join(root, 'dist', 'terraform'));
buildModules(outdir).then(
  (files) => console.log(`${path.relative(root, outdir) || '.'}: ${files.length} files`),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
