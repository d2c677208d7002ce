import { type WildcardAllowance } from './allow-list';
import { type StackModel } from './model/stack';
import { isRecord } from './model/terraform';
import { type Finding, type Rule } from './types';

/** Accepts one rule's finding on one resource, for a stated reason. */
export interface Suppression {
  /** The rule ID, e.g. `FR-LAMBDA-NO-TRACING`. */
  readonly rule: string;
  /** The resource address, e.g. `aws_lambda_function.runner_1A2B3C4D`. */
  readonly address: string;
  /** Limits the suppression to one stack. @default - every stack */
  readonly stack?: string;
  /** Why the finding is acceptable. Required: a suppression without one is itself an error. */
  readonly reason?: string;
}

/** The checks' configuration file (`checks.suppressions.json`). */
export interface ChecksConfig {
  readonly suppressions: readonly Suppression[];
  /** Actions that may be granted on `*` besides the built-in ones. */
  readonly wildcardAllowList: readonly WildcardAllowance[];
}

/** Reads the configuration file's JSON; throws an Error naming the file and what is wrong. */
export function parseChecksConfig(json: unknown, source: string): ChecksConfig {
  const fail = (what: string): never => {
    throw new Error(`${source}: ${what}`);
  };
  if (!isRecord(json)) return fail('is not a JSON object');
  const list = (key: string): Record<string, unknown>[] => {
    const value = json[key] ?? [];
    if (!Array.isArray(value) || !value.every(isRecord))
      return fail(`${key} is not a list of objects`);
    return value;
  };
  const text = (entry: Record<string, unknown>, key: string, where: string, required: boolean) => {
    const value = entry[key];
    if (value === undefined && !required) return undefined;
    return typeof value === 'string' ? value : fail(`${where}.${key} is not a string`);
  };
  return {
    suppressions: list('suppressions').map((entry, i) => {
      const where = `suppressions[${i}]`;
      const stack = text(entry, 'stack', where, false);
      const reason = text(entry, 'reason', where, false);
      return {
        rule: text(entry, 'rule', where, true) as string,
        address: text(entry, 'address', where, true) as string,
        ...(stack !== undefined && { stack }),
        ...(reason !== undefined && { reason }),
      };
    }),
    wildcardAllowList: list('wildcardAllowList').map((entry, i) => ({
      action: text(entry, 'action', `wildcardAllowList[${i}]`, true) as string,
      reason: text(entry, 'reason', `wildcardAllowList[${i}]`, false) ?? '',
    })),
  };
}

/**
 * Suppressions written on the resources themselves, in the Terraform JSON comment property
 * that Terraform ignores: `"//": { "checks": { "suppress": [{ "rule": "…", "reason": "…" }] } }`
 * (from cdktf: `resource.addOverride('//.checks.suppress', [...])`).
 */
export function resourceSuppressions(stack: StackModel): Suppression[] {
  return stack.resources.flatMap((resource) => {
    const comment = resource.config['//'];
    const checks = isRecord(comment) ? comment.checks : undefined;
    const entries = isRecord(checks) && Array.isArray(checks.suppress) ? checks.suppress : [];
    return entries.filter(isRecord).map((entry) => ({
      rule: String(entry.rule),
      address: resource.address,
      stack: stack.name,
      ...(typeof entry.reason === 'string' && { reason: entry.reason }),
    }));
  });
}

export const suppressionWithoutReason: Pick<Rule, 'id' | 'severity' | 'rationale' | 'anchors'> = {
  id: 'FR-SUPPRESSION-NO-REASON',
  severity: 'error',
  rationale:
    'an accepted risk needs a stated reason that reviewers can judge; without one it does not apply',
  anchors: ['cdk-nag NagSuppressions (reason required)'],
};

export const unusedSuppression: Pick<Rule, 'id' | 'severity' | 'rationale' | 'anchors'> = {
  id: 'FR-SUPPRESSION-UNUSED',
  severity: 'warning',
  rationale: 'a suppression that matches no finding is stale and would hide a future one',
  anchors: ['project rule'],
};

const hasReason = (reason: string | undefined): reason is string =>
  reason !== undefined && reason.trim() !== '';

/**
 * Marks the findings that a suppression with a reason accepts, and adds a finding for every
 * suppression or allow-list entry without a reason and every suppression that matched nothing.
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  allowList: readonly WildcardAllowance[],
): Finding[] {
  const used = new Set<Suppression>();
  const result = findings.map((finding) => {
    const match = suppressions.find(
      (s) =>
        hasReason(s.reason) &&
        s.rule === finding.ruleId &&
        s.address === finding.address &&
        (s.stack === undefined || s.stack === finding.stack),
    );
    if (!match) return finding;
    used.add(match);
    return { ...finding, suppressed: { reason: (match.reason as string).trim() } };
  });
  for (const s of suppressions) {
    const base = { stack: s.stack ?? '*', address: s.address };
    if (!hasReason(s.reason)) {
      result.push({
        ...base,
        ruleId: suppressionWithoutReason.id,
        severity: suppressionWithoutReason.severity,
        message: `the suppression of ${s.rule} has no reason, so it does not apply: say why the finding is acceptable`,
      });
    } else if (!used.has(s)) {
      result.push({
        ...base,
        ruleId: unusedSuppression.id,
        severity: unusedSuppression.severity,
        message: `the suppression of ${s.rule} matches no finding: remove it`,
      });
    }
  }
  allowList.forEach((entry, index) => {
    if (hasReason(entry.reason)) return;
    result.push({
      stack: '*',
      address: `wildcardAllowList[${index}]`,
      ruleId: suppressionWithoutReason.id,
      severity: suppressionWithoutReason.severity,
      message: `the allow-list entry for ${entry.action} has no reason, so it does not apply: say why the action needs Resource "*"`,
    });
  });
  return result;
}
