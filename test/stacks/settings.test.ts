import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/main';
import { validateEnvironment, parseEnvironments } from '../../stacks/environments';
import { dev } from '../../stacks/environments/dev';
import { prod } from '../../stacks/environments/prod';
import { staging } from '../../stacks/environments/staging';

/** The problems of settings that are deliberately not of the settings type. */
const problemsOf = (settings: unknown) => validateEnvironment(settings).toMessages();
const [hello, report] = prod.tasks;

describe('settings are parsed strictly', () => {
  test('accountID instead of accountId fails, naming accountId', () => {
    const { accountId, ...rest } = prod;
    expect(problemsOf({ ...rest, accountID: accountId })).toEqual([
      'accountID is not a known setting: received [hidden]; allowed: did you mean "accountId"? (known: name, region, accountId, defaultTags, backend, network, executionRoleSharing, executionRolePolicyMode, containerInsights, capacity, logRetentionDays, tasks, runner, taskFailures, roles, executeCommand)',
    ]);
  });

  test('a misspelt nested field names its path and the field meant', () => {
    const { environment, ...task } = hello;
    expect(problemsOf({ ...prod, tasks: [{ ...task, enviroment: environment }, report] })).toEqual([
      expect.stringMatching(
        /^tasks\[0\]\.enviroment is not a known setting: received \[hidden\]; allowed: did you mean "environment"\? \(known: name, image, /,
      ),
    ]);
  });

  test.each<[string, unknown, string]>([
    [
      'a network of subnets without subnets',
      { ...prod, network: { type: 'subnets', vpcId: 'vpc-0f1e2d3c4b5a69788' } },
      'network.subnetIds is missing: received nothing; allowed: a list of subnet IDs',
    ],
    [
      'a network of an unknown type',
      { ...prod, network: { type: 'vpc' } },
      'network.type is not allowed: received "vpc"; allowed: an object with type "default-vpc", or type "subnets" with vpcId and subnetIds',
    ],
    [
      'a cron hour out of range',
      {
        ...prod,
        runner: {
          ...prod.runner,
          schedule: { ...prod.runner.schedule, expression: 'cron(0 25 * * ? *)' },
        },
      },
      expect.stringMatching(
        /^runner\.schedule\.expression hours "25" is not 0–23: received "cron\(0 25 \* \* \? \*\)"; allowed: cron\(/,
      ) as unknown as string,
    ],
    [
      'a KMS key that is not an ARN',
      { ...prod, tasks: [hello, { ...report, secretsKmsKeyArns: ['alias/reports'] }] },
      'tasks[1].secretsKmsKeyArns[0] is not an ARN: received "alias/reports"; allowed: a KMS key ARN naming one exact resource, such as arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    ],
    [
      'an account ID of 11 digits',
      { ...prod, accountId: '11112222333' },
      'accountId is not allowed: received "11112222333"; allowed: a 12-digit AWS account ID',
    ],
    [
      'a tag key in the aws: namespace',
      { ...prod, defaultTags: { 'aws:owner': 'platform' } },
      'defaultTags["aws:owner"] has a name that is not allowed: received "aws:owner"; allowed: 1 to 128 letters, digits, spaces and _.:/=+-@, not starting with "aws:"',
    ],
    [
      'runner memory below what Lambda allows',
      { ...prod, runner: { ...prod.runner, memoryMiB: 64 } },
      'runner.memoryMiB is not allowed: received 64; allowed: a whole number from 128 to 10240 (MiB)',
    ],
    [
      'a runner timeout above what Lambda allows',
      { ...prod, runner: { ...prod.runner, timeoutSeconds: 901 } },
      'runner.timeoutSeconds is not allowed: received 901; allowed: a whole number from 1 to 900 (seconds)',
    ],
    [
      'a log retention CloudWatch does not offer',
      { ...prod, logRetentionDays: 100 },
      'logRetentionDays is not allowed: received 100; allowed: one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (days)',
    ],
    [
      'a command that is one string',
      { ...prod, tasks: [{ ...hello, command: 'echo hello' }, report] },
      'tasks[0].command is not allowed: received [hidden]; allowed: a list of strings',
    ],
    [
      'an environment value that is a number',
      { ...prod, tasks: [{ ...hello, environment: { PORT: 8080 } }, report] },
      'tasks[0].environment.PORT is not allowed: received [hidden]; allowed: a string',
    ],
    [
      'a role ARN where a policy ARN belongs',
      {
        ...prod,
        tasks: [
          hello,
          { ...report, taskRole: { managedPolicyArns: ['arn:aws:iam::111122223333:role/admin'] } },
        ],
      },
      'tasks[1].taskRole.managedPolicyArns[0] is not an IAM managed policy ARN (resource part "role/admin"): received "arn:aws:iam::111122223333:role/admin"; allowed: an IAM managed policy ARN naming one exact resource, such as arn:aws:iam::aws:policy/ReadOnlyAccess',
    ],
    [
      'a wildcard SNS topic',
      {
        ...prod,
        tasks: [
          hello,
          {
            ...report,
            taskRole: { snsPublishTopicArns: ['arn:aws:sns:eu-west-1:111122223333:*'] },
          },
        ],
      },
      'tasks[1].taskRole.snsPublishTopicArns[0] contains a wildcard (name the exact resource): received "arn:aws:sns:eu-west-1:111122223333:*"; allowed: an SNS topic ARN naming one exact resource, such as arn:aws:sns:eu-west-1:123456789012:my-topic',
    ],
    [
      'a runner task that does not exist',
      { ...prod, runner: { ...prod.runner, tasks: ['hello', 'reprot'], schedule: undefined } },
      'runner.tasks[1] names no task of this environment (did you mean "report"?): received "reprot"; allowed: "hello", "report"',
    ],
  ])('%s fails with the field, the value and what is allowed', (_name, settings, message) => {
    expect(problemsOf(settings)).toEqual([message]);
  });

  test('a schedule sending a task the runner cannot start is named too', () => {
    expect(problemsOf({ ...prod, runner: { ...prod.runner, tasks: ['hello'] } })).toEqual([
      'runner.schedule.input.task is not one of the runner\'s tasks: received "report"; allowed: "hello"',
    ]);
  });

  test('a password put where a secret ARN belongs is never shown', () => {
    const settings = {
      ...prod,
      tasks: [hello, { ...report, secrets: { TOKEN: 'hunter2-s3cret' } }],
    };
    const problems = problemsOf(settings);
    expect(problems).toEqual([
      'tasks[1].secrets.TOKEN is not an ARN: received [hidden]; allowed: a Secrets Manager secret ARN such as arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-password-AbCdEf (optionally with :json-key:version-stage:version-id) or an SSM parameter ARN such as arn:aws:ssm:eu-west-1:123456789012:parameter/my-app/db-host',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  test('credential-like values are hidden wherever they are', () => {
    const key = 'AKIAIOSFODNN7EXAMPLE';
    const problems = problemsOf({ ...prod, defaultTags: { owner: `${key}!` } });
    expect(problems).toEqual([
      'defaultTags.owner is not allowed: received [hidden]; allowed: up to 256 letters, digits, spaces and _.:/=+-@',
    ]);
  });

  test('every problem of every environment at once, each under its settings file', () => {
    const { accountId, ...rest } = prod;
    const run = () =>
      parseEnvironments([
        {
          file: 'stacks/environments/dev.ts',
          settings: { ...dev, region: 'eu-wset-1', capacity: 'SPOT' },
        },
        { file: 'stacks/environments/staging.ts', settings: staging },
        {
          file: 'stacks/environments/prod.ts',
          settings: { ...rest, accountID: accountId, logRetentionDays: 10 },
        },
      ]);
    expect(run).toThrow(
      [
        'stacks/environments/dev.ts: 2 problems:',
        '  - region is not a known AWS region (did you mean "eu-west-1"?): received "eu-wset-1"; allowed: an AWS region such as "eu-west-1" (38 known)',
        '  - capacity is not allowed: received "SPOT"; allowed: one of "FARGATE", "FARGATE_SPOT"',
        '',
        'stacks/environments/prod.ts: 2 problems:',
        '  - logRetentionDays is not allowed: received 10; allowed: one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (days)',
        '  - accountID is not a known setting: received [hidden]; allowed: did you mean "accountId"? (known: name, region, accountId, defaultTags, backend, network, executionRoleSharing, executionRolePolicyMode, containerInsights, capacity, logRetentionDays, tasks, runner, taskFailures, roles, executeCommand)',
      ].join('\n'),
    );
  });
});

describe('a synth with invalid settings', () => {
  /** Every file under `dir` with its bytes and modification time. */
  const snapshotOf = (dir: string): Record<string, [string, number]> =>
    Object.fromEntries(
      fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .sort()
        .map((file) => {
          const full = path.join(dir, file);
          const stat = fs.statSync(full);
          return [file, [stat.isFile() ? fs.readFileSync(full, 'base64') : 'dir', stat.mtimeMs]];
        }),
    );

  /** Runs a synth of `settings` as prod's over a previous output; returns what it threw. */
  const synthOver = async (settings: unknown): Promise<{ message: string; untouched: boolean }> => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
    const outdir = path.join(parent, 'cdktf.out');
    fs.mkdirSync(path.join(outdir, 'stacks', 'fargate-runner-prod'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'stacks', 'fargate-runner-prod', 'cdk.tf.json'), '{"x":1}');
    fs.writeFileSync(path.join(outdir, 'manifest.json'), '{}');
    const before = snapshotOf(outdir);
    try {
      const environments = [{ file: 'stacks/environments/prod.ts', settings }];
      const error = await main(outdir, { environments }).then(
        () => new Error('synth did not fail'),
        (e: unknown) => e as Error,
      );
      const untouched =
        JSON.stringify(snapshotOf(outdir)) === JSON.stringify(before) &&
        fs.readdirSync(parent).join() === 'cdktf.out';
      return { message: error.message, untouched };
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  };

  // Each example of issue 14's "Settings typos vanish" and "Shape is checked, meaning is not".
  const withReport = (task: Record<string, unknown>) => ({
    ...prod,
    tasks: [hello, { ...report, ...task }],
  });
  test.each<[string, unknown, string]>([
    [
      'a backend without a bucket',
      { ...prod, backend: { type: 's3' } },
      'backend.bucket is missing: received nothing; allowed: an S3 bucket name: 3 to 63 lowercase letters, digits, . and -',
    ],
    [
      'a network without a VPC',
      { ...prod, network: { type: 'subnets', subnetIds: ['subnet-0123456789abcdef0'] } },
      'network.vpcId is missing: received nothing; allowed: a VPC ID such as "vpc-0123456789abcdef0"',
    ],
    [
      'a region eu-wset-1',
      { ...prod, region: 'eu-wset-1' },
      'region is not a known AWS region (did you mean "eu-west-1"?): received "eu-wset-1"; allowed: an AWS region such as "eu-west-1" (38 known)',
    ],
    [
      'a schedule cron(0 6 * *)',
      {
        ...prod,
        runner: {
          ...prod.runner,
          schedule: { ...prod.runner.schedule, expression: 'cron(0 6 * *)' },
        },
      },
      'runner.schedule.expression has 4 cron fields, not 6: received "cron(0 6 * *)"; allowed: cron(minutes hours day-of-month month day-of-week year) with one of day-of-month and day-of-week "?", e.g. "cron(0 6 * * ? *)"; rate(<n> minute(s)|hour(s)|day(s)), e.g. "rate(1 hour)"; or at(yyyy-mm-ddThh:mm:ss)',
    ],
    [
      'a time zone Europe/Dublinn',
      {
        ...prod,
        runner: {
          ...prod.runner,
          schedule: { ...prod.runner.schedule, timezone: 'Europe/Dublinn' },
        },
      },
      'runner.schedule.timezone is not a known time zone: received "Europe/Dublinn"; allowed: an IANA time zone such as "Europe/Dublin" or "UTC"',
    ],
    [
      'an ECR image whose account has 10 digits',
      withReport({ image: '1111222233.dkr.ecr.eu-west-1.amazonaws.com/report:1.4.2' }),
      'tasks[1].image has an ECR registry "1111222233.dkr.ecr.eu-west-1.amazonaws.com" that is not <12-digit account>.dkr.ecr.<region>.amazonaws.com: received "1111222233.dkr.ecr.eu-west-1.amazonaws.com/report:1.4.2"; allowed: a container image reference, e.g. "nginx:1.27" or "<12-digit account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>"',
    ],
    [
      'a KMS key that is not an ARN',
      withReport({ secretsKmsKeyArns: ['alias/report'] }),
      'tasks[1].secretsKmsKeyArns[0] is not an ARN: received "alias/report"; allowed: a KMS key ARN naming one exact resource, such as arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    ],
    [
      'a password where a secret ARN belongs',
      withReport({ secrets: { DB_PASSWORD: 'hunter2-s3cret' } }),
      'tasks[1].secrets.DB_PASSWORD is not an ARN: received [hidden]; allowed: a Secrets Manager secret ARN such as arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-password-AbCdEf (optionally with :json-key:version-stage:version-id) or an SSM parameter ARN such as arn:aws:ssm:eu-west-1:123456789012:parameter/my-app/db-host',
    ],
    [
      'a command that is not a list of strings',
      withReport({ command: 'node dist/report.js --token=hunter2-s3cret' }),
      'tasks[1].command is not allowed: received [hidden]; allowed: a list of strings',
    ],
  ])(
    '%s fails synth naming the file, field, value and what is allowed; the output is untouched',
    async (_name, settings, problem) => {
      const { message, untouched } = await synthOver(settings);
      expect(message).toBe(`stacks/environments/prod.ts: ${problem}`);
      expect(message).not.toContain('hunter2');
      expect(untouched).toBe(true);
    },
  );

  test('accountID in prod fails synth naming accountId, and leaves the output untouched', async () => {
    const { accountId, ...rest } = prod;
    const { message, untouched } = await synthOver({ ...rest, accountID: accountId });
    expect(message).toMatch(
      /^stacks\/environments\/prod\.ts: accountID is not a known setting: received \[hidden\]; allowed: did you mean "accountId"\?/,
    );
    expect(untouched).toBe(true);
  });
});
