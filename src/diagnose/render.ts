import { type TaskDiagnosis } from './diagnose';

/** A diagnosis as plain text for a terminal or a notification: one block per task. */
export function renderDiagnosis(result: TaskDiagnosis): string {
  const lines = [
    `Task ${result.taskArn ?? '(no task ARN)'}${result.family ? ` (${result.family})` : ''}`,
    `  stopped: ${result.stopCode ?? '(no stop code)'}: ${result.stoppedReason ?? '(no stopped reason)'}`,
    ...(result.stoppedAt || result.startedBy
      ? [
          `  ${[result.stoppedAt && `at ${result.stoppedAt}`, result.startedBy && `started by ${result.startedBy}`].filter(Boolean).join(', ')}`,
        ]
      : []),
    `  ${result.failed ? 'FAILED' : 'not a failure'}`,
  ];
  for (const diagnosis of result.diagnoses) {
    lines.push(`  - ${diagnosis.summary}`);
    if (diagnosis.role)
      lines.push(
        `    role:     ${diagnosis.role} role${diagnosis.roleName ? ` ${diagnosis.roleName}` : ''}`,
      );
    if (diagnosis.action) lines.push(`    action:   ${diagnosis.action}`);
    if (diagnosis.resource) lines.push(`    resource: ${diagnosis.resource}`);
    if (diagnosis.service) lines.push(`    service:  ${diagnosis.service}`);
    lines.push(`    fix:      ${diagnosis.fix}`);
    // The task's stopped reason is printed above: repeat only other evidence (a container's).
    if (diagnosis.evidence !== result.stoppedReason)
      lines.push(`    evidence: ${diagnosis.evidence}`);
  }
  return lines.join('\n');
}
