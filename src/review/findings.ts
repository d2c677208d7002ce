import { show } from './attribute-diff';
import { readJson } from './terraform-json';
import { UsageError } from './usage-error';

/**
 * A security check finding, as the checks engine reports it. The review only shows findings;
 * it does not compute them.
 */
export interface Finding {
  readonly ruleId: string;
  readonly severity: 'error' | 'warning';
  readonly stack: string;
  readonly address: string;
  readonly message: string;
  readonly suppressed?: { readonly reason: string };
}

/** Reads findings from a JSON file holding an array of findings or `{ "findings": [...] }`. */
export function readFindings(file: string): Finding[] {
  return parseFindings(readJson<unknown>(file), file);
}

/** Checks the shape of findings read from `source`; throws a {@link UsageError} naming the first bad one. */
export function parseFindings(data: unknown, source: string): Finding[] {
  const list = Array.isArray(data) ? data : (data as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(list)) {
    throw new UsageError(
      `${source}: expected an array of findings or { "findings": [...] }, received ${show(data)}`,
    );
  }
  list.forEach((finding: unknown, index) => {
    const problem = findingProblem(finding);
    if (problem) throw new UsageError(`${source}: findings[${index}] ${problem}`);
  });
  return list as Finding[];
}

function findingProblem(finding: unknown): string | undefined {
  if (typeof finding !== 'object' || finding === null) return `is ${show(finding)}, not an object`;
  const f = finding as Record<string, unknown>;
  for (const key of ['ruleId', 'stack', 'address', 'message']) {
    if (typeof f[key] !== 'string') return `has no string "${key}" (received ${show(f[key])})`;
  }
  if (f.severity !== 'error' && f.severity !== 'warning') {
    return `has severity ${show(f.severity)}; allowed: "error" or "warning"`;
  }
  const suppressed = f.suppressed as { reason?: unknown } | undefined;
  if (suppressed !== undefined && typeof suppressed?.reason !== 'string') {
    return 'has "suppressed" without a string "reason"';
  }
  return undefined;
}
