import { blocks } from '../model/terraform';
import { type Rule } from '../types';

/** `inline_policy` blocks hide policies from most scanners and fight standalone role policies. */
export const inlinePolicyBlock: Rule = {
  id: 'FR-IAM-INLINE-POLICY-BLOCK',
  severity: 'warning',
  rationale:
    'inline_policy blocks on aws_iam_role are invisible to most scanners and conflict with aws_iam_role_policy; use standalone policy resources',
  anchors: ['project convention (DESIGN.md: never inline_policy blocks)'],
  check: (stack) =>
    stack.ofType('aws_iam_role').flatMap((role) => {
      const inline = blocks(role.config.inline_policy).filter((b) => b.policy !== undefined);
      return inline.length === 0
        ? []
        : [
            {
              address: role.address,
              message: `has ${inline.length} inline_policy block(s): render each as an aws_iam_role_policy resource`,
            },
          ];
    }),
};

/** A policy the checks cannot read is a policy nobody checked. */
export const unreadablePolicy: Rule = {
  id: 'FR-IAM-POLICY-UNREADABLE',
  severity: 'error',
  rationale:
    'a policy the checks cannot read (jsonencode, computed references, unknown until apply) was not checked: the checks fail closed; check the plan instead (--plan) or suppress with a reason',
  anchors: ['project rule (Checkov skips such policies silently)'],
  check: (stack) =>
    stack.unreadable.map((policy) => ({
      address: policy.address,
      message: `${policy.label} ${policy.problem}: it was not checked; render it as a JSON string, check a plan of it (npm run check -- --plan <plan.json>) or suppress this finding with a reason`,
    })),
};
