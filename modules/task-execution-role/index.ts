import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ArnKinds, checkArn, checkArns } from '../../src/aws/arn';
import { AwsContext } from '../../src/aws/context';
import { checkLogGroupName } from '../../src/aws/logs';
import { checkSecretReference, parseSecretReference } from '../../src/aws/secrets';
import { Problems } from '../../src/errors';
import { checkOneOf } from '../../src/validation';
import { Grant, type IGrantable, type IPrincipal } from '../../src/iam/grant';
import { checkRoleOptions, ServiceRole, type RoleOptions } from '../../src/iam/service-role';
import { TrustedServices } from '../../src/iam/trust';
import { checkRoleName } from '../../src/naming';
import {
  EXECUTION_ROLE_POLICY_MODES,
  executionRoleStatements,
  STARTER_POLICY,
  type ExecutionRoleNeeds,
  type ExecutionRolePolicyMode,
} from './statements';

export {
  EXECUTION_ROLE_POLICY_MODES,
  STARTER_POLICY,
  type ExecutionRolePolicyMode,
} from './statements';

/** Properties of a {@link TaskExecutionRole}. */
export interface TaskExecutionRoleProps extends RoleOptions {
  /** Name of the role: 1 to 64 characters of letters, digits and `+=,.@_-`. */
  readonly roleName: string;
  /**
   * `minimal` grants ECR and CloudWatch Logs on exactly the repositories and log groups the
   * tasks use; `starter` attaches the AWS managed `AmazonECSTaskExecutionRolePolicy` (ECR and
   * logs on `*`). Secrets are granted exactly in both modes.
   *
   * @default 'minimal'
   */
  readonly policyMode?: ExecutionRolePolicyMode;
  /**
   * ECR repositories the tasks pull images from, by ARN. Task definitions add the
   * repositories of their images themselves.
   *
   * @default - none
   */
  readonly repositoryArns?: readonly string[];
  /**
   * Log groups the awslogs driver writes to, by name (in the stack's account and region).
   *
   * @default - none
   */
  readonly logGroupNames?: readonly string[];
  /**
   * Let the awslogs driver create the log groups (`awslogs-create-group: true`): adds
   * `logs:CreateLogGroup` on exactly those log groups.
   *
   * @default false
   */
  readonly allowCreateLogGroup?: boolean;
  /**
   * Secrets Manager secrets injected into containers, by ARN. A complete ARN (with the
   * six-character suffix AWS appends) is granted as is; a partial ARN as `<arn>-??????`.
   *
   * @default - none
   */
  readonly secretArns?: readonly string[];
  /**
   * SSM parameters injected into containers, by ARN.
   *
   * @default - none
   */
  readonly parameterArns?: readonly string[];
  /**
   * Customer managed KMS keys that encrypt those secrets or parameters: `kms:Decrypt` on
   * exactly these keys, only through Secrets Manager or SSM (`kms:ViaService`).
   *
   * @default - none (secrets encrypted with the AWS managed key need no KMS permission)
   */
  readonly kmsKeyArns?: readonly string[];
  /**
   * Secrets Manager secrets holding credentials for private (non-ECR) registries, by ARN
   * (the task definition's `repositoryCredentials`).
   *
   * @default - none
   */
  readonly repositoryCredentialsSecretArns?: readonly string[];
  /**
   * The tasks pull only public images (Docker Hub, ECR Public, …), which need no permission.
   * In `minimal` mode, a role with nothing to pull and no public image noted is an error:
   * it would leave tasks unable to start.
   *
   * @default false
   */
  readonly usesPublicImages?: boolean;
}

/**
 * The task execution role: the role the ECS agent uses to start a task — pull its images,
 * write its logs, fetch its secrets. Not the role the application uses (that is the
 * {@link TaskRole}).
 *
 * Use one role per task definition (per-task secrets stay isolated) or share one among
 * several: task definitions add what they use through the grant methods, and the role's
 * policy is the union of what its task definitions use, nothing more.
 */
export class TaskExecutionRole extends Construct implements IGrantable {
  /** The IAM role. */
  readonly role: ServiceRole;
  /** The role's name. */
  readonly roleName: string;
  /** The role's ARN as a reference to the role resource. */
  readonly roleArn: string;
  /** The role's ARN built from its name: use it inside policies (see {@link ServiceRole.arnForPolicies}). */
  readonly arnForPolicies: string;
  readonly policyMode: ExecutionRolePolicyMode;
  readonly grantPrincipal: IPrincipal;

