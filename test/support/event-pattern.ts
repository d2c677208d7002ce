// An EventBridge event pattern matcher for tests, following the "Amazon EventBridge event
// patterns" and "Content filtering" pages of the EventBridge User Guide. No maintained npm
// package implements it (AWS's own, Event Ruler, is Java; TestEventPattern needs AWS), so it
// lives here, in test support, with its own tests (test/support/event-pattern.test.ts).
//
// Semantics: every field of the pattern must match; a list of matchers matches when any of
// them matches any of the event's values (an event array matches when any element does); a
// pattern object under an array of objects matches when one element matches it; `$or` holds
// alternatives, one of which must match besides the other fields. An operator it does not know
// throws, so a typo never passes as "no match".

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `event` matches `pattern`. */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  if (!isObject(pattern)) throw new Error('an event pattern is a JSON object');
  return matchObject(pattern, event);
}

function matchObject(pattern: Record<string, Json>, value: unknown): boolean {
  if (Array.isArray(value)) return value.some((element) => matchObject(pattern, element));
  const fields = isObject(value) ? value : undefined;
  for (const [key, sub] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(sub) || sub.length < 2) throw new Error('$or takes two or more patterns');
      if (!sub.some((alternative) => isObject(alternative) && matchObject(alternative, value)))
        return false;
      continue;
    }
    const field = fields?.[key];
    if (isObject(sub)) {
      if (field === undefined || !matchObject(sub, field)) return false;
    } else if (Array.isArray(sub)) {
      if (!matchList(sub, field)) return false;
    } else {
      throw new Error(`pattern field ${key} must be an object or a list of matchers`);
    }
  }
  return true;
}

function matchList(matchers: Json[], field: Json | undefined): boolean {
  const values = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return matchers.some((matcher) => {
    if (isObject(matcher) && 'exists' in matcher) return (field !== undefined) === matcher.exists;
    return values.some((value) => matchValue(matcher, value));
  });
}

function matchValue(matcher: Json, value: Json): boolean {
  if (!isObject(matcher)) return matcher === value;
  const [operator, ...others] = Object.keys(matcher);
  if (others.length > 0) throw new Error(`one operator per matcher: ${JSON.stringify(matcher)}`);
  const operand = matcher[operator];
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && stringMatch(operand, value, (v, s) => v.startsWith(s));
    case 'suffix':
      return typeof value === 'string' && stringMatch(operand, value, (v, s) => v.endsWith(s));
    case 'equals-ignore-case':
      return (
        typeof value === 'string' &&
        typeof operand === 'string' &&
        value.toLowerCase() === operand.toLowerCase()
      );
    case 'wildcard':
      return typeof value === 'string' && typeof operand === 'string' && wildcard(operand, value);
    case 'numeric':
      return typeof value === 'number' && numeric(operand, value);
    case 'anything-but':
      return anythingBut(operand, value);
    default:
      throw new Error(`unsupported matcher ${JSON.stringify(matcher)}`);
  }
}

function stringMatch(
  operand: Json,
  value: string,
  test: (value: string, operand: string) => boolean,
): boolean {
  if (typeof operand === 'string') return test(value, operand);
  if (isObject(operand) && typeof operand['equals-ignore-case'] === 'string')
    return test(value.toLowerCase(), operand['equals-ignore-case'].toLowerCase());
  throw new Error(`unsupported operand ${JSON.stringify(operand)}`);
}

function wildcard(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's').test(value);
}

function numeric(operand: Json, value: number): boolean {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0)
    throw new Error(`numeric takes operator, value pairs: ${JSON.stringify(operand)}`);
  for (let i = 0; i < operand.length; i += 2) {
    const [op, bound] = [operand[i], operand[i + 1]];
    if (typeof bound !== 'number') throw new Error(`numeric bound ${JSON.stringify(bound)}`);
    const ok =
      op === '<'
        ? value < bound
        : op === '<='
          ? value <= bound
          : op === '>'
            ? value > bound
            : op === '>='
              ? value >= bound
              : op === '='
                ? value === bound
                : (() => {
                    throw new Error(`numeric operator ${JSON.stringify(op)}`);
                  })();
    if (!ok) return false;
  }
  return true;
}

function anythingBut(operand: Json, value: Json): boolean {
  if (isObject(operand)) return !matchValue(operand, value);
  const excluded = Array.isArray(operand) ? operand : [operand];
  return !excluded.some((item) => item === value);
}
