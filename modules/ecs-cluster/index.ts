import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster as EcsClusterResource } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { ArnKinds, checkArn } from '../../src/aws/arn';
import { AwsContext } from '../../src/aws/context';
import { checkLogGroupName, checkRetentionDays } from '../../src/aws/logs';
import { Problems } from '../../src/errors';
import { checkInteger, checkOneOf, checkRule } from '../../src/validation';
import { Patterns } from '../../src/aws/patterns';
import { Grant } from '../../src/iam/grant';
import { checkTags } from '../../src/tags';
import { type TaskRole } from '../task-role';
import { executeCommandStatements } from './statements';

/** Container Insights: off, on, or with enhanced observability (task and container level). */
export type ContainerInsights = 'disabled' | 'enabled' | 'enhanced';
export const CONTAINER_INSIGHTS: readonly ContainerInsights[] = ['disabled', 'enabled', 'enhanced'];

/** The Fargate capacity providers. */
export type FargateCapacityProvider = 'FARGATE' | 'FARGATE_SPOT';

/** One entry of a capacity provider strategy. */
export interface CapacityProviderStrategyItem {
  readonly capacityProvider: FargateCapacityProvider;
  /**
   * Relative share of tasks, 0 to 1000.
   *
   * @default 1
   */
  readonly weight?: number;
  /**
   * Tasks placed on this provider before weights apply, 0 to 100000; at most one entry may
   * have a base.
   *
   * @default 0
   */
  readonly base?: number;
}

/** ECS Exec settings of the cluster: encryption and logging of sessions. */
export interface ExecuteCommandOptions {
  /**
   * KMS key that encrypts the session data between the client and the container.
   *
   * @default - sessions use TLS only
   */
  readonly kmsKeyArn?: string;
  /**
   * Log group the session transcripts go to.
   *
   * @default `/aws/ecs/<clusterName>/execute-command`
   */
  readonly logGroupName?: string;
  /**
   * Create the log group (with `logRetentionDays`); false to use an existing one.
   *
   * @default true
   */
  readonly createLogGroup?: boolean;
  /**
   * Retention of the created log group, in days.
   *
   * @default 90
   */
  readonly logRetentionDays?: number;
  /**
   * KMS key that encrypts the created log group (its key policy must allow CloudWatch Logs).
   *
   * @default - CloudWatch Logs' own encryption
   */
  readonly logKmsKeyArn?: string;
}

/** Properties of an {@link EcsCluster}. */
export interface EcsClusterProps {
  /** Name of the cluster: 1 to 255 letters, digits, `-` and `_`. */
  readonly clusterName: string;
  /**
   * Container Insights.
   *
   * @default 'enabled'
   */
  readonly containerInsights?: ContainerInsights;
  /**
   * Default capacity provider strategy for tasks started without one. Both FARGATE and
   * FARGATE_SPOT are always associated with the cluster.
   *
   * @default - all tasks on FARGATE
   */
  readonly defaultCapacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /**
   * ECS Exec session encryption and logging. ECS Exec itself is off until a runner starts a
   * task with `enableExecuteCommand`.
   *
   * @default - sessions are not logged by the cluster
   */
  readonly executeCommand?: ExecuteCommandOptions;
  /**
   * Tags for the cluster and its log group, in addition to the provider's default tags.
   *
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What a task definition's `grantRun` needs to know of a cluster. */
export interface ICluster {
  readonly clusterName: string;
  /** The cluster ARN built from its name: use it inside policies. */
  readonly arnForPolicies: string;
}

const CAPACITY_PROVIDERS: readonly FargateCapacityProvider[] = ['FARGATE', 'FARGATE_SPOT'];

/**
 * An ECS cluster for Fargate tasks: Container Insights, the FARGATE and FARGATE_SPOT capacity
 * providers with a default strategy, and optionally ECS Exec session encryption and logging.
 */
export class EcsCluster extends Construct implements ICluster {
  /** The `aws_ecs_cluster`. */
  readonly resource: EcsClusterResource;
  readonly clusterName: string;
  /** The cluster ARN, a reference to the resource. */
  readonly clusterArn: string;
  readonly arnForPolicies: string;
  /** The log group of ECS Exec sessions, when configured. */
  readonly executeCommandLogGroupName?: string;
  private readonly executeCommand?: ExecuteCommandOptions;
  private readonly context: AwsContext;

