import {
  AWS_ROOT_CONFIG,
  moduleDiagnostics,
  planConfiguration,
  runnerModule,
} from '../../support/terraform';

/**
 * The lambda-runner module checks its triggers at plan: a schedule expression's shape (AWS would
 * refuse it at apply, after creating the function): rate() with a singular unit for 1 and a
 * plural one above, cron() with six fields, at() only with EventBridge Scheduler; and what a
 * trigger sends, which the runner would otherwise refuse on every invocation. Real Terraform.
 */
jest.setTimeout(120_000);

/** A runner with one trigger (`schedule = …` or `event_trigger = …`). */
const runnerWith = (name: string, trigger: string) => runnerModule(name, { extra: trigger });
const runner = (name: string, expression: string, service = 'scheduler', input = '{}') =>
  runnerWith(
    name,
    `schedule = {
    expression = ${JSON.stringify(expression)}
    service    = ${JSON.stringify(service)}
    input      = ${input}
  }`,
  );

test('rate(1 minutes), a five-field cron and at() on an EventBridge rule fail the plan', () => {
  const { status, output } = planConfiguration(
    [
      AWS_ROOT_CONFIG,
      runner('plural-one', 'rate(1 minutes)'),
      runner('five-fields', 'cron(0 6 * * ?)'),
      runner('at-on-a-rule', 'at(2026-12-01T03:00:00)', 'eventbridge-rule'),
    ].join('\n'),
  );
  expect(status).toBe(1);
  const refused = moduleDiagnostics(
    output,
    'schedule\\.expression must be rate\\(1 minute\\|hour\\|day\\)',
  ).map(([module]) => module);
  expect(refused.sort()).toEqual(['at-on-a-rule', 'five-fields', 'plural-one']);
});

test('rate, cron and at expressions of the right shape plan', () => {
  const { status, output } = planConfiguration(
    [
      AWS_ROOT_CONFIG,
      runner('hourly', 'rate(1 hour)'),
      runner('every-five', 'rate(5 minutes)', 'eventbridge-rule'),
      runner('nightly', 'cron(0 3 * * ? *)'),
      runner('once', 'at(2026-12-01T03:00:00)'),
    ].join('\n'),
  );
  expect(output).not.toContain('Error');
  expect(status).toBe(0);
});

test("a trigger's startedBy or environment name that the runner would refuse fails the plan", () => {
  const event = (name: string, input: string) =>
    runnerWith(
      name,
      `event_trigger = {
    pattern = ${JSON.stringify('{"source":["aws.s3"]}')}
    input   = ${input}
  }`,
    );
  const { status, output } = planConfiguration(
    [
      AWS_ROOT_CONFIG,
      runner('started-by', 'rate(1 hour)', 'scheduler', '{ started_by = "nightly run" }'),
      runner('environment', 'rate(1 hour)', 'scheduler', '{ environment = { "1ST" = "a" } }'),
      runner(
        'fine',
        'rate(1 hour)',
        'scheduler',
        '{ started_by = "nightly", environment = { DAY = "1" } }',
      ),
      event('event-started-by', '{ started_by = "on upload" }'),
      event('event-environment', '{ environment = { "1ST" = "a" } }'),
      event('event-fine', '{ started_by = "upload", environment = { DAY = "1" } }'),
    ].join('\n'),
  );
  expect(status).toBe(1);
  const refused = (input: string) =>
    moduleDiagnostics(output, `${input}\\.started_by must be 1 to 128 letters`).map(
      ([module]) => module,
    );
  expect(refused('schedule\\.input').sort()).toEqual(['environment', 'started-by']);
  expect(refused('event_trigger\\.input').sort()).toEqual([
    'event-environment',
    'event-started-by',
  ]);
});

test('an event pattern that is not an object of lists or patterns fails the plan', () => {
  const trigger = (name: string, pattern: string) =>
    runnerWith(name, `event_trigger = { pattern = ${JSON.stringify(pattern)} }`);
  const { status, output } = planConfiguration(
    [
      AWS_ROOT_CONFIG,
      trigger('not-json', '{source'),
      trigger('a-list', '["aws.s3"]'),
      trigger('a-string-field', '{"source":"aws.s3"}'),
      trigger('an-empty-list', '{"source":[]}'),
      trigger('fine', '{"source":["aws.s3"],"detail":{"bucket":{"name":["reports"]}}}'),
    ].join('\n'),
  );
  expect(status).toBe(1);
  const refused = moduleDiagnostics(
    output,
    'event_trigger\\.pattern must be a JSON event pattern',
  ).map(([module]) => module);
  expect(refused.sort()).toEqual(['a-list', 'a-string-field', 'an-empty-list', 'not-json']);
});
