// The settings of an environment as a strict schema (zod): every field, its type and its
// meaning. The TypeScript types below are derived from it, so the two cannot drift. Parsed at
// synth, before anything is built (see validate.ts), because settings files are only
// transpiled: `npm run typecheck` is the only other place a typo would show.
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { ArnKinds, checkArn, type ArnKind } from '../../src/aws/arn';
import { EVENT_PATTERN_ALLOWED, eventPatternProblems } from '../../src/aws/event-pattern';
import { FARGATE_CPU_SIZES, FARGATE_MEMORY_MIB } from '../../src/aws/fargate';
import { parseImage } from '../../src/aws/image';
import { LOG_RETENTION_DAYS } from '../../src/aws/logs';
import {
  AWS_REGIONS,
  CONTAINER_USER,
  CONTAINER_WORKING_DIRECTORY,
  Patterns,
  ROLE_PATH,
  type StringRule,
} from '../../src/aws/patterns';
import {
  isTimeZone,
  SCHEDULE_EXPRESSION_ALLOWED,
  scheduleExpressionProblem,
  TIME_ZONE_ALLOWED,
} from '../../src/aws/schedule';
import { checkSecretReference, SECRET_REFERENCE_ALLOWED } from '../../src/aws/secrets';
import { Ranges, type Range } from '../../src/aws/ranges';
import { HIDDEN, Problems } from '../../src/errors';
import {
  RUNNER_ARCHITECTURES,
  RUNNER_RUNTIMES,
  RUNNER_TRACING_MODES,
} from '../../modules/lambda-runner';
import { closest } from './suggest';

// zod/mini: the same parser and issues as zod's classic API, with schemas that are plain
// objects (no methods bound to each), so building the schema costs a fraction, and the app's
// transpiled code loads only the parts of zod used here (see scripts/transpile.mjs).
// Settings are parsed once per synth: zod's compiled fast path for objects costs more to build
// (~10 ms on the first parse) than it saves on three small objects. English words for the few
// issues whose schema gives none (zod/mini loads no locale by itself).
z.config({ jitless: true, ...en() });

/**
 * What a custom check adds to a zod issue; validate.ts turns issues into the project's
 * problems (the zod message is always what is allowed).
 */
export interface IssueParams {
  /** What is wrong, when "is not allowed" is not enough. */
  readonly reason?: string;
  /** The value to show instead of the one at the issue's path (e.g. a map's bad key). */
  readonly received?: unknown;
}

/** A string following one of the shared rules of src/aws/patterns.ts. */
const rule = (r: StringRule) =>
  z.string({ error: r.allowed }).check(z.regex(r.pattern, { error: r.allowed }));

/** A string checked by one of the project's Problems-based checks (the constructs use them too). */
const checked = (allowed: string, run: (problems: Problems, value: string) => void) =>
  z.string({ error: allowed }).check((ctx) => {
    const problems = new Problems();
    run(problems, ctx.value);
    for (const problem of problems.all) {
      const params: IssueParams = {
        reason: problem.reason,
        ...(problem.received === HIDDEN && { received: HIDDEN }),
      };
      ctx.issues.push({ code: 'custom', message: problem.allowed, input: ctx.value, params });
    }
  });

/** An ARN of one kind, naming one exact resource (no wildcard). */
const arn = (kind: ArnKind) =>
  checked(`${kind.name} ARN such as ${kind.example}`, (problems, value) =>
    checkArn(problems, '', value, kind),
  );

/** A whole number in `range` (both ends included). */
const integer = ([min, max]: Range, unit = '') => {
  const allowed = `a whole number from ${min} to ${max}${unit}`;
  return z.int({ error: allowed }).check(z.minimum(min, allowed), z.maximum(max, allowed));
};

/** One of a fixed list of numbers. */
const numberIn = (values: readonly number[], unit: string) => {
  const allowed = `one of ${values.join(', ')} (${unit})`;
  return z
    .number({ error: allowed })
    .check(z.refine((v) => values.includes(v), { error: allowed }));
};

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `one of ${values.map((v) => JSON.stringify(v)).join(', ')}` });

