import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { ArnKinds, checkArn, checkGrantTarget } from '../../src/aws/arn';
import { AwsContext } from '../../src/aws/context';
import { checkRetentionDays } from '../../src/aws/logs';
import { type TaskRoleKind } from '../../src/diagnose/diagnose';
import { type FailureConsumerConfig } from '../../src/diagnose/consumer';
import { Problems } from '../../src/errors';
import { PolicyDocument } from '../../src/iam/document';
import { checkRoleOptions, ServiceRole, type RoleOptions } from '../../src/iam/service-role';
import { TrustedServices } from '../../src/iam/trust';
import { toJsonString } from '../../src/json';
import { checkRoleName } from '../../src/naming';
import { checkTags } from '../../src/tags';
import { Patterns } from '../../src/aws/patterns';
import { Ranges } from '../../src/aws/ranges';
import { checkInteger, checkPattern, checkRule } from '../../src/validation';
import { type ICluster } from '../ecs-cluster';
import { DIAGNOSE_ENTRY_FILE } from '../lambda-runner/bundle';
import { lambdaAsset } from '../lambda-runner/asset';
import { diagnoseStatements, queuePolicyStatements } from './statements';
import { taskFailurePattern } from './pattern';

export { FAILURE_REASON_PREFIXES, taskFailurePattern } from './pattern';

/** Where failures are announced: a topic created here, an existing topic, or none. */
export type TaskFailureTopic = 'create' | 'none' | { readonly topicArn: string };

/** What the diagnosis may know of a task definition (a `FargateTaskDefinition` has it all). */
export interface DiagnosedTask {
  readonly family: string;
  /** The task stops when one of these stops; other containers' exits are not failures. */
  readonly essentialContainerNames: readonly string[];
  readonly executionRole: { readonly roleName: string };
  readonly taskRole: { readonly roleName: string };
  /** Where the containers' output goes, named in exit-code diagnoses. */
  readonly logGroupName?: string;
}

/** Properties of {@link TaskFailures}. */
export interface TaskFailuresProps {
  /**
   * Name of the rule, queue and topic, and prefix of the diagnosis function's name
   * (`<name>-diagnose`): 1 to 55 letters, digits, `-` and `_`.
   */
  readonly name: string;
  /** The cluster the tasks run in. */
  readonly cluster: ICluster;
  /**
   * The ECS task group of the tasks to watch: the group the runner starts its tasks in
   * (`LambdaRunner.taskGroup`). Tasks of other groups, or of other clusters, are not captured.
   */
  readonly taskGroup: string;
  /**
   * A Lambda function that reads the queue and writes one structured log line and one SNS
   * message per failure, with its diagnosis. Without it the failures wait in the queue (and the
   * alarm fires on the first one).
   *
   * @default true
   */
  readonly diagnose?: boolean;
  /**
   * The SNS topic the diagnoses and the alarm go to.
   *
   * @default 'create'
   */
  readonly topic?: TaskFailureTopic;
  /**
   * The task definitions whose failures are diagnosed: their essential containers and role
   * names make the diagnosis exact (other containers' exits are not failures; a denied role is
   * named as the execution or the task role).
   *
   * @default - every container's non-zero exit counts; roles are told apart by the error
   */
  readonly tasks?: readonly DiagnosedTask[];
  /** Whether the tasks get a public IP: the network advice then covers that case only. @default - both cases explained */
  readonly assignPublicIp?: boolean;
  /** The tasks' subnets, named in network diagnoses. @default - not named */
  readonly subnetIds?: readonly string[];
  /** How long a failure stays in the queue, 1 to 14 days. @default 14 */
  readonly retentionDays?: number;
  /**
   * Consecutive 5-minute periods with a failure waiting in the queue before the alarm fires,
   * 1 to 288. With the diagnosis function a waiting failure means the function is failing.
   *
   * @default - 3 with the diagnosis function, 1 without
   */
  readonly alarmEvaluationPeriods?: number;
  /** Retention of the diagnosis function's log group, in days. @default 30 */
  readonly logRetentionDays?: number;
  /** Path, permissions boundary, session duration and tags of the diagnosis function's role. @default - none */
  readonly roleOptions?: RoleOptions;
  /** Tags for every resource, in addition to the provider's default tags. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

const NAME = /^[A-Za-z0-9_-]{1,55}$/;
const TIMEOUT_SECONDS = 30;
/** The consumer's entry point in its zip: `diagnose.handler`. */
const DIAGNOSE_HANDLER = `${DIAGNOSE_ENTRY_FILE.replace(/\.js$/, '')}.handler`;

/**
 * A started task that fails is never silent: an EventBridge rule captures this cluster's
 * stopped tasks of one task group that failed to start, were interrupted, or whose essential
 * container exited non-zero, into an encrypted SQS queue that only this rule may send to; an
 * alarm on the queue's waiting messages; and, by default, a diagnosis function that explains
 * each failure (denied role, action, resource and the option that grants it, or the missing
 * route) in one log line and one SNS message.
 */
export class TaskFailures extends Construct {
  readonly rule: CloudwatchEventRule;
  readonly queue: SqsQueue;
  /** The queue ARN built from its name (for policies). */
  readonly queueArnForPolicies: string;
  /** The rule ARN built from its name (for policies). */
  readonly ruleArnForPolicies: string;
  readonly alarm: CloudwatchMetricAlarm;
  /** The topic's ARN, when there is a topic. */
  readonly topicArn?: string;
  /** The diagnosis function, when enabled. */
  readonly function?: LambdaFunction;
  readonly role?: ServiceRole;

