import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { type Logger } from '../runner/log';
import { diagnoseTask, type DiagnosisContext, type TaskDiagnosis } from './diagnose';
import { renderDiagnosis } from './render';
import { stoppedTasks, type StoppedTask } from './task';

/**
 * The failure consumer's configuration, set by the `task-failures` construct as JSON in the
 * environment variable `FAILURES_CONFIG` and read once at cold start.
 */
export interface FailureConsumerConfig extends DiagnosisContext {
  /** The topic each failure is published to. @default - failures are only logged */
  readonly topicArn?: string;
}

/** The environment variable the configuration is read from. */
export const FAILURES_CONFIG_VARIABLE = 'FAILURES_CONFIG';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Reads the configuration; throws an Error naming every wrong field. */
export function parseFailureConsumerConfig(source: string | undefined): FailureConsumerConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(source ?? '{}');
  } catch (error) {
    throw new Error(`${FAILURES_CONFIG_VARIABLE} is not JSON: ${(error as Error).message}`);
  }
  const problems: string[] = [];
  if (!isRecord(raw)) throw new Error(`${FAILURES_CONFIG_VARIABLE} is not a JSON object`);
  const known = [
    'topicArn',
    'assignPublicIp',
    'subnetIds',
    'essentialContainers',
    'roles',
    'logGroups',
  ];
  for (const key of Object.keys(raw))
    if (!known.includes(key)) problems.push(`${key} is not a known field`);
  if (
    raw.topicArn !== undefined &&
    !/^arn:[\w-]+:sns:[\w-]+:\d{12}:[\w-]+$/.test(String(raw.topicArn))
  )
    problems.push('topicArn is not an SNS topic ARN');
  if (raw.assignPublicIp !== undefined && typeof raw.assignPublicIp !== 'boolean')
    problems.push('assignPublicIp is not a boolean');
  if (raw.subnetIds !== undefined && !isStringArray(raw.subnetIds))
    problems.push('subnetIds is not a list of strings');
  if (
    raw.essentialContainers !== undefined &&
    !(
      isRecord(raw.essentialContainers) &&
      Object.values(raw.essentialContainers).every(isStringArray)
    )
  )
    problems.push('essentialContainers is not a map of family to container names');
  if (
    raw.roles !== undefined &&
    !(
      isRecord(raw.roles) &&
      Object.values(raw.roles).every((k) => k === 'execution' || k === 'task')
    )
  )
    problems.push('roles is not a map of role name to "execution" or "task"');
  if (
    raw.logGroups !== undefined &&
    !(isRecord(raw.logGroups) && Object.values(raw.logGroups).every((g) => typeof g === 'string'))
  )
    problems.push('logGroups is not a map of family to log group name');
  if (problems.length > 0)
    throw new Error(`${FAILURES_CONFIG_VARIABLE} is invalid: ${problems.join('; ')}`);
  return raw as FailureConsumerConfig;
}

/** The part of an SQS event the consumer reads. */
export interface SqsEvent {
  readonly Records: ReadonlyArray<{ readonly messageId: string; readonly body: string }>;
}

/** Messages to receive again: the event source mapping's partial batch response. */
export interface BatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

export interface FailureConsumerDeps {
  readonly config: FailureConsumerConfig;
  readonly sns: Pick<SNSClient, 'send'>;
  readonly log: Logger;
}

/**
 * Builds the handler of the failure queue: for each stopped task in each message, one
 * structured log line with its diagnosis and, when it failed and a topic is configured, one SNS
 * message. A message whose publishing failed is returned for another attempt; a message that
 * holds no stopped task is logged and dropped (it would never parse).
 */
export function createFailureConsumer({ config, sns, log }: FailureConsumerDeps) {
  return async (event: SqsEvent): Promise<BatchResponse> => {
    const batchItemFailures: BatchResponse['batchItemFailures'] = [];
    for (const record of event.Records ?? []) {
      let tasks: StoppedTask[];
      try {
        tasks = stoppedTasks(record);
      } catch (error) {
        log.error('failure.unreadable', {
          messageId: record.messageId,
          errorMessage: (error as Error).message,
        });
        continue;
      }
      for (const task of tasks) {
        const result = diagnoseTask(task, config);
        log[result.failed ? 'error' : 'info'](result.failed ? 'task.failed' : 'task.stopped', {
          messageId: record.messageId,
          ...logFields(task, result),
        });
        if (!result.failed || !config.topicArn) continue;
        try {
          await sns.send(
            new PublishCommand({
              TopicArn: config.topicArn,
              Subject: subject(result),
              Message: renderDiagnosis(result),
              MessageAttributes: {
                kind: { DataType: 'String', StringValue: result.diagnoses[0]?.kind ?? 'unknown' },
              },
            }),
          );
        } catch (error) {
          log.error('failure.publish-failed', {
            messageId: record.messageId,
            taskArn: task.taskArn,
            errorName: (error as Error).name,
            errorMessage: (error as Error).message,
          });
          batchItemFailures.push({ itemIdentifier: record.messageId });
          break;
        }
      }
    }
    return { batchItemFailures };
  };
}

function logFields(task: StoppedTask, result: TaskDiagnosis) {
  return {
    taskArn: task.taskArn,
    family: result.family,
    group: task.group,
    startedBy: task.startedBy,
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
    stoppedAt: task.stoppedAt,
    diagnoses: result.diagnoses,
  };
}

/** An SNS subject: at most 100 printable ASCII characters. */
function subject(result: TaskDiagnosis): string {
  const text = `Task failed: ${result.family ?? 'unknown family'}: ${result.diagnoses[0]?.kind ?? 'unknown'}`;
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
}
