/** What an EventBridge event pattern may be, for messages. */
export const EVENT_PATTERN_ALLOWED =
  'an EventBridge event pattern: an object whose fields are non-empty lists of values or matchers, or patterns of the same kind';

/** A part of a pattern EventBridge would refuse: where it is (`['detail', 'bucket']`) and what it is. */
export interface EventPatternProblem {
  readonly path: readonly string[];
  readonly value: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The parts of an event pattern EventBridge would refuse: a pattern is a non-empty object whose
 * every field is a non-empty list (of values or matchers) or a pattern of the same kind. Empty
 * when the pattern is one EventBridge reads.
 */
export function eventPatternProblems(pattern: unknown, path: string[] = []): EventPatternProblem[] {
  if (!isObject(pattern) || Object.keys(pattern).length === 0) return [{ path, value: pattern }];
  return Object.entries(pattern).flatMap(([field, value]) =>
    Array.isArray(value)
      ? value.length > 0
        ? []
        : [{ path: [...path, field], value }]
      : eventPatternProblems(value, [...path, field]),
  );
}
