import { isTimeZone, scheduleExpressionProblem } from '../../src/aws/schedule';
import { buildRunner } from '../support/runner';

describe('scheduleExpressionProblem', () => {
  test.each([
    'cron(0 6 * * ? *)',
    'cron(0/15 8-17 ? * MON-FRI *)',
    'cron(0 6 L * ? *)',
    'cron(0 6 ? * 6#3 *)',
    'cron(0 6 * JAN-MAR ? 2030)',
    'cron(5,35 14 ? * 2L 2026-2030)',
    'rate(1 hour)',
    'rate(5 minutes)',
    'at(2026-12-01T03:00:00)',
  ])('accepts %s', (expression) => {
    expect(scheduleExpressionProblem(expression)).toBeUndefined();
  });

  test.each([
    ['cron(0 6 * *)', 'has 4 cron fields, not 6'],
    ['cron(0 24 * * ? *)', 'hours "24" is not 0–23'],
    ['cron(60 6 * * ? *)', 'minutes "60" is not 0–59'],
    ['cron(0 6 32 * ? *)', 'day-of-month "32" is not 1–31'],
    ['cron(0 6 ? FOO * *)', 'month "FOO" is not 1–12 or JAN–DEC'],
    ['cron(0 6 * * * *)', 'needs "?" in exactly one of day-of-month and day-of-week'],
    ['cron(0 6 ? * ? *)', 'needs "?" in exactly one of day-of-month and day-of-week'],
    ['cron(0/0 6 * * ? *)', 'minutes "0/0" has a malformed increment'],
    ['rate(1 hours)', 'needs a singular unit for 1'],
    ['rate(5 minute)', 'needs a plural unit above 1'],
    ['rate(0 minutes)', 'has a rate below 1'],
    ['rate(1 week)', 'is not "rate(<n> <unit>)" with unit minute(s), hour(s) or day(s)'],
    ['at(2026-02-30T03:00:00)', 'names no real date and time ("2026-02-30T03:00:00")'],
    ['at(2026-12-01 03:00)', 'is not "at(yyyy-mm-ddThh:mm:ss)"'],
    ['every day', 'is not cron(…), rate(…) or at(…)'],
  ])('refuses %s: %s', (expression, reason) => {
    expect(scheduleExpressionProblem(expression)).toBe(reason);
  });

  test('at(…) is for EventBridge Scheduler only', () => {
    expect(scheduleExpressionProblem('at(2026-12-01T03:00:00)', 'eventbridge-rule')).toBe(
      'uses at(…), which only EventBridge Scheduler accepts',
    );
  });
});

test.each([
  ['Europe/Dublin', true],
  ['UTC', true],
  ['America/Argentina/Buenos_Aires', true],
  ['Europe/Dublinn', false],
  ['+01:00', false],
  ['', false],
])('isTimeZone(%j) is %s', (zone, known) => {
  expect(isTimeZone(zone)).toBe(known);
});

test('the runner construct refuses what the settings refuse, with the same words', () => {
  expect(() =>
    buildRunner({ schedule: { expression: 'cron(0 6 * *)', timezone: 'Europe/Dublinn' } }),
  ).toThrow(
    /schedule\.expression has 4 cron fields, not 6: received "cron\(0 6 \* \*\)"; allowed: cron\(minutes hours .*\n {2}- schedule\.timezone is not a known time zone: received "Europe\/Dublinn"; allowed: an IANA time zone such as "Europe\/Dublin" or "UTC"$/,
  );
});
