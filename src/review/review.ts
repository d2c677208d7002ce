import { permissionDiagram } from './diagram';
import { type PlanJson } from './plan-json';
import { reviewPlan } from './plan-review';
import { type StackReview } from './render';
import { diffStacks } from './synth-diff';
import { type SynthOutput } from './terraform-json';

/** What to review. */
export interface ReviewInputs {
  /**
   * The synthesized stacks to compare against.
   *
   * @default - none: without a plan, every resource of `current` is new
   */
  readonly base?: SynthOutput;
  /**
   * The synthesized stacks under review; the permission diagrams come from them.
   *
   * @default - none
   */
  readonly current?: SynthOutput;
  /**
   * Plans (`terraform show -json`) by stack name.
   *
   * @default - none
   */
  readonly plans?: ReadonlyMap<string, PlanJson>;
  /**
   * Only these stacks.
   *
   * @default - every stack of the base, the current output and the plans
   */
  readonly stacks?: readonly string[];
  /**
   * Include each stack's permission diagram.
   *
   * @default true
   */
  readonly diagrams?: boolean;
}

/**
 * Reviews every stack: the plan where there is one, the synthesized changes against the base
 * where there is a base (or no plan), and the permission diagram of the current output.
 */
export function reviewStacks(inputs: ReviewInputs): StackReview[] {
  const { base, current, plans } = inputs;
  const all = [
    ...new Set([...(base?.keys() ?? []), ...(current?.keys() ?? []), ...(plans?.keys() ?? [])]),
  ];
  const names = (inputs.stacks ?? all.sort()).filter((name) => all.includes(name));
  return names.map((stack) => {
    const plan = plans?.get(stack);
    const now = current?.get(stack);
    return {
      stack,
      ...(plan && { plan: reviewPlan(stack, plan) }),
      ...((base !== undefined || !plan) && {
        synth: diffStacks(stack, base?.get(stack), now),
      }),
      ...(inputs.diagrams !== false && now && { diagram: permissionDiagram(now) }),
    };
  });
}
