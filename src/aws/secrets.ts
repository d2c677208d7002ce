import { Token } from 'cdktf';
import { HIDDEN, type Problems } from '../errors';
import { ArnKinds, arnProblem, formatArn, literalHasWildcard, parseArn } from './arn';

/** A secret that a container or role reads: a Secrets Manager secret or an SSM parameter. */
export interface SecretReference {
  readonly service: 'secretsmanager' | 'ssm';
  /** The reference as given. */
  readonly valueFrom: string;
  /**
   * The resource ARN to grant read on: the secret itself (without the
   * `:json-key:version-stage:version-id` suffix), or the parameter.
   */
  readonly resourceArn: string;
  /** Secrets Manager only: the JSON key, version stage and version ID of the suffix form. */
  readonly jsonKey?: string;
  readonly versionStage?: string;
  readonly versionId?: string;
}

/** A Secrets Manager secret ARN ends in `-` and six random characters that AWS appends. */
const RANDOM_SUFFIX = /-[A-Za-z0-9]{6}$/;

/**
 * Parses a secret reference as ECS accepts it in `valueFrom`:
 * - `arn:<p>:secretsmanager:<region>:<account>:secret:<name>-AbCdEf` (the complete ARN),
 *   optionally followed by `:<json-key>:<version-stage>:<version-id>` (any may be empty);
 * - `arn:<p>:ssm:<region>:<account>:parameter/<name>`.
 *
 * A Secrets Manager ARN without the six-character suffix (a partial ARN) is granted as
 * `<arn>-??????`, which matches exactly one secret name. Returns a reason string when the
 * reference is neither; tokens are not parsed (their service is unknown until apply).
 */
export function parseSecretReference(valueFrom: string): SecretReference | string {
  if (Token.isUnresolved(valueFrom))
    return 'is a Terraform expression whose service cannot be known at synth';
  const arn = parseArn(valueFrom);
  if (!arn) return 'is not an ARN';
  if (arn.service === 'ssm') {
    const problem = arnProblem(valueFrom, ArnKinds.ssmParameter);
    return problem ?? { service: 'ssm', valueFrom, resourceArn: valueFrom };
  }
  if (arn.service !== 'secretsmanager') {
    return `is an ARN of service "${arn.service}", not a Secrets Manager secret or SSM parameter ARN`;
  }
  if (/[*?]/.test(valueFrom)) return 'contains a wildcard (name the exact secret)';
  const [type, name = '', jsonKey, versionStage, versionId, ...rest] = arn.resource.split(':');
  if (rest.length > 0) return 'has more than three fields after the secret name';
  const secretArn = formatArn({
    ...arn,
    resource: type === 'secret' ? `${type}:${name}` : arn.resource,
  });
  const problem = arnProblem(secretArn, ArnKinds.secretsManagerSecret);
  if (problem) return problem;
  return {
    service: 'secretsmanager',
    valueFrom,
    resourceArn: RANDOM_SUFFIX.test(name) ? secretArn : `${secretArn}-??????`,
    ...(jsonKey && { jsonKey }),
    ...(versionStage && { versionStage }),
    ...(versionId && { versionId }),
  };
}

/** What a secret-reference property accepts, for messages. */
export const SECRET_REFERENCE_ALLOWED = `a Secrets Manager secret ARN such as ${ArnKinds.secretsManagerSecret.example} (optionally with :json-key:version-stage:version-id) or an SSM parameter ARN such as ${ArnKinds.ssmParameter.example}`;

const SECRETS_MANAGER_ALLOWED = `a Secrets Manager secret ARN such as ${ArnKinds.secretsManagerSecret.example}`;

/**
 * Parses a secret reference, recording a problem when it is not one or is of a service not in
 * `services`. Returns undefined for tokens and bad references.
 */
export function checkSecretReference(
  problems: Problems,
  property: string,
  valueFrom: string,
  services: ReadonlyArray<SecretReference['service']> = ['secretsmanager', 'ssm'],
): SecretReference | undefined {
  if (Token.isUnresolved(valueFrom)) {
    // A reference's value is known only at apply, but literal text around it is not.
    if (typeof valueFrom === 'string' && literalHasWildcard(valueFrom)) {
      problems.add({
        property,
        received: valueFrom,
        reason: 'contains a wildcard (name the exact secret)',
        allowed: services.length === 2 ? SECRET_REFERENCE_ALLOWED : SECRETS_MANAGER_ALLOWED,
      });
    }
    return undefined;
  }
  const reference =
    typeof valueFrom === 'string' ? parseSecretReference(valueFrom) : 'is not a string';
  const reason =
    typeof reference === 'string'
      ? reference
      : services.includes(reference.service)
        ? undefined
        : `is an ARN of service "${reference.service}", which is not accepted here`;
  if (reason) {
    const allowed = services.length === 2 ? SECRET_REFERENCE_ALLOWED : SECRETS_MANAGER_ALLOWED;
    // Something that is not even ARN-shaped may be the secret itself (a password put where
    // its ARN belongs): it is never shown.
    const shown = typeof valueFrom === 'string' && parseArn(valueFrom) ? valueFrom : HIDDEN;
    problems.add({ property, received: shown, reason, allowed });
    return undefined;
  }
  return reference as SecretReference;
}