  constructor(scope: Construct, id: string, props: EcsClusterProps) {
    super(scope, id);
    checkProps(props).throwIfAny(this.node.path);

    this.context = AwsContext.of(this);
    this.clusterName = props.clusterName;
    this.executeCommand = props.executeCommand;
    const exec = props.executeCommand;
    if (exec) {
      this.executeCommandLogGroupName =
        exec.logGroupName ?? `/aws/ecs/${props.clusterName}/execute-command`;
      if (exec.createLogGroup ?? true) {
        new CloudwatchLogGroup(this, 'ExecuteCommandLogGroup', {
          name: this.executeCommandLogGroupName,
          retentionInDays: exec.logRetentionDays ?? 90,
          kmsKeyId: exec.logKmsKeyArn,
          tags: props.tags,
        });
      }
    }

    this.resource = new EcsClusterResource(this, 'Resource', {
      name: props.clusterName,
      setting: [{ name: 'containerInsights', value: props.containerInsights ?? 'enabled' }],
      ...(exec && {
        configuration: {
          executeCommandConfiguration: {
            kmsKeyId: exec.kmsKeyArn,
            logging: 'OVERRIDE',
            logConfiguration: {
              cloudWatchLogGroupName: this.executeCommandLogGroupName,
              cloudWatchEncryptionEnabled: exec.logKmsKeyArn !== undefined,
            },
          },
        },
      }),
      tags: props.tags,
    });
    this.clusterArn = this.resource.arn;
    this.arnForPolicies = this.context.arn('ecs', `cluster/${props.clusterName}`);

    new EcsClusterCapacityProviders(this, 'CapacityProviders', {
      clusterName: this.resource.name,
      capacityProviders: [...CAPACITY_PROVIDERS],
      defaultCapacityProviderStrategy: (
        props.defaultCapacityProviderStrategy ?? [{ capacityProvider: 'FARGATE' }]
      ).map((item) => ({
        capacityProvider: item.capacityProvider,
        weight: item.weight ?? 1,
        base: item.base ?? 0,
      })),
    });
  }

  /**
   * Grants a task role what ECS Exec sessions in this cluster need: the SSM message channels,
   * writing to the session log group and decrypting with the session key, as configured.
   */
  grantExecuteCommand(taskRole: TaskRole): Grant {
    const statements = executeCommandStatements(this.context, {
      logGroupName: this.executeCommandLogGroupName,
      kmsKeyArn: this.executeCommand?.kmsKeyArn,
    });
    return Grant.combine(taskRole.role, [
      taskRole.grantExecuteCommand(),
      ...statements.map((statement) => taskRole.addToPolicy(statement)),
    ]);
  }
}

function checkProps(props: EcsClusterProps): Problems {
  const problems = new Problems();
  checkRule(problems, 'clusterName', props.clusterName, Patterns.ecsName);
  checkOneOf(problems, 'containerInsights', props.containerInsights, CONTAINER_INSIGHTS);
  checkStrategy(problems, 'defaultCapacityProviderStrategy', props.defaultCapacityProviderStrategy);
  const exec = props.executeCommand;
  if (exec) {
    checkArn(problems, 'executeCommand.kmsKeyArn', exec.kmsKeyArn, ArnKinds.kmsKey);
    checkArn(problems, 'executeCommand.logKmsKeyArn', exec.logKmsKeyArn, ArnKinds.kmsKey);
    checkLogGroupName(problems, 'executeCommand.logGroupName', exec.logGroupName);
    checkRetentionDays(problems, 'executeCommand.logRetentionDays', exec.logRetentionDays);
  }
  checkTags(problems, 'tags', props.tags);
  return problems;
}

/** Records problems of a capacity provider strategy (also used for RunTask strategies). */
export function checkStrategy(
  problems: Problems,
  property: string,
  strategy: readonly CapacityProviderStrategyItem[] | undefined,
): void {
  if (strategy === undefined || Token.isUnresolved(strategy)) return;
  if (strategy.length === 0) {
    problems.add({
      property,
      received: [],
      reason: 'is empty',
      allowed: 'at least one of FARGATE, FARGATE_SPOT',
    });
    return;
  }
  strategy.forEach((item, i) => {
    const at = `${property}[${i}]`;
    checkOneOf(problems, `${at}.capacityProvider`, item.capacityProvider, CAPACITY_PROVIDERS);
    checkInteger(problems, `${at}.weight`, item.weight, 0, 1000);
    checkInteger(problems, `${at}.base`, item.base, 0, 100000);
  });
  const providers = strategy.map((item) => item.capacityProvider);
  problems.check(new Set(providers).size === providers.length, {
    property,
    received: providers,
    reason: 'names a capacity provider twice',
    allowed: 'each capacity provider at most once',
  });
  problems.check(strategy.filter((item) => (item.base ?? 0) > 0).length <= 1, {
    property,
    received: strategy,
    reason: 'has a base on more than one capacity provider',
    allowed: 'a base on at most one capacity provider',
  });
  problems.check(
    strategy.some((item) => (item.weight ?? 1) > 0),
    {
      property,
      received: strategy,
      reason: 'has no capacity provider with a weight above 0',
      allowed: 'at least one capacity provider with a weight of 1 or more',
    },
  );
}
