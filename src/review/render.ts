import { type AttributeChange } from './attribute-diff';
import { type Finding } from './findings';
import { code, details, plural, table } from './markdown';
import { PLAN_ACTIONS, type PlanReview } from './plan-review';
import { renderIamChanges } from './render-iam';
import { type Risk } from './risks';
import { type StackDiff } from './synth-diff';

/** Everything reviewed for one stack. */
export interface StackReview {
  readonly stack: string;
  /** Changes of the synthesized Terraform against the base. */
  readonly synth?: StackDiff;
  /** The stack's plan. */
  readonly plan?: PlanReview;
  /** The permission diagram (Mermaid) of the current synthesized stack. */
  readonly diagram?: string;
}

/** Options of {@link renderReview}. */
export interface RenderOptions {
  /**
   * Security check findings to show with their stacks.
   *
   * @default - none
   */
  readonly findings?: readonly Finding[];
  /**
   * Lines under the title saying what was compared.
   *
   * @default - none
   */
  readonly context?: readonly string[];
}

const RISK_TITLES: Record<Risk['kind'], string> = {
  'trust-principal': 'trust',
  'confused-deputy': 'confused deputy',
  'pass-role': 'PassRole',
  'wildcard-action': 'wildcard action',
  'wildcard-resource': 'wildcard resource',
  'aws-managed-policy': 'AWS managed policy',
};

const MAX_ATTRIBUTES = 12;

/**
 * The review as GitHub Markdown: a summary table, then per stack its risky IAM changes first,
 * the plan, the synthesized changes, every IAM change, the security findings and the
 * permission diagram.
 */
export function renderReview(stacks: readonly StackReview[], options: RenderOptions = {}): string {
  const findings = options.findings ?? [];
  const names = new Set(stacks.map((s) => s.stack));
  const other = findings.filter((f) => !names.has(f.stack));
  const parts = [
    '# Plan review',
    ...(options.context && options.context.length > 0 ? [options.context.join('  \n')] : []),
    summaryTable(stacks, findings),
    ...stacks.map((s) =>
      renderStack(
        s,
        findings.filter((f) => f.stack === s.stack),
      ),
    ),
    ...(other.length > 0 ? [`## Other findings\n\n${renderFindings(other)}`] : []),
  ];
  return `${parts.join('\n\n')}\n`;
}

