import { type Rule } from '../types';

export const logGroupWithoutRetention: Rule = {
  id: 'FR-LOGS-NO-RETENTION',
  severity: 'warning',
  rationale: 'a log group without retention keeps (and bills) every event forever',
  anchors: [
    'checkov CKV_AWS_66',
    'checkov CKV_AWS_338 (asks for >= 365 days; this rule asks for any retention)',
  ],
  check: (stack) =>
    stack
      .ofType('aws_cloudwatch_log_group')
      .flatMap(({ address, config }) =>
        Number(config.retention_in_days) > 0 || String(config.retention_in_days).includes('${')
          ? []
          : [{ address, message: 'has no retention_in_days: its events are kept forever' }],
      ),
};
