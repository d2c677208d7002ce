#!/usr/bin/env node
// npm run bench [-- --quick]: every measured command runs as a whole process after a warm-up;
// min/median/max wall time, peak memory (GNU time) and a PASS/FAIL verdict per budget. The app
// and its floor run in paired rounds (app, floor, app, floor …): the ratio is the median of the
// pairs' ratios. Exits 1 when a budget fails. Everything it writes is under one temporary
// folder, deleted at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseCommandLine } from '../scripts/command-line.mjs';
import { genDir, root, transpile } from '../scripts/transpile.mjs';
import { Budgets, fmt, median, paired, report, series, sorted } from './measure.mjs';
import { providerModules } from './provider-modules.mjs';
import { isGitCheckout, reviewFixture } from './review.mjs';
import { measureRunner } from './runner.mjs';

const USAGE = `usage: npm run bench [-- --quick] [-- --rounds N]

  --quick      for development (under 30 s on an idle 2-core machine): 3 paired rounds, one
               run per size of the scale series, 2 runs of each review, no jest, no cdktf CLI
  --rounds N   paired rounds of the app and the floor, and runs of the other commands
               (default 10, or 3 with --quick; jest and the cdktf CLI run at most 2 and 3 times)
  -h, --help   this text

Budgets: all environments (checks included) ≤ 1.5× the floor (median of paired ratios),
≤ 0.5 s and ≤ 120 MB; 1,000 task definitions with runners ≤ 2.5 s, growing linearly from 10;
npm run review -- --base <git ref> on a one-line settings change ≤ 0.8 s, --base <dir> ≤ 0.3 s;
npm test ≤ 15 s; runner zip ≤ 120 KB; runner cold initialisation ≤ 50 ms (median).

Exit codes: 0 every budget met, 1 a budget failed, 2 wrong usage (nothing measured).`;

const { values } = parseCommandLine(USAGE, {
  options: { quick: { type: 'boolean', default: false }, rounds: { type: 'string' } },
  check: ({ values: v }) =>
    v.rounds !== undefined && !/^[1-9]\d*$/.test(v.rounds)
      ? `--rounds takes a whole number of at least 1, not ${v.rounds}`
      : undefined,
});
const quick = values.quick;
const rounds = values.rounds ? Number(values.rounds) : quick ? 3 : 10;
const SIZES = [10, 100, 300, 1000];

