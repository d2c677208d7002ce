import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ArnKinds, checkArn, checkArns, type ArnKind } from '../../src/aws/arn';
import { checkSecretReference } from '../../src/aws/secrets';
import { Problems } from '../../src/errors';
import { Grant, type IGrantable, type IPrincipal } from '../../src/iam/grant';
import { checkRoleOptions, ServiceRole, type RoleOptions } from '../../src/iam/service-role';
import { type PolicyStatement } from '../../src/iam/statement';
import { TrustedServices } from '../../src/iam/trust';
import { checkStatements } from '../../src/iam/validate';
import { checkRoleName } from '../../src/naming';
import { isListTokenElement } from '../../src/tokens';
import { TaskRoleStatements, type S3Location } from './statements';

export { TaskRoleStatements, type S3Location } from './statements';

/** Properties of a {@link TaskRole}. */
export interface TaskRoleProps extends RoleOptions {
  /** Name of the role: 1 to 64 characters of letters, digits and `+=,.@_-`. */
  readonly roleName: string;
  /**
   * Application permissions as policy statements, for what the common grants below do not
   * cover. IAM policy variables such as `${aws:PrincipalTag/team}` are passed through literally.
   *
   * @default - none
   */
  readonly statements?: readonly PolicyStatement[];
  /**
   * Managed policies to attach, by ARN. Prefer statements: AWS managed policies grant far more
   * than a task uses.
   *
   * @default - none
   */
  readonly managedPolicyArns?: readonly string[];
  /**
   * S3 locations to read: `s3:GetObject` under the prefix, `s3:ListBucket` limited to it.
   *
   * @default - none
   */
  readonly s3ReadLocations?: readonly S3Location[];
  /**
   * S3 locations to write: `s3:PutObject` and `s3:AbortMultipartUpload` under the prefix.
   *
   * @default - none
   */
  readonly s3WriteLocations?: readonly S3Location[];
  /**
   * SNS topics to publish to, by ARN.
   *
   * @default - none
   */
  readonly snsPublishTopicArns?: readonly string[];
  /**
   * SQS queues to send to, by ARN.
   *
   * @default - none
   */
  readonly sqsSendQueueArns?: readonly string[];
  /**
   * SQS queues to receive and delete messages from, by ARN.
   *
   * @default - none
   */
  readonly sqsConsumeQueueArns?: readonly string[];
  /**
   * DynamoDB tables to read (items and indexes), by ARN.
   *
   * @default - none
   */
  readonly dynamodbReadTableArns?: readonly string[];
  /**
   * DynamoDB tables to write, by ARN.
   *
   * @default - none
   */
  readonly dynamodbWriteTableArns?: readonly string[];
  /**
   * Secrets Manager secrets the application reads at run time, by ARN (secrets injected as
   * environment variables are read by the execution role instead).
   *
   * @default - none
   */
  readonly secretArns?: readonly string[];
  /**
   * Allow ECS Exec into the task's containers: the SSM message channels, which have no
   * resource type. Enable only where someone needs a shell in production.
   *
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
}

/**
 * The task role: the role the application code in the container uses to call AWS. Not the
 * role the ECS agent uses to start the task (that is the {@link TaskExecutionRole}).
 *
 * Permissions are given as statements, managed policy ARNs, or the grants for the common
 * cases, each on exactly the resources named.
 */
export class TaskRole extends Construct implements IGrantable {
  /** The IAM role. */
  readonly role: ServiceRole;
  /** The role's name. */
  readonly roleName: string;
  /** The role's ARN as a reference to the role resource. */
  readonly roleArn: string;
  /** The role's ARN built from its name: use it inside policies (see {@link ServiceRole.arnForPolicies}). */
  readonly arnForPolicies: string;
  readonly grantPrincipal: IPrincipal;

  constructor(scope: Construct, id: string, props: TaskRoleProps) {
    super(scope, id);
    checkProps(props).throwIfAny(this.node.path);

    this.role = new ServiceRole(this, 'Role', {
      ...props,
      assumedBy: TrustedServices.ecsTasks,
      policyName: 'application',
      description:
        props.description ?? 'ECS task role: the permissions of the application in the container',
    });
    this.roleName = this.role.roleName;
    this.roleArn = this.role.roleArn;
    this.arnForPolicies = this.role.arnForPolicies;
    this.grantPrincipal = this.role;

    props.statements?.forEach((statement) => this.addToPolicy(statement));
    props.s3ReadLocations?.forEach((location) => this.grantS3Read(location));
    props.s3WriteLocations?.forEach((location) => this.grantS3Write(location));
    props.snsPublishTopicArns?.forEach((arn) => this.grantSnsPublish(arn));
    props.sqsSendQueueArns?.forEach((arn) => this.grantSqsSend(arn));
    props.sqsConsumeQueueArns?.forEach((arn) => this.grantSqsConsume(arn));
    props.dynamodbReadTableArns?.forEach((arn) => this.grantDynamoDbRead(arn));
    props.dynamodbWriteTableArns?.forEach((arn) => this.grantDynamoDbWrite(arn));
    props.secretArns?.forEach((arn) => this.grantSecretRead(arn));
    if (props.enableExecuteCommand) this.grantExecuteCommand();
  }

  /** Adds a statement to the role's policy. */
  addToPolicy(statement: PolicyStatement): Grant {
    this.validate((p) => checkStatements(p, 'addToPolicy(statement)', [statement]));
    return this.grant([statement]);
  }

