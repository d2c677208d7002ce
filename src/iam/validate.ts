import { Token } from 'cdktf';
import { type Problems } from '../errors';
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
    checkConditions(problems, `${at}.conditions`, statement.conditions);
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
