import { EVENT_PATTERN_ALLOWED } from '../../src/aws/event-pattern';
import { type TerraformStack } from 'cdktf';
import { EcsCluster } from '../../modules/ecs-cluster';
import { FargateTaskDefinition } from '../../modules/fargate-task-definition';
import { LambdaRunner, type LambdaRunnerProps } from '../../modules/lambda-runner';
import { parseRunnerConfig } from '../../src/runner/config';
import {
  ACCOUNT,
  concretize,
  findResource,
  newStack,
  REGION,
  resourcesOfType,
  roleNamed,
  synth,
  type TerraformJson,
} from '../support/synth';
import { decide, decideTrust } from '../support/simulate';

const SUBNET = 'subnet-0123456789abcdef0';
const SG = 'sg-0123456789abcdef0';
const arn = (service: string, resource: string) =>
  `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;

function setup(props: Partial<LambdaRunnerProps> = {}, families = ['report']) {
  const stack = newStack();
  const cluster = new EcsCluster(stack, 'cluster', { clusterName: 'jobs' });
  const tasks = Object.fromEntries(
    families.map((family) => [
      family,
      new FargateTaskDefinition(stack, family, {
        family: `jobs-${family}`,
        cpu: 256,
        memoryMiB: 512,
        containers: [{ name: 'app', image: `public.ecr.aws/acme/${family}:1` }],
      }),
    ]),
  );
  const runner = new LambdaRunner(stack, 'runner', {
    functionName: 'jobs-runner',
    cluster,
    tasks,
    subnetIds: [SUBNET],
    securityGroupIds: [SG],
    ...props,
  });
  return { stack, runner };
}

const runnerPolicy = (json: TerraformJson) =>
  roleNamed(json, 'jobs-runner-role').policies.map((p) => p.document);
const lambda = (json: TerraformJson) =>
  findResource(json, 'aws_lambda_function', 'function_name', 'jobs-runner').config;
const configOf = (stack: TerraformStack) =>
  parseRunnerConfig(
    concretize(
      (lambda(synth(stack)).environment as { variables: Record<string, string> }).variables
        .RUNNER_CONFIG,
    ),
  );

describe('LambdaRunner policy', () => {
  test('exactly RunTask on the bound families in the cluster, PassRole of their roles, its own logs, its DLQ', () => {
    const [policy] = runnerPolicy(synth(setup({}, ['report', 'cleanup']).stack));
    expect(policy.Statement).toEqual([
      {
        Sid: 'DeadLetterQueueSend',
        Effect: 'Allow',
        Action: ['sqs:SendMessage'],
        Resource: [arn('sqs', 'jobs-runner-failed')],
      },
      {
        Sid: 'LogsWrite',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [arn('logs', 'log-group:/aws/lambda/jobs-runner:log-stream:*')],
      },
      {
        Sid: 'PassTaskRoles',
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: [
          `arn:aws:iam::${ACCOUNT}:role/jobs-cleanup-execution`,
          `arn:aws:iam::${ACCOUNT}:role/jobs-cleanup-task`,
          `arn:aws:iam::${ACCOUNT}:role/jobs-report-execution`,
          `arn:aws:iam::${ACCOUNT}:role/jobs-report-task`,
        ],
        Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      },
      {
        Sid: 'RunTask',
        Effect: 'Allow',
        Action: ['ecs:RunTask'],
        Resource: [
          arn('ecs', 'task-definition/jobs-cleanup:*'),
          arn('ecs', 'task-definition/jobs-report:*'),
        ],
        Condition: { ArnEquals: { 'ecs:cluster': arn('ecs', 'cluster/jobs') } },
      },
    ]);
  });

  test('allows each bound task in the bound cluster and no near miss', async () => {
    const policies = runnerPolicy(synth(setup({}, ['report', 'cleanup']).stack));
    const run = (family: string, cluster: string) =>
      decide(policies, {
        action: 'ecs:RunTask',
        resource: arn('ecs', `task-definition/${family}:3`),
        context: { 'ecs:cluster': arn('ecs', `cluster/${cluster}`) },
      });
    const pass = (role: string, service = 'ecs-tasks.amazonaws.com') =>
      decide(policies, {
        action: 'iam:PassRole',
        resource: `arn:aws:iam::${ACCOUNT}:role/${role}`,
        context: { 'iam:PassedToService': service },
      });
    for (const family of ['jobs-report', 'jobs-cleanup']) {
      expect(await run(family, 'jobs')).toBe('Allowed');
      expect(await run(family, 'jobs-prod')).toBe('ImplicitlyDenied');
      expect(await pass(`${family}-execution`)).toBe('Allowed');
      expect(await pass(`${family}-task`)).toBe('Allowed');
      expect(await pass(`${family}-task`, 'lambda.amazonaws.com')).toBe('ImplicitlyDenied');
    }
    expect(await run('jobs-admin', 'jobs')).toBe('ImplicitlyDenied');
    expect(await pass('jobs-runner-role')).toBe('ImplicitlyDenied');
    expect(await pass('Admin')).toBe('ImplicitlyDenied');
    expect(await decide(policies, { action: 'ecs:RegisterTaskDefinition', resource: '*' })).toBe(
      'ImplicitlyDenied',
    );
    expect(
      await decide(policies, { action: 'ecs:TagResource', resource: arn('ecs', 'task/jobs/abc') }),
    ).toBe('ImplicitlyDenied');
    expect(
      await decide(policies, { action: 'ecs:StopTask', resource: arn('ecs', 'task/jobs/abc') }),
    ).toBe('ImplicitlyDenied');
  });

  test('no wildcard resource anywhere, and no RegisterTaskDefinition', () => {
    const statements = runnerPolicy(synth(setup().stack)).flatMap((p) => p.Statement);
    expect(statements.flatMap((s) => s.Resource ?? []).filter((r) => r === '*')).toEqual([]);
    expect(
      statements
        .flatMap((s) => s.Action)
        .filter((a) => a.includes('*') || a === 'ecs:RegisterTaskDefinition'),
    ).toEqual([]);
  });

  test('tags tasks only while starting them, and only when task tags are set', async () => {
    const policies = runnerPolicy(
      synth(setup({ taskTags: { team: 'jobs' }, allowDescribeTasks: true }).stack),
    );
    const statements = policies[0].Statement;
    expect(statements.find((s) => s.Sid === 'TagStartedTasks')).toEqual({
      Sid: 'TagStartedTasks',
      Effect: 'Allow',
      Action: ['ecs:TagResource'],
      Resource: [arn('ecs', 'task/jobs/*')],
      Condition: { StringEquals: { 'ecs:CreateAction': 'RunTask' } },
    });
    expect(statements.find((s) => s.Sid === 'DescribeTasks')).toEqual({
      Sid: 'DescribeTasks',
      Effect: 'Allow',
      Action: ['ecs:DescribeTasks'],
      Resource: [arn('ecs', 'task/jobs/*')],
      Condition: { ArnEquals: { 'ecs:cluster': arn('ecs', 'cluster/jobs') } },
    });
    const tag = (action: string) =>
      decide(policies, {
        action: 'ecs:TagResource',
        resource: arn('ecs', 'task/jobs/abc'),
        context: { 'ecs:CreateAction': action },
      });
    expect(await tag('RunTask')).toBe('Allowed');
    expect(await tag('StartTask')).toBe('ImplicitlyDenied');
  });

  test('active X-Ray tracing adds exactly the two X-Ray write actions', () => {
    const json = synth(setup({ tracing: 'Active' }).stack);
    expect(lambda(json).tracing_config).toEqual({ mode: 'Active' });
    expect(runnerPolicy(json)[0].Statement.find((s) => s.Sid === 'XRayWrite')).toEqual({
      Sid: 'XRayWrite',
      Effect: 'Allow',
      Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
      Resource: ['*'],
    });
    expect(lambda(synth(setup().stack)).tracing_config).toEqual({ mode: 'PassThrough' });
  });

  test('its role trusts Lambda in this account only', async () => {
    const role = roleNamed(synth(setup().stack), 'jobs-runner-role');
    expect(role.trust.Statement).toEqual([
      {
        Sid: 'AssumeByLambda',
        Effect: 'Allow',
        Principal: { Service: ['lambda.amazonaws.com'] },
        Action: ['sts:AssumeRole'],
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      },
    ]);
    expect(
      await decideTrust(
        role.trust,
        `arn:aws:iam::${ACCOUNT}:role/jobs-runner-role`,
        'lambda.amazonaws.com',
        { 'aws:SourceAccount': '210987654321' },
      ),
    ).toBe('ImplicitlyDenied');
  });
});

describe('LambdaRunner function', () => {
  test('a current Node.js runtime on arm64 with explicit timeout and memory, logs in its own group', () => {
    const json = synth(setup().stack);
    const config = lambda(json);
    expect(config).toMatchObject({
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      timeout: 30,
      memory_size: 256,
      logging_config: { log_format: 'JSON' },
      dead_letter_config: {
        target_arn: expect.stringMatching(
          /^\$\{aws_sqs_queue\.runner_DeadLetterQueue_[0-9A-F]{8}\.arn\}$/,
        ),
      },
    });
    expect(config.filename).toMatch(/^assets\/runner_code\/[0-9A-F]{32}\/runner\.zip$/);
    expect(config.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(
      findResource(json, 'aws_cloudwatch_log_group', 'name', '/aws/lambda/jobs-runner').config
        .retention_in_days,
    ).toBe(30);
    expect(findResource(json, 'aws_sqs_queue', 'name', 'jobs-runner-failed').config).toEqual({
      name: 'jobs-runner-failed',
      message_retention_seconds: 1209600,
      sqs_managed_sse_enabled: true,
    });
    expect(
      Object.values(resourcesOfType(json, 'aws_lambda_function_event_invoke_config'))[0],
    ).toMatchObject({
      maximum_retry_attempts: 2,
      maximum_event_age_in_seconds: 21600,
    });
  });

  test('runners of one stack share one code asset', () => {
    const { stack, runner } = setup();
    new LambdaRunner(stack, 'second', {
      functionName: 'jobs-runner-2',
      cluster: { clusterName: 'jobs', arnForPolicies: arn('ecs', 'cluster/jobs') },
      tasks: { report: stack.node.findChild('report') as FargateTaskDefinition },
      subnetIds: [SUBNET],
      securityGroupIds: [SG],
    });
    const functions = Object.values(resourcesOfType(synth(stack), 'aws_lambda_function'));
    expect(functions).toHaveLength(2);
    expect(new Set(functions.map((f) => f.filename)).size).toBe(1);
    expect(runner.functionName).toBe('jobs-runner');
  });

  test('the handler configuration: cluster, allow-list, network, launch settings', () => {
    const { stack } = setup({ assignPublicIp: true, taskTags: { team: 'jobs' } }, [
      'report',
      'cleanup',
    ]);
    expect(configOf(stack)).toEqual({
      cluster: arn('ecs', 'cluster/jobs'),
      tasks: {
        report: { taskDefinition: 'jobs-report', container: 'app' },
        cleanup: { taskDefinition: 'jobs-cleanup', container: 'app' },
      },
      subnets: [SUBNET],
      securityGroups: [SG],
      assignPublicIp: true,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      propagateTags: 'TASK_DEFINITION',
      enableExecuteCommand: false,
      tags: { team: 'jobs' },
    });
  });

  test('a capacity provider strategy replaces the launch type', () => {
    const { stack } = setup({
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    });
    const config = configOf(stack);
    expect(config.capacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE_SPOT', weight: 1 },
    ]);
    expect(config).not.toHaveProperty('launchType');
  });

  test('an on-failure destination instead of a dead-letter queue, or neither', () => {
    const destination = synth(setup({ onFailure: 'destination', maximumRetryAttempts: 0 }).stack);
    expect(lambda(destination)).not.toHaveProperty('dead_letter_config');
    expect(
      Object.values(resourcesOfType(destination, 'aws_lambda_function_event_invoke_config'))[0],
    ).toMatchObject({
      maximum_retry_attempts: 0,
      destination_config: { on_failure: { destination: expect.stringMatching(/aws_sqs_queue/) } },
    });
    const none = synth(setup({ onFailure: 'none' }).stack);
    expect(none.resource).not.toHaveProperty('aws_sqs_queue');
    expect(runnerPolicy(none)[0].Statement.map((s) => s.Sid)).not.toContain('DeadLetterQueueSend');
  });
});

describe('LambdaRunner triggers', () => {
  test('an EventBridge Scheduler schedule with a role that may invoke only this function', async () => {
    const json = synth(
      setup({
        schedule: {
          expression: 'cron(0 3 * * ? *)',
          timezone: 'Europe/Berlin',
          input: { command: ['daily'] },
        },
      }).stack,
    );
    const schedule = Object.values(resourcesOfType(json, 'aws_scheduler_schedule'))[0];
    expect(schedule).toMatchObject({
      name: 'jobs-runner',
      group_name: 'default',
      schedule_expression: 'cron(0 3 * * ? *)',
      schedule_expression_timezone: 'Europe/Berlin',
      flexible_time_window: { mode: 'OFF' },
      target: { input: '{"command":["daily"]}' },
    });
    const role = roleNamed(json, 'jobs-runner-scheduler');
    expect(role.policies[0].document.Statement).toEqual([
      {
        Sid: 'InvokeRunner',
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction'],
        Resource: [arn('lambda', 'function:jobs-runner')],
      },
    ]);
    expect(role.trust.Statement[0].Condition).toEqual({
      ArnLike: { 'aws:SourceArn': arn('scheduler', 'schedule/default/jobs-runner') },
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
    });
    const policies = role.policies.map((p) => p.document);
    expect(
      await decide(policies, {
        action: 'lambda:InvokeFunction',
        resource: arn('lambda', 'function:other'),
      }),
    ).toBe('ImplicitlyDenied');
  });

  test('an EventBridge rule schedule and an event pattern, each with a permission for exactly its rule', () => {
    const json = synth(
      setup({
        schedule: { expression: 'rate(1 hour)', service: 'eventbridge-rule' },
        eventTrigger: {
          pattern: { source: ['aws.s3'], 'detail-type': ['Object Created'] },
          input: { count: 2 },
        },
      }).stack,
    );
    const rules = resourcesOfType(json, 'aws_cloudwatch_event_rule');
    expect(
      Object.values(rules).map((r) => [r.name, r.schedule_expression, r.event_pattern]),
    ).toEqual([
      ['jobs-runner-events', undefined, '{"source":["aws.s3"],"detail-type":["Object Created"]}'],
      ['jobs-runner-schedule', 'rate(1 hour)', undefined],
    ]);
    const permissions = Object.values(resourcesOfType(json, 'aws_lambda_permission'));
    expect(permissions.map((p) => [p.principal, p.source_arn])).toEqual(
      Object.keys(rules).map((id) => [
        'events.amazonaws.com',
        `\${aws_cloudwatch_event_rule.${id}.arn}`,
      ]),
    );
    expect(json.resource).not.toHaveProperty('aws_scheduler_schedule');
  });
});

describe('LambdaRunner validation', () => {
  test('names the problems of bad settings at once', () => {
    expect(() =>
      setup({
        functionName: 'jobs runner',
        subnetIds: ['subnet-xyz', 'sg-0123456789abcdef0'],
        securityGroupIds: [],
        timeoutSeconds: 901,
        maximumRetryAttempts: 3,
        schedule: { expression: 'rate(1 hour)', input: { task: 'nightly', count: 11 } },
      }),
    ).toThrow(
      [
        'test/runner: 10 problems:',
        '  - functionName is not allowed: received "jobs runner"; allowed: 1 to 64 letters, digits, - and _',
        '  - roleName contains characters IAM does not allow ( ): received "jobs runner-role"; allowed: 1 to 64 characters of letters, digits and +=,.@_-',
        '  - schedule (its role name) contains characters IAM does not allow ( ): received "jobs runner-scheduler"; allowed: 1 to 64 characters of letters, digits and +=,.@_-',
        '  - subnetIds[0] is not allowed: received "subnet-xyz"; allowed: a subnet ID such as "subnet-0123456789abcdef0"',
        '  - subnetIds[1] is not allowed: received "sg-0123456789abcdef0"; allowed: a subnet ID such as "subnet-0123456789abcdef0"',
        '  - securityGroupIds is empty: received []; allowed: at least one: a security group ID such as "sg-0123456789abcdef0"',
        '  - timeoutSeconds is not allowed: received 901; allowed: a whole number from 1 to 900',
        '  - maximumRetryAttempts is not allowed: received 3; allowed: a whole number from 0 to 2',
        '  - schedule.input.task is not one of the runner\'s tasks: received "nightly"; allowed: "report"',
        '  - schedule.input.count is not allowed: received 11; allowed: a whole number from 1 to 10',
      ].join('\n'),
    );
  });

  test("a trigger input's startedBy and environment names the runner would refuse every time", () => {
    expect(() =>
      setup({
        eventTrigger: {
          pattern: { source: ['aws.s3'] },
          input: { startedBy: 'nightly run', environment: { '1ST': 'a', OK_NAME: 'b' } },
        },
      }),
    ).toThrow(
      [
        'test/runner: 2 problems:',
        '  - eventTrigger.input.startedBy is not allowed: received "nightly run"; allowed: 1 to 128 letters, digits, -, / and _',
        '  - eventTrigger.input.environment is not allowed: received "1ST"; allowed: letters, digits and _, not starting with a digit',
      ].join('\n'),
    );
  });

  test('an event pattern EventBridge would refuse, field by field', () => {
    expect(() =>
      setup({
        eventTrigger: {
          pattern: {
            source: 'aws.s3',
            detail: { bucket: { name: [] } },
            'detail-type': ['Object Created'],
          },
        },
      }),
    ).toThrow(
      [
        'test/runner: 2 problems:',
        `  - eventTrigger.pattern.source is not allowed: received "aws.s3"; allowed: ${EVENT_PATTERN_ALLOWED}`,
        `  - eventTrigger.pattern.detail.bucket.name is not allowed: received []; allowed: ${EVENT_PATTERN_ALLOWED}`,
      ].join('\n'),
    );
    expect(() => setup({ eventTrigger: { pattern: {} } })).toThrow(
      `eventTrigger.pattern is not allowed: received {}; allowed: ${EVENT_PATTERN_ALLOWED}`,
    );
  });

  test('a trigger input naming a task outside the allow-list', () => {
    expect(() =>
      setup({ schedule: { expression: 'rate(1 hour)', input: { task: 'nightly' } } }),
    ).toThrow(
      /schedule\.input\.task is not one of the runner's tasks: received "nightly"; allowed: "report"/,
    );
    expect(() =>
      setup({ eventTrigger: { pattern: { source: ['x'] } } }, ['report', 'cleanup']),
    ).toThrow(/eventTrigger\.input\.task is required when the runner has several tasks/);
  });
});
