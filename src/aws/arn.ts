import { Token } from 'cdktf';
import { HIDDEN, type Problems } from '../errors';
import { isListTokenElement } from '../tokens';
import { hasWildcard } from './patterns';

/** The parts of an ARN: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

const PARTITION = /^aws(?:-cn|-us-gov|-iso(?:-[a-z])?|-eusc)?$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^\d{12}$/;

/** Services whose ARNs name secrets (Secrets Manager secrets, SSM parameters). */
const SECRET_SERVICES = ['secretsmanager', 'ssm'];

/** Splits an ARN into its parts, or returns undefined when the string is not ARN-shaped. */
export function parseArn(arn: string): ArnParts | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** Joins ARN parts. Any part may be a token (e.g. the partition from a data source). */
export function formatArn(parts: ArnParts): string {
  return `arn:${parts.partition}:${parts.service}:${parts.region}:${parts.account}:${parts.resource}`;
}

/** A kind of ARN a property accepts: its service, its resource shape and an example. */
export interface ArnKind {
  /** Human name with its article, used in messages: `an ECR repository`. */
  readonly name: string;
  readonly service: string;
  /** Whether the ARN has a region (IAM and S3 ARNs do not). */
  readonly regional: boolean;
  /** Whether the ARN has an account (S3 bucket ARNs do not); `aws` is accepted where `awsManaged`. */
  readonly hasAccount: boolean;
  /** Whether `aws` is accepted in the account field (AWS managed IAM policies). */
  readonly awsManaged?: boolean;
  /** The resource part, after `arn:<partition>:<service>:<region>:<account>:`. */
  readonly resource: RegExp;
  /**
   * The one wildcard the kind has by design, at the end of the ARN (`:*`, every revision of a
   * task definition family); any other wildcard is refused.
   */
  readonly trailingWildcard?: string;
  readonly example: string;
}

const NAME_64 = String.raw`[\w+=,.@-]{1,64}`;

