import { splitAction } from '../iam-data/catalog';
import { formatTokens, patternsIntersect, resourceTokens } from '../iam-data/arn-match';
import { type Rule, type RuleContext } from '../types';
import { type StackModel } from '../model/stack';
import { describeStatement } from './statements';

/** Every statement of every readable policy (Allow and Deny: a misspelt Deny protects nothing). */
const allStatements = (stack: StackModel) =>
  stack.policies.flatMap((policy) => policy.statements.map((statement) => ({ policy, statement })));

/** Why an action is not an IAM action, or undefined when it is (or cannot be judged). */
function actionProblem(action: string, { iam }: RuleContext): string | undefined {
  if (action === '*' || action.includes('${')) return undefined;
  const [service, name] = splitAction(action);
  if (name === undefined || name === '') return `"${action}" is not of the form service:Action`;
  if (!iam.covers(service)) return undefined;
  if (!iam.hasService(service)) return `"${action}" names the unknown service "${service}"`;
  if (iam.actionsMatching(action).length > 0) return undefined;
  if (/[*?]/.test(name)) return `"${action}" matches no ${service} action`;
  const suggestion = iam.suggest(action);
  return `"${action}" is not an ${service} action${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
}

/** A misspelt action grants nothing and fails silently: the permission it was meant to give is missing. */
export const unknownAction: Rule = {
  id: 'FR-IAM-UNKNOWN-ACTION',
  severity: 'error',
  rationale:
    'an action IAM does not know (a typo such as ecs:RunTasks) grants or denies nothing, silently',
  anchors: ['IAM Access Analyzer policy validation (ERROR: invalid action)'],
  check: (stack, context) =>
    allStatements(stack).flatMap((grant) =>
      [...(grant.statement.actions ?? []), ...(grant.statement.notActions ?? [])].flatMap(
        (action) => {
          const problem = actionProblem(action, context);
          return problem
            ? [
                {
                  address: grant.policy.address,
                  message: `${describeStatement(grant)}: ${problem}`,
                },
              ]
            : [];
        },
      ),
    ),
};

/** A resource of the wrong type for an action never matches a request: the grant is dead. */
export const resourceTypeMismatch: Rule = {
  id: 'FR-IAM-RESOURCE-TYPE-MISMATCH',
  severity: 'error',
  rationale:
    'a Resource that fits none of the resource types of an action (a secret ARN for ecr:BatchGetImage) never matches a request',
  anchors: ['IAM Access Analyzer policy validation (resource ARN does not match action)'],
  check: (stack, { iam }) =>
    allStatements(stack).flatMap((grant) =>
      (grant.statement.resources ?? [])
        .filter((resource) => resource !== '*')
        .flatMap((resource) => {
          const tokens = resourceTokens(resource, iam);
          if (!tokens) return [];
          const misfits = (grant.statement.actions ?? [])
            .filter((a) => !/[*?]/.test(a))
            .flatMap((action) => {
              const [info] = iam.actionsMatching(action);
              if (!info) return [];
              if (info.resourceTypes.length === 0) return [`${info.id} (supports only "*")`];
              const [service] = splitAction(info.id);
              const formats = info.resourceTypes
                .map((type) => [type, iam.arnFormat(service, type)] as const)
                .filter((entry): entry is readonly [string, string] => entry[1] !== undefined);
              if (formats.length === 0) return [];
              const fits = formats.some(([, format]) =>
                patternsIntersect(tokens, formatTokens(format)),
              );
              return fits ? [] : [`${info.id} (${formats.map(([type]) => type).join(', ')})`];
            });
          return misfits.length === 0
            ? []
            : [
                {
                  address: grant.policy.address,
                  message: `${describeStatement(grant)}: "${resource}" fits no resource type of ${misfits.join(', ')}`,
                },
              ];
        }),
    ),
};
