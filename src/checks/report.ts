import { RULES } from './rules';
import { suppressionWithoutReason, unusedSuppression } from './suppressions';
import { type Finding } from './types';

/** Counts of a run. */
export interface Summary {
  readonly errors: number;
  readonly warnings: number;
  readonly suppressed: number;
}

/** Errors and warnings that still count, and how many findings were suppressed. */
export function summarize(findings: readonly Finding[]): Summary {
  const open = findings.filter((f) => !f.suppressed);
  return {
    errors: open.filter((f) => f.severity === 'error').length,
    warnings: open.filter((f) => f.severity === 'warning').length,
    suppressed: findings.length - open.length,
  };
}

const HEADERS = ['rule', 'severity', 'stack', 'resource', 'message'] as const;

/** The findings as a plain-text table, suppressed ones (with their reasons) last, and a summary line. */
export function formatTable(findings: readonly Finding[]): string {
  const summary = summarize(findings);
  const open = findings.filter((f) => !f.suppressed);
  const suppressed = findings.filter((f) => f.suppressed);
  const sections: string[] = [];
  if (open.length > 0) {
    sections.push(table(open.map((f) => [f.ruleId, f.severity, f.stack, f.address, f.message])));
  }
  if (suppressed.length > 0) {
    sections.push(
      `Suppressed:\n${table(
        suppressed.map((f) => [
          f.ruleId,
          f.severity,
          f.stack,
          f.address,
          `${f.message} [reason: ${f.suppressed?.reason}]`,
        ]),
      )}`,
    );
  }
  sections.push(
    `${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.suppressed} suppressed`,
  );
  return sections.join('\n\n');
}

function table(rows: readonly string[][]): string {
  // The message column is last: it is not padded, and its rule is as long as its header.
  const widths = HEADERS.map((header, column) =>
    Math.max(
      header.length,
      ...(column < HEADERS.length - 1 ? rows.map((r) => r[column].length) : []),
    ),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The JSON report: format version, summary, every finding and the rules that ran. */
export function jsonReport(findings: readonly Finding[]): object {
  return {
    version: 1,
    summary: summarize(findings),
    findings,
    rules: [...RULES, suppressionWithoutReason, unusedSuppression].map(
      ({ id, severity, rationale, anchors }) => ({ id, severity, rationale, anchors }),
    ),
  };
}
