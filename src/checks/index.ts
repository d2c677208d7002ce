// The checks' public API: re-exports only.
export {
  runChecks,
  runChecksOnPlans,
  checkStacks,
  checkPlans,
  servicesOf,
  type PlanInput,
  type RunOptions,
  type StackInput,
} from './engine';
export { StackModel } from './model/stack';
export { IamCatalog } from './iam-data/catalog';
export { RULES } from './rules';
export { parseChecksConfig, type ChecksConfig, type Suppression } from './suppressions';
export { DEFAULT_WILDCARD_ALLOW_LIST, type WildcardAllowance } from './allow-list';
export { formatTable, jsonReport, summarize, type Summary } from './report';
export { type Finding, type Rule, type Severity } from './types';