  /** Grants reading objects under a prefix of a bucket (and listing that prefix). */
  grantS3Read(location: S3Location): Grant {
    this.validate((p) => checkS3Location(p, 'grantS3Read(location)', location));
    return this.grant(TaskRoleStatements.s3Read(location));
  }

  /** Grants writing objects under a prefix of a bucket. */
  grantS3Write(location: S3Location): Grant {
    this.validate((p) => checkS3Location(p, 'grantS3Write(location)', location));
    return this.grant(TaskRoleStatements.s3Write(location));
  }

  grantSnsPublish(topicArn: string): Grant {
    return this.grantOn(
      'grantSnsPublish(topicArn)',
      topicArn,
      ArnKinds.snsTopic,
      TaskRoleStatements.snsPublish,
    );
  }

  grantSqsSend(queueArn: string): Grant {
    return this.grantOn(
      'grantSqsSend(queueArn)',
      queueArn,
      ArnKinds.sqsQueue,
      TaskRoleStatements.sqsSend,
    );
  }

  grantSqsConsume(queueArn: string): Grant {
    return this.grantOn(
      'grantSqsConsume(queueArn)',
      queueArn,
      ArnKinds.sqsQueue,
      TaskRoleStatements.sqsConsume,
    );
  }

  grantDynamoDbRead(tableArn: string): Grant {
    return this.grantOn(
      'grantDynamoDbRead(tableArn)',
      tableArn,
      ArnKinds.dynamodbTable,
      TaskRoleStatements.dynamodbRead,
    );
  }

  grantDynamoDbWrite(tableArn: string): Grant {
    return this.grantOn(
      'grantDynamoDbWrite(tableArn)',
      tableArn,
      ArnKinds.dynamodbTable,
      TaskRoleStatements.dynamodbWrite,
    );
  }

  /** Grants reading a Secrets Manager secret at run time. */
  grantSecretRead(secretArn: string): Grant {
    // A list token (the ARNs of a Terraform variable) is not an ARN to check here.
    const reference = isListTokenElement(secretArn)
      ? undefined
      : this.validate((p) =>
          checkSecretReference(p, 'grantSecretRead(secretArn)', secretArn, ['secretsmanager']),
        );
    return this.grant(TaskRoleStatements.secretRead(reference?.resourceArn ?? secretArn));
  }

  /**
   * Grants `grantee` `iam:PassRole` of exactly this role, only to ECS tasks (see
   * {@link ServiceRole.grantPassRole}).
   */
  grantPassRole(grantee: IGrantable): Grant {
    return this.role.grantPassRole(grantee);
  }

  /** Grants what ECS Exec needs inside the task (the SSM message channels). */
  grantExecuteCommand(): Grant {
    return this.grant(TaskRoleStatements.executeCommand());
  }

  private grantOn(
    property: string,
    arn: string,
    kind: ArnKind,
    statements: (arn: string) => PolicyStatement[],
  ): Grant {
    this.validate((p) => checkArn(p, property, arn, kind));
    return this.grant(statements(arn));
  }

  private validate<T>(run: (problems: Problems) => T): T {
    return Problems.validate(this.node.path, run);
  }

  private grant(statements: readonly PolicyStatement[]): Grant {
    return Grant.combine(
      this.role,
      statements.map((statement) => Grant.addToPrincipal(this, statement)),
    );
  }
}

function checkS3Location(problems: Problems, property: string, location: S3Location): void {
  checkArn(problems, `${property}.bucketArn`, location.bucketArn, ArnKinds.s3Bucket);
  const prefix = location.prefix;
  if (prefix === undefined || Token.isUnresolved(prefix)) return;
  problems.check(
    typeof prefix === 'string' &&
      prefix.length > 0 &&
      !prefix.startsWith('/') &&
      !/[*?]/.test(prefix),
    {
      property: `${property}.prefix`,
      received: prefix,
      allowed: 'a non-empty key prefix without a leading "/" or wildcards, e.g. "reports/"',
    },
  );
}

function checkProps(props: TaskRoleProps): Problems {
  const problems = new Problems();
  checkRoleName(problems, 'roleName', props.roleName);
  checkRoleOptions(problems, props);
  checkStatements(problems, 'statements', props.statements);
  checkArns(problems, 'managedPolicyArns', props.managedPolicyArns, ArnKinds.iamPolicy);
  props.s3ReadLocations?.forEach((l, i) => checkS3Location(problems, `s3ReadLocations[${i}]`, l));
  props.s3WriteLocations?.forEach((l, i) => checkS3Location(problems, `s3WriteLocations[${i}]`, l));
  checkArns(problems, 'snsPublishTopicArns', props.snsPublishTopicArns, ArnKinds.snsTopic);
  checkArns(problems, 'sqsSendQueueArns', props.sqsSendQueueArns, ArnKinds.sqsQueue);
  checkArns(problems, 'sqsConsumeQueueArns', props.sqsConsumeQueueArns, ArnKinds.sqsQueue);
  checkArns(problems, 'dynamodbReadTableArns', props.dynamodbReadTableArns, ArnKinds.dynamodbTable);
  checkArns(
    problems,
    'dynamodbWriteTableArns',
    props.dynamodbWriteTableArns,
    ArnKinds.dynamodbTable,
  );
  if (!Token.isUnresolved(props.secretArns)) {
    props.secretArns?.forEach((arn, i) =>
      checkSecretReference(problems, `secretArns[${i}]`, arn, ['secretsmanager']),
    );
  }
  return problems;
}
