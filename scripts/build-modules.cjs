#!/usr/bin/env node
// `npm run build:modules [-- <directory>]`: writes dist/terraform/<module>/ (or
// <directory>/<module>/) for every module definition (modules/*/module.ts). The TypeScript is transpiled in memory as it is required (no
// type-checking: `npm run typecheck` does that), so the build takes about a second.
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');

const USAGE = `Usage: npm run build:modules [-- <directory>]

Writes every module as a Terraform module (main.tf, variables.tf, outputs.tf, versions.tf,
README.md, examples/) into <directory>/<module>/ (default: dist/terraform).

Options:
  -h, --help  this text

Exit codes: 0 written, 1 the build failed, 2 wrong usage (nothing written).`;

let args;
try {
  args = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (args.positionals.length > 1) throw new Error('Give at most one output directory.');
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}

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
const outdir = path.resolve(args.positionals[0] ?? path.join(root, 'dist', 'terraform'));
buildModules(outdir).then(
  (files) => console.log(`${path.relative(root, outdir) || '.'}: ${files.length} files`),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
