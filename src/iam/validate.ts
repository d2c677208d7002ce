import { Token } from 'cdktf';
import { literalText } from '../aws/arn';
import { hasWildcard } from '../aws/patterns';
import { type Problems } from '../errors';
import { globRegex } from './glob';
import { type PolicyStatement } from './statement';

/** What IAM accepts as a Sid, an action and a resource; the module inputs validate with these too. */
export const SID = /^[A-Za-z0-9]+$/;
export const ACTION = /^(?:\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
export const RESOURCE = /^(?:\*|arn:.+)$/;
export const CONDITION_OPERATOR = /^[A-Za-z:]+$/;
export const EFFECTS = ['Allow', 'Deny'];

/**
 * Records a problem for every malformed part of user-given statements: Sid, effect, actions
 * (`service:Action`, wildcards allowed), resources (ARNs or `*`) and condition shape. Whether
 * a wildcard is wise is for the security checks to say; this only rejects what IAM would.
 */
export function checkStatements(
  problems: Problems,
  property: string,
  statements: readonly PolicyStatement[] | undefined,
): void {
  if (statements === undefined || Token.isUnresolved(statements)) return;
  statements.forEach((statement, index) => {
    const at = `${property}[${index}]`;
    const sid = statement.sid;
    if (!Token.isUnresolved(sid)) {
      problems.check(typeof sid === 'string' && SID.test(sid), {
        property: `${at}.sid`,
        received: sid,
        allowed: 'letters and digits only, e.g. "ReadReports"',
      });
    }
    if (statement.effect !== undefined) {
      problems.check(EFFECTS.includes(statement.effect), {
        property: `${at}.effect`,
        received: statement.effect,
        allowed: '"Allow" or "Deny"',
      });
    }
    checkList(
      problems,
      `${at}.actions`,
      statement.actions,
      ACTION,
      'service:Action, e.g. "s3:GetObject" (wildcards * and ? allowed)',
    );
    checkList(problems, `${at}.resources`, statement.resources, RESOURCE, 'resource ARNs or "*"');
    checkGuardedActions(problems, at, statement);
    checkConditions(problems, `${at}.conditions`, statement.conditions);
  });
}

/**
 * Actions never allowed on a pattern: `iam:PassRole` hands a role to a service (on `*`, any
 * role), `ecs:RunTask` starts a task under a task definition's roles. The wildcard a RunTask
 * resource has by design, every revision of one family (`task-definition/<family>:*`), is fine.
 */
export const GUARDED_ACTIONS = ['iam:PassRole', 'ecs:RunTask'] as const;

/** Whether `resource` is a pattern for `action` (see {@link GUARDED_ACTIONS}). */
function isPatternFor(action: string, resource: string): boolean {
  const text = literalText(resource);
  const exact =
    action === 'ecs:RunTask' ? text.replace(/(:task-definition\/[A-Za-z0-9_-]+):\*$/, '$1') : text;
  return hasWildcard(exact);
}

/** Records a problem for each pattern resource of a statement that allows iam:PassRole or ecs:RunTask. */
export function checkGuardedActions(
  problems: Problems,
  at: string,
  statement: PolicyStatement,
): void {
  if (statement.effect === 'Deny' || Token.isUnresolved(statement.actions)) return;
  if (!Array.isArray(statement.actions) || !Array.isArray(statement.resources)) return;
  const allowed = GUARDED_ACTIONS.map((action) => ({
    action,
    through: statement.actions.filter(
      (a) => typeof a === 'string' && !Token.isUnresolved(a) && globRegex(a).test(action),
    ),
  })).filter(({ through }) => through.length > 0);
  if (allowed.length === 0) return;
  statement.resources.forEach((resource, i) => {
    if (typeof resource !== 'string') return;
    const guarded = allowed.filter(({ action }) => isPatternFor(action, resource));
    if (guarded.length === 0) return;
    const through = [...new Set(guarded.flatMap((g) => g.through))];
    problems.add({
      property: `${at}.resources[${i}]`,
      received: resource,
      reason: `is a pattern, and the statement allows ${guarded.map((g) => g.action).join(' and ')} (through ${through.map((a) => JSON.stringify(a)).join(', ')})`,
      allowed: `exact resource ARNs where ${GUARDED_ACTIONS.join(' or ')} is allowed (a role ARN, task-definition/<family>:*): they are never granted on a pattern; narrow the actions or name the resources`,
    });
  });
}

function checkList(
  problems: Problems,
  property: string,
  values: readonly string[] | undefined,
  pattern: RegExp,
  allowed: string,
): void {
  if (Token.isUnresolved(values)) return;
  if (!Array.isArray(values) || values.length === 0) {
    problems.add({
      property,
      received: values,
      reason: 'is empty',
      allowed: `at least one of: ${allowed}`,
    });
    return;
  }
  values.forEach((value, i) => {
    if (Token.isUnresolved(value)) return;
    problems.check(typeof value === 'string' && pattern.test(value), {
      property: `${property}[${i}]`,
      received: value,
      allowed,
    });
  });
}

function checkConditions(
  problems: Problems,
  property: string,
  conditions: PolicyStatement['conditions'],
): void {
  if (conditions === undefined || Token.isUnresolved(conditions)) return;
  for (const [operator, keys] of Object.entries(conditions)) {
    const ok =
      CONDITION_OPERATOR.test(operator) &&
      typeof keys === 'object' &&
      keys !== null &&
      Object.values(keys).every(
        (v) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')),
      );
    problems.check(ok, {
      property: `${property}.${operator}`,
      received: keys,
      allowed:
        'an operator (e.g. StringEquals) mapping condition keys to a string or a list of strings',
    });
  }
}
