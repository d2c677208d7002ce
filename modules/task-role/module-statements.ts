import { ArnKinds } from '../../src/aws/arn';
import { ACTION, CONDITION_OPERATOR, EFFECTS, RESOURCE, SID } from '../../src/iam/validate';
import { arnPattern, hclLiteral, type Validation, whenSet } from '../../src/publish/variables';
import { TaskRoleStatements } from './statements';

/** The `statements` input of the module. */
export const STATEMENTS_TYPE = [
  'list(object({',
  '    sid        = string',
  '    effect     = optional(string, "Allow")',
  '    actions    = list(string)',
  '    resources  = list(string)',
  '    conditions = optional(map(map(list(string))), {})',
  '  }))',
].join('\n');

/** The `s3_read_locations` and `s3_write_locations` inputs. */
export const S3_LOCATIONS_TYPE = [
  'list(object({',
  '    bucket_arn = string',
  '    prefix     = optional(string)',
  '  }))',
].join('\n');

/** `var.statements` in IAM JSON form; a statement without conditions has no `Condition`. */
export const GIVEN_STATEMENTS = [
  '[for s in var.statements : merge(',
  '{"Sid" = s.sid, "Effect" = s.effect, "Action" = s.actions, "Resource" = s.resources}, ',
  'length(s.conditions) == 0 ? {} : {"Condition" = s.conditions})]',
].join('');

const objects = (locations: string) =>
  `[for l in ${locations} : "\${l.bucket_arn}/\${l.prefix == null ? "" : l.prefix}*"]`;

/** The objects under each location's prefix (`<bucket>/<prefix>*`). */
export const S3_OBJECT_ARNS = {
  read: objects('var.s3_read_locations'),
  write: objects('var.s3_write_locations'),
};

/** Buckets read whole: `s3:ListBucket` without a condition. */
export const S3_WHOLE_BUCKETS =
  '[for l in var.s3_read_locations : l.bucket_arn if l.prefix == null]';

/**
 * `s3:ListBucket` limited to the prefixes read, one statement per bucket (`S3ListBucket2`, …
 * as the construct numbers them): a bucket may be listed only under its own prefixes.
 */
export function s3ListPrefixesStatements(): string {
  const [, list] = TaskRoleStatements.s3Read({ bucketArn: 'bucket', prefix: 'prefix' });
  const [operator] = Object.keys(list.conditions!);
  const [key] = Object.keys(list.conditions![operator]);
  const buckets = 'distinct([for l in var.s3_read_locations : l.bucket_arn if l.prefix != null])';
  const prefixes =
    '[for l in var.s3_read_locations : "${l.prefix}*" if l.bucket_arn == bucket && l.prefix != null]';
  return [
    `[for i, bucket in ${buckets} : {`,
    `"Sid" = "${list.sid}\${i + 2}", "Effect" = "Allow", "Action" = ${hclLiteral(list.actions)}, `,
    `"Resource" = [bucket], "Condition" = {${hclLiteral(operator)} = {${hclLiteral(key)} = ${prefixes}}}`,
    '}]',
  ].join('');
}

/** The Sids of the module's own statements: a given statement may not reuse one. */
const MODULE_SIDS = [
  ...TaskRoleStatements.s3Read({ bucketArn: 'bucket' }),
  ...TaskRoleStatements.s3Write({ bucketArn: 'bucket' }),
  ...TaskRoleStatements.snsPublish('topic'),
  ...TaskRoleStatements.sqsSend('queue'),
  ...TaskRoleStatements.sqsConsume('queue'),
  ...TaskRoleStatements.dynamodbRead('table'),
  ...TaskRoleStatements.dynamodbWrite('table'),
  ...TaskRoleStatements.secretRead('secret'),
  ...TaskRoleStatements.executeCommand(),
].map((statement) => statement.sid);
const RESERVED_SID = `^(?:${[...new Set(MODULE_SIDS)].join('|')})\\d*$`;

const each = (condition: string, errorMessage: string): Validation => ({
  condition: `alltrue([for s in {name} : ${condition}])`,
  errorMessage,
});
const matches = (pattern: RegExp | string, value: string) =>
  `can(regex(${hclLiteral(typeof pattern === 'string' ? pattern : pattern.source)}, ${value}))`;
const allMatch = (pattern: RegExp, list: string) =>
  `alltrue([for v in ${list} : ${matches(pattern, 'v')}])`;

export const statementValidations: Validation[] = [
  each(
    matches(SID, 's.sid'),
    'Each statement sid must be letters and digits only, e.g. ReadReports.',
  ),
  {
    condition: 'length(distinct([for s in {name} : s.sid])) == length({name})',
    errorMessage: 'statements must have unique sids.',
  },
  each(
    `!${matches(RESERVED_SID, 's.sid')}`,
    `A statement sid may not be one of the module's own: ${[...new Set(MODULE_SIDS)].join(', ')} (optionally numbered).`,
  ),
  each(
    `contains(${hclLiteral(EFFECTS)}, s.effect)`,
    'Each statement effect must be Allow or Deny.',
  ),
  each(
    `length(s.actions) > 0 && ${allMatch(ACTION, 's.actions')}`,
    'Each statement needs actions of the form service:Action, e.g. s3:GetObject (wildcards * and ? allowed).',
  ),
  each(
    `length(s.resources) > 0 && ${allMatch(RESOURCE, 's.resources')}`,
    'Each statement needs resources: ARNs or "*".',
  ),
  each(
    `alltrue([for operator, condition in s.conditions : ${matches(CONDITION_OPERATOR, 'operator')} && alltrue([for v in values(condition) : length(v) > 0])])`,
    'Each condition must be an operator (e.g. StringEquals) mapping condition keys to a non-empty list of values.',
  ),
];

/** Validations of an S3 locations input, as the construct checks `S3Location`. */
export const s3LocationValidations: Validation[] = [
  {
    condition: `alltrue([for l in {name} : ${matches(arnPattern(ArnKinds.s3Bucket), 'l.bucket_arn')}])`,
    errorMessage: `Each bucket_arn must be an S3 bucket ARN, such as ${ArnKinds.s3Bucket.example}.`,
  },
  {
    condition: `alltrue([for l in {name} : ${whenSet('l.prefix', matches(/^[^/*?][^*?]*$/, 'l.prefix'))}])`,
    errorMessage:
      'Each prefix must be a non-empty key prefix without a leading "/" or wildcards, e.g. "reports/" (leave it out for the whole bucket).',
  },
];
