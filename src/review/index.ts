// The review's API: synth diff, plan review, permission diagram and Markdown rendering.
export { reviewStacks, type ReviewInputs } from './review';
export { renderReview, renderDiagrams, type StackReview, type RenderOptions } from './render';
export { diffStacks, type StackDiff, type ResourceChange } from './synth-diff';
export { reviewPlan, type PlanReview, type PlannedChange, type PlanAction } from './plan-review';
export { type PlanJson } from './plan-json';
export { permissionDiagram } from './diagram';
export { type Finding, parseFindings, readFindings } from './findings';
export { readSynthOutput, type StackJson, type SynthOutput } from './terraform-json';
export { type Risk, type RiskKind } from './risks';
export { type RoleChange, type PolicyChange, type StatementChange } from './iam-diff';
export { main } from './cli';
