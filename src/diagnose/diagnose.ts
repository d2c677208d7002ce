import { familyOf, type StoppedContainer, type StoppedTask } from './task';

/** What kind of cause a diagnosis names. */
export type DiagnosisKind =
  | 'access-denied'
  | 'no-route'
  | 'log-group-missing'
  | 'image-not-found'
  | 'registry-rate-limit'
  | 'secret-not-found'
  | 'disk-full'
  | 'out-of-memory'
  | 'exit-code'
  | 'spot-interruption'
  | 'not-a-failure'
  | 'unknown';

/** Which of the task's two roles a denied action was attempted with. */
export type TaskRoleKind = 'execution' | 'task';

/** One cause found in a stopped task, and what to change. */
export interface Diagnosis {
  readonly kind: DiagnosisKind;
  /** One plain sentence: what happened. */
  readonly summary: string;
  /** The role that was denied (access-denied only). */
  readonly role?: TaskRoleKind;
  /** The role's name, from the denied principal's ARN. */
  readonly roleName?: string;
  /** The denied action, e.g. `secretsmanager:GetSecretValue`. */
  readonly action?: string;
  /** The resource the action was denied on, as the message names it. */
  readonly resource?: string;
  /** The AWS service the task could not reach (no-route only). */
  readonly service?: string;
  /** The container the cause belongs to, when it is a container's. */
  readonly container?: string;
  /** What to change: the module option or setting, or the next step. */
  readonly fix: string;
  /** The reason text the diagnosis is based on, verbatim. */
  readonly evidence: string;
}

/** The diagnosis of one stopped task. */
export interface TaskDiagnosis {
  readonly taskArn?: string;
  readonly family?: string;
  readonly startedBy?: string;
  readonly stoppedAt?: string;
  readonly stopCode?: string;
  readonly stoppedReason?: string;
  /** False when the task stopped as intended (stopped by a user, or every essential container exited 0). */
  readonly failed: boolean;
  readonly diagnoses: readonly Diagnosis[];
}

/** What the deployment knows that a stopped task does not say. All optional. */
export interface DiagnosisContext {
  /** Whether the runner gives tasks a public IP. @default - unknown: both cases explained */
  readonly assignPublicIp?: boolean;
  /** The tasks' subnets, named in network diagnoses. */
  readonly subnetIds?: readonly string[];
  /** Essential container names by task definition family: other containers' exits are not failures. */
  readonly essentialContainers?: Readonly<Record<string, readonly string[]>>;
  /** Role kinds by role name, to tell the execution role from the task role for certain. */
  readonly roles?: Readonly<Record<string, TaskRoleKind>>;
  /** The log group of each task definition family, named where the application's output is. */
  readonly logGroups?: Readonly<Record<string, string>>;
}

/** Stop codes of tasks that stopped because someone or something asked them to. */
const INTENDED_STOPS = new Set(['UserInitiated', 'ServiceSchedulerInitiated']);

/**
 * Explains why a task stopped: which role was denied which action on which resource and the
 * option that grants it, that the subnets have no route to a service the ECS agent needs, or
 * which essential container exited with which code. A reason it does not recognise is reported
 * as unknown, with the reason verbatim: it never guesses.
 */
