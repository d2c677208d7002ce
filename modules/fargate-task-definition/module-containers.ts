import { ArnKinds } from '../../src/aws/arn';
import { COMPLETE_SECRET_ARN } from '../../src/publish/role-variables';
import { arnPattern, hclLiteral, type Validation, whenSet } from '../../src/publish/variables';

/** The `containers` input of the module. */
export const CONTAINERS_TYPE = [
  'list(object({',
  '    name           = string',
  '    image          = string',
  '    repository_arn = optional(string)',
  '    essential      = optional(bool, true)',
  '    command        = optional(list(string))',
  '    environment    = optional(map(string), {})',
  '    secrets        = optional(map(string), {})',
  '  }))',
].join('\n');

const NAME = '^[A-Za-z0-9_-]{1,255}$';
const SECRETS_MANAGER_SECRET = COMPLETE_SECRET_ARN.replace(/\$$/, '(?::[^:]*:[^:]*:[^:]*)?$');
const SECRET_VALUES = 'flatten([for c in var.containers : values(c.secrets)])';
/** A Secrets Manager reference without its `:json-key:version-stage:version-id`. */
const SECRET_ARN = '^arn:[^:]+:secretsmanager:[^:]+:[^:]+:secret:[^:]+';

/** Terraform expressions over `var.containers`: what the execution role is granted. */
export const REPOSITORY_ARNS =
  'distinct([for c in var.containers : c.repository_arn if c.repository_arn != null])';
export const SECRET_ARNS = `distinct([for v in ${SECRET_VALUES} : regex(${hclLiteral(SECRET_ARN)}, v) if can(regex(${hclLiteral(SECRET_ARN)}, v))])`;
export const PARAMETER_ARNS = `distinct([for v in ${SECRET_VALUES} : v if can(regex(":ssm:", v))])`;
/** The first essential container: runners' overrides apply to it. */
export const OVERRIDE_CONTAINER = '[for c in var.containers : c.name if c.essential][0]';

const each = (condition: string, errorMessage: string): Validation => ({
  condition: `alltrue([for c in {name} : ${condition}])`,
  errorMessage,
});

export const containerValidations: Validation[] = [
  {
    condition: 'length({name}) >= 1 && length({name}) <= 10',
    errorMessage: 'containers must hold 1 to 10 containers.',
  },
  each(
    `can(regex(${hclLiteral(NAME)}, c.name))`,
    'Each container name must be 1 to 255 letters, digits, - and _.',
  ),
  {
    condition: 'length(distinct([for c in {name} : c.name])) == length({name})',
    errorMessage: 'containers must have unique names.',
  },
  {
    condition: 'anytrue([for c in {name} : c.essential])',
    errorMessage: 'At least one container must be essential.',
  },
  each(
    whenSet(
      'c.repository_arn',
      `can(regex(${hclLiteral(arnPattern(ArnKinds.ecrRepository))}, c.repository_arn))`,
    ),
    `Each repository_arn must be an ECR repository ARN, such as ${ArnKinds.ecrRepository.example}.`,
  ),
  each(
    `alltrue([for v in values(c.secrets) : can(regex(${hclLiteral(SECRETS_MANAGER_SECRET)}, v)) || can(regex(${hclLiteral(arnPattern(ArnKinds.ssmParameter))}, v))])`,
    `Each secret must be a complete Secrets Manager secret ARN (such as ${ArnKinds.secretsManagerSecret.example}, optionally with :json-key:version-stage:version-id) or an SSM parameter ARN (such as ${ArnKinds.ssmParameter.example}).`,
  ),
];

/** `name = value` pairs sorted by name, as ECS's environment and secrets lists. */
const pairs = (map: string, valueKey: string) =>
  `[for k in sort(keys(${map})) : {name = k, ${valueKey} = ${map}[k]}]`;

/**
 * `container_definitions` as Terraform computes it from `var.containers`: what
 * `renderContainer` writes for a container with these settings (only what is set).
 */
export function containerDefinitions(logGroupName: string, region: string): string {
  const logs = `{logDriver = "awslogs", options = {"awslogs-group" = "${logGroupName}", "awslogs-region" = "${region}", "awslogs-stream-prefix" = var.family}}`;
  const container = [
    '{name = c.name, image = c.image, essential = c.essential}',
    'c.command == null ? {} : {command = c.command}',
    `length(c.environment) == 0 ? {} : {environment = ${pairs('c.environment', 'value')}}`,
    `length(c.secrets) == 0 ? {} : {secrets = ${pairs('c.secrets', 'valueFrom')}}`,
    `{readonlyRootFilesystem = true, logConfiguration = ${logs}}`,
  ];
  return `jsonencode([for c in var.containers : merge(${container.join(', ')})])`;
}