  constructor(scope: Construct, id: string, props: TaskFailuresProps) {
    super(scope, id);
    checkProps(props).throwIfAny(this.node.path);
    const context = AwsContext.of(this);
    const diagnose = props.diagnose ?? true;
    const tags = props.tags;

    this.ruleArnForPolicies = context.arn('events', `rule/${props.name}`);
    this.queueArnForPolicies = context.arn('sqs', props.name);

    this.queue = new SqsQueue(this, 'Queue', {
      name: props.name,
      messageRetentionSeconds: (props.retentionDays ?? 14) * 86_400,
      // Lambda requires at least the function's timeout; AWS recommends six times it.
      visibilityTimeoutSeconds: 6 * TIMEOUT_SECONDS,
      sqsManagedSseEnabled: true,
      tags,
    });
    new SqsQueuePolicy(this, 'QueuePolicy', {
      queueUrl: this.queue.url,
      policy: new PolicyDocument(
        queuePolicyStatements({
          queueArn: this.queueArnForPolicies,
          ruleArn: this.ruleArnForPolicies,
        }),
      ).toJsonString(),
    });

    this.rule = new CloudwatchEventRule(this, 'Rule', {
      name: props.name,
      description: `Failed tasks of group ${props.taskGroup} in cluster ${props.cluster.clusterName}`,
      eventPattern: toJsonString(taskFailurePattern(props.cluster.arnForPolicies, props.taskGroup)),
      tags,
    });
    new CloudwatchEventTarget(this, 'RuleTarget', {
      rule: this.rule.name,
      targetId: 'failure-queue',
      arn: this.queue.arn,
    });

    const topic = props.topic ?? 'create';
    if (topic === 'create') {
      new SnsTopic(this, 'Topic', { name: props.name, tags });
      this.topicArn = context.arn('sns', props.name);
    } else if (topic !== 'none') {
      this.topicArn = topic.topicArn;
    }

    this.alarm = new CloudwatchMetricAlarm(this, 'Alarm', {
      alarmName: props.name,
      alarmDescription: diagnose
        ? `Task failures have waited in ${props.name} for ${(props.alarmEvaluationPeriods ?? 3) * 5} minutes: the diagnosis function ${props.name}-diagnose is failing (see its logs); the messages hold the stopped tasks.`
        : `A task failed: the stopped task is in the queue ${props.name}; explain it with fargate-runner-diagnose.`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: props.name },
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: props.alarmEvaluationPeriods ?? (diagnose ? 3 : 1),
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      ...(this.topicArn && { alarmActions: [this.topicArn], okActions: [this.topicArn] }),
      tags,
    });

    if (diagnose) ({ role: this.role, fn: this.function } = this.addDiagnosis(props, context));
  }

