import { type AwsContext } from '../../src/aws/context';
import { logGroupArn, logStreamsArn } from '../../src/aws/logs';
import { mapItems } from '../../src/iam/expression';
import { type PolicyStatement } from '../../src/iam/statement';

/**
 * How the execution role gets its ECR and CloudWatch Logs permissions:
 * - `minimal`: statements on exactly the repositories and log groups the tasks use;
 * - `starter`: the AWS managed `AmazonECSTaskExecutionRolePolicy` (ECR and logs on `*`), the
 *   quick start of every tutorial.
 *
 * Secrets, parameters, keys and registry credentials are granted exactly in both modes: the
 * managed policy does not cover them.
 */
export type ExecutionRolePolicyMode = 'minimal' | 'starter';
export const EXECUTION_ROLE_POLICY_MODES: readonly ExecutionRolePolicyMode[] = [
  'minimal',
  'starter',
];

/** The managed policy of `starter` mode, by its path and name. */
export const STARTER_POLICY = 'service-role/AmazonECSTaskExecutionRolePolicy';

/** What the ECS agent does with the execution role on behalf of the tasks that use it. */
export interface ExecutionRoleNeeds {
  /** ECR repository ARNs to pull images from. */
  readonly repositories: ReadonlySet<string>;
  /** Names of log groups the awslogs driver writes to. */
  readonly logGroups: ReadonlySet<string>;
  /** Whether the awslogs driver may create the log groups (`awslogs-create-group`). */
  readonly createLogGroups: boolean;
  /** Secrets Manager secret ARNs (policy form) injected as container secrets. */
  readonly secrets: ReadonlySet<string>;
  /** SSM parameter ARNs injected as container secrets. */
  readonly parameters: ReadonlySet<string>;
  /** Secrets Manager secret ARNs holding private registry credentials. */
  readonly registryCredentials: ReadonlySet<string>;
  /** Customer managed KMS key ARNs that encrypt those secrets and parameters. */
  readonly kmsKeys: ReadonlySet<string>;
}

export const ECR_PULL_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
];

/**
 * The execution role's statements for what its tasks use, nothing more. Pure: the same needs
 * give the same statements, so a shared role's policy is the union of its tasks' needs.
 */
export function executionRoleStatements(
  needs: ExecutionRoleNeeds,
  mode: ExecutionRolePolicyMode,
  context: AwsContext,
): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const add = (
    sid: string,
    actions: string[],
    resources: Iterable<string>,
    conditions?: PolicyStatement['conditions'],
  ) => {
    const list = [...resources];
    if (list.length > 0)
      statements.push({ sid, actions, resources: list, ...(conditions && { conditions }) });
  };
  const logGroups = [...needs.logGroups];

  if (mode === 'minimal') {
    // GetAuthorizationToken has no resource type: `*` is the only resource it accepts.
    if (needs.repositories.size > 0)
      add('EcrAuthorizationToken', ['ecr:GetAuthorizationToken'], ['*']);
    add('EcrPull', ECR_PULL_ACTIONS, needs.repositories);
    add(
      'LogsWrite',
      ['logs:CreateLogStream', 'logs:PutLogEvents'],
      mapItems(logGroups, (name) => logStreamsArn(context, name)),
    );
  }
  if (needs.createLogGroups) {
    add(
      'LogsCreateGroup',
      ['logs:CreateLogGroup'],
      mapItems(logGroups, (name) => logGroupArn(context, name)),
    );
  }
  add('SecretsRead', ['secretsmanager:GetSecretValue'], needs.secrets);
  add('ParametersRead', ['ssm:GetParameters'], needs.parameters);
  add('RegistryCredentialsRead', ['secretsmanager:GetSecretValue'], needs.registryCredentials);

  const decryptingServices = [
    ...(needs.secrets.size + needs.registryCredentials.size > 0 ? ['secretsmanager'] : []),
    ...(needs.parameters.size > 0 ? ['ssm'] : []),
  ];
  if (decryptingServices.length > 0) {
    add('KmsDecrypt', ['kms:Decrypt'], needs.kmsKeys, {
      StringEquals: {
        'kms:ViaService': decryptingServices.map((service) => context.serviceHost(service)),
      },
    });
  }
  return statements;
}
