// Checks for untyped JSON (the runner's configuration and its invocation events). The shared
// checks in src/validation.ts import cdktf, which must not end up in the Lambda bundle.
import { HIDDEN, type Problems } from '../errors';

export { HIDDEN };

/** A rule for a string: the pattern it must match and how to say so. */
export interface StringRule {
  readonly pattern: RegExp;
  /** What is allowed, in words: `a subnet ID such as subnet-0123abcd`. */
  readonly allowed: string;
}

/**
 * A received value as a message may show it: strings, numbers, booleans and null as they are;
 * objects and arrays never (an event that is an array or a map may hold environment values).
 */
export function shown(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? HIDDEN : value;
}

/** What kind of JSON value something is, for messages that must not show it. */
export function kindOf(value: unknown): string {
  if (Array.isArray(value))
    return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  return value === null ? 'null' : `a ${typeof value}`;
}

/** Whether a value is a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The property path of a field: `tasks.report.container`, or `environment["A-B"]` for odd keys. */
export function fieldPath(parent: string, key: string): string {
  const part = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (!parent) return part;
  return part.startsWith('[') ? `${parent}${part}` : `${parent}.${part}`;
}

/**
 * Records a problem when `value` is not an object, and one for each field not in `fields`.
 * Returns whether `value` is an object. Unknown fields' values are not shown: a misspelt
 * `environment` may hold secrets.
 */
export function checkObject(
  problems: Problems,
  property: string,
  value: unknown,
  fields: readonly string[],
): value is Record<string, unknown> {
  if (!isRecord(value)) {
    // Never the content: an event that is a string or an array may hold environment values.
    problems.add({
      property: property || '(root)',
      reason: `is ${kindOf(value)}`,
      received: HIDDEN,
      allowed: 'a JSON object',
    });
    return false;
  }
  for (const key of Object.keys(value)) {
    if (fields.includes(key)) continue;
    problems.add({
      property: fieldPath(property, key),
      reason: 'is not a known field',
      received: HIDDEN,
      allowed: `only ${fields.join(', ')}`,
    });
  }
  return true;
}

/** Returns `value` when it is a string matching `rule`; otherwise records a problem. */
export function readString(
  problems: Problems,
  property: string,
  value: unknown,
  rule: StringRule,
  hide = false,
): string | undefined {
  if (typeof value === 'string' && rule.pattern.test(value)) return value;
  problems.add({ property, received: hide ? HIDDEN : shown(value), allowed: rule.allowed });
  return undefined;
}

/** Returns `value` when it is a boolean; otherwise records a problem. */
export function readBoolean(problems: Problems, property: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  problems.add({ property, received: shown(value), allowed: 'true or false' });
  return false;
}

/** Returns `value` when it is a whole number from `min` to `max`; otherwise records a problem. */
export function readInteger(
  problems: Problems,
  property: string,
  value: unknown,
  min: number,
  max: number,
): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
    return value;
  }
  problems.add({
    property,
    received: shown(value),
    allowed: `a whole number from ${min} to ${max}`,
  });
  return undefined;
}

/** Returns `value` when it is one of `allowed`; otherwise records a problem. */
export function readOneOf<T extends string>(
  problems: Problems,
  property: string,
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  if (allowed.includes(value as T)) return value as T;
  problems.add({
    property,
    received: shown(value),
    allowed: allowed.map((a) => `"${a}"`).join(' or '),
  });
  return undefined;
}

/**
 * Returns the strings of an array of `min` to `max` items, each matching `rule`, recording a
 * problem for the array or for each bad item.
 */
export function readStringArray(
  problems: Problems,
  property: string,
  value: unknown,
  rule: StringRule,
  min: number,
  max: number,
  hide = false,
): string[] | undefined {
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    const count = min === max ? `${min}` : `${min} to ${max}`;
    problems.add({
      property,
      received: hide ? HIDDEN : shown(value),
      allowed: `an array of ${count} items, each ${rule.allowed}`,
    });
    return undefined;
  }
  const before = problems.all.length;
  const items = value.map((item, i) => readString(problems, `${property}[${i}]`, item, rule, hide));
  return problems.all.length === before ? (items as string[]) : undefined;
}

/**
 * Returns the entries of a string-to-string object whose keys match `keyRule` and values match
 * `valueRule`, at most `max` of them, recording a problem for each bad entry.
 */
export function readStringMap(
  problems: Problems,
  property: string,
  value: unknown,
  keyRule: StringRule,
  valueRule: StringRule,
  max: number,
  hideValues = false,
): Record<string, string> | undefined {
  const entries = isRecord(value) ? Object.entries(value) : undefined;
  if (!entries || entries.length > max) {
    problems.add({
      property,
      received: hideValues ? HIDDEN : shown(value),
      allowed: `an object of at most ${max} entries, names ${keyRule.allowed}, values ${valueRule.allowed}`,
    });
    return undefined;
  }
  const before = problems.all.length;
  for (const [key, item] of entries) {
    const path = fieldPath(property, key);
    if (!keyRule.pattern.test(key)) {
      problems.add({
        property: path,
        reason: 'has a name that is not allowed',
        received: key,
        allowed: keyRule.allowed,
      });
    }
    readString(problems, path, item, valueRule, hideValues);
  }
  return problems.all.length === before ? (value as Record<string, string>) : undefined;
}
