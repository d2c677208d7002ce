import { readFileSync } from 'fs';
import { join } from 'path';
import { runChecks, servicesOf, type RunOptions, type StackInput } from '../../src/checks/engine';
import { IamCatalog } from '../../src/checks/iam-data/catalog';
import { type Finding } from '../../src/checks/types';

/** The data-source references the project's ARNs are built from. */
export const PARTITION = '${data.aws_partition.current.partition}';
export const REGION = '${data.aws_region.current.region}';
export const ACCOUNT = '${data.aws_caller_identity.current.account_id}';

/** The day the tests judge runtime deprecations on. */
export const TODAY = '2026-11-23';

/** A policy document as the JSON string Terraform expects. */
export function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A stack with the given resources (type → name → config) and other top-level blocks. */
export function stack(
  resource: Record<string, Record<string, object>>,
  extra: Record<string, unknown> = {},
  name = 'test',
): StackInput {
  return { name, json: { resource, ...extra } };
}

/** A stack whose one role has one `aws_iam_role_policy` with these statements. */
export function rolePolicyStack(...statements: object[]): StackInput {
  return stack({
    aws_iam_role: { runner: { name: 'runner', assume_role_policy: TRUST_LAMBDA } },
    aws_iam_role_policy: {
      runner_policy: { role: '${aws_iam_role.runner.name}', policy: policy(...statements) },
    },
  });
}

/** A stack whose one role trusts `service` with these conditions (statement Sid `Assume`). */
export function trustStack(service: string, Condition: object): StackInput {
  return stack({
    aws_iam_role: {
      role: {
        assume_role_policy: policy({
          Sid: 'Assume',
          Effect: 'Allow',
          Principal: { Service: service },
          Action: 'sts:AssumeRole',
          Condition,
        }),
      },
    },
  });
}

/** A trust policy that passes the confused-deputy rule. */
export const TRUST_LAMBDA = policy({
  Sid: 'AssumeByLambda',
  Effect: 'Allow',
  Principal: { Service: ['lambda.amazonaws.com'] },
  Action: ['sts:AssumeRole'],
  Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
});

/** Runs every rule on the stacks, with the IAM data they need. */
export async function check(
  stacks: StackInput | StackInput[],
  options: Omit<RunOptions, 'iam'> = {},
): Promise<Finding[]> {
  const list = Array.isArray(stacks) ? stacks : [stacks];
  const iam = await IamCatalog.load(servicesOf(list));
  return runChecks(list, { today: TODAY, ...options, iam });
}

/** The findings of one rule, as rule ID, address and message. */
export async function findingsOf(
  ruleId: string,
  stacks: StackInput | StackInput[],
  options: Omit<RunOptions, 'iam'> = {},
): Promise<Pick<Finding, 'ruleId' | 'address' | 'message' | 'severity'>[]> {
  return (await check(stacks, options))
    .filter((f) => f.ruleId === ruleId)
    .map(({ ruleId: id, address, message, severity }) => ({
      ruleId: id,
      address,
      message,
      severity,
    }));
}

/** The deliberately bad fixture stack. */
export function badStack(): StackInput {
  const file = join(__dirname, '..', 'fixtures', 'checks', 'bad-stack.json');
  return { name: 'bad', json: JSON.parse(readFileSync(file, 'utf8')) as object };
}