const work = mkdtempSync(path.join(tmpdir(), 'fargate-runner-bench-'));
const out = (name) => path.join(work, name);
const node = process.execPath;
const cdktfEnv = { CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1' };
const budgets = new Budgets();
const started = process.hrtime.bigint();

try {
  await transpile(['src', 'modules', 'stacks', 'bench']);
  const modules = providerModules(root);
  process.stderr.write(`measuring (${quick ? 'quick' : 'full'}, ${rounds} rounds)\n`);

  const floorArgs = [path.join(genDir, 'bench/floor.js'), out('floor'), ...modules];
  const synth = paired(
    [
      {
        label: '(a) all environments: node scripts/app.mjs',
        command: node,
        args: ['scripts/app.mjs'],
        env: { CDKTF_OUTDIR: out('app') },
      },
      { label: '(c) floor: cdktf + provider modules', command: node, args: floorArgs },
      {
        label: "(c') the floor with the app's code cache",
        command: node,
        args: ['--import', './bench/floor-code-cache.mjs', ...floorArgs],
      },
    ],
    { runs: rounds, cwd: root },
  );
  const npmSynth = series('npm run synth', 'npm', ['run', '--silent', 'synth'], {
    runs: quick ? 2 : rounds,
    warmup: quick ? 0 : 1,
    cwd: root,
    env: { CDKTF_OUTDIR: out('synth') },
  });
  const scale = SIZES.map((n) =>
    series(
      `(b) ${n} task definitions and runners`,
      node,
      [path.join(genDir, 'bench/scale.js'), String(n), out(`scale-${n}`)],
      {
        runs: quick ? 1 : Math.min(rounds, n >= 1000 ? 3 : 5),
        // The synths above warmed the transpiled code and the bundle cache.
        warmup: quick || n >= 1000 ? 0 : 1,
        cwd: root,
      },
    ),
  );
  const reviews = isGitCheckout(root) ? measureReviews(quick ? 2 : Math.min(rounds, 5)) : undefined;
  const jest = quick
    ? undefined
    : series('npm test', 'npm', ['test', '--silent'], {
        runs: Math.min(rounds, 2),
        warmup: 0,
        cwd: root,
      });
  const cli = quick
    ? undefined
    : series(
        '(d) all environments: cdktf synth (CLI)',
        'npx',
        ['cdktf', 'synth', '--output', out('cli')],
        {
          runs: Math.min(rounds, 3),
          cwd: root,
          env: cdktfEnv,
        },
      );
  process.stderr.write('  (e) the runner\n');
  const runner = await measureRunner(quick ? 5 : 15);

  // The app keeps V8's code cache in .gen/code-cache (scripts/code-cache.mjs) unless told not to.
  const cache =
    process.env.FARGATE_RUNNER_CODE_CACHE === '0'
      ? 'code cache off: FARGATE_RUNNER_CODE_CACHE=0'
      : 'code cache on';
  console.log(
    `\ncdktf-fargate-runner benchmarks — Node ${process.version} (${cache}), ${quick ? 'quick' : 'full'} run, ${rounds} paired rounds`,
  );
  console.log(`provider modules loaded by the floor (${modules.length}): ${modules.join(', ')}\n`);
  printSynth(synth, npmSynth);
  printScale(scale);
  if (reviews) printReviews(reviews);
  else console.log('review: not a git checkout, skipped');
  if (jest)
    report(jest, [
      budgets.check(median(jest.walls) <= 15, `≤ 15 s (median ${fmt(median(jest.walls), 1)} s)`),
    ]);
  if (cli)
    report(cli, [
      `${fmt(median(cli.walls) / median(synth.results[0].walls), 1)}× node scripts/app.mjs: the CLI's own overhead is ${fmt(median(cli.walls) - median(synth.results[0].walls))} s`,
    ]);
  printRunner(runner);

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `\nbudgets: ${budgets.passed} met, ${budgets.failed} missed (bench took ${fmt(seconds, 0)} s)`,
  );
  process.exitCode = budgets.failed > 0 ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** `npm run review` against a git ref and against a directory, on a one-line settings change. */
function measureReviews(runs) {
  const { repo, baseOut } = reviewFixture(root, work);
  const review = (label, base) =>
    series(
      label,
      'npm',
      ['run', '--silent', 'review', '--', '--base', base, '-q', '-o', out('review.md')],
      {
        runs,
        cwd: repo,
        env: cdktfEnv,
      },
    );
  return {
    gitRef: review('npm run review -- --base <git ref>', 'HEAD'),
    directory: review('npm run review -- --base <dir>', baseOut),
  };
}

function printSynth(synth, npmSynth) {
  const [appRuns, floorRuns, cachedFloorRuns] = synth.results;
  const range = (ratios) =>
    `median of ${ratios.length} paired ratios, range ${fmt(sorted(ratios)[0], 3)}–${fmt(sorted(ratios).at(-1), 3)}`;
  report(floorRuns);
  report(cachedFloorRuns);
  const ratios = synth.ratios(0, 1);
  const app = median(appRuns.walls);
  report(appRuns, [
    budgets.check(
      median(ratios) <= 1.5,
      `≤ 1.5× the floor: ${fmt(median(ratios), 3)}× (${range(ratios)})`,
    ),
    budgets.check(app <= 0.5, `≤ 0.5 s (median ${fmt(app, 3)} s)`),
    ...(appRuns.peakMB === undefined
      ? []
      : [budgets.check(appRuns.peakMB <= 120, `≤ 120 MB peak (${fmt(appRuns.peakMB, 0)} MB)`)]),
    // Not a budget: the floor above compiles cdktf afresh in every run, as any cdktf app does
    // unless it keeps a code cache; this is the app against a floor that keeps one too.
    `${fmt(median(synth.ratios(0, 2)), 3)}× the floor with the same code cache (${range(synth.ratios(0, 2))})`,
  ]);
  report(npmSynth, [`npm run itself adds ${fmt(median(npmSynth.walls) - app, 3)} s`]);
}

function printScale(scale) {
  // Growth is judged on each size's fastest run, the one least disturbed by other load: the
  // cost per task from 300 to 1,000 is at most 1.5× its cost from 10 to 100.
  const fastest = scale.map((r) => Math.min(...r.walls));
  const early = (fastest[1] - fastest[0]) / (SIZES[1] - SIZES[0]);
  const late = (fastest[3] - fastest[2]) / (SIZES[3] - SIZES[2]);
  scale.slice(0, 3).forEach((r) => report(r));
  const largest = median(scale[3].walls);
  report(scale[3], [
    budgets.check(largest <= 2.5, `≤ 2.5 s (median ${fmt(largest, 3)} s)`),
    budgets.check(
      late <= 1.5 * early,
      `grows linearly: ${fmt(early * 1000, 2)} ms per task from 10 to 100, ${fmt(late * 1000, 2)} ms from 300 to 1,000`,
    ),
  ]);
}

function printReviews({ gitRef, directory }) {
  report(gitRef, [
    budgets.check(
      median(gitRef.walls) <= 0.8,
      `≤ 0.8 s (median ${fmt(median(gitRef.walls), 3)} s)`,
    ),
  ]);
  report(directory, [
    budgets.check(
      median(directory.walls) <= 0.3,
      `≤ 0.3 s (median ${fmt(median(directory.walls), 3)} s)`,
    ),
  ]);
}

function printRunner(runner) {
  const init = runner.bundled.coldInitMs;
  const perCall = sorted(runner.perInvocationMs);
  console.log(`\n(e) runner (Lambda bundle, AWS SDK included)`);
  console.log(
    `    zip ${fmt(runner.bundled.zipBytes / 1024, 1)} KB (index.js ${fmt(runner.bundled.codeBytes / 1024, 0)} KB)  ${budgets.check(runner.bundled.zipBytes <= 120 * 1024, '≤ 120 KB')}`,
  );
  console.log(
    `    cold init (require in a fresh node), ms: min ${fmt(sorted(init)[0], 1)}  median ${fmt(median(init), 1)}  max ${fmt(sorted(init).at(-1), 1)}  ${budgets.check(median(init) <= 50, '≤ 50 ms (median)')}`,
  );
  console.log(
    `    per invocation against a stub ECS endpoint on loopback (SDK signing + HTTP), ms: min ${fmt(perCall[0])}  median ${fmt(median(perCall))}  max ${fmt(perCall.at(-1))}`,
  );
  console.log(
    `    per invocation, runner logic alone with a stubbed client: ${fmt(runner.runnerOnlyUs, 1)} µs`,
  );
  const external = runner.external.coldInitMs;
  console.log(
    `    for comparison, SDK external (Lambda's runtime SDK): zip ${fmt(runner.external.zipBytes / 1024, 1)} KB, cold init median ${fmt(median(external), 1)} ms`,
  );
}