/** A list of `item`, at least one. */
const list = <T extends z.core.SomeType>(item: T, what: string, max = 1000) =>
  z
    .array(item, { error: `a list of ${what}` })
    .check(
      z.minLength(1, `a list of 1 to ${max} ${what}`),
      z.maxLength(max, `a list of 1 to ${max} ${what}`),
    );

/** An object of names following `key` to values of `value`; bad names are reported by name. */
const map = <T extends z.core.SomeType>(key: StringRule, value: T, what: string, max = 1000) =>
  z.record(z.string(), value, { error: `an object of ${what}` }).check((ctx) => {
    const names = Object.keys(ctx.value);
    if (names.length > max) {
      ctx.issues.push({
        code: 'custom',
        message: `at most ${max} ${what}`,
        input: ctx.value,
        params: { reason: `has ${names.length} entries`, received: `${names.length} entries` },
      });
    }
    for (const name of names.filter((n) => !key.pattern.test(n))) {
      ctx.issues.push({
        code: 'custom',
        path: [name],
        message: key.allowed,
        input: name,
        params: { reason: 'has a name that is not allowed', received: name },
      });
    }
  });

/**
 * The words for an object that is not an object. Only for that issue: an unknown key is
 * reported with the object's fields ("did you mean"), see validate.ts.
 */
const objectError = (allowed: string) => (issue: z.core.$ZodRawIssue) =>
  issue.code === 'invalid_type' ? allowed : undefined;

const tags = map(Patterns.tagKey, rule(Patterns.tagValue), 'tags', 50);

