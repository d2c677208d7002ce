import { Testing } from 'cdktf';
import { validateEnvironment, type EnvironmentSettings } from '../../stacks/environments';
import { dev } from '../../stacks/environments/dev';
import { prod } from '../../stacks/environments/prod';
import { staging } from '../../stacks/environments/staging';
import { FargateRunnerStack } from '../../stacks/fargate-runner-stack';
import { parseFailureConsumerConfig } from '../../src/diagnose/consumer';
import { concretize, type TerraformJson } from '../support/synth';

function synthEnvironment(settings: EnvironmentSettings): TerraformJson {
  const stack = new FargateRunnerStack(Testing.app(), settings);
  return JSON.parse(Testing.synth(stack, true)) as TerraformJson;
}
const variables = (json: TerraformJson, address: string) =>
  (json.resource!.aws_lambda_function[address].environment as { variables: Record<string, string> })
    .variables;

const FAILURE_RESOURCES = [
  'aws_cloudwatch_event_rule.task_failures_rule',
  'aws_cloudwatch_event_target.task_failures_rule_target',
  'aws_cloudwatch_log_group.task_failures_diagnose_log_group',
  'aws_cloudwatch_metric_alarm.task_failures_alarm',
  'aws_iam_role.task_failures_diagnose_role',
  'aws_iam_role_policy.task_failures_diagnose_role_policy',
  'aws_lambda_event_source_mapping.task_failures_diagnose_queue_mapping',
  'aws_lambda_function.task_failures_diagnose',
  'aws_sns_topic.task_failures_topic',
  'aws_sqs_queue.task_failures_queue',
  'aws_sqs_queue_policy.task_failures_queue_policy',
];
const addresses = (json: TerraformJson) =>
  Object.entries(json.resource!).flatMap(([type, byId]) =>
    Object.keys(byId).map((id) => `${type}.${id}`),
  );

describe('task failures in the environments', () => {
  test('prod captures, queues, alarms and diagnoses its failed tasks', () => {
    const json = synthEnvironment(prod);
    expect(addresses(json)).toEqual(expect.arrayContaining(FAILURE_RESOURCES));
    expect(variables(json, 'runner').RUNNER_CONFIG).toContain(
      '"group":"runner:fargate-runner-prod-runner"',
    );
    const config = parseFailureConsumerConfig(
      concretize(variables(json, 'task_failures_diagnose').FAILURES_CONFIG),
    );
    expect(config).toMatchObject({
      assignPublicIp: false,
      subnetIds: prod.network.type === 'subnets' ? prod.network.subnetIds : [],
      essentialContainers: {
        'fargate-runner-prod-hello': ['hello'],
        'fargate-runner-prod-report': ['report'],
      },
    });
    expect(Object.keys(json.output!)).toEqual(
      expect.arrayContaining(['task_failures_queue_url', 'task_failures_topic_arn']),
    );
  });

  test.each([
    ['dev', dev],
    ['staging', staging],
  ])('%s is unchanged: no failure resources, no task group', (_name, settings) => {
    const json = synthEnvironment(settings);
    expect(addresses(json).filter((a) => a.includes('task_failures'))).toEqual([]);
    expect(variables(json, 'runner').RUNNER_CONFIG).not.toMatch(/"group"/);
  });

  test('dev can enable it, with an existing topic and without the function', () => {
    const json = synthEnvironment({
      ...dev,
      taskFailures: { diagnose: false, topic: 'arn:aws:sns:eu-west-1:123456789012:on-call' },
    });
    const found = addresses(json).filter((a) => a.includes('task_failures'));
    expect(found.sort()).toEqual([
      'aws_cloudwatch_event_rule.task_failures_rule',
      'aws_cloudwatch_event_target.task_failures_rule_target',
      'aws_cloudwatch_metric_alarm.task_failures_alarm',
      'aws_sqs_queue.task_failures_queue',
      'aws_sqs_queue_policy.task_failures_queue_policy',
    ]);
    expect(json.resource!.aws_cloudwatch_metric_alarm.task_failures_alarm.alarm_actions).toEqual([
      'arn:aws:sns:eu-west-1:123456789012:on-call',
    ]);
  });

  test('the settings are validated with the rest', () => {
    const messages = validateEnvironment({
      ...prod,
      taskFailures: { topic: 'on-call', retentionDays: 30, diagnose: 'yes' as never },
    }).toMessages();
    expect(messages).toEqual([
      'taskFailures.diagnose is not allowed: received "yes"; allowed: true or false',
      'taskFailures.topic is not an ARN: received "on-call"; allowed: an SNS topic ARN naming one exact resource, such as arn:aws:sns:eu-west-1:123456789012:my-topic',
      'taskFailures.retentionDays is not allowed: received 30; allowed: a whole number from 1 to 14 (days)',
    ]);
  });
});
