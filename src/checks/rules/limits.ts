import { AwsLimits, byteSize, evaluatedSize, formatCount as n } from '../../aws/limits';
import { type StackModel } from '../model/stack';
import { blocks, containsUnknown, isRecord, type Config } from '../model/terraform';
import { type Rule, type RuleResult } from '../types';
import { describeCredentials } from './credentials';

/** Why the numbers are estimates in synthesized JSON and exact in a plan. */
const ESTIMATE =
  'sizes are measured once evaluated: the account, region and partition at their longest, other references as written';

/** The inline policies of each role (role policies and inline_policy blocks), by role address. */
function inlinePolicies(stack: StackModel): Map<string, StackModel['policies']> {
  const byRole = new Map<string, StackModel['policies']>();
  for (const policy of stack.policies) {
    if (policy.kind !== 'identity') continue;
    const type = stack.get(policy.address)?.type;
    if (type !== 'aws_iam_role_policy' && type !== 'aws_iam_role') continue;
    for (const role of policy.roles) byRole.set(role, [...(byRole.get(role) ?? []), policy]);
  }
  return byRole;
}

export const roleInlinePolicySize: Rule = {
  id: 'FR-IAM-ROLE-INLINE-SIZE',
  severity: 'error',
  rationale: `IAM rejects a role whose inline policies together exceed ${n(AwsLimits.roleInlinePolicyCharacters)} characters (whitespace excluded); ${ESTIMATE}`,
  anchors: ['IAM quotas: role policy size'],
  check: (stack) =>
    [...inlinePolicies(stack)].flatMap(([role, policies]) => {
      const total = policies.reduce((sum, p) => sum + p.size, 0);
      return total <= AwsLimits.roleInlinePolicyCharacters
        ? []
        : [
            {
              address: role,
              message: `has inline policies of ${n(total)} characters together (${policies.map((p) => `${p.address} ${n(p.size)}`).join(', ')}): IAM allows ${n(AwsLimits.roleInlinePolicyCharacters)}; move statements into customer managed policies`,
            },
          ];
    }),
};

export const managedPolicySize: Rule = {
  id: 'FR-IAM-MANAGED-POLICY-SIZE',
  severity: 'error',
  rationale: `IAM rejects a managed policy over ${n(AwsLimits.managedPolicyCharacters)} characters (whitespace excluded); ${ESTIMATE}`,
  anchors: ['IAM quotas: managed policy size'],
  check: (stack) =>
    stack.policies
      .filter((p) => stack.get(p.address)?.type === 'aws_iam_policy' && p.kind === 'identity')
      .filter((p) => p.size > AwsLimits.managedPolicyCharacters)
      .map((p) => ({
        address: p.address,
        message: `${p.label} is ${n(p.size)} characters: IAM allows ${n(AwsLimits.managedPolicyCharacters)} for a managed policy; split it`,
      })),
};

export const trustPolicySize: Rule = {
  id: 'FR-IAM-TRUST-POLICY-SIZE',
  severity: 'error',
  rationale: `IAM rejects a trust policy over ${n(AwsLimits.trustPolicyCharacters)} characters by default (whitespace excluded); ${ESTIMATE}`,
  anchors: ['IAM quotas: role trust policy length'],
  check: (stack) =>
    stack.policies
      .filter((p) => p.kind === 'trust' && p.size > AwsLimits.trustPolicyCharacters)
      .map((p) => ({
        address: p.address,
        message: `${p.label} is ${n(p.size)} characters: IAM allows ${n(AwsLimits.trustPolicyCharacters)} by default`,
      })),
};

export const roleManagedPolicyCount: Rule = {
  id: 'FR-IAM-ROLE-MANAGED-COUNT',
  severity: 'error',
  rationale: `IAM attaches at most ${AwsLimits.managedPoliciesPerRole} managed policies to a role by default`,
  anchors: ['IAM quotas: managed policies per role'],
  check: (stack) => {
    const byRole = new Map<string, Set<string>>();
    for (const a of stack.attachments) {
      if (!a.role) continue;
      const key = a.policy.kind === 'customer' ? a.policy.address : a.policy.arn;
      byRole.set(a.role, new Set([...(byRole.get(a.role) ?? []), key]));
    }
    return [...byRole]
      .filter(([, policies]) => policies.size > AwsLimits.managedPoliciesPerRole)
      .map(([role, policies]) => ({
        address: role,
        message: `has ${policies.size} managed policies attached: IAM allows ${AwsLimits.managedPoliciesPerRole} per role by default`,
      }));
  },
};

/** The environment variables of a Lambda function (`environment.variables`). */
function lambdaVariables(config: Config): unknown {
  return blocks(config.environment)[0]?.variables;
}

