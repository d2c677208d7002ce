import { type StackModel } from './model/stack';
import { type IamCatalog } from './iam-data/catalog';
import { type WildcardAllowance } from './allow-list';

/** How bad a finding is: errors fail the run, warnings are reported only. */
export type Severity = 'error' | 'warning';

/** One problem found in one resource of one stack. */
export interface Finding {
  /** The rule that found it, e.g. `FR-IAM-PASSROLE-WILDCARD`. */
  ruleId: string;
  severity: Severity;
  /** The stack's name (its directory under `cdktf.out/stacks`). */
  stack: string;
  /** The Terraform address of the resource, e.g. `aws_iam_role_policy.runner_policy_1A2B3C4D`. */
  address: string;
  message: string;
  /** Set when a suppression with a reason matched: the finding no longer fails the run. */
  suppressed?: { reason: string };
}

/** What a rule reports: the engine adds the rule ID, the stack and the default severity. */
export interface RuleResult {
  readonly address: string;
  readonly message: string;
  /** Overrides the rule's severity (e.g. an error in a production stack). */
  readonly severity?: Severity;
}

/** What every rule may read besides the stack. */
export interface RuleContext {
  readonly iam: IamCatalog;
  readonly wildcardAllowList: readonly WildcardAllowance[];
  /** The day the run is about (for runtime deprecation dates), `YYYY-MM-DD`. */
  readonly today: string;
}

/** A check with its identity, the anchors it mirrors and the code that runs it. */
export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  /** Why it matters, in one line. */
  readonly rationale: string;
  /** The rules of other tools it mirrors, e.g. `cdk-nag AwsSolutions-IAM5`, `checkov CKV_AWS_355`. */
  readonly anchors: readonly string[];
  check(stack: StackModel, context: RuleContext): RuleResult[];
}