export function diagnoseTask(task: StoppedTask, context: DiagnosisContext = {}): TaskDiagnosis {
  const family = familyOf(task.taskDefinitionArn);
  const base = {
    taskArn: task.taskArn,
    family,
    startedBy: task.startedBy,
    stoppedAt: task.stoppedAt,
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
  };
  if (task.stopCode && INTENDED_STOPS.has(task.stopCode)) {
    return {
      ...base,
      failed: false,
      diagnoses: [
        {
          kind: 'not-a-failure',
          summary: `The task was stopped on request (${task.stopCode}).`,
          fix: 'Nothing to fix.',
          evidence: task.stoppedReason ?? task.stopCode,
        },
      ],
    };
  }
  if (task.stopCode === 'SpotInterruption') {
    return {
      ...base,
      failed: true,
      diagnoses: [
        {
          kind: 'spot-interruption',
          summary: 'Fargate Spot took the capacity back: the task was interrupted, not at fault.',
          fix: "Run the task again; for tasks that must finish, run them on FARGATE (the environment setting `capacity`, or the runner's `capacityProviderStrategy`).",
          evidence: task.stoppedReason ?? task.stopCode,
        },
      ],
    };
  }

  // The agent's own errors: in the task's stoppedReason, or in a container's reason.
  const reasons: Array<{ text: string; container?: string }> = [
    ...(task.stoppedReason ? [{ text: task.stoppedReason }] : []),
    ...task.containers.flatMap((c) => (c.reason ? [{ text: c.reason, container: c.name }] : [])),
  ];
  const found: Diagnosis[] = [];
  for (const reason of reasons) {
    const diagnosis = diagnoseReason(reason.text, context);
    if (diagnosis && !found.some((d) => sameCause(d, diagnosis))) {
      found.push(reason.container ? { ...diagnosis, container: reason.container } : diagnosis);
    }
  }

  const exits = failedExits(task, family, context);
  for (const container of exits) {
    if (!found.some((d) => d.container === container.name && d.kind === 'out-of-memory')) {
      found.push(exitDiagnosis(container, family ? context.logGroups?.[family] : undefined));
    }
  }

  if (found.length > 0) return { ...base, failed: true, diagnoses: found };

  const essentialExitedCleanly =
    task.stopCode === 'EssentialContainerExited' && exits.length === 0 && allExited(task);
  if (essentialExitedCleanly) {
    return {
      ...base,
      failed: false,
      diagnoses: [
        {
          kind: 'not-a-failure',
          summary: 'The essential containers exited with code 0: the task finished.',
          fix: 'Nothing to fix.',
          evidence: task.stoppedReason ?? 'EssentialContainerExited',
        },
      ],
    };
  }
  return {
    ...base,
    failed: true,
    diagnoses: [
      {
        kind: 'unknown',
        summary: 'Unknown reason: the diagnosis does not recognise why this task stopped.',
        fix: 'Read the stopped reason and each container\'s reason and exit code (`aws ecs describe-tasks`) and the task\'s logs; AWS lists stopped-task errors under "Amazon ECS stopped task error messages".',
        evidence:
          [task.stoppedReason, ...task.containers.map((c) => c.reason)]
            .filter(Boolean)
            .join(' | ') || '(no stopped reason)',
      },
    ],
  };
}

function sameCause(a: Diagnosis, b: Diagnosis): boolean {
  return (
    a.kind === b.kind &&
    a.action === b.action &&
    a.resource === b.resource &&
    a.service === b.service
  );
}

function allExited(task: StoppedTask): boolean {
  return task.containers.length > 0 && task.containers.every((c) => c.exitCode !== undefined);
}

/** Containers that exited non-zero and count: every one, or only the essential ones when known. */
function failedExits(
  task: StoppedTask,
  family: string | undefined,
  context: DiagnosisContext,
): StoppedContainer[] {
  const essential = family ? context.essentialContainers?.[family] : undefined;
  return task.containers.filter(
    (c) =>
      c.exitCode !== undefined &&
      c.exitCode !== 0 &&
      (essential === undefined || essential.includes(c.name)),
  );
}

function exitDiagnosis(container: StoppedContainer, logGroup: string | undefined): Diagnosis {
  const code = container.exitCode ?? -1;
  const evidence = container.reason
    ? `exit code ${code}: ${container.reason}`
    : `exit code ${code}`;
  if (code === 137 && /OutOfMemory/i.test(container.reason ?? '')) {
    return {
      kind: 'out-of-memory',
      container: container.name,
      summary: `Container "${container.name}" ran out of memory and was killed (exit code 137).`,
      fix: "Raise the task's `memoryMiB` (a size Fargate offers for its `cpu`), or lower what the application holds in memory.",
      evidence,
    };
  }
  const meaning =
    code === 137
      ? ' (SIGKILL: killed, e.g. not stopping within its stop timeout)'
      : code === 139
        ? ' (SIGSEGV: the process crashed)'
        : code === 143
          ? ' (SIGTERM: asked to stop)'
          : '';
  return {
    kind: 'exit-code',
    container: container.name,
    summary: `Essential container "${container.name}" exited with code ${code}${meaning}.`,
    fix: `The application failed: read its output in ${logGroup ? `the log group ${logGroup}` : "the task's log stream (awslogs)"}. If it shows AccessDenied for an AWS call, that is the task role: grant it with the task definition's \`taskRolePermissions\` (environment setting \`tasks[].taskRole\`).`,
    evidence,
  };
}

