import { Token } from 'cdktf';
import { type StringRule } from './aws/patterns';
import { describeValue, type Problems } from './errors';

/** Records a problem when a number is not a whole number from `min` to `max`. */
export function checkInteger(
  problems: Problems,
  property: string,
  value: number | undefined,
  min: number,
  max: number,
): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  problems.check(Number.isInteger(value) && value >= min && value <= max, {
    property,
    received: value,
    allowed: `a whole number from ${min} to ${max}`,
  });
}

/** Records a problem when a value is not one of `allowed`. */
export function checkOneOf<T>(
  problems: Problems,
  property: string,
  value: T | undefined,
  allowed: readonly T[],
): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  problems.check(allowed.includes(value), {
    property,
    received: value,
    allowed: allowed.map((v) => describeValue(v)).join(', '),
  });
}

/** Records a problem when a string does not follow `rule` (one of {@link Patterns}). */
export function checkRule(
  problems: Problems,
  property: string,
  value: string | undefined,
  rule: StringRule,
): void {
  checkPattern(problems, property, value, rule.pattern, rule.allowed);
}

/** Records a problem when a string does not match `pattern`. */
export function checkPattern(
  problems: Problems,
  property: string,
  value: string | undefined,
  pattern: RegExp,
  allowed: string,
): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  problems.check(typeof value === 'string' && pattern.test(value), {
    property,
    received: value,
    allowed,
  });
}