/** The ARN kinds the modules accept, each with the shape AWS documents for it. */
export const ArnKinds = {
  ecrRepository: {
    name: 'an ECR repository',
    service: 'ecr',
    regional: true,
    hasAccount: true,
    resource: /^repository\/[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
    example: 'arn:aws:ecr:eu-west-1:123456789012:repository/my-app',
  },
  secretsManagerSecret: {
    name: 'a Secrets Manager secret',
    service: 'secretsmanager',
    regional: true,
    hasAccount: true,
    resource: /^secret:[A-Za-z0-9/_+=.@-]{1,512}$/,
    example: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-password-AbCdEf',
  },
  ssmParameter: {
    name: 'an SSM parameter',
    service: 'ssm',
    regional: true,
    hasAccount: true,
    resource: /^parameter\/[A-Za-z0-9_.\-/]{1,2048}$/,
    example: 'arn:aws:ssm:eu-west-1:123456789012:parameter/my-app/db-host',
  },
  kmsKey: {
    name: 'a KMS key',
    service: 'kms',
    regional: true,
    hasAccount: true,
    resource:
      /^key\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/,
    example: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  },
  iamRole: {
    name: 'an IAM role',
    service: 'iam',
    regional: false,
    hasAccount: true,
    resource: new RegExp(String.raw`^role/(?:[\x21-\x7E]+/)?${NAME_64}$`),
    example: 'arn:aws:iam::123456789012:role/my-role',
  },
  iamPolicy: {
    name: 'an IAM managed policy',
    service: 'iam',
    regional: false,
    hasAccount: true,
    awsManaged: true,
    resource: /^policy\/(?:[\x21-\x7E]+\/)?[\w+=,.@-]{1,128}$/,
    example: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
  },
  logGroup: {
    name: 'a CloudWatch Logs log group',
    service: 'logs',
    regional: true,
    hasAccount: true,
    resource: /^log-group:[\w\-./#]{1,512}(?::\*)?$/,
    example: 'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/my-app',
  },
  ecsTaskDefinitionFamily: {
    name: 'an ECS task definition family (every revision)',
    service: 'ecs',
    regional: true,
    hasAccount: true,
    resource: /^task-definition\/[A-Za-z0-9_-]{1,255}:\*$/,
    trailingWildcard: ':*',
    example: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/my-task:*',
  },
  ecsCluster: {
    name: 'an ECS cluster',
    service: 'ecs',
    regional: true,
    hasAccount: true,
    resource: /^cluster\/[A-Za-z0-9_-]{1,255}$/,
    example: 'arn:aws:ecs:eu-west-1:123456789012:cluster/my-cluster',
  },
  s3Bucket: {
    name: 'an S3 bucket',
    service: 's3',
    regional: false,
    hasAccount: false,
    resource: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    example: 'arn:aws:s3:::my-bucket',
  },
  snsTopic: {
    name: 'an SNS topic',
    service: 'sns',
    regional: true,
    hasAccount: true,
    resource: /^[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/,
    example: 'arn:aws:sns:eu-west-1:123456789012:my-topic',
  },
  sqsQueue: {
    name: 'an SQS queue',
    service: 'sqs',
    regional: true,
    hasAccount: true,
    resource: /^[A-Za-z0-9_-]{1,80}(?:\.fifo)?$/,
    example: 'arn:aws:sqs:eu-west-1:123456789012:my-queue',
  },
  dynamodbTable: {
    name: 'a DynamoDB table',
    service: 'dynamodb',
    regional: true,
    hasAccount: true,
    resource: /^table\/[A-Za-z0-9_.-]{3,255}$/,
    example: 'arn:aws:dynamodb:eu-west-1:123456789012:table/my-table',
  },
} satisfies Record<string, ArnKind>;

/**
 * Why `value` is not an ARN of `kind`, or undefined when it is (or when it is a token whose
 * value Terraform only knows later).
 */
export function arnProblem(value: string, kind: ArnKind): string | undefined {
  if (Token.isUnresolved(value) || isListTokenElement(value)) return undefined;
  const arn = parseArn(value);
  if (!arn) return 'is not an ARN';
  if (arn.service !== kind.service) {
    return arn.service
      ? `is an ARN of service "${arn.service}", not ${kind.name} ARN`
      : 'has no service';
  }
  if (!PARTITION.test(arn.partition)) return `has an unknown partition "${arn.partition}"`;
  if (kind.regional ? !REGION.test(arn.region) : arn.region !== '') {
    return kind.regional
      ? `has no valid region ("${arn.region}")`
      : `must have an empty region field`;
  }
  const accountOk = kind.hasAccount
    ? ACCOUNT.test(arn.account) || (kind.awsManaged === true && arn.account === 'aws')
    : arn.account === '';
  if (!accountOk) {
    return kind.hasAccount
      ? `has no valid 12-digit account ID ("${arn.account}")`
      : 'must have an empty account field';
  }
  if (!kind.resource.test(arn.resource))
    return `is not ${kind.name} ARN (resource part "${arn.resource}")`;
  return undefined;
}

/**
 * Checks every ARN of a list property, recording one problem per bad item (with its index).
 * Wildcards are refused: these properties name exact resources.
 */
export function checkArns(
  problems: Problems,
  property: string,
  values: readonly string[] | undefined,
  kind: ArnKind,
): void {
  if (values === undefined || Token.isUnresolved(values)) return;
  values.forEach((value, index) => checkArn(problems, `${property}[${index}]`, value, kind));
}

/**
 * Checks one ARN property. See {@link checkArns}. An ARN assembled from tokens (e.g.
 * `arn:${partition}:ecr:${region}:${account}:repository/*`) is checked by its literal parts:
 * the right service and resource type, and no wildcard.
 */
export function checkArn(
  problems: Problems,
  property: string,
  value: string | undefined,
  kind: ArnKind,
): void {
  if (value === undefined || isListTokenElement(value)) return;
  const reason =
    typeof value !== 'string'
      ? 'is not a string'
      : Token.isUnresolved(value)
        ? partialArnProblem(value, kind, false)
        : hasWildcard(value)
          ? 'contains a wildcard (name the exact resource)'
          : arnProblem(value, kind);
  if (reason) {
    // Where a secret's ARN belongs, something that is not even ARN-shaped may be the secret
    // itself (a password pasted in its place): it is never shown.
    const secret = SECRET_SERVICES.includes(kind.service) && !parseArn(String(value));
    problems.add({
      property,
      received: secret ? HIDDEN : value,
      reason,
      allowed: exactlyOne(kind),
    });
  }
}

/** cdktf's encoding of a string token inside a string: `${TfToken[TOKEN.12]}`. */
const STRING_TOKEN = /\$\{TfToken\[[^\]]+\]\}/g;

/**
 * Whether the literal text of a value (its tokens left out) holds an IAM wildcard: a name or
 * ARN assembled from Terraform references (`/ecs/*${…}`) that would be a pattern.
 */
export const literalHasWildcard = (value: string): boolean => hasWildcard(literalText(value));

/** A value's literal text, each Terraform reference in it standing as `x`. */
export const literalText = (value: string): string => value.replace(STRING_TOKEN, 'x');
/** Stands for a token's value in {@link checkGrantTarget}: what Terraform knows only later. */
const UNKNOWN = '\u0000';

/** Why an ARN with parts known only later is not one exact resource of `kind`, if it is not. */
function partialArnProblem(value: string, kind: ArnKind, grantTarget = true): string | undefined {
  const shape = value.replace(STRING_TOKEN, UNKNOWN);
  if (shape === UNKNOWN) return undefined;
  const exact =
    grantTarget && kind.trailingWildcard && shape.endsWith(kind.trailingWildcard)
      ? shape.slice(0, -kind.trailingWildcard.length)
      : shape;
  if (hasWildcard(exact)) return 'contains a wildcard (name the exact resource)';
  // A property's value may be a reference with a suffix (`${…arn}/reports`): only a grant's
  // target must show its ARN's shape.
  if (!grantTarget && !shape.startsWith('arn:')) return undefined;
  const parts = shape.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return 'is not an ARN';
  const resource = parts.slice(5).join(':');
  if (!parts[2].includes(UNKNOWN) && parts[2] !== kind.service)
    return `is an ARN of service "${parts[2]}", not ${kind.name} ARN`;
  if (!resource.includes(UNKNOWN) && !kind.resource.test(resource))
    return `is not ${kind.name} ARN (resource part "${resource}")`;
  return undefined;
}

/**
 * Checks an ARN a grant is built from — the resource of RunTask or PassRole, a cluster in a
 * condition — recording a problem unless it names exactly one resource of `kind`: the right
 * service and resource type, and no wildcard (other than the kind's own trailing one). Unlike
 * {@link checkArn}, an ARN assembled from tokens (partition, region, account from data sources)
 * is checked too: its literal parts must say the right service and hold no wildcard. A value
 * that is wholly a Terraform expression is skipped (known only at apply).
 */
export function checkGrantTarget(
  problems: Problems,
  property: string,
  value: string,
  kind: ArnKind,
): void {
  if (isListTokenElement(value)) return;
  const reason =
    typeof value !== 'string'
      ? 'is not a string'
      : (partialArnProblem(value, kind) ?? arnProblem(value, kind));
  if (reason) problems.add({ property, received: value, reason, allowed: exactlyOne(kind) });
}

const exactlyOne = (kind: ArnKind) =>
  `${kind.name} ARN naming one exact resource, such as ${kind.example}`;