// --- the agent's stopped reasons -------------------------------------------------------------

const DENIED =
  /(?:User: )?(arn:[\w-]+:(?:sts|iam)::\d{12}:[^\s]+) is not authorized to perform: ([a-z0-9-]+:[A-Za-z0-9*]+)(?: on resource: ([^\s]+))?/;

/** The agent's work that runs as the execution role: these reasons come from the agent. */
const AGENT_REASON =
  /ResourceInitializationError|CannotPullContainerError|CannotStartContainerError|CannotCreateContainerError|unable to pull secrets|failed to validate logger args/i;

function diagnoseReason(reason: string, context: DiagnosisContext): Diagnosis | undefined {
  const denied = reason.match(DENIED);
  if (denied) return accessDenied(reason, denied[1], denied[2], denied[3], context);
  if (/Access to KMS is not allowed/i.test(reason)) {
    return {
      kind: 'access-denied',
      role: 'execution',
      action: 'kms:Decrypt',
      resource: 'the KMS key that encrypts the secret (the message does not name it)',
      summary:
        'The execution role may read the secret but not decrypt it: it may not use the customer managed KMS key that encrypts the secret (kms:Decrypt).',
      fix: "Add the key to the execution role's `kmsKeyArns` (TaskExecutionRole); the key's key policy must also allow the role (or delegate to IAM).",
      evidence: reason,
    };
  }
  if (/log group does not exist|ResourceNotFoundException.*log group/i.test(reason)) {
    return {
      kind: 'log-group-missing',
      summary:
        "The awslogs log driver could not start: the task definition's log group does not exist.",
      fix: 'Let the task definition create its log group (leave `logging.logGroupName` unset on FargateTaskDefinition), or create the named group before the task runs.',
      evidence: reason,
    };
  }
  if (
    /Secrets Manager can't find the specified secret|ResourceNotFoundException.*secret/i.test(
      reason,
    )
  ) {
    return {
      kind: 'secret-not-found',
      summary:
        'A secret the task definition references does not exist (wrong ARN, another region or account, or deleted).',
      fix: "Correct the ARN in the container's `secrets` (environment setting `tasks[].secrets`).",
      evidence: reason,
    };
  }
  const service = unreachableService(reason);
  if (service) return noRoute(reason, service, context);
  if (/toomanyrequests|pull rate limit/i.test(reason)) {
    return {
      kind: 'registry-rate-limit',
      summary: "The image registry refused the pull: Docker Hub's pull rate limit was reached.",
      fix: 'Pull the image from Amazon ECR (a private repository, ECR Public, or an ECR pull-through cache rule) instead of Docker Hub.',
      evidence: reason,
    };
  }
  if (/no space left on device/i.test(reason)) {
    return {
      kind: 'disk-full',
      summary: "The image did not fit: no space was left on the task's storage while pulling it.",
      fix: 'Make the image smaller, or give the task more ephemeral storage.',
      evidence: reason,
    };
  }
  if (
    /CannotPullContainerError/.test(reason) &&
    /403 Forbidden|can.t pull the image\. Check that the role/i.test(reason)
  ) {
    const image = imageOf(reason);
    return {
      kind: 'access-denied',
      role: 'execution',
      action: 'ecr:BatchGetImage',
      ...(image && { resource: image }),
      summary: `The execution role may not pull ${image ?? 'the image'} (ecr:BatchGetImage): the registry answered 403 Forbidden.`,
      fix: "Reference the image by its ECR URI in the container's `image` (the execution role is then granted pull on exactly that repository), or add the repository to the execution role's `repositoryArns`; an image in another account also needs that repository's policy to allow the role.",
      evidence: reason,
    };
  }
  if (
    /CannotPullContainerError/.test(reason) &&
    /not found|manifest unknown|repository does not exist|\(404\)/i.test(reason)
  ) {
    const image = imageOf(reason);
    return {
      kind: 'image-not-found',
      summary: `The image${image ? ` ${image}` : ''} does not exist: no such repository or tag in the registry.`,
      fix: "Correct the container's `image` (repository URI, tag or digest), or push the image before running the task.",
      evidence: reason,
    };
  }
  return undefined;
}