  private readonly context: AwsContext;
  private readonly needs = {
    repositories: new Set<string>(),
    logGroups: new Set<string>(),
    createLogGroups: false,
    secrets: new Set<string>(),
    parameters: new Set<string>(),
    registryCredentials: new Set<string>(),
    kmsKeys: new Set<string>(),
  };
  private readonly publicImages = new Set<string>();
  private policyProduced = false;

  constructor(scope: Construct, id: string, props: TaskExecutionRoleProps) {
    super(scope, id);
    checkProps(props).throwIfAny(this.node.path);

    this.policyMode = props.policyMode ?? 'minimal';
    this.context = AwsContext.of(this);
    this.role = new ServiceRole(this, 'Role', {
      ...props,
      assumedBy: TrustedServices.ecsTasks,
      policyName: 'task-execution',
      description:
        props.description ??
        'ECS task execution role: pulls images, writes logs and reads secrets for the ECS agent',
    });
    this.roleName = this.role.roleName;
    this.roleArn = this.role.roleArn;
    this.arnForPolicies = this.role.arnForPolicies;
    this.grantPrincipal = this.role;
    if (this.policyMode === 'starter') {
      this.role.addManagedPolicy(
        this.context.awsManagedPolicyArn(STARTER_POLICY),
        'AmazonECSTaskExecutionRolePolicy',
      );
    }

    this.needs.createLogGroups = props.allowCreateLogGroup ?? false;
    this.record({
      repositories: new Set(props.repositoryArns),
      logGroups: new Set(props.logGroupNames),
      secrets: new Set(props.secretArns?.map((arn) => secretPolicyArn(arn))),
      parameters: new Set(props.parameterArns),
      registryCredentials: new Set(
        props.repositoryCredentialsSecretArns?.map((arn) => secretPolicyArn(arn)),
      ),
      kmsKeys: new Set(props.kmsKeyArns),
    });
    if (props.usesPublicImages) this.publicImages.add('(usesPublicImages)');

    this.node.addValidation({ validate: () => this.validateNeeds() });
  }

  /**
   * Grants `grantee` `iam:PassRole` of exactly this role, only to ECS tasks (see
   * {@link ServiceRole.grantPassRole}).
   */
  grantPassRole(grantee: IGrantable): Grant {
    return this.role.grantPassRole(grantee);
  }

  /** Grants pulling images from an ECR repository (nothing in `starter` mode: the managed policy covers it). */
  grantPull(repositoryArn: string): Grant {
    this.validate((p) =>
      checkArn(p, 'grantPull(repositoryArn)', repositoryArn, ArnKinds.ecrRepository),
    );
    return this.record({ repositories: new Set([repositoryArn]) });
  }

  /** Grants creating streams in and writing to a log group, by name. */
  grantLogWrite(logGroupName: string): Grant {
    this.validate((p) => checkLogGroupName(p, 'grantLogWrite(logGroupName)', logGroupName));
    return this.record({ logGroups: new Set([logGroupName]) });
  }

  /**
   * Grants reading a secret injected into a container: a Secrets Manager secret ARN (also in
   * the `:json-key:version-stage:version-id` form ECS accepts) or an SSM parameter ARN. A
   * Terraform expression is granted as a Secrets Manager secret.
   */
  grantSecretRead(secretOrParameterArn: string): Grant {
    const reference = this.validate((p) =>
      checkSecretReference(p, 'grantSecretRead(secretOrParameterArn)', secretOrParameterArn),
    );
    return reference?.service === 'ssm'
      ? this.record({ parameters: new Set([reference.resourceArn]) })
      : this.record({ secrets: new Set([reference?.resourceArn ?? secretOrParameterArn]) });
  }

  /** Grants reading the Secrets Manager secret that holds a private registry's credentials. */
  grantRegistryCredentials(secretArn: string): Grant {
    const reference = this.validate((p) =>
      checkSecretReference(p, 'grantRegistryCredentials(secretArn)', secretArn, ['secretsmanager']),
    );
    return this.record({ registryCredentials: new Set([reference?.resourceArn ?? secretArn]) });
  }

