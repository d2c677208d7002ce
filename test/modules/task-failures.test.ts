import { runSimulation } from '@cloud-copilot/iam-simulate';
import { EcsCluster } from '../../modules/ecs-cluster';
import { FargateTaskDefinition } from '../../modules/fargate-task-definition';
import { LambdaRunner } from '../../modules/lambda-runner';
import { TaskFailures, type TaskFailuresProps } from '../../modules/task-failures';
import { parseFailureConsumerConfig } from '../../src/diagnose/consumer';
import { type PolicyDocumentJson } from '../../src/iam/document';
import { parseRunnerConfig } from '../../src/runner/config';
import { stoppedDetail, taskEvent } from '../diagnose/events';
import { matchesPattern } from '../support/event-pattern';
import { decide } from '../support/simulate';
import {
  ACCOUNT,
  concretize,
  findResource,
  newStack,
  parsePolicy,
  REGION,
  resourcesOfType,
  roleNamed,
  synth,
  type TerraformJson,
} from '../support/synth';

const arn = (service: string, resource: string) =>
  `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const NAME = 'jobs-task-failures';
const GROUP = 'runner:jobs-runner';
const QUEUE = arn('sqs', NAME);
const TOPIC = arn('sns', NAME);
const RULE = arn('events', `rule/${NAME}`);

function setup(props: Partial<TaskFailuresProps> = {}) {
  const stack = newStack();
  const cluster = new EcsCluster(stack, 'cluster', { clusterName: 'jobs' });
  const report = new FargateTaskDefinition(stack, 'report', {
    family: 'jobs-report',
    cpu: 256,
    memoryMiB: 512,
    containers: [
      { name: 'app', image: 'public.ecr.aws/acme/report:1' },
      { name: 'sidecar', image: 'public.ecr.aws/acme/sidecar:1', essential: false },
    ],
  });
  const runner = new LambdaRunner(stack, 'runner', {
    functionName: 'jobs-runner',
    cluster,
    tasks: { report },
    subnetIds: ['subnet-0123456789abcdef0'],
    securityGroupIds: ['sg-0123456789abcdef0'],
    taskGroup: GROUP,
  });
  const failures = new TaskFailures(stack, 'failures', {
    name: NAME,
    cluster,
    taskGroup: runner.taskGroup!,
    tasks: [report],
    assignPublicIp: false,
    subnetIds: ['subnet-0123456789abcdef0'],
    ...props,
  });
  return { stack, failures };
}

const only = (json: TerraformJson, type: string) => {
  const all = Object.values(resourcesOfType(json, type));
  expect(all).toHaveLength(1);
  return all[0];
};
const diagnoseFunction = (json: TerraformJson) =>
  findResource(json, 'aws_lambda_function', 'function_name', `${NAME}-diagnose`).config;
const consumerConfigOf = (json: TerraformJson) =>
  parseFailureConsumerConfig(
    concretize(
      (diagnoseFunction(json).environment as { variables: Record<string, string> }).variables
        .FAILURES_CONFIG,
    ),
  );
const patternOf = (json: TerraformJson) =>
  JSON.parse(concretize(only(json, 'aws_cloudwatch_event_rule').event_pattern as string));

describe('TaskFailures', () => {
  const json = synth(setup().stack);

  test('the runner starts its tasks in the task group the rule matches', () => {
    const fn = findResource(json, 'aws_lambda_function', 'function_name', 'jobs-runner').config;
    const variables = (fn.environment as { variables: Record<string, string> }).variables;
    expect(parseRunnerConfig(concretize(variables.RUNNER_CONFIG)).group).toBe(GROUP);
    expect(patternOf(json).detail.group).toEqual([GROUP]);
  });

  describe('the rule pattern, matched against recorded-shape events', () => {
    const pattern = patternOf(json);
    const clusterArn = arn('ecs', 'cluster/jobs');
    const event = (overrides: Record<string, unknown>, containers?: object[]) =>
      taskEvent(
        stoppedDetail(
          {
            clusterArn,
            group: GROUP,
            taskDefinitionArn: arn('ecs', 'task-definition/jobs-report:3'),
            ...overrides,
          },
          containers,
        ),
      );
    const exited = {
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
    };
    test.each([
      ['a failed start', event({}), true],
      [
        'a failed start with the reason in the container only',
        event({ stopCode: 'TaskFailedToStart' }, [
          { name: 'app', reason: 'CannotPullContainerError: context canceled' },
        ]),
        true,
      ],
      ['an essential container exiting 1', event(exited, [{ name: 'app', exitCode: 1 }]), true],
      ['an out-of-memory kill (137)', event(exited, [{ name: 'app', exitCode: 137 }]), true],
      ['a Spot interruption', event({ stopCode: 'SpotInterruption' }), true],
      ['a zero exit', event(exited, [{ name: 'app', exitCode: 0 }]), false],
      [
        'a zero exit of every container (sidecar too)',
        event(exited, [
          { name: 'app', exitCode: 0 },
          { name: 'sidecar', exitCode: 0 },
        ]),
        false,
      ],
      [
        'a task stopped by a user',
        event({ stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user' }),
        false,
      ],
      ['a task still running', event({ lastStatus: 'RUNNING', stopCode: undefined }), false],
      ['a task not started by the runner', event({ group: 'family:jobs-report' }), false],
      [
        'a task of another runner',
        event({ group: 'runner:other-runner', startedBy: 'fargate-runner' }),
        false,
      ],
      ['a task in another cluster', event({ clusterArn: arn('ecs', 'cluster/other') }), false],
      [
        'a task in a cluster of the same name in another account',
        event({ clusterArn: 'arn:aws:ecs:eu-west-1:210987654321:cluster/jobs' }),
        false,
      ],
      [
        'a service event of the cluster',
        { ...event({}), 'detail-type': 'ECS Service Action' },
        false,
      ],
    ])('%s: %s', (_name, candidate, expected) => {
      expect(matchesPattern(pattern, JSON.parse(JSON.stringify(candidate)))).toBe(expected);
    });

    test('documented limit: a non-essential container exiting non-zero matches; the diagnosis drops it', () => {
      const candidate = event(exited, [
        { name: 'app', exitCode: 0 },
        { name: 'sidecar', exitCode: 2 },
      ]);
      expect(matchesPattern(pattern, candidate)).toBe(true);
      expect(consumerConfigOf(json).essentialContainers).toEqual({ 'jobs-report': ['app'] });
    });
  });

  test('an encrypted queue with retention, whose policy lets only this rule send', async () => {
    expect(findResource(json, 'aws_sqs_queue', 'name', NAME).config).toMatchObject({
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 1_209_600,
      visibility_timeout_seconds: 180,
    });
    expect(only(json, 'aws_cloudwatch_event_target')).toMatchObject({
      arn: expect.stringMatching(/^\$\{aws_sqs_queue\.failures_Queue_\w+\.arn\}$/),
      rule: expect.stringMatching(/^\$\{aws_cloudwatch_event_rule\.failures_Rule_\w+\.name\}$/),
    });
    const policy = parsePolicy(only(json, 'aws_sqs_queue_policy').policy);
    expect(policy.Statement).toEqual([
      {
        Sid: 'TaskFailureRuleSend',
        Effect: 'Allow',
        Principal: { Service: ['events.amazonaws.com'] },
        Action: ['sqs:SendMessage'],
        Resource: [QUEUE],
        Condition: { ArnEquals: { 'aws:SourceArn': RULE } },
      },
    ]);
    const send = (principal: string, resource: string, sourceArn?: string) =>
      decideResource(policy, principal, 'sqs:SendMessage', resource, sourceArn);
    expect(await send('events.amazonaws.com', QUEUE, RULE)).toBe('Allowed');
    // Near misses: another rule, no rule, another service, a role of the account, another queue.
    expect(await send('events.amazonaws.com', QUEUE, arn('events', 'rule/other'))).not.toBe(
      'Allowed',
    );
    expect(await send('events.amazonaws.com', QUEUE)).not.toBe('Allowed');
    expect(await send('sns.amazonaws.com', QUEUE, RULE)).not.toBe('Allowed');
    expect(await send(`arn:aws:iam::${ACCOUNT}:role/someone`, QUEUE, RULE)).not.toBe('Allowed');
    expect(await send('events.amazonaws.com', arn('sqs', 'other'), RULE)).not.toBe('Allowed');
  });

  test('the diagnosis role: exactly its queue, its topic and its logs, and nothing of ECS', async () => {
    const role = roleNamed(json, `${NAME}-diagnose`);
    const policies = role.policies.map((p) => p.document);
    expect(policies[0].Statement.map((s) => [s.Sid, s.Action, s.Resource])).toEqual([
      [
        'FailureQueueConsume',
        [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:ReceiveMessage',
        ],
        [QUEUE],
      ],
      ['FailureTopicPublish', ['sns:Publish'], [TOPIC]],
      [
        'LogsWrite',
        ['logs:CreateLogStream', 'logs:PutLogEvents'],
        [arn('logs', `log-group:/aws/lambda/${NAME}-diagnose:log-stream:*`)],
      ],
    ]);
    const allowed = async (action: string, resource: string) =>
      (await decide(policies, { action, resource })) === 'Allowed';
    expect(await allowed('sqs:ReceiveMessage', QUEUE)).toBe(true);
    expect(await allowed('sqs:DeleteMessage', QUEUE)).toBe(true);
    expect(await allowed('sns:Publish', TOPIC)).toBe(true);
    // Near misses: another queue, another topic, sending, the ECS API.
    expect(await allowed('sqs:ReceiveMessage', arn('sqs', 'jobs-runner-failed'))).toBe(false);
    expect(await allowed('sqs:DeleteMessage', arn('sqs', 'other'))).toBe(false);
    expect(await allowed('sqs:SendMessage', QUEUE)).toBe(false);
    expect(await allowed('sns:Publish', arn('sns', 'other'))).toBe(false);
    expect(await allowed('ecs:DescribeTasks', arn('ecs', 'task/jobs/abc'))).toBe(false);
    expect(await allowed('ecs:StopTask', arn('ecs', 'task/jobs/abc'))).toBe(false);
    expect(await allowed('sqs:PurgeQueue', QUEUE)).toBe(false);
  });

  test('the function consumes the queue from its own zip, reporting partial batch failures', () => {
    const fn = diagnoseFunction(json);
    const runnerFn = findResource(
      json,
      'aws_lambda_function',
      'function_name',
      'jobs-runner',
    ).config;
    expect(fn).toMatchObject({ handler: 'diagnose.handler', timeout: 30 });
    expect(fn.filename).toMatch(/^assets\/diagnose_code\/[0-9A-F]{32}\/diagnose\.zip$/);
    expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(fn.source_code_hash).not.toBe(runnerFn.source_code_hash);
    expect(consumerConfigOf(json)).toEqual({
      topicArn: TOPIC,
      assignPublicIp: false,
      subnetIds: ['subnet-0123456789abcdef0'],
      essentialContainers: { 'jobs-report': ['app'] },
      roles: { 'jobs-report-execution': 'execution', 'jobs-report-task': 'task' },
      logGroups: { 'jobs-report': '/ecs/jobs-report' },
    });
    expect(only(json, 'aws_lambda_event_source_mapping')).toMatchObject({
      event_source_arn: expect.stringMatching(/^\$\{aws_sqs_queue\.failures_Queue_\w+\.arn\}$/),
      function_response_types: ['ReportBatchItemFailures'],
      scaling_config: { maximum_concurrency: 2 },
      depends_on: [expect.stringMatching(/^aws_iam_role_policy\.failures_DiagnoseRole_Policy_/)],
    });
  });

  test('an alarm on the visible messages, to the topic', () => {
    expect(only(json, 'aws_cloudwatch_metric_alarm')).toMatchObject({
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: NAME },
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
      evaluation_periods: 3,
      alarm_actions: [expect.stringContaining(`:sns:`)],
    });
    expect(only(json, 'aws_sns_topic')).toMatchObject({ name: NAME });
  });

  test('without diagnosis: no function or role, the alarm fires on the first failure', () => {
    const bare = synth(setup({ diagnose: false, topic: 'none' }).stack);
    expect(resourcesOfType(bare, 'aws_lambda_event_source_mapping')).toEqual({});
    expect(resourcesOfType(bare, 'aws_sns_topic')).toEqual({});
    expect(Object.keys(resourcesOfType(bare, 'aws_iam_role'))).not.toContain(
      'failures_diagnose_role',
    );
    const alarm = only(bare, 'aws_cloudwatch_metric_alarm');
    expect(alarm.evaluation_periods).toBe(1);
    expect(alarm).not.toHaveProperty('alarm_actions');
  });

  test('an existing topic is published to, and not created', () => {
    const given = 'arn:aws:sns:eu-west-1:123456789012:on-call';
    const withTopic = synth(setup({ topic: { topicArn: given } }).stack);
    expect(resourcesOfType(withTopic, 'aws_sns_topic')).toEqual({});
    const policy = roleNamed(withTopic, `${NAME}-diagnose`).policies[0].document;
    expect(policy.Statement.find((s) => s.Sid === 'FailureTopicPublish')?.Resource).toEqual([
      given,
    ]);
  });

  test('refuses bad properties, naming each', () => {
    expect(() =>
      setup({
        name: 'jobs task failures',
        taskGroup: 'runner jobs',
        topic: { topicArn: 'arn:aws:sqs:eu-west-1:123456789012:q' },
        retentionDays: 15,
        alarmEvaluationPeriods: 0,
      }),
    ).toThrow(
      /name is not allowed.*\n.*taskGroup is not allowed.*\n.*topic\.topicArn is an ARN of service "sqs".*\n.*retentionDays is not allowed: received 15.*\n.*alarmEvaluationPeriods/,
    );
  });
});

/** Evaluates a resource policy alone: may `principal` perform `action` on `resource`? */
async function decideResource(
  policy: PolicyDocumentJson,
  principal: string,
  action: string,
  resource: string,
  sourceArn?: string,
) {
  const response = await runSimulation(
    {
      request: {
        principal,
        action,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: sourceArn ? { 'aws:SourceArn': sourceArn } : {},
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: policy as never,
    },
    {},
  );
  if (response.resultType === 'error') throw new Error(JSON.stringify(response.errors));
  return response.overallResult;
}