const REGION_ALLOWED = `an AWS region such as "eu-west-1" (${AWS_REGIONS.length} known)`;
const region = z.string({ error: REGION_ALLOWED }).check((ctx) => {
  if (AWS_REGIONS.includes(ctx.value)) return;
  const suggestion = closest(ctx.value, AWS_REGIONS);
  ctx.issues.push({
    code: 'custom',
    message: REGION_ALLOWED,
    input: ctx.value,
    params: {
      reason: `is not a known AWS region${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    },
  });
});

const IMAGE_ALLOWED =
  'a container image reference, e.g. "nginx:1.27" or "<12-digit account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>"';
const image = checked(IMAGE_ALLOWED, (problems, value) => {
  const parsed = parseImage(value);
  if (typeof parsed === 'string')
    problems.add({ property: '', received: value, reason: parsed, allowed: IMAGE_ALLOWED });
});

const secretReference = checked(SECRET_REFERENCE_ALLOWED, (problems, value) =>
  checkSecretReference(problems, '', value),
);

const scheduleExpression = checked(SCHEDULE_EXPRESSION_ALLOWED, (problems, value) => {
  const reason = scheduleExpressionProblem(value);
  if (reason)
    problems.add({ property: '', received: value, reason, allowed: SCHEDULE_EXPRESSION_ALLOWED });
});

const timeZone = z.string({ error: TIME_ZONE_ALLOWED }).check(
  z.refine(isTimeZone, {
    error: TIME_ZONE_ALLOWED,
    params: { reason: 'is not a known time zone' },
  }),
);

/** The settings' own names: lowercase, as they become part of every resource name. */
const ENVIRONMENT_NAME: StringRule = {
  pattern: /^[a-z][a-z0-9]{0,15}$/,
  allowed: 'lowercase letters and digits, starting with a letter, at most 16, e.g. "dev"',
};
const TASK_NAME: StringRule = {
  pattern: /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/,
  allowed: 'lowercase letters, digits and -, at most 32, e.g. "report"',
};
const S3_BUCKET: StringRule = {
  pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  allowed: 'an S3 bucket name: 3 to 63 lowercase letters, digits, . and -',
};
const HCP_NAME: StringRule = {
  pattern: /^[\w-]{1,90}$/,
  allowed: 'letters, digits, - and _ (an HCP Terraform name)',
};

const environmentVariables = map(
  Patterns.environmentName,
  z.string({ error: 'a string' }),
  'environment variables',
);
const command = list(z.string({ error: 'a string' }), 'strings');

/** Where Terraform keeps the environment's state. */
const backend = z.discriminatedUnion(
  'type',
  [
    /** A state file in the project directory, `terraform.<stack>.tfstate` (git-ignored). */
    z.strictObject({ type: z.literal('local') }),
    /** An S3 bucket, locked with an S3 lock file (`use_lockfile`, no DynamoDB table). */
    z.strictObject({
      type: z.literal('s3'),
      bucket: rule(S3_BUCKET),
      /** @default '<stack>/terraform.tfstate' */
      key: z.optional(
        z.string({ error: 'an S3 object key' }).check(z.minLength(1), z.maxLength(1024)),
      ),
      /** @default - the provider's region */
      region: z.optional(region),
      /** @default - S3's default encryption key */
      kmsKeyArn: z.optional(arn(ArnKinds.kmsKey)),
    }),
    /** HCP Terraform / Terraform Enterprise: one workspace per environment. */
    z.strictObject({
      type: z.literal('cloud'),
      organization: rule(HCP_NAME),
      /** @default - the stack name */
      workspace: z.optional(rule(HCP_NAME)),
      /** @default 'app.terraform.io' */
      hostname: z.optional(z.string({ error: 'a host name' })),
    }),
  ],
  { error: 'an object with type "local", "s3" (with bucket) or "cloud" (with organization)' },
);

/** Where the tasks run. */
const network = z.discriminatedUnion(
  'type',
  [
    /**
     * The account's default VPC and its default subnets, looked up with data sources: a
     * zero-configuration deploy for development. Default subnets are public, so tasks get a
     * public IP to reach ECR and CloudWatch Logs.
     */
    z.strictObject({ type: z.literal('default-vpc') }),
    z.strictObject({
      type: z.literal('subnets'),
      /** The VPC of the subnets (for the security group created when none is given). */
      vpcId: rule(Patterns.vpcId),
      subnetIds: list(rule(Patterns.subnetId), 'subnet IDs', 16),
      /** @default - an egress-only security group created for the tasks */
      securityGroupIds: z.optional(list(rule(Patterns.securityGroupId), 'security group IDs', 5)),
      /** @default false */
      assignPublicIp: z.optional(z.boolean({ error: 'true or false' })),
    }),
  ],
  { error: 'an object with type "default-vpc", or type "subnets" with vpcId and subnetIds' },
);

const arns = (kind: ArnKind) => list(arn(kind), `${kind.name} ARNs`);
const s3Location = z.strictObject(
  {
    bucketArn: arn(ArnKinds.s3Bucket),
    /** @default - the whole bucket */
    prefix: z.optional(z.string({ error: 'a key prefix such as "reports/"' })),
  },
  { error: objectError('an object { bucketArn, prefix? }') },
);

/** What a task's application may call (the task role). */
const taskRole = z.strictObject({
  managedPolicyArns: z.optional(arns(ArnKinds.iamPolicy)),
  s3ReadLocations: z.optional(list(s3Location, 'S3 locations')),
  s3WriteLocations: z.optional(list(s3Location, 'S3 locations')),
  snsPublishTopicArns: z.optional(arns(ArnKinds.snsTopic)),
  sqsSendQueueArns: z.optional(arns(ArnKinds.sqsQueue)),
  sqsConsumeQueueArns: z.optional(arns(ArnKinds.sqsQueue)),
  dynamodbReadTableArns: z.optional(arns(ArnKinds.dynamodbTable)),
  dynamodbWriteTableArns: z.optional(arns(ArnKinds.dynamodbTable)),
  secretArns: z.optional(arns(ArnKinds.secretsManagerSecret)),
  /**
   * ECS Exec into the task: the SSM message channels for its role, and the runner starts its
   * tasks with ECS Exec enabled (only roles granted it can open a session).
   *
   * @default false
   */
  enableExecuteCommand: z.optional(z.boolean({ error: 'true or false' })),
});

/** One task the environment can run. */
const task = z.strictObject({
  /** The name invocations use, and part of every resource name. */
  name: rule(TASK_NAME),
  /** Container image (private ECR images get pull permission on exactly their repository). */
  image,
  /**
   * Secrets Manager secret with the user name and password of a private registry other than
   * ECR (the execution role may read exactly that secret).
   *
   * @default - none: ECR, ECR Public or a public registry
   */
  registryCredentialsSecretArn: z.optional(arn(ArnKinds.secretsManagerSecret)),
  cpu: numberIn(FARGATE_CPU_SIZES, 'CPU units; 1024 = 1 vCPU'),
  memoryMiB: integer(FARGATE_MEMORY_MIB, ' (MiB, a Fargate size for the cpu)'),
  /** @default 'X86_64' */
  architecture: z.optional(oneOf(['X86_64', 'ARM64'])),
  /** @default - the image's ENTRYPOINT */
  entryPoint: z.optional(command),
  /** @default - the image's CMD */
  command: z.optional(command),
  /** The user (and group) the container runs as, e.g. `1000:1000`. @default - the image's USER */
  user: z.optional(rule(CONTAINER_USER)),
  /** @default - the image's WORKDIR */
  workingDirectory: z.optional(rule(CONTAINER_WORKING_DIRECTORY)),
  /**
   * A read-only root file system; `false` for an image that writes outside its volumes.
   *
   * @default true
   */
  readonlyRootFilesystem: z.optional(z.boolean({ error: 'true or false' })),
  /** Run an init process as PID 1 (reaps zombies, forwards signals). @default false */
  initProcessEnabled: z.optional(z.boolean({ error: 'true or false' })),
  /** Seconds the container has to exit on its own when the task stops. @default 30 */
  stopTimeoutSeconds: z.optional(integer(Ranges.containerStopTimeoutSeconds, ' (seconds)')),
  /** @default - none */
  environment: z.optional(environmentVariables),
  /** Variables read from Secrets Manager or SSM Parameter Store by ARN. @default - none */
  secrets: z.optional(map(Patterns.environmentName, secretReference, 'secret ARNs')),
  /**
   * Customer managed KMS keys the secrets are encrypted with (the execution role gets
   * `kms:Decrypt` on exactly these, through Secrets Manager or SSM).
   *
   * @default - the AWS managed keys
   */
  secretsKmsKeyArns: z.optional(arns(ArnKinds.kmsKey)),
  /**
   * Customer managed KMS key that encrypts the task's log group (its key policy must allow
   * CloudWatch Logs in the region).
   *
   * @default - CloudWatch Logs' own encryption
   */
  logKmsKeyArn: z.optional(arn(ArnKinds.kmsKey)),
  /** Ephemeral storage of the task, beyond Fargate's 20 GiB. @default - 20 GiB */
  ephemeralStorageGiB: z.optional(integer(Ranges.fargateEphemeralStorageGiB, ' (GiB)')),
  /** What the application may call. @default - nothing */
  taskRole: z.optional(taskRole),
});

/** An invocation of the runner (what a schedule sends). */
const invocation = z.strictObject({
  /** @default - the only task */
  task: z.optional(z.string({ error: 'a task name from runner.tasks' })),
  /** @default - the task's command */
  command: z.optional(command),
  /** @default - none */
  environment: z.optional(environmentVariables),
  /** @default 1 */
  count: z.optional(integer(Ranges.runTaskCount)),
  /** @default 'fargate-runner' */
  startedBy: z.optional(rule(Patterns.startedBy)),
});

/** An EventBridge event pattern, checked field by field (see src/aws/event-pattern.ts). */
const eventPattern = z.custom<Readonly<Record<string, unknown>>>().check((ctx) => {
  for (const { path } of eventPatternProblems(ctx.value)) {
    ctx.issues.push({
      code: 'custom',
      message: EVENT_PATTERN_ALLOWED,
      input: ctx.value,
      path: [...path],
    });
  }
});

/** The runner of the environment. */
const runner = z.strictObject({
  /** Names of the tasks the runner may start. */
  tasks: list(z.string({ error: 'a task name' }), 'task names from tasks'),
  /** @default - no schedule */
  schedule: z.optional(
    z.strictObject({
      /** `cron(…)` (6 fields), `rate(…)` or `at(…)`. */
      expression: scheduleExpression,
      /** @default 'UTC' */
      timezone: z.optional(timeZone),
      input: z.optional(invocation),
    }),
  ),
  /**
   * Run a task when an EventBridge event on the default bus matches a pattern (the event itself
   * is not passed on: the runner accepts only its own invocation).
   *
   * @default - no event trigger
   */
  eventTrigger: z.optional(
    z.strictObject({
      /** The event pattern, e.g. `{ source: ['aws.s3'], 'detail-type': ['Object Created'] }`. */
      pattern: eventPattern,
      input: z.optional(invocation),
    }),
  ),
  /**
   * Send failed asynchronous invocations to an SQS queue: `true` as the function's dead-letter
   * queue, `'destination'` as its on-failure destination (the message then also holds the error
   * and the original invocation), `false` nowhere.
   */
  deadLetterQueue: z.union([z.boolean(), z.literal('destination')], {
    error: 'true, false or "destination"',
  }),
  /**
   * Reserved concurrency of the runner: how many invocations may run at once (reserved from
   * the account's pool; new accounts may have too small a pool to reserve from).
   *
   * @default - unreserved
   */
  reservedConcurrency: z.optional(integer(Ranges.lambdaReservedConcurrency)),
  /** Memory of the runner function. @default 256 */
  memoryMiB: z.optional(integer(Ranges.lambdaMemoryMiB, ' (MiB)')),
  /** Timeout of the runner function. @default 30 */
  timeoutSeconds: z.optional(integer(Ranges.lambdaTimeoutSeconds, ' (seconds)')),
  /** Instruction set of the runner function. @default 'arm64' */
  architecture: z.optional(oneOf(RUNNER_ARCHITECTURES)),
  /** Node.js runtime of the runner function. @default 'nodejs22.x' */
  runtime: z.optional(oneOf(RUNNER_RUNTIMES)),
  /**
   * X-Ray tracing: `Active` records invocations (and grants `xray:PutTraceSegments` and
   * `xray:PutTelemetryRecords`, which have no resource type, on `*`).
   *
   * @default 'PassThrough'
   */
  tracing: z.optional(oneOf(RUNNER_TRACING_MODES)),
  /** Retries of a failed asynchronous invocation. @default 2 */
  maximumRetryAttempts: z.optional(integer(Ranges.lambdaRetryAttempts)),
  /** How long an asynchronous invocation may wait to run. @default 21600 */
  maximumEventAgeSeconds: z.optional(integer(Ranges.lambdaEventAgeSeconds, ' (seconds)')),
  /** Let the runner describe the tasks it started (`ecs:DescribeTasks` in the cluster). @default false */
  allowDescribeTasks: z.optional(z.boolean({ error: 'true or false' })),
  /** @default - none */
  taskTags: z.optional(tags),
});

const TOPIC_ALLOWED = `"create", "none" or ${ArnKinds.snsTopic.name} ARN such as ${ArnKinds.snsTopic.example}`;

/**
 * Tasks that fail are reported (modules/task-failures): an EventBridge rule on the runner's
 * stopped tasks, an encrypted failure queue, an alarm, and a function that explains each
 * failure in a log line and an SNS message.
 */
const taskFailures = z.strictObject({
  /** Explain each failure with a Lambda function (one log line and one SNS message). @default true */
  diagnose: z.optional(z.boolean({ error: 'true or false' })),
  /** `'create'` a topic, `'none'`, or an existing SNS topic's ARN. @default 'create' */
  topic: z.optional(
    checked(TOPIC_ALLOWED, (problems, value) => {
      if (value !== 'create' && value !== 'none') checkArn(problems, '', value, ArnKinds.snsTopic);
    }),
  ),
  /** Days a failure stays in the queue. @default 14 */
  retentionDays: z.optional(integer(Ranges.sqsRetentionDays, ' (days)')),
});

/** Settings of every IAM role the environment creates. */
const roles = z.strictObject(
  {
    /** IAM path of the roles. @default '/' */
    path: z.optional(rule(ROLE_PATH)),
    /**
     * Managed policy set as the permissions boundary of every role (where an organization
     * requires one).
     *
     * @default - no permissions boundary
     */
    permissionsBoundaryArn: z.optional(arn(ArnKinds.iamPolicy)),
  },
  { error: objectError('an object { path?, permissionsBoundaryArn? }') },
);

/** ECS Exec sessions into the tasks that enable it (`taskRole.enableExecuteCommand`). */
const executeCommand = z.strictObject(
  {
    /** KMS key that encrypts the session data. @default - TLS only */
    kmsKeyArn: z.optional(arn(ArnKinds.kmsKey)),
    /**
     * KMS key of the session log group (its key policy must allow CloudWatch Logs).
     *
     * @default - CloudWatch Logs' own encryption
     */
    logKmsKeyArn: z.optional(arn(ArnKinds.kmsKey)),
    /** Days the session transcripts are kept. @default - the environment's logRetentionDays */
    logRetentionDays: z.optional(numberIn(LOG_RETENTION_DAYS, 'days')),
  },
  { error: objectError('an object { kmsKeyArn?, logKmsKeyArn?, logRetentionDays? }') },
);

/** Everything that differs between environments. */
export const EnvironmentSettingsSchema = z.strictObject({
  /** Environment name, e.g. `dev`. The stack is `fargate-runner-<name>`. */
  name: rule(ENVIRONMENT_NAME),
  /** AWS region, e.g. `eu-west-1`. */
  region,
  /**
   * The only account this environment may be applied to (the provider's `allowed_account_ids`),
   * so that a prod configuration is never applied with dev credentials.
   *
   * @default - any account
   */
  accountId: z.optional(rule(Patterns.accountId)),
  /** Tags on every resource (the provider's `default_tags`). @default - `{ environment: <name> }` */
  defaultTags: z.optional(tags),
  /** @default { type: 'local' } */
  backend: z.optional(backend),
  network,
  /** One execution role shared by all tasks, or one per task (per-task secrets stay isolated). */
  executionRoleSharing: oneOf(['shared', 'per-task']),
  executionRolePolicyMode: oneOf(['minimal', 'starter']),
  containerInsights: oneOf(['disabled', 'enabled', 'enhanced']),
  /** The capacity provider tasks run on. */
  capacity: oneOf(['FARGATE', 'FARGATE_SPOT']),
  /** Retention of every log group, in days. */
  logRetentionDays: numberIn(LOG_RETENTION_DAYS, 'days'),
  tasks: list(task, 'tasks'),
  runner,
  /** Report the runner's tasks that fail to start or exit non-zero. @default - not reported */
  taskFailures: z.optional(taskFailures),
  /** Path and permissions boundary of every role. @default - path "/", no boundary */
  roles: z.optional(roles),
  /**
   * ECS Exec sessions logged by the cluster (log group `/aws/ecs/<cluster>/execute-command`)
   * and optionally encrypted with a KMS key; the task roles that enable ECS Exec get exactly
   * that log group and key.
   *
   * @default - sessions over TLS only, not logged
   */
  executeCommand: z.optional(executeCommand),
});

/** Everything that differs between environments (derived from the schema). */
export type EnvironmentSettings = z.infer<typeof EnvironmentSettingsSchema>;
/** Where Terraform keeps the environment's state. */
export type BackendSettings = z.infer<typeof backend>;
/** Where the tasks run. */
export type NetworkSettings = z.infer<typeof network>;
/** One task the environment can run. */
export type TaskSettings = z.infer<typeof task>;
/** The runner of the environment. */
export type RunnerSettings = z.infer<typeof runner>;
/** How the runner's failed tasks are reported. */
export type TaskFailureSettings = z.infer<typeof taskFailures>;
/** Path and permissions boundary of every role. */
export type RoleSettings = z.infer<typeof roles>;

/** The prefix of every name: `<app>-<environment>-<purpose>`. */
export const APP_NAME = 'fargate-runner';

/** The stack of an environment. */
export const stackName = (environment: string) => `${APP_NAME}-${environment}`;