  /**
   * Grants `kms:Decrypt` on a customer managed key that encrypts the secrets or parameters,
   * only through the services the role reads them from (`kms:ViaService`).
   */
  grantDecrypt(kmsKeyArn: string): Grant {
    this.validate((p) => checkArn(p, 'grantDecrypt(kmsKeyArn)', kmsKeyArn, ArnKinds.kmsKey));
    return this.record({ kmsKeys: new Set([kmsKeyArn]) });
  }

  /** Notes that a task uses a public image, which needs no permission (see `usesPublicImages`). */
  notePublicImage(image: string): void {
    this.publicImages.add(image);
  }

  /** The statements of the role's own policy for what it has been granted so far. */
  get statements() {
    return executionRoleStatements(this.needs, this.policyMode, this.context);
  }

  /** Adds a need and returns the statements it contributes on its own. */
  private record(need: Partial<ExecutionRoleNeeds>): Grant {
    for (const key of [
      'repositories',
      'logGroups',
      'secrets',
      'parameters',
      'registryCredentials',
      'kmsKeys',
    ] as const) {
      need[key]?.forEach((value) => this.needs[key].add(value));
    }
    if (!this.policyProduced && this.statements.length > 0) {
      this.policyProduced = true;
      this.role.addStatementsProducer(() => this.statements);
    }
    const alone = executionRoleStatements(
      { ...emptyNeeds(this.needs.createLogGroups), ...need },
      this.policyMode,
      this.context,
    );
    return new Grant(this.role, alone);
  }

  private validate<T>(run: (problems: Problems) => T): T {
    return Problems.validate(this.node.path, run);
  }

  private validateNeeds(): string[] {
    const problems = new Problems();
    const { repositories, registryCredentials, secrets, parameters, kmsKeys } = this.needs;
    if (this.policyMode === 'minimal') {
      problems.check(repositories.size + registryCredentials.size + this.publicImages.size > 0, {
        property: 'repositoryArns',
        received: [...repositories],
        reason: 'is empty and no public image is noted, so tasks could pull no image',
        allowed:
          'at least one ECR repository (repositoryArns or a task definition with an ECR image), registry credentials, or usesPublicImages: true',
      });
    }
    problems.check(
      kmsKeys.size === 0 || secrets.size + parameters.size + registryCredentials.size > 0,
      {
        property: 'kmsKeyArns',
        received: [...kmsKeys],
        reason: 'is set but the role reads no secret or parameter to decrypt',
        allowed: 'KMS keys only together with the secrets or parameters they encrypt',
      },
    );
    return problems.toMessages();
  }
}

/** The ARN to grant for a Secrets Manager secret given in a property (already validated). */
function secretPolicyArn(arn: string): string {
  const reference = parseSecretReference(arn);
  return typeof reference === 'string' ? arn : reference.resourceArn;
}

function emptyNeeds(createLogGroups: boolean): ExecutionRoleNeeds {
  return {
    repositories: new Set(),
    logGroups: new Set(),
    createLogGroups,
    secrets: new Set(),
    parameters: new Set(),
    registryCredentials: new Set(),
    kmsKeys: new Set(),
  };
}

function checkProps(props: TaskExecutionRoleProps): Problems {
  const problems = new Problems();
  checkRoleName(problems, 'roleName', props.roleName);
  checkRoleOptions(problems, props);
  checkOneOf(problems, 'policyMode', props.policyMode, EXECUTION_ROLE_POLICY_MODES);
  checkArns(problems, 'repositoryArns', props.repositoryArns, ArnKinds.ecrRepository);
  if (!Token.isUnresolved(props.logGroupNames)) {
    props.logGroupNames?.forEach((name, i) =>
      checkLogGroupName(problems, `logGroupNames[${i}]`, name),
    );
  }
  checkArns(problems, 'secretArns', props.secretArns, ArnKinds.secretsManagerSecret);
  checkArns(problems, 'parameterArns', props.parameterArns, ArnKinds.ssmParameter);
  checkArns(problems, 'kmsKeyArns', props.kmsKeyArns, ArnKinds.kmsKey);
  checkArns(
    problems,
    'repositoryCredentialsSecretArns',
    props.repositoryCredentialsSecretArns,
    ArnKinds.secretsManagerSecret,
  );
  return problems;
}