  private addDiagnosis(
    props: TaskFailuresProps,
    context: AwsContext,
  ): { role: ServiceRole; fn: LambdaFunction } {
    const functionName = `${props.name}-diagnose`;
    const logGroupName = `/aws/lambda/${functionName}`;
    const role = new ServiceRole(this, 'DiagnoseRole', {
      ...props.roleOptions,
      roleName: functionName,
      assumedBy: TrustedServices.lambda,
      policyName: 'diagnose-task-failures',
      description:
        'Diagnoses failed tasks: consumes exactly its queue, publishes to exactly its topic',
    });
    for (const statement of diagnoseStatements(context, {
      logGroupName,
      queueArn: this.queueArnForPolicies,
      topicArn: this.topicArn,
    })) {
      role.addToPrincipalPolicy(statement);
    }
    const logGroup = new CloudwatchLogGroup(this, 'DiagnoseLogGroup', {
      name: logGroupName,
      retentionInDays: props.logRetentionDays ?? 30,
      tags: props.tags,
    });
    const asset = lambdaAsset(this, 'diagnose');
    const fn = new LambdaFunction(this, 'Diagnose', {
      functionName,
      description:
        'Explains each failed task of the failure queue: one log line and one SNS message',
      role: role.roleArn,
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: DIAGNOSE_HANDLER,
      filename: asset.path,
      sourceCodeHash: asset.sha256Base64,
      memorySize: 256,
      timeout: TIMEOUT_SECONDS,
      environment: {
        variables: { FAILURES_CONFIG: toJsonString(consumerConfig(props, this.topicArn)) },
      },
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      tracingConfig: { mode: 'PassThrough' },
      tags: props.tags,
      dependsOn: [logGroup],
    });
    new LambdaEventSourceMapping(this, 'DiagnoseQueueMapping', {
      eventSourceArn: this.queue.arn,
      functionName: fn.arn,
      batchSize: 10,
      functionResponseTypes: ['ReportBatchItemFailures'],
      scalingConfig: { maximumConcurrency: 2 },
      // Creating the mapping checks that the role may already receive from the queue.
      dependsOn: role.policy ? [role.policy] : [],
    });
    return { role, fn };
  }
}

function consumerConfig(
  props: TaskFailuresProps,
  topicArn: string | undefined,
): FailureConsumerConfig {
  const tasks = props.tasks ?? [];
  const roles: Record<string, TaskRoleKind> = {};
  for (const task of tasks) {
    roles[task.executionRole.roleName] = 'execution';
    roles[task.taskRole.roleName] = 'task';
  }
  return {
    ...(topicArn && { topicArn }),
    ...(props.assignPublicIp !== undefined && { assignPublicIp: props.assignPublicIp }),
    ...(props.subnetIds && { subnetIds: [...props.subnetIds] }),
    ...(tasks.length > 0 && {
      essentialContainers: Object.fromEntries(
        tasks.map((task) => [task.family, [...task.essentialContainerNames]]),
      ),
      roles,
    }),
    ...(tasks.some((task) => task.logGroupName) && {
      logGroups: Object.fromEntries(
        tasks.flatMap((task) => (task.logGroupName ? [[task.family, task.logGroupName]] : [])),
      ),
    }),
  };
}

function checkProps(props: TaskFailuresProps): Problems {
  const problems = new Problems();
  checkPattern(problems, 'name', props.name, NAME, '1 to 55 letters, digits, - and _');
  if ((props.diagnose ?? true) && NAME.test(props.name ?? ''))
    checkRoleName(problems, 'name (in the diagnosis role name)', `${props.name}-diagnose`);
  checkRule(problems, 'taskGroup', props.taskGroup, Patterns.taskGroup);
  // The rule matches the cluster's ARN literally: a pattern would capture nothing, silently.
  checkGrantTarget(
    problems,
    'cluster.arnForPolicies',
    props.cluster?.arnForPolicies as string,
    ArnKinds.ecsCluster,
  );
  const topic = props.topic;
  if (typeof topic === 'object')
    checkArn(problems, 'topic.topicArn', topic.topicArn, ArnKinds.snsTopic);
  else if (topic !== undefined && !Token.isUnresolved(topic))
    problems.check(topic === 'create' || topic === 'none', {
      property: 'topic',
      received: topic,
      allowed: '"create", "none" or { topicArn }',
    });
  checkInteger(problems, 'retentionDays', props.retentionDays, ...Ranges.sqsRetentionDays);
  checkInteger(problems, 'alarmEvaluationPeriods', props.alarmEvaluationPeriods, 1, 288);
  checkRetentionDays(problems, 'logRetentionDays', props.logRetentionDays);
  checkRoleOptions(problems, props.roleOptions ?? {});
  checkTags(problems, 'tags', props.tags);
  return problems;
}
