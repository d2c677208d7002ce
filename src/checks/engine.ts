import { type PlanJson } from '../review/plan-json';
import { DEFAULT_WILDCARD_ALLOW_LIST, type WildcardAllowance } from './allow-list';
import { REFERENCE_SERVICES } from './iam-data/arn-match';
import { IamCatalog, splitAction } from './iam-data/catalog';
import { StackModel } from './model/stack';
import { type Config } from './model/terraform';
import { RULES } from './rules';
import { applySuppressions, resourceSuppressions, type Suppression } from './suppressions';
import { type Finding, type Rule, type RuleContext } from './types';

/** One synthesized stack: its name and its `cdk.tf.json`. */
export interface StackInput {
  readonly name: string;
  readonly json: object;
}

/** One stack's plan: its name and the JSON of `terraform show -json <planfile>`. */
export interface PlanInput {
  readonly name: string;
  readonly plan: PlanJson;
}

/** Options of {@link runChecks}. */
export interface RunOptions {
  /** IAM's actions and resource types: `await IamCatalog.load(servicesOf(stacks))`. */
  readonly iam: IamCatalog;
  /** Accepted findings, each with a reason. @default - none */
  readonly suppressions?: readonly Suppression[];
  /** Actions that may be granted on `*`, in addition to {@link DEFAULT_WILDCARD_ALLOW_LIST}. @default - none */
  readonly wildcardAllowList?: readonly WildcardAllowance[];
  /** The day to judge runtime deprecations on, `YYYY-MM-DD`. @default - today */
  readonly today?: string;
  /** The rules to run. @default RULES */
  readonly rules?: readonly Rule[];
}

/**
 * Runs every rule on every stack and applies the suppressions. Findings come sorted by stack,
 * address, rule and message, so that reports are stable.
 */
export function runChecks(stacks: readonly StackInput[], options: RunOptions): Finding[] {
  return runChecksOnModels(stackModels(stacks), options);
}

/**
 * Runs every rule on every plan ({@link StackModel.fromPlan}): the same rules as on synthesized
 * stacks, judged on the values Terraform evaluated (`jsonencode`, references, modules).
 */
export function runChecksOnPlans(plans: readonly PlanInput[], options: RunOptions): Finding[] {
  return runChecksOnPlanModels(planModels(plans), options);
}

/** The model of each synthesized stack: built once per run, then read by every rule. */
function stackModels(stacks: readonly StackInput[]): StackModel[] {
  return stacks.map((s) => new StackModel(s.name, s.json as Config));
}

/** The model of each plan: built once per run, then read by every rule. */
function planModels(plans: readonly PlanInput[]): StackModel[] {
  return plans.map((p) => StackModel.fromPlan(p.name, p.plan));
}

function runChecksOnPlanModels(models: readonly StackModel[], options: RunOptions): Finding[] {
  const suppressions = relevantSuppressions(options.suppressions ?? [], models);
  return runChecksOnModels(models, { ...options, suppressions });
}

/**
 * The suppressions that concern the plans checked: one naming another stack, or one for any
 * stack (`*`) whose resource no plan has, is neither applied nor reported as unused (checking
 * one stack's plan must not call the other stacks' suppressions stale; a synth checks them all).
 */
function relevantSuppressions(
  suppressions: readonly Suppression[],
  models: readonly StackModel[],
): Suppression[] {
  return suppressions.filter((s) =>
    s.stack === undefined
      ? models.some((m) => m.resources.some((r) => r.address === s.address))
      : models.some((m) => m.name === s.stack),
  );
}

function runChecksOnModels(models: readonly StackModel[], options: RunOptions): Finding[] {
  const extra = options.wildcardAllowList ?? [];
  const context: RuleContext = {
    iam: options.iam,
    // An entry without a reason does not apply (and is reported).
    wildcardAllowList: [...DEFAULT_WILDCARD_ALLOW_LIST, ...extra.filter((e) => e.reason.trim())],
    today: options.today ?? new Date().toISOString().slice(0, 10),
  };
  const findings = models.flatMap((stack) =>
    (options.rules ?? RULES).flatMap((rule) =>
      rule.check(stack, context).map((result): Finding => ({
        ruleId: rule.id,
        severity: result.severity ?? rule.severity,
        stack: stack.name,
        address: result.address,
        message: result.message,
      })),
    ),
  );
  const suppressions = [...(options.suppressions ?? []), ...models.flatMap(resourceSuppressions)];
  return applySuppressions(findings, suppressions, extra).sort(compareFindings);
}

/** Loads the IAM data the stacks need, then runs {@link runChecks}; each stack is modelled once. */
export async function checkStacks(
  stacks: readonly StackInput[],
  options: Omit<RunOptions, 'iam'> = {},
): Promise<Finding[]> {
  const models = stackModels(stacks);
  const iam = IamCatalog.loadSync(servicesOfModels(models));
  return runChecksOnModels(models, { ...options, iam });
}

/** Loads the IAM data the plans need, then runs {@link runChecksOnPlans}; each plan is modelled once. */
export async function checkPlans(
  plans: readonly PlanInput[],
  options: Omit<RunOptions, 'iam'> = {},
): Promise<Finding[]> {
  const models = planModels(plans);
  const iam = IamCatalog.loadSync(servicesOfModels(models));
  return runChecksOnPlanModels(models, { ...options, iam });
}

/** The service prefixes named by the actions of the stacks' policies, plus those typed references need. */
export function servicesOf(stacks: readonly StackInput[]): string[] {
  return servicesOfModels(stackModels(stacks));
}

function servicesOfModels(models: readonly StackModel[]): string[] {
  const services = new Set(REFERENCE_SERVICES);
  for (const model of models) {
    for (const policy of model.policies) {
      for (const statement of policy.statements) {
        for (const action of [...(statement.actions ?? []), ...(statement.notActions ?? [])]) {
          if (action !== '*' && !action.includes('${')) services.add(splitAction(action)[0]);
        }
      }
    }
  }
  return [...services].sort();
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compare(a.stack, b.stack) ||
    compare(a.address, b.address) ||
    compare(a.ruleId, b.ruleId) ||
    compare(a.message, b.message)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
