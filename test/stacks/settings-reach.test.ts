import { Testing } from 'cdktf';
import { validateEnvironment, type EnvironmentSettings } from '../../stacks/environments';
import { dev } from '../../stacks/environments/dev';
import { prod } from '../../stacks/environments/prod';
import { FargateRunnerStack } from '../../stacks/fargate-runner-stack';
import { concretize, type TerraformJson } from '../support/synth';
import { CONTAINER_SETTINGS } from './settings-fixtures';
import { checkStacks } from '../../src/checks/engine';

/**
 * What the constructs offer and a platform team sets per environment is a setting too: the
 * KMS key of a task's log group, its ephemeral storage, the path and permissions boundary of
 * every role (secretsKmsKeyArns was already one). Each is checked for meaning and reaches the
 * synthesized resources.
 */

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const BOUNDARY = 'arn:aws:iam::111122223333:policy/platform-boundary';
const KMS_ALLOWED =
  'allowed: a KMS key ARN naming one exact resource, such as arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const [hello, report] = prod.tasks;

const problemsOf = (settings: unknown) => validateEnvironment(settings).toMessages();
const synthEnvironment = (settings: EnvironmentSettings): TerraformJson =>
  JSON.parse(Testing.synth(new FargateRunnerStack(Testing.app(), settings), true)) as TerraformJson;
/**
 * Prod with its second task, report, changed (`changes` may hold values the schema refuses: the
 * tests that synthesize check the settings are valid first).
 */
const withReport = (changes: object, environment: object = {}) =>
  ({ ...prod, ...environment, tasks: [hello, { ...report, ...changes }] }) as EnvironmentSettings;

