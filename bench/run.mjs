#!/usr/bin/env node
// npm run bench: every measured command runs as a whole process, several times after a
// warm-up; min/median/max wall time, peak memory (max RSS of the process tree, from GNU time)
// and a PASS/FAIL verdict against its budget. Exits 1 when a budget fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { genDir, root, transpile } from '../scripts/transpile.mjs';
import { measureRunner } from './runner.mjs';

const HELP = `usage: npm run bench [-- --runs N] [-- --skip-cli] [-- --skip-jest]

  --runs N     measured runs per command after one warm-up (default 5; the cdktf CLI and
               jest run at most 3 and 2 times)
  --skip-cli   skip the cdktf CLI comparison (about 4 s a run)
  --skip-jest  skip timing the jest suite
  -h, --help   this text

Exit codes: 0 every budget met, 1 a budget failed, 2 wrong usage (nothing measured).`;

function parseArgs(argv) {
  const options = { runs: 5, cli: true, jest: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      process.exit(0);
    } else if (arg === '--runs') {
      options.runs = Number(argv[++i]);
      if (!Number.isInteger(options.runs) || options.runs < 1)
        fail(`--runs takes a whole number of at least 1, not ${argv[i]}`);
    } else if (arg === '--skip-cli') options.cli = false;
    else if (arg === '--skip-jest') options.jest = false;
    else fail(`unknown argument ${arg}`);
  }
  return options;
}

function fail(message) {
  console.error(`bench: ${message}\n\n${HELP}`);
  process.exit(2);
}

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);

/** Runs a command `warmup + runs` times; returns the measured runs' wall seconds and peak MB. */
function measure(label, command, args, { runs, warmup = 1, env = {} }) {
  process.stderr.write(`  measuring ${label} `);
  const walls = [];
  const peaks = [];
  for (let i = 0; i < warmup + runs; i++) {
    const start = process.hrtime.bigint();
    const child = hasGnuTime
      ? spawnSync(GNU_TIME, ['-f', '%M', command, ...args], {
          cwd: root,
          env: { ...process.env, ...env },
          encoding: 'utf8',
        })
      : spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (child.status !== 0)
      throw new Error(`${label} failed (exit ${child.status}):\n${child.stderr}${child.stdout}`);
    if (i >= warmup) {
      walls.push(seconds);
      if (hasGnuTime) peaks.push(Number(child.stderr.trim().split('\n').at(-1)) / 1024);
    }
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return { label, walls, peakMB: hasGnuTime ? Math.max(...peaks) : undefined };
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const fmt = (x, digits = 2) => x.toFixed(digits);
const verdicts = [];

function verdict(ok, text) {
  verdicts.push(ok);
  return `${ok ? 'PASS' : 'FAIL'}  ${text}`;
}

function report(result, budgets = []) {
  const s = sorted(result.walls);
  const memory =
    result.peakMB === undefined ? 'peak n/a (no GNU time)' : `peak ${fmt(result.peakMB, 0)} MB`;
  console.log(
    `${result.label.padEnd(46)} min ${fmt(s[0])} s  median ${fmt(median(s))} s  max ${fmt(s.at(-1))} s  ${memory}`,
  );
  for (const line of budgets) console.log(`${''.padEnd(48)}${line}`);
}

/** The provider modules the project imports: the floor loads exactly these. */
function providerModules() {
  const found = new Set();
  const scan = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) scan(file);
      else if (entry.name.endsWith('.ts')) {
        for (const match of readFileSync(file, 'utf8').matchAll(
          /@cdktf\/provider-aws\/lib\/([a-z0-9-]+)/g,
        ))
          found.add(match[1]);
      }
    }
  };
  for (const dir of ['src', 'modules', 'stacks']) scan(path.join(root, dir));
  return [...found].sort();
}

