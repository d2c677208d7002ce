import { type CanonicalStatement } from './statement';

/** How much one document may hold, and how many documents there may be. */
export interface PackingBudget {
  /** The first document's size limit (the role's inline policy). */
  readonly first: number;
  /** Every further document's size limit (a customer managed policy). */
  readonly rest: number;
  /** How many further documents there may be (the managed policies the role may still attach). */
  readonly maxRest: number;
}

/** Measures a statement as IAM counts it, once Terraform has evaluated it. */
export type StatementSize = (statement: CanonicalStatement) => number;

/** `{"Version":"2012-10-17","Statement":[]}` */
const DOCUMENT_OVERHEAD = 39;

/** A document's size: its statements, the commas between them and the envelope. */
export function documentSize(
  statements: readonly CanonicalStatement[],
  size: StatementSize,
): number {
  return (
    DOCUMENT_OVERHEAD +
    statements.reduce((sum, s) => sum + size(s), 0) +
    Math.max(0, statements.length - 1)
  );
}

/**
 * Packs statements into documents that each fit their limit, first fit in order, without ever
 * widening a grant: a statement too large for one document is split by its resources into
 * statements with the same effect, actions and conditions (`RunTask`, `RunTaskPart2` …).
 * Returns the documents' statements, or undefined when they need more documents than the budget
 * allows.
 */
export function packStatements(
  statements: readonly CanonicalStatement[],
  size: StatementSize,
  budget: PackingBudget,
): CanonicalStatement[][] | undefined {
  const limits = (index: number) => (index === 0 ? budget.first : budget.rest);
  // Parts small enough for any document, so that first fit never strands one.
  const largest =
    (budget.maxRest > 0 ? Math.min(budget.first, budget.rest) : budget.first) - DOCUMENT_OVERHEAD;
  const parts = statements.flatMap((s) =>
    size(s) <= largest ? [s] : splitByResources(s, size, largest),
  );
  if (parts.some((p) => size(p) > largest)) return undefined;
  const documents: CanonicalStatement[][] = [[]];
  for (const part of parts) {
    let target = documents.findIndex((doc, i) => documentSize([...doc, part], size) <= limits(i));
    if (target < 0) {
      documents.push([]);
      target = documents.length - 1;
      if (documentSize([part], size) > limits(target)) return undefined;
    }
    documents[target].push(part);
  }
  return documents.length - 1 <= budget.maxRest ? documents : undefined;
}

/** Splits a statement by its resources into parts of at most `limit` characters each. */
function splitByResources(
  statement: CanonicalStatement,
  size: StatementSize,
  limit: number,
): CanonicalStatement[] {
  const parts: CanonicalStatement[] = [];
  let resources: string[] = [];
  const part = (list: string[]) => ({
    ...statement,
    sid: parts.length === 0 ? statement.sid : `${statement.sid}Part${parts.length + 1}`,
    resources: list,
  });
  for (const resource of statement.resources) {
    if (resources.length > 0 && size(part([...resources, resource])) > limit) {
      parts.push(part(resources));
      resources = [];
    }
    resources.push(resource);
  }
  if (resources.length > 0) parts.push(part(resources));
  return parts;
}
