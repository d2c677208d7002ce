// Whole-process measurements for `npm run bench`: wall time (a monotonic clock read around the
// child) and peak memory (GNU time's maximum resident set size of the processes it waited for),
// series of runs after warm-ups, paired rounds of commands run in turn, and the budget verdicts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);

/** One run of a command: wall seconds and, with GNU time, peak MB. Throws when it fails. */
export function runOnce(label, command, args, { cwd, env = {} }) {
  const options = { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 };
  const start = process.hrtime.bigint();
  const child = hasGnuTime
    ? spawnSync(GNU_TIME, ['-f', '%M', command, ...args], options)
    : spawnSync(command, args, options);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0)
    throw new Error(`${label} failed (exit ${child.status}):\n${child.stderr}${child.stdout}`);
  const peakMB = hasGnuTime ? Number(child.stderr.trim().split('\n').at(-1)) / 1024 : undefined;
  return { seconds, peakMB };
}

/** A measured command: its label, its runs' wall seconds and the largest peak (MB). */
function result(label, runs) {
  const peaks = runs.map((r) => r.peakMB).filter((mb) => mb !== undefined);
  return {
    label,
    walls: runs.map((r) => r.seconds),
    peakMB: peaks.length > 0 ? Math.max(...peaks) : undefined,
  };
}

/** Runs `command` `warmup` times unmeasured, then `runs` times. */
export function series(label, command, args, { runs, warmup = 1, cwd, env }) {
  process.stderr.write(`  ${label} `);
  const measured = [];
  for (let i = 0; i < warmup + runs; i++) {
    const run = runOnce(label, command, args, { cwd, env });
    if (i >= warmup) measured.push(run);
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return result(label, measured);
}

/**
 * Paired rounds: the commands run in turn (A B C A B C …) and a ratio of two of them is taken
 * round by round, so a machine whose speed drifts during the rounds slows every command of a
 * round alike. Returns each command's series and `ratios(i, j)`, command i over command j.
 */
export function paired(commands, { runs, warmup = 1, cwd }) {
  process.stderr.write(`  ${commands.map((c) => c.label).join(' / ')} `);
  const measured = commands.map(() => []);
  for (let i = 0; i < warmup + runs; i++) {
    const round = commands.map((c) => runOnce(c.label, c.command, c.args, { cwd, env: c.env }));
    if (i >= warmup) round.forEach((run, k) => measured[k].push(run));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return {
    results: commands.map((c, k) => result(c.label, measured[k])),
    ratios: (i, j) => measured[i].map((run, round) => run.seconds / measured[j][round].seconds),
  };
}

export const sorted = (xs) => [...xs].sort((x, y) => x - y);
/** The median (the mean of the middle two for an even count). */
export function median(xs) {
  const s = sorted(xs);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
export const fmt = (x, digits = 2) => x.toFixed(digits);

/** The budgets checked so far; each verdict is computed on the unrounded figure. */
export class Budgets {
  passed = 0;
  failed = 0;

  /** `PASS  text` or `FAIL  text`, counted. */
  check(ok, text) {
    if (ok) this.passed++;
    else this.failed++;
    return `${ok ? 'PASS' : 'FAIL'}  ${text}`;
  }
}

/** One table row: the label, min/median/max wall seconds, the peak, then the verdicts. */
export function report(measured, verdicts = []) {
  const s = sorted(measured.walls);
  const memory = measured.peakMB === undefined ? 'peak n/a' : `peak ${fmt(measured.peakMB, 0)} MB`;
  console.log(
    `${measured.label.padEnd(50)} min ${fmt(s[0], 3)} s  median ${fmt(median(s), 3)} s  max ${fmt(s.at(-1), 3)} s  ${memory}`,
  );
  for (const line of verdicts) console.log(`${''.padEnd(52)}${line}`);
}
