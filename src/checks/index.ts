// The checks' public API: re-exports only.
export { runChecks, checkStacks, servicesOf, type RunOptions, type StackInput } from './engine';
export { IamCatalog } from './iam-data/catalog';
export { RULES } from './rules';
export { parseChecksConfig, type ChecksConfig, type Suppression } from './suppressions';
export { DEFAULT_WILDCARD_ALLOW_LIST, type WildcardAllowance } from './allow-list';
export { formatTable, jsonReport, summarize, type Summary } from './report';
export { type Finding, type Rule, type Severity } from './types';
