import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { type PolicyDocumentJson } from '../../src/iam/document';

/** The account, region and partition that tests substitute for the data sources. */
export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const PARTITION = 'aws';

/** A stack with an AWS provider, as every module needs. */
export function newStack(id = 'test'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new AwsProvider(stack, 'aws', { region: REGION });
  return stack;
}

/** Synthesized Terraform JSON of a stack, with deferred validations run. */
export interface TerraformJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export function synth(stack: TerraformStack): TerraformJson {
  return JSON.parse(Testing.synth(stack, true)) as TerraformJson;
}

/** Every resource of a type, by logical ID. */
export function resourcesOfType(
  json: TerraformJson,
  type: string,
): Record<string, Record<string, unknown>> {
  return json.resource?.[type] ?? {};
}

/** The one resource of a type whose attribute has a value, with its logical ID. */
export function findResource(
  json: TerraformJson,
  type: string,
  attribute: string,
  value: unknown,
): { id: string; config: Record<string, unknown> } {
  const matches = Object.entries(resourcesOfType(json, type)).filter(
    ([, config]) => config[attribute] === value,
  );
  if (matches.length !== 1) {
    throw new Error(
      `expected one ${type} with ${attribute} = ${JSON.stringify(value)}, found ${matches.length}`,
    );
  }
  return { id: matches[0][0], config: matches[0][1] };
}

/**
 * Evaluates a synthesized string as Terraform would for the test account, region and
 * partition: data-source references become their values and escaped template syntax
 * (`$${…}`, `%%{…}`) becomes literal.
 */
export function concretize(text: string): string {
  return text
    .replaceAll('${data.aws_partition.current.partition}', PARTITION)
    .replaceAll('${data.aws_partition.current.dns_suffix}', 'amazonaws.com')
    .replaceAll('${data.aws_region.current.region}', REGION)
    .replaceAll('${data.aws_caller_identity.current.account_id}', ACCOUNT)
    .replaceAll('$${', '${')
    .replaceAll('%%{', '%{');
}

/** Parses a policy JSON string as synthesized, with data sources made concrete. */
export function parsePolicy(policy: unknown): PolicyDocumentJson {
  if (typeof policy !== 'string')
    throw new Error(`policy is not a JSON string: ${JSON.stringify(policy)}`);
  return JSON.parse(concretize(policy)) as PolicyDocumentJson;
}

/** The IAM role named `roleName`, its trust policy and its own (aws_iam_role_policy) policies. */
export function roleNamed(json: TerraformJson, roleName: string) {
  const role = findResource(json, 'aws_iam_role', 'name', roleName);
  const reference = `\${aws_iam_role.${role.id}.name}`;
  const policies = Object.values(resourcesOfType(json, 'aws_iam_role_policy'))
    .filter((p) => p.role === reference)
    .map((p) => ({ name: p.name as string, document: parsePolicy(p.policy) }));
  const managedPolicyArns = Object.values(resourcesOfType(json, 'aws_iam_role_policy_attachment'))
    .filter((a) => a.role === reference)
    .map((a) => concretize(a.policy_arn as string));
  return {
    id: role.id,
    config: role.config,
    trust: parsePolicy(role.config.assume_role_policy),
    policies,
    managedPolicyArns,
  };
}
