import { type ContainerInsights } from '../../modules/ecs-cluster';
import { type CpuArchitecture } from '../../modules/fargate-task-definition';
import { type ExecutionRolePolicyMode } from '../../modules/task-execution-role';
import { type TaskRoleProps } from '../../modules/task-role';
import { type RunnerInvocation } from '../../modules/lambda-runner';

/** Where Terraform keeps the environment's state. */
export type BackendSettings =
  /** A state file in the project directory, `terraform.<stack>.tfstate` (git-ignored). */
  | { readonly type: 'local' }
  /** An S3 bucket, locked with an S3 lock file (`use_lockfile`, no DynamoDB table). */
  | {
      readonly type: 's3';
      readonly bucket: string;
      readonly key?: string;
      readonly region?: string;
      readonly kmsKeyArn?: string;
    }
  /** HCP Terraform / Terraform Enterprise: one workspace per environment. */
  | {
      readonly type: 'cloud';
      readonly organization: string;
      readonly workspace?: string;
      readonly hostname?: string;
    };

/** Where the tasks run. */
export type NetworkSettings =
  /**
   * The account's default VPC and its default subnets, looked up with data sources: a
   * zero-configuration deploy for development. Default subnets are public, so tasks get a
   * public IP to reach ECR and CloudWatch Logs.
   */
  | { readonly type: 'default-vpc' }
  | {
      readonly type: 'subnets';
      /** The VPC of the subnets (for the security group created when none is given). */
      readonly vpcId: string;
      readonly subnetIds: readonly string[];
      /** @default - an egress-only security group created for the tasks */
      readonly securityGroupIds?: readonly string[];
      /** @default false */
      readonly assignPublicIp?: boolean;
    };

/** One task the environment can run. */
export interface TaskSettings {
  /** The name invocations use, and part of every resource name: letters, digits and `-`. */
  readonly name: string;
  /** Container image (private ECR images get pull permission on exactly their repository). */
  readonly image: string;
  readonly cpu: number;
  readonly memoryMiB: number;
  /** @default 'X86_64' */
  readonly architecture?: CpuArchitecture;
  /** @default - the image's CMD */
  readonly command?: readonly string[];
  /** @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /** Variables read from Secrets Manager or SSM Parameter Store by ARN. @default - none */
  readonly secrets?: Readonly<Record<string, string>>;
  /** What the application may call. @default - nothing */
  readonly taskRole?: Omit<
    TaskRoleProps,
    | 'roleName'
    | 'path'
    | 'permissionsBoundaryArn'
    | 'maxSessionDurationSeconds'
    | 'description'
    | 'tags'
  >;
}

/** The runner of the environment. */
export interface RunnerSettings {
  /** Names of the tasks the runner may start. */
  readonly tasks: readonly string[];
  /** @default - no schedule */
  readonly schedule?: {
    readonly expression: string;
    readonly timezone?: string;
    readonly input?: RunnerInvocation;
  };
  /** Send failed asynchronous invocations to an SQS dead-letter queue. */
  readonly deadLetterQueue: boolean;
  /**
   * Reserved concurrency of the runner: how many invocations may run at once (reserved from
   * the account's pool; new accounts may have too small a pool to reserve from).
   *
   * @default - unreserved
   */
  readonly reservedConcurrency?: number;
  /** @default - none */
  readonly taskTags?: Readonly<Record<string, string>>;
}

/**
 * Tasks that fail are reported (modules/task-failures): an EventBridge rule on the runner's
 * stopped tasks, an encrypted failure queue, an alarm, and a function that explains each
 * failure in a log line and an SNS message.
 */
export interface TaskFailureSettings {
  /** Explain each failure with a Lambda function (one log line and one SNS message). @default true */
  readonly diagnose?: boolean;
  /** `'create'` a topic, `'none'`, or an existing SNS topic's ARN. @default 'create' */
  readonly topic?: string;
  /** Days a failure stays in the queue, 1 to 14. @default 14 */
  readonly retentionDays?: number;
}

/** Everything that differs between environments. */
export interface EnvironmentSettings {
  /** Environment name: lowercase letters and digits, e.g. `dev`. The stack is `fargate-runner-<name>`. */
  readonly name: string;
  /** AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * The only account this environment may be applied to (the provider's `allowed_account_ids`),
   * so that a prod configuration is never applied with dev credentials.
   *
   * @default - any account
   */
  readonly accountId?: string;
  /** Tags on every resource (the provider's `default_tags`). @default - `{ environment: <name> }` */
  readonly defaultTags?: Readonly<Record<string, string>>;
  /** @default { type: 'local' } */
  readonly backend?: BackendSettings;
  readonly network: NetworkSettings;
  /** One execution role shared by all tasks, or one per task (per-task secrets stay isolated). */
  readonly executionRoleSharing: 'shared' | 'per-task';
  readonly executionRolePolicyMode: ExecutionRolePolicyMode;
  readonly containerInsights: ContainerInsights;
  /** The capacity provider tasks run on. */
  readonly capacity: 'FARGATE' | 'FARGATE_SPOT';
  /** Retention of every log group, in days. */
  readonly logRetentionDays: number;
  readonly tasks: readonly TaskSettings[];
  readonly runner: RunnerSettings;
  /** Report the runner's tasks that fail to start or exit non-zero. @default - not reported */
  readonly taskFailures?: TaskFailureSettings;
}

/** The prefix of every name: `<app>-<environment>-<purpose>`. */
export const APP_NAME = 'fargate-runner';

/** The stack of an environment. */
export const stackName = (environment: string) => `${APP_NAME}-${environment}`;