const options = parseArgs(process.argv.slice(2));
const work = mkdtempSync(path.join(tmpdir(), 'fargate-runner-bench-'));
const out = (name) => path.join(work, name);
const node = process.execPath;
const cdktfEnv = { CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1' };

try {
  transpile(['src', 'modules', 'stacks', 'bench']);
  console.log(
    `cdktf-fargate-runner benchmarks — Node ${process.version}, ${options.runs} runs after a warm-up\n`,
  );

  const modules = providerModules();
  const floor = measure(
    '(c) floor: cdktf + provider modules, empty stack',
    node,
    [path.join(genDir, 'bench/floor.js'), out('floor'), ...modules],
    options,
  );
  const readme = measure(
    '(a) all environments: npm run synth',
    'npm',
    ['run', '--silent', 'synth'],
    { ...options, env: { CDKTF_OUTDIR: out('synth') } },
  );
  const app = measure('    the same without npm: node scripts/app.mjs', node, ['scripts/app.mjs'], {
    ...options,
    env: { CDKTF_OUTDIR: out('app') },
  });
  const scale = [10, 100, 300].map((n) =>
    measure(
      `(b) ${n} task definitions and runners`,
      node,
      [path.join(genDir, 'bench/scale.js'), String(n), out(`scale-${n}`)],
      options,
    ),
  );
  const cli = options.cli
    ? measure(
        '(d) all environments: cdktf synth (CLI)',
        'npx',
        ['cdktf', 'synth', '--output', out('cli')],
        { ...options, runs: Math.min(options.runs, 3), env: cdktfEnv },
      )
    : undefined;
  const jest = options.jest
    ? measure('jest suite: npx jest', 'npx', ['jest', '--silent'], {
        ...options,
        runs: Math.min(options.runs, 2),
      })
    : undefined;
  process.stderr.write('  measuring (e) the runner\n');
  const runner = await measureRunner(15);

  console.log(
    `\nprovider modules loaded by the floor (${modules.length}): ${modules.join(', ')}\n`,
  );
  report(floor);
  // npm's own start-up is a constant unrelated to the synth: the floor ratio compares node
  // process with node process (the app against the floor), and npm's cost is shown beside it.
  const ratio = median(app.walls) / median(floor.walls);
  report(readme, [
    verdict(median(readme.walls) <= 1, `≤ 1 s wall (median ${fmt(median(readme.walls))} s)`),
    ...(readme.peakMB === undefined
      ? []
      : [verdict(readme.peakMB <= 150, `≤ 150 MB peak (${fmt(readme.peakMB, 0)} MB)`)]),
  ]);
  report(app, [
    verdict(
      ratio <= 1.5,
      `≤ 1.5× the floor (${fmt(ratio)}×); npm run itself adds ${fmt(median(readme.walls) - median(app.walls))} s`,
    ),
  ]);
  // Growth is judged on each size's fastest run, the one least disturbed by other load.
  const [t10, t100, t300] = scale.map((r) => Math.min(...r.walls));
  for (const r of scale.slice(0, 2)) report(r);
  // Linear growth: the cost of each task from 100 to 300 is at most 1.5× its cost from 10 to 100.
  const early = (t100 - t10) / 90;
  const late = (t300 - t100) / 200;
  report(scale[2], [
    verdict(median(scale[2].walls) <= 4, `≤ 4 s wall (median ${fmt(median(scale[2].walls))} s)`),
    verdict(
      late <= 1.5 * early,
      `grows linearly: ${fmt(early * 1000, 1)} ms per task from 10 to 100, ${fmt(late * 1000, 1)} ms from 100 to 300`,
    ),
  ]);
  if (cli)
    report(cli, [
      `${fmt(median(cli.walls) / median(readme.walls), 1)}× npm run synth: the CLI's own overhead is ${fmt(median(cli.walls) - median(app.walls))} s`,
    ]);
  if (jest)
    report(jest, [
      verdict(median(jest.walls) <= 30, `≤ 30 s (median ${fmt(median(jest.walls), 1)} s)`),
    ]);

  const init = sorted(runner.bundled.coldInitMs);
  const perCall = sorted(runner.perInvocationMs);
  console.log(`\n(e) runner (Lambda bundle, AWS SDK included)`);
  console.log(
    `    zip ${fmt(runner.bundled.zipBytes / 1024, 1)} KB (index.js ${fmt(runner.bundled.codeBytes / 1024, 0)} KB)  ${verdict(runner.bundled.zipBytes <= 300 * 1024, '≤ 300 KB')}`,
  );
  console.log(
    `    cold init, ms: min ${fmt(init[0], 1)}  median ${fmt(median(init), 1)}  max ${fmt(init.at(-1), 1)}  ${verdict(median(init) <= 150, '≤ 150 ms (median)')}`,
  );
  console.log(
    `    per invocation against a stub ECS endpoint on loopback (SDK signing + HTTP), ms: min ${fmt(perCall[0])}  median ${fmt(median(perCall))}  max ${fmt(perCall.at(-1))}`,
  );
  console.log(
    `    per invocation, runner logic alone with a stubbed client: ${fmt(runner.runnerOnlyUs, 1)} µs`,
  );
  const external = sorted(runner.external.coldInitMs);
  console.log(
    `    for comparison, SDK external (Lambda's runtime SDK): zip ${fmt(runner.external.zipBytes / 1024, 1)} KB, cold init median ${fmt(median(external), 1)} ms`,
  );

  const failed = verdicts.filter((ok) => !ok).length;
  console.log(`\nbudgets: ${verdicts.length - failed} met, ${failed} missed`);
  process.exitCode = failed > 0 ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}
