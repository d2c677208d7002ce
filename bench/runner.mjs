// Measures the runner's Lambda bundle: zip size, cold initialisation in a fresh node process,
// and per-invocation overhead against a stubbed ECS. Run: node bench/runner.mjs [runs]
// Not part of the jest suite. Every server here listens on 127.0.0.1 and stops by itself.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 15);
const work = mkdtempSync(join(tmpdir(), 'runner-bench-'));
const require = createRequire(import.meta.url);

// Loads a TypeScript module of src/runner, transpiled into node_modules/.cache (so that its
// packages resolve) with __dirname kept pointing at src/runner (bundle.ts finds handler.ts there).
function loadTs(entry) {
  const out = join(root, 'node_modules/.cache/runner-bench', `${entry.replace(/\W/g, '_')}.cjs`);
  buildSync({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    define: { __dirname: JSON.stringify(dirname(join(root, entry))) },
    outfile: out,
    logLevel: 'silent',
  });
  return require(out);
}
const { bundleRunner, handlerBuildOptions } = loadTs('src/runner/bundle.ts');
const { deterministicZip } = loadTs('src/runner/zip.ts');

const CONFIG = JSON.stringify({
  cluster: 'arn:aws:ecs:eu-west-1:123456789012:cluster/jobs',
  tasks: { report: { taskDefinition: 'report', container: 'app' } },
  subnets: ['subnet-0123456789abcdef0'],
  securityGroups: ['sg-0123456789abcdef0'],
  assignPublicIp: false,
  launchType: 'FARGATE',
  enableExecuteCommand: false,
});
const ENV = {
  PATH: process.env.PATH,
  RUNNER_CONFIG: CONFIG,
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  // Node 20 here; Lambda's Node 22+ does not print the SDK's Node-version warning.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const f = (x) => x.toFixed(1);
  return `min ${f(s[0])}  median ${f(s[Math.floor(s.length / 2)])}  max ${f(s.at(-1))}`;
};

// Each variant: its index.js in its own directory.
const variants = {
  'SDK bundled (chosen)': { code: null, env: {} },
  'SDK external (Lambda runtime SDK)': {
    code: buildSync({ ...handlerBuildOptions(), external: ['@aws-sdk/*', '@smithy/*'] })
      .outputFiles[0].contents,
    // Stands in for the runtime's /var/runtime/node_modules.
    env: { NODE_PATH: join(root, 'node_modules') },
  },
};
const chosen = bundleRunner(join(work, 'chosen'));
variants['SDK bundled (chosen)'].code = buildSync(handlerBuildOptions()).outputFiles[0].contents;

console.log(`runner bundle (Node ${process.version}, ${runs} runs each)\n`);
for (const [name, variant] of Object.entries(variants)) {
  const dir = join(work, name.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.js'), variant.code);
  const zipBytes = deterministicZip({ 'index.js': variant.code }).length;
  const init = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(
      process.execPath,
      [
        '-e',
        `const t = process.hrtime.bigint(); const m = require('./index.js');
         if (typeof m.handler !== 'function') process.exit(2);
         console.error(Number(process.hrtime.bigint() - t) / 1e6);`,
      ],
      { cwd: dir, env: { ...ENV, ...variant.env }, encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
    init.push(Number(child.stderr.trim()));
  }
  console.log(`${name}`);
  console.log(
    `  index.js ${(variant.code.length / 1024).toFixed(1)} KB, zipped ${(zipBytes / 1024).toFixed(1)} KB`,
  );
  console.log(`  cold init (require in a fresh node), ms: ${stats(init)}`);
}
console.log(`\nchosen zip: ${(chosen.bytes / 1024).toFixed(1)} KB, sha256 ${chosen.sha256}\n`);

// Per-invocation: the bundled handler against a stub ECS endpoint on loopback (full SDK path:
// validation, token, serialization, signing, HTTP, parsing, logging), and the runner alone
// with a stubbed client (no SDK middleware).
const invocations = 500;
const perInvocation = `
  const http = require('node:http');
  let left = ${invocations + 20};
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      res.end('{"tasks":[{"taskArn":"arn:aws:ecs:eu-west-1:123456789012:task/jobs/a"}],"failures":[]}');
      if (--left === 0) server.close();
    });
  });
  server.listen(0, '127.0.0.1', async () => {
    process.env.AWS_ENDPOINT_URL_ECS = 'http://127.0.0.1:' + server.address().port;
    const { handler } = require('./index.js');
    const event = { command: ['run', '--day', '2026-11-22'], environment: { A: '1', B: '2' } };
    for (let i = 0; i < 20; i++) await handler(event, { awsRequestId: 'warm-' + i });
    const times = [];
    for (let i = 0; i < ${invocations}; i++) {
      const t = process.hrtime.bigint();
      await handler(event, { awsRequestId: 'r-' + i });
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    server.close();
    console.error(JSON.stringify(times));
  });`;
const dir = join(work, 'SDK-bundled-chosen-');
const loop = spawnSync(process.execPath, ['-e', perInvocation], {
  cwd: dir,
  env: ENV,
  encoding: 'utf8',
  timeout: 120_000,
});
if (loop.status !== 0) throw new Error(loop.stderr);
console.log(
  `per invocation, bundled handler -> stub ECS endpoint on loopback, ms: ${stats(JSON.parse(loop.stderr))}`,
);

const { createRunner } = loadTs('src/runner/runner.ts');
const run = createRunner({
  config: JSON.parse(CONFIG),
  ecs: {
    send: async () => ({ tasks: [{ taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/jobs/a' }] }),
  },
  log: { info() {}, error() {} },
});
const event = { command: ['run', '--day', '2026-11-22'], environment: { A: '1', B: '2' } };
for (let i = 0; i < 200; i++) await run(event, { awsRequestId: `warm-${i}` });
const n = 20000;
const t = process.hrtime.bigint();
for (let i = 0; i < n; i++) await run(event, { awsRequestId: `r-${i}` });
const us = Number(process.hrtime.bigint() - t) / 1e3 / n;
console.log(
  `per invocation, runner with a stubbed ECS client (no SDK middleware, no logging): ${us.toFixed(1)} µs mean over ${n}`,
);

rmSync(work, { recursive: true, force: true });