export const lambdaEnvironmentSize: Rule = {
  id: 'FR-LAMBDA-ENVIRONMENT-SIZE',
  severity: 'error',
  rationale: `Lambda rejects environment variables over ${n(AwsLimits.lambdaEnvironmentBytes)} bytes in all; ${ESTIMATE}`,
  anchors: ['Lambda quotas: environment variables'],
  check: (stack) =>
    stack.ofType('aws_lambda_function').flatMap(({ address, config }): RuleResult[] => {
      const variables = lambdaVariables(config);
      if (variables === undefined) return [];
      if (containsUnknown(variables)) {
        // IDs of resources created in the same apply: no privilege hides there, and the check
        // of the synthesized stack has estimated their size.
        return [
          {
            address,
            severity: 'warning',
            message:
              'has environment variables unknown until apply (after_unknown in the plan): their size is checked on the synthesized stack only',
          },
        ];
      }
      const size = byteSize(JSON.stringify(variables));
      return size <= AwsLimits.lambdaEnvironmentBytes
        ? []
        : [
            {
              address,
              message: `has environment variables of ${n(size)} bytes: Lambda allows ${n(AwsLimits.lambdaEnvironmentBytes)} in all`,
            },
          ];
    }),
};

export const lambdaPlaintextSecret: Rule = {
  id: 'FR-LAMBDA-PLAINTEXT-SECRET',
  severity: 'error',
  rationale:
    'credentials in plain Lambda environment variables (by name, or by value: AWS keys, URLs with a password) are readable by anyone who can get the function configuration, and in the Terraform state',
  anchors: ['checkov CKV_AWS_45'],
  check: (stack) =>
    stack.ofType('aws_lambda_function').flatMap(({ address, config }) => {
      const variables = lambdaVariables(config);
      const entries = isRecord(variables)
        ? Object.entries(variables).filter((e): e is [string, string] => typeof e[1] === 'string')
        : [];
      const found = describeCredentials(entries);
      return found.length === 0
        ? []
        : [
            {
              address,
              message: `has credentials in plain environment variables (${found.join(', ')}): read them from Secrets Manager or SSM at run time`,
            },
          ];
    }),
};

export const containerDefinitionsSize: Rule = {
  id: 'FR-ECS-CONTAINERS-SIZE',
  severity: 'error',
  rationale: `ECS rejects a task definition whose container definitions exceed ${n(AwsLimits.containerDefinitionsBytes)} bytes; ${ESTIMATE}`,
  anchors: ['ECS quotas: task definition size'],
  check: (stack) =>
    stack.ofType('aws_ecs_task_definition').flatMap(({ address, config }) => {
      const text = config.container_definitions;
      if (typeof text !== 'string') return [];
      const size = byteSize(text);
      return size <= AwsLimits.containerDefinitionsBytes
        ? []
        : [
            {
              address,
              message: `has container definitions of ${n(size)} bytes: ECS allows ${n(AwsLimits.containerDefinitionsBytes)}; move large values to secrets, parameters or files`,
            },
          ];
    }),
};

/** Inputs sent to a function by schedules and event rules: `[address, JSON text]`. */
function triggerInputs(stack: StackModel): Array<readonly [string, string]> {
  const inputs: Array<readonly [string, string]> = [];
  for (const r of stack.ofType('aws_scheduler_schedule')) {
    for (const target of blocks(r.config.target)) {
      if (typeof target.input === 'string') inputs.push([r.address, target.input]);
    }
  }
  for (const r of stack.ofType('aws_cloudwatch_event_target')) {
    if (typeof r.config.input === 'string') inputs.push([r.address, r.config.input]);
  }
  return inputs;
}

export const runTaskOverridesSize: Rule = {
  id: 'FR-RUNNER-OVERRIDES-SIZE',
  severity: 'error',
  rationale: `RunTask rejects overrides over ${n(AwsLimits.runTaskOverridesCharacters)} characters: a trigger whose command and environment exceed it fails every time`,
  anchors: ['ECS RunTask API: overrides'],
  check: (stack) =>
    triggerInputs(stack).flatMap(([address, text]) => {
      let input: unknown;
      try {
        input = JSON.parse(text);
      } catch {
        return [];
      }
      if (!isRecord(input) || (input.command === undefined && input.environment === undefined)) {
        return [];
      }
      // The overrides the runner sends; the container is named like the task at most.
      const overrides = {
        containerOverrides: [
          {
            name: typeof input.task === 'string' ? input.task : '',
            ...(input.command !== undefined && { command: input.command }),
            ...(isRecord(input.environment) && {
              environment: Object.entries(input.environment).map(([name, value]) => ({
                name,
                value,
              })),
            }),
          },
        ],
      };
      const size = evaluatedSize(JSON.stringify(overrides), (literal) => literal.length);
      return size <= AwsLimits.runTaskOverridesCharacters
        ? []
        : [
            {
              address,
              message: `sends command and environment overrides of ${n(size)} characters: RunTask allows ${n(AwsLimits.runTaskOverridesCharacters)}`,
            },
          ];
    }),
};
