import { type Rule } from '../types';
import { restriction, type Restriction } from './conditions';
import { describeStatement, grants } from './statements';

/** Lambda does not send aws:SourceArn when it assumes a function's role. */
const NO_SOURCE_ARN = new Set(['lambda.amazonaws.com']);

const trustGrants = (stack: Parameters<Rule['check']>[0]) => grants(stack, 'trust');

/** A service trusted without aws:SourceAccount/SourceArn can be made to assume the role for another account (confused deputy). */
export const trustConfusedDeputy: Rule = {
  id: 'FR-IAM-TRUST-CONFUSED-DEPUTY',
  severity: 'error',
  rationale:
    'a service principal trusted without aws:SourceAccount / aws:SourceArn can be made to assume the role on behalf of another account (confused deputy)',
  anchors: ['checkov CKV_AWS_60/CKV_AWS_61 (related: who may assume)'],
  check: (stack) =>
    trustGrants(stack).flatMap((grant) => {
      const services = grant.statement.principals?.Service ?? [];
      if (services.length === 0) return [];
      const account = restriction(grant.statement, 'aws:SourceAccount', { kind: 'account' });
      const arn = restriction(grant.statement, 'aws:SourceArn', { kind: 'source-arn' });
      // A condition that is there but restricts nothing misleads a reviewer: always an error.
      const meaningless = [account, arn].filter(
        (v): v is Extract<Restriction, { restricts: false }> => !v.restricts && v.present,
      );
      return services.flatMap((service) => {
        const lambda = NO_SOURCE_ARN.has(service);
        const guarded = lambda ? account.restricts : account.restricts || arn.restricts;
        if (guarded && meaningless.length === 0) return [];
        const wanted = lambda
          ? 'aws:SourceAccount (Lambda sends no aws:SourceArn when it assumes a function role)'
          : 'aws:SourceAccount and aws:SourceArn';
        const problem =
          meaningless.length > 0
            ? meaningless.map((v) => v.reason).join(', ')
            : `without ${wanted}`;
        return [
          {
            address: grant.policy.address,
            message: `${describeStatement(grant)} trusts ${service} ${problem}`,
          },
        ];
      });
    }),
};

/** A trust policy with Principal `*` lets anyone who can call STS assume the role. */
export const trustAnyPrincipal: Rule = {
  id: 'FR-IAM-TRUST-ANY-PRINCIPAL',
  severity: 'error',
  rationale: 'a trust policy with the principal * lets any AWS account assume the role',
  anchors: ['checkov CKV_AWS_60', 'checkov CKV_AWS_61'],
  check: (stack) =>
    trustGrants(stack)
      .filter((grant) =>
        Object.values(grant.statement.principals ?? {}).some((ids) => ids.includes('*')),
      )
      .map((grant) => ({
        address: grant.policy.address,
        message: `${describeStatement(grant)} trusts the principal "*": name the services or accounts that assume the role`,
      })),
};