describe('settings that reach the constructs', () => {
  const settings = withReport(
    { logKmsKeyArn: KEY, ephemeralStorageGiB: 50 },
    { roles: { path: '/fargate-runner/', permissionsBoundaryArn: BOUNDARY } },
  );

  test('are valid settings', () => {
    expect(problemsOf(settings)).toEqual([]);
  });

  test("reach the task's log group, task definition and every role", () => {
    const json = synthEnvironment(settings);
    const resources = json.resource!;
    expect(resources.aws_cloudwatch_log_group.task_report_log_group.kms_key_id).toBe(KEY);
    expect(resources.aws_cloudwatch_log_group.task_hello_log_group.kms_key_id).toBeUndefined();
    expect(resources.aws_ecs_task_definition.task_report.ephemeral_storage).toEqual({
      size_in_gib: 50,
    });
    expect(resources.aws_ecs_task_definition.task_hello.ephemeral_storage).toBeUndefined();
    const roles = Object.values(resources.aws_iam_role);
    expect(roles.length).toBeGreaterThanOrEqual(7);
    for (const role of roles) {
      expect({ name: role.name, path: role.path, boundary: role.permissions_boundary }).toEqual({
        name: role.name,
        path: '/fargate-runner/',
        boundary: BOUNDARY,
      });
    }
    // The runner passes the roles by their ARNs with the path: still exactly those roles.
    const runnerPolicy = JSON.parse(
      concretize(resources.aws_iam_role_policy.runner_role_policy.policy as string),
    ) as { Statement: Array<{ Sid: string; Resource: string[] }> };
    expect(runnerPolicy.Statement.find((s) => s.Sid === 'PassTaskRoles')?.Resource).toEqual([
      'arn:aws:iam::123456789012:role/fargate-runner/fargate-runner-prod-hello-execution',
      'arn:aws:iam::123456789012:role/fargate-runner/fargate-runner-prod-hello-task',
      'arn:aws:iam::123456789012:role/fargate-runner/fargate-runner-prod-report-execution',
      'arn:aws:iam::123456789012:role/fargate-runner/fargate-runner-prod-report-task',
    ]);
  });

  test('a shared execution role takes the role settings too', () => {
    const json = synthEnvironment({ ...dev, roles: { permissionsBoundaryArn: BOUNDARY } });
    const shared = Object.values(json.resource!.aws_iam_role).find(
      (role) => role.name === 'fargate-runner-dev-execution',
    );
    expect(shared).toMatchObject({ path: '/', permissions_boundary: BOUNDARY });
  });

  test.each<[string, Record<string, unknown>, Record<string, unknown> | undefined, string[]]>([
    [
      'ephemeral storage of 20 GiB (the default, not an increase)',
      { ephemeralStorageGiB: 20 },
      undefined,
      [
        'tasks[1].ephemeralStorageGiB is not allowed: received 20; allowed: a whole number from 21 to 200 (GiB)',
      ],
    ],
    [
      'ephemeral storage beyond 200 GiB or not whole',
      { ephemeralStorageGiB: 201 },
      undefined,
      [
        'tasks[1].ephemeralStorageGiB is not allowed: received 201; allowed: a whole number from 21 to 200 (GiB)',
      ],
    ],
    [
      'a KMS alias as the log key',
      { logKmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:alias/logs' },
      undefined,
      [
        `tasks[1].logKmsKeyArn is not a KMS key ARN (resource part "alias/logs"): received "arn:aws:kms:eu-west-1:111122223333:alias/logs"; ${KMS_ALLOWED}`,
      ],
    ],
    [
      'a key ID instead of its ARN',
      { logKmsKeyArn: '1234abcd-12ab-34cd-56ef-1234567890ab' },
      undefined,
      [
        `tasks[1].logKmsKeyArn is not an ARN: received "1234abcd-12ab-34cd-56ef-1234567890ab"; ${KMS_ALLOWED}`,
      ],
    ],
    [
      'a key of an unknown partition',
      { logKmsKeyArn: KEY.replace('arn:aws:', 'arn:aws-xx:') },
      undefined,
      [
        `tasks[1].logKmsKeyArn has an unknown partition "aws-xx": received "${KEY.replace('arn:aws:', 'arn:aws-xx:')}"; ${KMS_ALLOWED}`,
      ],
    ],
    [
      'a role path with a wildcard',
      {},
      { path: '/*/' },
      [
        'roles.path is not allowed: received "/*/"; allowed: "/" or a path that starts and ends with "/", up to 512 printable ASCII characters other than * and ?, e.g. "/ecs/"',
      ],
    ],
    [
      'a role ARN as the permissions boundary, and a misspelt field',
      {},
      {
        permissionBoundaryArn: BOUNDARY,
        permissionsBoundaryArn: 'arn:aws:iam::111122223333:role/x',
      },
      [
        'roles.permissionsBoundaryArn is not an IAM managed policy ARN (resource part "role/x"): received "arn:aws:iam::111122223333:role/x"; allowed: an IAM managed policy ARN naming one exact resource, such as arn:aws:iam::aws:policy/ReadOnlyAccess',
        expect.stringMatching(
          /^roles\.permissionBoundaryArn is not a known setting: received \[hidden\]; allowed: did you mean "permissionsBoundaryArn"\?/,
        ) as unknown as string,
      ],
    ],
  ])(
    '%s is refused with the field, the value and what is allowed',
    (_name, task, roles, messages) => {
      const problems = problemsOf(withReport(task, roles && { roles }));
      expect(problems).toEqual(expect.arrayContaining(messages));
      expect(problems).toHaveLength(messages.length);
    },
  );

  test('a misspelt field of an S3 location is named, not a crash', () => {
    expect(
      problemsOf(
        withReport({
          taskRole: { s3ReadLocations: [{ bucketArn: 'arn:aws:s3:::reports', prefx: 'a/' }] },
        }),
      ),
    ).toEqual([
      'tasks[1].taskRole.s3ReadLocations[0].prefx is not a known setting: received [hidden]; allowed: did you mean "prefix"? (known: bucketArn, prefix)',
    ]);
    expect(problemsOf({ ...prod, roles: 'strict' })).toEqual([
      'roles is not allowed: received "strict"; allowed: an object { path?, permissionsBoundaryArn? }',
    ]);
  });
});

describe("the runner function's settings", () => {
  const runner = {
    ...prod.runner,
    architecture: 'x86_64',
    runtime: 'nodejs24.x',
    tracing: 'Active',
    maximumRetryAttempts: 0,
    maximumEventAgeSeconds: 3600,
    allowDescribeTasks: true,
  } as const;
  /** The runner role's policy statements by Sid, as actions and resources. */
  const runnerStatements = (json: TerraformJson) =>
    new Map(
      (
        JSON.parse(
          concretize(json.resource!.aws_iam_role_policy.runner_role_policy.policy as string),
        ) as { Statement: Array<{ Sid: string; Action: string[]; Resource: string[] }> }
      ).Statement.map((s) => [s.Sid, { actions: s.Action, resources: s.Resource }]),
    );

  test('reach the function, its asynchronous invocation and its role', () => {
    expect(problemsOf({ ...prod, runner })).toEqual([]);
    const json = synthEnvironment({ ...prod, runner });
    const resources = json.resource!;
    expect(resources.aws_lambda_function.runner).toMatchObject({
      architectures: ['x86_64'],
      runtime: 'nodejs24.x',
      tracing_config: { mode: 'Active' },
    });
    expect(
      resources.aws_lambda_function_event_invoke_config.runner_async_invoke_config,
    ).toMatchObject({
      maximum_retry_attempts: 0,
      maximum_event_age_in_seconds: 3600,
    });
    const statements = runnerStatements(json);
    expect(statements.get('XRayWrite')).toEqual({
      actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
      resources: ['*'],
    });
    expect(statements.get('DescribeTasks')?.actions).toEqual(['ecs:DescribeTasks']);
  });

  test('left out, keep the defaults: arm64, nodejs22.x, pass-through tracing, no describe', () => {
    const json = synthEnvironment(prod);
    expect(json.resource!.aws_lambda_function.runner).toMatchObject({
      architectures: ['arm64'],
      runtime: 'nodejs22.x',
      tracing_config: { mode: 'PassThrough' },
    });
    const statements = runnerStatements(json);
    expect(statements.has('XRayWrite')).toBe(false);
    expect(statements.has('DescribeTasks')).toBe(false);
  });

  test('out of range or misspelt values are refused, each with what is allowed', () => {
    expect(
      problemsOf({
        ...prod,
        runner: {
          ...prod.runner,
          architecture: 'arm',
          runtime: 'nodejs20.x',
          tracing: 'active',
          maximumRetryAttempts: 3,
          maximumEventAgeSeconds: 30,
          allowDescribeTasks: 'yes',
        },
      }),
    ).toEqual([
      'runner.architecture is not allowed: received "arm"; allowed: one of "arm64", "x86_64"',
      'runner.runtime is not allowed: received "nodejs20.x"; allowed: one of "nodejs22.x", "nodejs24.x"',
      'runner.tracing is not allowed: received "active"; allowed: one of "Active", "PassThrough"',
      'runner.maximumRetryAttempts is not allowed: received 3; allowed: a whole number from 0 to 2',
      'runner.maximumEventAgeSeconds is not allowed: received 30; allowed: a whole number from 60 to 21600 (seconds)',
      'runner.allowDescribeTasks is not allowed: received "yes"; allowed: true or false',
    ]);
  });
});

describe('ECS Exec', () => {
  /** The runner's RUNNER_CONFIG (plain JSON in prod, whose subnets are literal). */
  const runnerConfig = (json: TerraformJson) =>
    JSON.parse(
      (
        json.resource!.aws_lambda_function.runner as {
          environment: { variables: { RUNNER_CONFIG: string } };
        }
      ).environment.variables.RUNNER_CONFIG,
    ) as { enableExecuteCommand: boolean };

  test('a task role granted ECS Exec gets the SSM channels, and the runner starts tasks with it', () => {
    const settings: EnvironmentSettings = withReport({
      taskRole: { ...report.taskRole, enableExecuteCommand: true },
    });
    expect(problemsOf(settings)).toEqual([]);
    const json = synthEnvironment(settings);
    expect(runnerConfig(json).enableExecuteCommand).toBe(true);
    const policies = json.resource!.aws_iam_role_policy as Record<string, { policy: string }>;
    const actionsOf = (address: string) =>
      (
        JSON.parse(concretize(policies[address].policy)) as {
          Statement: Array<{ Action: string[] }>;
        }
      ).Statement.flatMap((s) => s.Action);
    expect(actionsOf('task_report_task_role_role_policy')).toEqual(
      expect.arrayContaining([
        'ssmmessages:CreateControlChannel',
        'ssmmessages:CreateDataChannel',
        'ssmmessages:OpenControlChannel',
        'ssmmessages:OpenDataChannel',
      ]),
    );
    expect(Object.keys(policies)).not.toContain('task_hello_task_role_role_policy');
  });

  test('without it, tasks start without ECS Exec', () => {
    expect(runnerConfig(synthEnvironment(prod)).enableExecuteCommand).toBe(false);
  });
});

describe("the task's container settings", () => {
  /** The report task's one container, as ECS will read it. */
  const reportContainer = (json: TerraformJson) =>
    (
      JSON.parse(
        json.resource!.aws_ecs_task_definition.task_report.container_definitions as string,
      ) as Array<Record<string, unknown>>
    )[0];

  test('reach the container definition', () => {
    const settings: EnvironmentSettings = withReport({ ...CONTAINER_SETTINGS });
    expect(problemsOf(settings)).toEqual([]);
    expect(reportContainer(synthEnvironment(settings))).toMatchObject({
      entryPoint: ['/usr/bin/tini', '--'],
      user: '1000:1000',
      workingDirectory: '/srv/report',
      readonlyRootFilesystem: false,
      linuxParameters: { initProcessEnabled: true },
      stopTimeout: 90,
    });
  });

  test('left out, the container keeps a read-only root file system and the image defaults', () => {
    const container = reportContainer(synthEnvironment(prod));
    expect(container.readonlyRootFilesystem).toBe(true);
    for (const field of ['entryPoint', 'user', 'workingDirectory', 'linuxParameters'])
      expect(container).not.toHaveProperty(field);
  });

  test('values ECS would refuse are refused at synth, naming the field', () => {
    expect(
      problemsOf(
        withReport({
          entryPoint: 'tini',
          user: 'app user',
          workingDirectory: 'srv/report',
          readonlyRootFilesystem: 'no',
          stopTimeoutSeconds: 600,
        }),
      ),
    ).toEqual([
      'tasks[1].entryPoint is not allowed: received "tini"; allowed: a list of strings',
      'tasks[1].user is not allowed: received "app user"; allowed: a user name or UID, optionally with ":" and a group name or GID, e.g. "app" or "1000:1000"',
      'tasks[1].workingDirectory is not allowed: received "srv/report"; allowed: an absolute path of printable ASCII characters without spaces, e.g. "/app"',
      'tasks[1].readonlyRootFilesystem is not allowed: received "no"; allowed: true or false',
      'tasks[1].stopTimeoutSeconds is not allowed: received 600; allowed: a whole number from 2 to 120 (seconds)',
    ]);
  });
});

describe('ECS Exec sessions logged and encrypted by the cluster', () => {
  const SESSION_KEY = KEY.replace('1234abcd', '5678abcd');
  const settings = withReport(
    { taskRole: { ...report.taskRole, enableExecuteCommand: true } },
    { executeCommand: { kmsKeyArn: SESSION_KEY, logKmsKeyArn: KEY } },
  );
  /** A role policy's statements by Sid. */
  const statementsOf = (json: TerraformJson, address: string) =>
    new Map(
      (
        JSON.parse(
          concretize(
            (json.resource!.aws_iam_role_policy as Record<string, { policy: string }>)[address]
              .policy,
          ),
        ) as { Statement: Array<{ Sid: string; Action: string[]; Resource: string[] }> }
      ).Statement.map((s) => [s.Sid, { actions: s.Action, resources: s.Resource }]),
    );

  test('configure the cluster and its log group', () => {
    expect(problemsOf(settings)).toEqual([]);
    const resources = synthEnvironment(settings).resource!;
    expect(resources.aws_ecs_cluster.cluster).toMatchObject({
      configuration: {
        execute_command_configuration: {
          kms_key_id: SESSION_KEY,
          logging: 'OVERRIDE',
          log_configuration: {
            cloud_watch_log_group_name: '/aws/ecs/fargate-runner-prod/execute-command',
            cloud_watch_encryption_enabled: true,
          },
        },
      },
    });
    expect(
      Object.values(resources.aws_cloudwatch_log_group).find(
        (group) => group.name === '/aws/ecs/fargate-runner-prod/execute-command',
      ),
    ).toMatchObject({ kms_key_id: KEY, retention_in_days: prod.logRetentionDays });
  });

  test('give the task that enables ECS Exec exactly that log group and key, and no other task', () => {
    const json = synthEnvironment(settings);
    const report = statementsOf(json, 'task_report_task_role_role_policy');
    expect(report.get('EcsExecSessionDecrypt')).toEqual({
      actions: ['kms:Decrypt'],
      resources: [SESSION_KEY],
    });
    expect(report.get('EcsExecLogsWrite')).toEqual({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [
        'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/ecs/fargate-runner-prod/execute-command:log-stream:*',
      ],
    });
    expect(
      Object.keys(json.resource!.aws_iam_role_policy).filter((address) =>
        address.startsWith('task_hello_task_role'),
      ),
    ).toEqual([]);
  });

  test("pass the security checks: the one action on '*' is allow-listed, with its reason", async () => {
    const findings = await checkStacks([
      { name: 'fargate-runner-prod', json: synthEnvironment(settings) },
    ]);
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(JSON.stringify(synthEnvironment(settings))).toContain('logs:DescribeLogGroups');
  });

  test('a key that is not a KMS key ARN, and an unknown field, are refused', () => {
    expect(
      problemsOf({
        ...prod,
        executeCommand: { kmsKeyArn: 'alias/exec', logRetention: 7 },
      }),
    ).toEqual([
      `executeCommand.kmsKeyArn is not an ARN: received "alias/exec"; ${KMS_ALLOWED}`,
      'executeCommand.logRetention is not a known setting: received [hidden]; allowed: one of kmsKeyArn, logKmsKeyArn, logRetentionDays',
    ]);
  });
});

describe('an event trigger', () => {
  const pattern = {
    source: ['aws.s3'],
    'detail-type': ['Object Created'],
    detail: { bucket: { name: ['reports'] } },
  };
  const withTrigger = (eventTrigger: unknown) => ({
    ...prod,
    runner: { ...prod.runner, eventTrigger },
  });

  test('becomes an EventBridge rule on the pattern, sending the invocation set', () => {
    const settings = withTrigger({ pattern, input: { task: 'report' } }) as EnvironmentSettings;
    expect(problemsOf(settings)).toEqual([]);
    const resources = synthEnvironment(settings).resource!;
    const rule = resources.aws_cloudwatch_event_rule.runner_event_rule;
    expect(rule.name).toBe('fargate-runner-prod-runner-events');
    expect(JSON.parse(rule.event_pattern as string)).toEqual(pattern);
    expect(resources.aws_cloudwatch_event_target.runner_event_rule_target).toMatchObject({
      arn: '${aws_lambda_function.runner.arn}',
      rule: '${aws_cloudwatch_event_rule.runner_event_rule.name}',
      input: JSON.stringify({ task: 'report' }),
    });
  });

  test('a pattern EventBridge would refuse, or a task the runner does not have, is refused', () => {
    const input = { task: 'report' };
    expect(problemsOf(withTrigger({ pattern: { source: 'aws.s3' }, input }))).toEqual([
      expect.stringMatching(
        /^runner\.eventTrigger\.pattern\.source is not allowed: received "aws\.s3"; allowed: an EventBridge event pattern/,
      ),
    ]);
    expect(problemsOf(withTrigger({ pattern: {}, input }))).toEqual([
      expect.stringMatching(
        /^runner\.eventTrigger\.pattern is not allowed: received \{\}; allowed: an EventBridge event pattern/,
      ),
    ]);
    expect(problemsOf(withTrigger({ pattern, input: { task: 'reprot' } }))).toEqual([
      'runner.eventTrigger.input.task is not one of the runner\'s tasks: received "reprot"; allowed: "hello", "report"',
    ]);
    expect(problemsOf(withTrigger({ pattern }))).toEqual([
      'runner.eventTrigger.input.task is required when the runner has several tasks: received nothing; allowed: "hello", "report"',
    ]);
  });
});

describe('failed asynchronous invocations', () => {
  const withQueue = (deadLetterQueue: unknown) =>
    ({ ...prod, runner: { ...prod.runner, deadLetterQueue } }) as EnvironmentSettings;
  const runnerOf = (settings: EnvironmentSettings) => synthEnvironment(settings).resource!;

  test("true: the queue is the function's dead-letter queue", () => {
    const resources = runnerOf(withQueue(true));
    expect(resources.aws_lambda_function.runner.dead_letter_config).toEqual({
      target_arn: '${aws_sqs_queue.runner_dead_letter_queue.arn}',
    });
    expect(
      resources.aws_lambda_function_event_invoke_config.runner_async_invoke_config,
    ).not.toHaveProperty('destination_config');
  });

  test('"destination": the queue is the on-failure destination instead', () => {
    expect(problemsOf(withQueue('destination'))).toEqual([]);
    const resources = runnerOf(withQueue('destination'));
    expect(resources.aws_lambda_function.runner).not.toHaveProperty('dead_letter_config');
    expect(
      resources.aws_lambda_function_event_invoke_config.runner_async_invoke_config,
    ).toMatchObject({
      destination_config: {
        on_failure: { destination: '${aws_sqs_queue.runner_dead_letter_queue.arn}' },
      },
    });
  });

  test('anything else is refused', () => {
    expect(problemsOf(withQueue('yes'))).toEqual([
      'runner.deadLetterQueue is not allowed: received "yes"; allowed: true, false or "destination"',
    ]);
  });
});

describe('a private registry other than ECR', () => {
  const CREDENTIALS = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry-login-AbCdEf';
  const settings: EnvironmentSettings = withReport({
    image: 'registry.example.com/team/report:1.4.2',
    registryCredentialsSecretArn: CREDENTIALS,
  });

  test('the container names the credentials, and only its execution role may read them', () => {
    expect(problemsOf(settings)).toEqual([]);
    const json = synthEnvironment(settings);
    const container = (
      JSON.parse(
        json.resource!.aws_ecs_task_definition.task_report.container_definitions as string,
      ) as Array<Record<string, unknown>>
    )[0];
    expect(container.repositoryCredentials).toEqual({ credentialsParameter: CREDENTIALS });
    const policies = json.resource!.aws_iam_role_policy as Record<string, { policy: string }>;
    const readers = Object.entries(policies)
      .filter(([, { policy }]) => concretize(policy).includes('registry-login'))
      .map(([address]) => address);
    expect(readers).toEqual(['task_report_execution_role_role_policy']);
    const statements = (
      JSON.parse(concretize(policies.task_report_execution_role_role_policy.policy)) as {
        Statement: Array<{ Action: string[]; Resource: string[] }>;
      }
    ).Statement.filter((s) => s.Resource.includes(CREDENTIALS));
    expect(statements.map((s) => s.Action)).toEqual([['secretsmanager:GetSecretValue']]);
  });

  test('a value that is not a Secrets Manager secret ARN is refused', () => {
    expect(
      problemsOf({
        ...settings,
        tasks: [hello, { ...settings.tasks[1], registryCredentialsSecretArn: 'registry-login' }],
      }),
    ).toEqual([
      // The field names a credential: whatever was put there is never shown.
      'tasks[1].registryCredentialsSecretArn is not an ARN: received [hidden]; allowed: a Secrets Manager secret ARN naming one exact resource, such as arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-password-AbCdEf',
    ]);
  });
});
