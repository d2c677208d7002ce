// Schedule expressions of EventBridge Scheduler and EventBridge rules, parsed field by field,
// and IANA time zones, checked by the runtime's own time zone database (Intl).

/** What a schedule expression may be, for messages. */
export const SCHEDULE_EXPRESSION_ALLOWED =
  'cron(minutes hours day-of-month month day-of-week year) with one of day-of-month and day-of-week "?", e.g. "cron(0 6 * * ? *)"; rate(<n> minute(s)|hour(s)|day(s)), e.g. "rate(1 hour)"; or at(yyyy-mm-ddThh:mm:ss)';

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names allowed in place of numbers (JAN–DEC, SUN–SAT), numbered from `min`. */
  readonly names?: readonly string[];
  /** Special characters the field allows besides `, - * /`. */
  readonly special: RegExp;
}

const CRON_FIELDS: readonly CronField[] = [
  { name: 'minutes', min: 0, max: 59, special: /^$/ },
  { name: 'hours', min: 0, max: 23, special: /^$/ },
  { name: 'day-of-month', min: 1, max: 31, special: /^(?:\?|L|LW|\d{1,2}W)$/ },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
    special: /^$/,
  },
  {
    name: 'day-of-week',
    min: 1,
    max: 7,
    names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
    special: /^(?:\?|L|\d+L|[A-Z]{3}L|\d#[1-5]|[A-Z]{3}#[1-5])$/,
  },
  { name: 'year', min: 1970, max: 2199, special: /^$/ },
];

/** Why one value of a cron field (a number or a name) is out of range, or undefined. */
function cronValueProblem(field: CronField, value: string): string | undefined {
  const index = field.names?.indexOf(value.toUpperCase()) ?? -1;
  if (index >= 0) return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (number >= field.min && number <= field.max) return undefined;
  const names = field.names ? ` or ${field.names[0]}–${field.names[field.names.length - 1]}` : '';
  return `${field.name} "${value}" is not ${field.min}–${field.max}${names}`;
}

/** Why a cron field (lists, ranges, increments, wildcards) is malformed, or undefined. */
function cronFieldProblem(field: CronField, text: string): string | undefined {
  if (field.special.test(text.toUpperCase())) return undefined;
  for (const item of text.split(',')) {
    const [range, step, ...extra] = item.split('/');
    if (extra.length > 0 || (step !== undefined && !/^\d+$/.test(step)) || step === '0')
      return `${field.name} "${text}" has a malformed increment`;
    if (range === '*' && text.includes(',')) return `${field.name} "${text}" mixes * into a list`;
    if (range === '*') continue;
    const bounds = range.split('-');
    if (bounds.length > 2 || bounds.some((b) => b === ''))
      return `${field.name} "${text}" has a malformed range`;
    for (const bound of bounds) {
      const problem = cronValueProblem(field, bound);
      if (problem) return problem;
    }
  }
  return undefined;
}

function cronProblem(body: string): string | undefined {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) return `has ${fields.length} cron fields, not 6`;
  for (const [i, field] of CRON_FIELDS.entries()) {
    const problem = cronFieldProblem(field, fields[i]);
    if (problem) return problem;
  }
  const [dayOfMonth, dayOfWeek] = [fields[2], fields[4]];
  if ((dayOfMonth === '?') === (dayOfWeek === '?'))
    return 'needs "?" in exactly one of day-of-month and day-of-week';
  return undefined;
}

function rateProblem(body: string): string | undefined {
  const match = /^(\d+) (minute|minutes|hour|hours|day|days)$/.exec(body.trim());
  if (!match) return 'is not "rate(<n> <unit>)" with unit minute(s), hour(s) or day(s)';
  const value = Number(match[1]);
  if (value < 1) return 'has a rate below 1';
  if ((value === 1) !== !match[2].endsWith('s'))
    return value === 1 ? 'needs a singular unit for 1' : 'needs a plural unit above 1';
  return undefined;
}

function atProblem(body: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!match) return 'is not "at(yyyy-mm-ddThh:mm:ss)"';
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const real =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return real ? undefined : `names no real date and time ("${body}")`;
}

/**
 * Why a schedule expression is not one EventBridge accepts, or undefined when it is.
 * `at(…)` is EventBridge Scheduler only.
 */
export function scheduleExpressionProblem(
  expression: string,
  service: 'scheduler' | 'eventbridge-rule' = 'scheduler',
): string | undefined {
  if (typeof expression !== 'string') return 'is not a string';
  const match = /^(cron|rate|at)\((.*)\)$/.exec(expression);
  if (!match) return 'is not cron(…), rate(…) or at(…)';
  const [, kind, body] = match;
  if (kind === 'cron') return cronProblem(body);
  if (kind === 'rate') return rateProblem(body);
  if (service !== 'scheduler') return 'uses at(…), which only EventBridge Scheduler accepts';
  return atProblem(body);
}

/** What a time zone may be, for messages. */
export const TIME_ZONE_ALLOWED = 'an IANA time zone such as "Europe/Dublin" or "UTC"';

let canonicalTimeZones: ReadonlySet<string> | undefined;

/** Whether the runtime knows `timeZone` as an IANA time zone (e.g. `Europe/Dublin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  // The canonical list costs 2 ms; a DateTimeFormat loads the time zone data (20 to 40 ms), so
  // it is asked only about names outside the list (UTC, aliases, typos).
  canonicalTimeZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalTimeZones.has(timeZone)) return true;
  // Newer runtimes also accept offsets such as "+01:00", which EventBridge does not.
  if (typeof timeZone !== 'string' || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