function accessDenied(
  reason: string,
  principal: string,
  action: string,
  resource: string | undefined,
  context: DiagnosisContext,
): Diagnosis {
  const roleName = principal.match(/:(?:assumed-role|role)\/(?:.*\/)?([^/]+?)(?:\/[^/]*)?$/)?.[1];
  const assumed = principal.match(/:assumed-role\/([^/]+)\//)?.[1] ?? roleName;
  const known = assumed ? context.roles?.[assumed] : undefined;
  const role: TaskRoleKind | undefined =
    known ?? (AGENT_REASON.test(reason) ? 'execution' : undefined);
  const roleText = role
    ? `The ${role} role${assumed ? ` ${assumed}` : ''}`
    : `The role ${assumed ?? principal}`;
  return {
    kind: 'access-denied',
    ...(role && { role }),
    ...(assumed && { roleName: assumed }),
    action,
    ...(resource && { resource }),
    summary: `${roleText} may not perform ${action}${resource ? ` on ${resource}` : ''}.`,
    fix: grantFor(action, resource, role),
    evidence: reason,
  };
}

/** The module option that grants an action, by action. */
function grantFor(
  action: string,
  resource: string | undefined,
  role: TaskRoleKind | undefined,
): string {
  const on = resource ? ` on exactly ${resource}` : '';
  if (role === 'task') {
    return `Grant ${action}${on} to the task role: the task definition's \`taskRolePermissions\` (environment setting \`tasks[].taskRole\`), e.g. its \`statements\`.`;
  }
  switch (action) {
    case 'secretsmanager:GetSecretValue':
      return `Add the secret to the container's \`secrets\` (environment setting \`tasks[].secrets\`): the execution role is then granted secretsmanager:GetSecretValue${on}. A role shared or made elsewhere: TaskExecutionRole \`secretArns\`.`;
    case 'ssm:GetParameters':
    case 'ssm:GetParameter':
      return `Add the parameter to the container's \`secrets\` by its ARN (environment setting \`tasks[].secrets\`): the execution role is then granted ssm:GetParameters${on}. A role shared or made elsewhere: TaskExecutionRole \`parameterArns\`.`;
    case 'kms:Decrypt':
      return `Add the key to the execution role's \`kmsKeyArns\` (TaskExecutionRole): it is then granted kms:Decrypt${on}; the key's key policy must also allow the role.`;
    case 'ecr:GetAuthorizationToken':
      return "The execution role is granted ecr:GetAuthorizationToken (on `*`, the one action that needs it) with any private ECR image: reference the image by its ECR URI in the container's `image`, or set TaskExecutionRole `repositoryArns`; `policyMode: 'starter'` includes it too.";
    case 'ecr:BatchGetImage':
    case 'ecr:GetDownloadUrlForLayer':
    case 'ecr:BatchCheckLayerAvailability':
      return `Reference the image by its ECR URI in the container's \`image\`: the execution role is then granted pull${on}; or add the repository to TaskExecutionRole \`repositoryArns\`. An image in another account also needs the repository's policy to allow the role.`;
    case 'logs:CreateLogStream':
    case 'logs:PutLogEvents':
      return `The task definition grants its execution role the log group its containers write to (\`logging\`); a role shared or made elsewhere: TaskExecutionRole \`logGroupNames\`.`;
    default:
      return `No option of these modules grants ${action} to the execution role: check what the task definition references that needs it.`;
  }
}

// --- the network -----------------------------------------------------------------------------

const TIMEOUT =
  /i\/o timeout|context deadline exceeded|context canceled|RequestCanceled|request canceled|Client\.Timeout|connection timed out|dial tcp|signal: killed/i;

/** The AWS service a network timeout in the reason was talking to, or undefined when none. */
function unreachableService(reason: string): string | undefined {
  if (!TIMEOUT.test(reason)) return undefined;
  if (/starport-layer-bucket|\.s3[.-]|amazonaws\.com\/.*layer/i.test(reason))
    return 'S3 (ECR image layers)';
  if (/ecr registry auth|api\.ecr\.|\.dkr\.ecr\.|ecr\b/i.test(reason)) return 'Amazon ECR';
  if (/\basm\b|secrets ?manager/i.test(reason)) return 'AWS Secrets Manager';
  if (/\bssm\b/i.test(reason)) return 'AWS Systems Manager Parameter Store';
  if (/logger|logs\./i.test(reason)) return 'Amazon CloudWatch Logs';
  if (/pull secrets or registry auth/i.test(reason)) return 'Amazon ECR or AWS Secrets Manager';
  if (/CannotPullContainerError/.test(reason)) return 'the image registry';
  return undefined;
}

const ENDPOINTS: Record<string, string> = {
  'S3 (ECR image layers)': 'an S3 gateway endpoint (ECR serves image layers from S3)',
  'Amazon ECR': 'interface endpoints ecr.api and ecr.dkr, and an S3 gateway endpoint',
  'AWS Secrets Manager': 'an interface endpoint secretsmanager',
  'AWS Systems Manager Parameter Store': 'an interface endpoint ssm',
  'Amazon CloudWatch Logs': 'an interface endpoint logs',
  'Amazon ECR or AWS Secrets Manager':
    'interface endpoints ecr.api, ecr.dkr and secretsmanager, and an S3 gateway endpoint',
  'the image registry':
    'for Amazon ECR, interface endpoints ecr.api and ecr.dkr and an S3 gateway endpoint (a registry outside AWS needs a NAT gateway or a public IP)',
};

function noRoute(reason: string, service: string, context: DiagnosisContext): Diagnosis {
  const subnets = context.subnetIds?.length ? ` (${context.subnetIds.join(', ')})` : '';
  const endpoints = ENDPOINTS[service];
  const privateFix = `give the subnets a route 0.0.0.0/0 to a NAT gateway, or add VPC endpoints: ${endpoints}; interface endpoints' security group must allow HTTPS (443) from the tasks`;
  const publicFix =
    "the subnets' route table needs 0.0.0.0/0 to an internet gateway (a public IP in a private subnet reaches nothing)";
  const fix =
    context.assignPublicIp === false
      ? `Public IP is off, so ${privateFix}. Or run the tasks in public subnets with \`assignPublicIp\` (environment setting \`network.assignPublicIp\`).`
      : context.assignPublicIp === true
        ? `Public IP is on, so ${publicFix}.`
        : `With public IP off (the runner's \`assignPublicIp\`, default false): ${privateFix}. With public IP on: ${publicFix}.`;
  return {
    kind: 'no-route',
    service,
    summary: `The task's subnets${subnets} have no route to ${service}: the connection timed out while the ECS agent started the task.`,
    fix: `${fix} The tasks' security group must allow outbound HTTPS.`,
    evidence: reason,
  };
}

function imageOf(reason: string): string | undefined {
  return (
    reason.match(
      /failed to resolve ref "?([^\s":]+(?::[^\s":@]+)?(?:@sha256:[0-9a-f]+)?)"?/,
    )?.[1] ??
    reason.match(/repository ([^\s]+) not found/)?.[1] ??
    reason.match(/pull access denied for ([^\s,]+)/)?.[1]
  );
}
