import { type Rule } from '../types';
import { restriction, SECURITY_KEYS } from './conditions';
import { coversAction, describeStatement, grants, type Grant } from './statements';

/** Keys a dedicated rule judges for these grants (with its own advice): not reported twice. */
function judgedElsewhere(grant: Grant, key: string): boolean {
  const { statement, policy } = grant;
  if (key === 'iam:passedtoservice') return coversAction(statement, 'iam:PassRole');
  if (key === 'ecs:cluster') return coversAction(statement, 'ecs:RunTask');
  if (key === 'aws:sourceaccount' || key === 'aws:sourcearn') {
    return policy.kind === 'trust' && (statement.principals?.Service ?? []).length > 0;
  }
  return false;
}

/**
 * A security-relevant condition that restricts nothing (a negated operator, `Null`, a
 * wildcard, `…IfExists`, a value of the wrong shape) reads as a guard but lets everything through.
 */
export const conditionWithoutEffect: Rule = {
  id: 'FR-IAM-CONDITION-NO-EFFECT',
  severity: 'error',
  rationale:
    'a condition on a security key (iam:PassedToService, ecs:cluster, aws:SourceAccount, aws:SourceArn, kms:ViaService …) that is negated, Null, IfExists, a wildcard or of the wrong shape reads as a guard but restricts nothing',
  anchors: ['IAM Access Analyzer policy checks (closest: MISSING/redundant condition findings)'],
  check: (stack) =>
    [...grants(stack), ...grants(stack, 'trust')].flatMap((grant) => {
      // Lower-cased key -> the key as the policy spells it (keys are case-insensitive).
      const keys = new Map(
        Object.values(grant.statement.conditions).flatMap((byKey) =>
          Object.keys(byKey).map((k) => [k.toLowerCase(), k] as const),
        ),
      );
      return [...keys]
        .filter(([key]) => SECURITY_KEYS[key] !== undefined && !judgedElsewhere(grant, key))
        .flatMap(([key, spelt]) => {
          const verdict = restriction(grant.statement, spelt, SECURITY_KEYS[key]);
          return verdict.restricts
            ? []
            : [
                {
                  address: grant.policy.address,
                  message: `${describeStatement(grant)} is allowed ${verdict.reason}: compare the key with StringEquals/ArnEquals and exact values`,
                },
              ];
        });
    }),
};
