// Runs verify targets at most `jobs` at a time, in the order given. A target with `after`
// takes no slot: it waits for those targets (its time counts from then) and fails, unrun,
// when one of them failed.

/**
 * Runs every target; `report` is called as each one ends. Resolves with every result, in the
 * order of the targets: `{ name, ok, summary | error, seconds }`.
 */
export async function runTargets(targets, jobs, report) {
  const results = new Map();
  const settle = new Map();
  for (const target of targets) {
    results.set(target.name, new Promise((resolve) => settle.set(target.name, resolve)));
  }
  const runOne = async (target) => {
    let start = Date.now();
    let result;
    try {
      const before = await Promise.all((target.after ?? []).map((name) => results.get(name)));
      start = Date.now();
      const failedBefore = before.filter((r) => !r.ok).map((r) => r.name);
      if (failedBefore.length > 0) throw new Error(`not run: ${failedBefore.join(', ')} failed`);
      const { summary } = await target.run();
      result = { name: target.name, ok: true, summary };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = { name: target.name, ok: false, error: message };
    }
    result.seconds = (Date.now() - start) / 1000;
    report(result);
    settle.get(target.name)(result);
  };
  const queue = targets.filter((target) => !target.after);
  const worker = async () => {
    while (queue.length > 0) await runOne(queue.shift());
  };
  await Promise.all([
    ...targets.filter((target) => target.after).map(runOne),
    ...Array.from({ length: Math.max(1, jobs) }, worker),
  ]);
  return Promise.all(targets.map((target) => results.get(target.name)));
}