/** The permission diagrams alone, one Mermaid block per stack. */
export function renderDiagrams(stacks: readonly StackReview[]): string {
  return `${stacks
    .filter((s) => s.diagram)
    .map((s) => `## ${code(s.stack)}\n\n${mermaid(s.diagram as string)}`)
    .join('\n\n')}\n`;
}

function summaryTable(stacks: readonly StackReview[], findings: readonly Finding[]): string {
  const rows = stacks.map((s) => {
    const counts = (kind: string) => s.synth?.resources.filter((r) => r.kind === kind).length ?? 0;
    const synth = s.synth ? `+${counts('added')} ~${counts('changed')} −${counts('removed')}` : '–';
    const plan = s.plan ? planCounts(s.plan) : '–';
    const active = findings.filter((f) => f.stack === s.stack && !f.suppressed);
    return [code(s.stack), synth, plan, String(risksOf(s).length), findingCounts(active)];
  });
  return table(['stack', 'synthesized resources', 'plan', 'risky IAM changes', 'findings'], rows);
}

function risksOf(review: StackReview): Risk[] {
  const all = [...(review.plan?.risks ?? []), ...(review.synth?.risks ?? [])];
  const seen = new Set<string>();
  return all.filter((r) => {
    const key = `${r.role} ${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function renderStack(review: StackReview, findings: readonly Finding[]): string {
  const sections = [`## ${code(review.stack)}`];
  const risks = risksOf(review);
  if (risks.length > 0) {
    sections.push(
      `### ⚠️ Risky IAM changes\n\n${risks
        .map(
          (r, i) =>
            `${i + 1}. **${RISK_TITLES[r.kind]}** role ${code(r.role)}: ${r.message} (${code(r.address)})`,
        )
        .join('\n')}`,
    );
  }
  const riskyRoles = new Set(risks.map((r) => r.role));
  if (review.plan) sections.push(renderPlan(review.plan, riskyRoles));
  if (review.synth) sections.push(renderSynth(review.synth, riskyRoles));
  sections.push(
    `### Security findings\n\n${findings.length > 0 ? renderFindings(findings) : 'None.'}`,
  );
  if (review.diagram) sections.push(details('Permission diagram', mermaid(review.diagram)));
  return sections.join('\n\n');
}

function renderSynth(diff: StackDiff, riskyRoles: ReadonlySet<string>): string {
  const order = ['removed', 'changed', 'added'];
  const rows = [...diff.resources]
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .map((r) => [r.kind, code(r.address), renderAttributes(r.attributes)]);
  const parts = [
    '### Synthesized changes',
    rows.length > 0 ? table(['change', 'address', 'details'], rows) : 'No resource changes.',
  ];
  if (diff.iam.length > 0)
    parts.push('#### IAM changes', renderIamChanges(diff.iam, keysOf(diff.iam, riskyRoles)));
  return parts.join('\n\n');
}

function renderPlan(plan: PlanReview, riskyRoles: ReadonlySet<string>): string {
  const parts = [`### Plan: ${planCounts(plan)}`];
  if (plan.errored)
    parts.push(
      '> [!CAUTION]\n> Terraform reported errors while planning: this plan is incomplete.',
    );
  const rows = plan.changes.map((c) => [
    c.action === 'no-op' ? 'move' : c.action,
    c.previousAddress ? `${code(c.previousAddress)} → ${code(c.address)}` : code(c.address),
    [c.reason, c.importing ? 'import' : undefined, renderAttributes(c.attributes)]
      .filter(Boolean)
      .join('<br>'),
  ]);
  parts.push(rows.length > 0 ? table(['action', 'address', 'details'], rows) : 'No changes.');
  if (plan.outputs.length > 0) {
    parts.push(
      table(
        ['output', 'action', 'sensitive'],
        plan.outputs.map((o) => [code(o.name), o.action, o.sensitive ? 'yes' : '']),
      ),
    );
  }
  if (plan.iam.length > 0)
    parts.push(
      '#### IAM changes in the plan',
      renderIamChanges(plan.iam, keysOf(plan.iam, riskyRoles)),
    );
  return parts.join('\n\n');
}

function keysOf(changes: StackDiff['iam'], riskyRoles: ReadonlySet<string>): Set<string> {
  return new Set(changes.filter((c) => riskyRoles.has(c.name)).map((c) => c.key));
}

/** `1 to create, 2 to update, …`, only the actions the plan has, in review order. */
function planCounts(plan: PlanReview): string {
  const words: Record<string, string> = { 'no-op': 'unchanged', read: 'to read' };
  const parts = PLAN_ACTIONS.filter((a) => plan.counts[a] > 0).map(
    (a) => `${plan.counts[a]} ${words[a] ?? `to ${a}`}`,
  );
  return parts.length > 0 ? parts.join(', ') : 'no resources';
}

function renderAttributes(attributes: readonly AttributeChange[]): string {
  const shown = attributes.slice(0, MAX_ATTRIBUTES).map((a) => {
    if (a.before === undefined && a.after === undefined) {
      return `${code(a.path)} ${a.kind}${a.kind === 'changed' ? ' (see IAM changes)' : ''}`;
    }
    if (a.kind === 'added') return `${code(a.path)} added: ${code(a.after as string)}`;
    if (a.kind === 'removed') return `${code(a.path)} removed (was ${code(a.before as string)})`;
    return `${code(a.path)}: ${code(a.before as string)} → ${code(a.after as string)}`;
  });
  const more = attributes.length - shown.length;
  return [...shown, ...(more > 0 ? [`… and ${more} more`] : [])].join('<br>');
}

function findingCounts(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  if (findings.length === 0) return 'none';
  return [errors > 0 && plural(errors, 'error'), warnings > 0 && plural(warnings, 'warning')]
    .filter(Boolean)
    .join(', ');
}

function renderFindings(findings: readonly Finding[]): string {
  const active = findings
    .filter((f) => !f.suppressed)
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const suppressed = findings.filter((f) => f.suppressed);
  const parts: string[] = [];
  if (active.length > 0) {
    parts.push(
      table(
        ['severity', 'rule', 'address', 'message'],
        active.map((f) => [
          f.severity === 'error' ? '❌ error' : '⚠️ warning',
          code(f.ruleId),
          code(f.address),
          f.message,
        ]),
      ),
    );
  } else {
    parts.push('No active findings.');
  }
  if (suppressed.length > 0) {
    parts.push(
      details(
        `${plural(suppressed.length, 'suppressed finding')}`,
        table(
          ['rule', 'address', 'message', 'reason'],
          suppressed.map((f) => [
            code(f.ruleId),
            code(f.address),
            f.message,
            f.suppressed?.reason ?? '',
          ]),
        ),
      ),
    );
  }
  return parts.join('\n\n');
}

function mermaid(diagram: string): string {
  return `\`\`\`mermaid\n${diagram}\n\`\`\``;
}
