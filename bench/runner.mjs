// Measures the runner's Lambda bundle: zip size, cold initialisation in a fresh node process,
// and per-invocation overhead against a stubbed ECS. Part of `npm run bench` (bench/run.mjs);
// alone: node bench/runner.mjs [runs]. Not part of the jest suite. Every server here listens on
// 127.0.0.1 and stops by itself.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { genDir, transpile } from '../scripts/transpile.mjs';

const require = createRequire(import.meta.url);

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
const EVENT = { command: ['run', '--day', '2026-11-22'], environment: { A: '1', B: '2' } };

/** Time to `require` the bundled handler in a fresh node process, in ms, `runs` times. */
function coldInit(dir, env, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(
      process.execPath,
      [
        '-e',
        `const t = process.hrtime.bigint(); const m = require('./index.js');
         if (typeof m.handler !== 'function') process.exit(2);
         console.error(Number(process.hrtime.bigint() - t) / 1e6);`,
      ],
      { cwd: dir, env, encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(child.stderr);
    times.push(Number(child.stderr.trim()));
  }
  return times;
}

/**
 * The bundled handler against a stub ECS endpoint on loopback: the whole SDK path (validation,
 * token, serialization, signing, HTTP, parsing, logging), per invocation in ms.
 */
function perInvocation(dir, invocations) {
  const script = `
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
      const event = ${JSON.stringify(EVENT)};
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
  // The handler logs a JSON line per invocation to stdout: discard it.
  const child = spawnSync(process.execPath, ['-e', script], {
    cwd: dir,
    env: ENV,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stderr);
}

/** The runner alone with a stubbed client (no SDK middleware, no logging): mean µs per call. */
async function runnerOnly(calls) {
  const { createRunner } = require(join(genDir, 'src/runner/runner.js'));
  const run = createRunner({
    config: JSON.parse(CONFIG),
    ecs: {
      send: async () => ({
        tasks: [{ taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/jobs/a' }],
      }),
    },
    log: { info() {}, error() {} },
  });
  for (let i = 0; i < 200; i++) await run(EVENT, { awsRequestId: `warm-${i}` });
  const t = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await run(EVENT, { awsRequestId: `r-${i}` });
  return Number(process.hrtime.bigint() - t) / 1e3 / calls;
}

/** Every runner figure: the chosen bundle (SDK bundled) and, for comparison, the SDK external. */
export async function measureRunner(runs = 15) {
  await transpile(['src', 'modules']);
  const { handlerBuildOptions } = require(join(genDir, 'modules/lambda-runner/bundle.js'));
  const { deterministicZip } = require(join(genDir, 'modules/lambda-runner/zip.js'));
  const { buildSync } = require('esbuild');
  const work = mkdtempSync(join(tmpdir(), 'runner-bench-'));
  try {
    const variants = {
      bundled: { code: buildSync(handlerBuildOptions()).outputFiles[0].contents, env: ENV },
      external: {
        code: buildSync({ ...handlerBuildOptions(), external: ['@aws-sdk/*', '@smithy/*'] })
          .outputFiles[0].contents,
        // Stands in for the runtime's /var/runtime/node_modules.
        env: { ...ENV, NODE_PATH: join(genDir, '..', 'node_modules') },
      },
    };
    const results = {};
    for (const [name, variant] of Object.entries(variants)) {
      const dir = join(work, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'index.js'), variant.code);
      results[name] = {
        codeBytes: variant.code.length,
        zipBytes: deterministicZip({ 'index.js': variant.code }).length,
        coldInitMs: coldInit(dir, variant.env, runs),
      };
    }
    return {
      ...results,
      perInvocationMs: perInvocation(join(work, 'bundled'), 500),
      runnerOnlyUs: await runnerOnly(20_000),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureRunner(Number(process.argv[2] ?? 15));
  console.log(JSON.stringify({ ...result, perInvocationMs: undefined }, null, 2));
}
