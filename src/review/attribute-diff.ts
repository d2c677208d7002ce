import { truncate } from './text';

/** How one attribute (or a value nested in it) changed. */
export interface AttributeChange {
  /** `cpu`, `tags.env`, `container_definitions[0].secrets[1].name` */
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  /** The value before, as shown: JSON, `(sensitive)` or undefined when absent. */
  readonly before?: string;
  /** The value after, as shown: JSON, `(sensitive)`, `(known after apply)` or undefined when absent. */
  readonly after?: string;
}

/** Which values are sensitive or unknown, as a plan marks them: `true` or a nested mask. */
export interface ValueMasks {
  readonly beforeSensitive?: unknown;
  readonly afterSensitive?: unknown;
  readonly afterUnknown?: unknown;
}

/** What a review shows instead of a sensitive value. */
export const SENSITIVE = '(sensitive)';
/** What a review shows for a value the plan does not know yet. */
export const KNOWN_AFTER_APPLY = '(known after apply)';

const MAX_SHOWN = 120;

/**
 * The attributes that differ between two values, down to the changed leaves; strings holding
 * JSON (container definitions, policies) are compared as JSON. A value marked sensitive on
 * either side is never shown, only that it changed.
 */
export function diffAttributes(
  before: unknown,
  after: unknown,
  masks: ValueMasks = {},
): AttributeChange[] {
  const changes: AttributeChange[] = [];
  walk('', before, after, masks.beforeSensitive, masks.afterSensitive, masks.afterUnknown, changes);
  return changes;
}

function walk(
  path: string,
  before: unknown,
  after: unknown,
  beforeSensitive: unknown,
  afterSensitive: unknown,
  afterUnknown: unknown,
  changes: AttributeChange[],
): void {
  const absentBefore = before === undefined || before === null;
  const absentAfter = (after === undefined || after === null) && afterUnknown !== true;
  const kind = absentBefore ? 'added' : absentAfter ? 'removed' : 'changed';
  if (beforeSensitive === true || afterSensitive === true) {
    if (afterUnknown === true || !equal(before, after)) {
      changes.push({
        path,
        kind,
        ...(!absentBefore && { before: beforeSensitive === true ? SENSITIVE : show(before) }),
        ...(!absentAfter && {
          after:
            afterSensitive === true
              ? SENSITIVE
              : afterUnknown === true
                ? KNOWN_AFTER_APPLY
                : show(after),
        }),
      });
    }
    return;
  }
  if (afterUnknown === true) {
    changes.push({
      path,
      kind,
      ...(!absentBefore && { before: show(before) }),
      after: KNOWN_AFTER_APPLY,
    });
    return;
  }
  const b = parseJsonString(before);
  const a = parseJsonString(after);
  const composite = (v: unknown) => typeof v === 'object' && v !== null;
  const sameShape = !(composite(a) && composite(b)) || Array.isArray(a) === Array.isArray(b);
  const walkInto = (composite(b) || absentBefore) && (composite(a) || absentAfter);
  if (
    Array.isArray(a) &&
    Array.isArray(b) &&
    !isMarked(beforeSensitive) &&
    !isMarked(afterSensitive) &&
    !isMarked(afterUnknown)
  ) {
    const moved = elementChanges(path, b, a);
    if (moved) {
      changes.push(...moved);
      return;
    }
  }
  if (sameShape && walkInto && (composite(a) || composite(b))) {
    const keys =
      Array.isArray(a) || Array.isArray(b)
        ? [...Array(Math.max(length(a), length(b))).keys()].map(String)
        : [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].sort();
    for (const key of keys) {
      const child =
        Array.isArray(a) || Array.isArray(b) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      walk(
        child,
        pick(b, key),
        pick(a, key),
        pick(beforeSensitive, key),
        pick(afterSensitive, key),
        pick(afterUnknown, key),
        changes,
      );
    }
    return;
  }
  if (!equal(before, after)) {
    if (kind === 'changed') {
      changes.push({ path, kind, ...showDifference(before, after) });
      return;
    }
    changes.push({
      path,
      kind,
      ...(!absentBefore && { before: show(before) }),
      ...(!absentAfter && { after: show(after) }),
    });
  }
}

/** Characters of the common part kept before the first difference of two long values. */
const CONTEXT_SHOWN = 24;

/**
 * Two values as JSON; when either is too long to show whole, both are cut from shortly before
 * the first character where they differ, so the review shows the change rather than the same
 * truncated prefix twice.
 */
export function showDifference(before: unknown, after: unknown): { before: string; after: string } {
  const b = JSON.stringify(before) ?? String(before);
  const a = JSON.stringify(after) ?? String(after);
  if (b.length <= MAX_SHOWN && a.length <= MAX_SHOWN) return { before: b, after: a };
  let first = 0;
  while (first < b.length && first < a.length && b[first] === a[first]) first++;
  const from = first > CONTEXT_SHOWN ? first - CONTEXT_SHOWN : 0;
  const cut = (text: string) => truncate(from > 0 ? `…${text.slice(from)}` : text, MAX_SHOWN);
  return { before: cut(b), after: cut(a) };
}

/**
 * Lists elements added to and removed from a list when that says more than comparing position
 * by position (an element inserted before others), else undefined.
 */
function elementChanges(
  path: string,
  before: unknown[],
  after: unknown[],
): AttributeChange[] | undefined {
  const remaining = before.map((v) => JSON.stringify(v));
  const added: unknown[] = [];
  for (const element of after) {
    const index = remaining.indexOf(JSON.stringify(element));
    if (index >= 0) remaining.splice(index, 1);
    else added.push(element);
  }
  const removedCount = remaining.length;
  const positional = Math.max(before.length, after.length);
  const mismatches = [...Array(positional).keys()].filter(
    (i) => JSON.stringify(before[i]) !== JSON.stringify(after[i]),
  ).length;
  if (added.length + removedCount === 0 || added.length + removedCount >= mismatches)
    return undefined;
  return [
    ...added.map((v): AttributeChange => ({ path: `${path}[]`, kind: 'added', after: show(v) })),
    ...remaining.map((v): AttributeChange => ({
      path: `${path}[]`,
      kind: 'removed',
      before: show(JSON.parse(v)),
    })),
  ];
}

/** True when a mask marks anything sensitive or unknown. */
export function isMarked(mask: unknown): boolean {
  if (mask === true) return true;
  if (typeof mask !== 'object' || mask === null) return false;
  return Object.values(mask).some(isMarked);
}

function parseJsonString(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function pick(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function length(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** A value as JSON, cut to a readable length. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return truncate(text, MAX_SHOWN);
}
