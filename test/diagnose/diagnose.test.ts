import { diagnoseTask } from '../../src/diagnose/diagnose';
import { stoppedTasks } from '../../src/diagnose/task';
import { stoppedDetail, taskEvent } from './events';
import { RECORDED_REASONS, type RecordedReason } from './reasons';

function detailFor(recorded: RecordedReason) {
  return stoppedDetail(
    {
      stopCode: recorded.stopCode ?? 'TaskFailedToStart',
      stoppedReason: recorded.stoppedReason ?? 'Task failed to start',
    },
    [
      {
        name: 'report',
        ...(recorded.containerReason && { reason: recorded.containerReason }),
        ...(recorded.exitCode !== undefined && { exitCode: recorded.exitCode }),
      },
    ],
  );
}

describe('diagnosis of recorded stopped reasons', () => {
  test('covers at least 12 recorded reasons', () => {
    expect(RECORDED_REASONS.length).toBeGreaterThanOrEqual(12);
  });

  test.each(RECORDED_REASONS.map((r) => [r.name, r] as const))('%s', (_name, recorded) => {
    const [task] = stoppedTasks(taskEvent(detailFor(recorded)));
    const result = diagnoseTask(task, {});
    expect(result.failed).toBe(true);
    expect(result.diagnoses).toHaveLength(1);
    const [diagnosis] = result.diagnoses;
    const { option, ...expected } = recorded.expected;
    expect(diagnosis).toMatchObject(expected);
    expect(diagnosis.fix).toMatch(option);
    if (expected.role) expect(diagnosis.summary).toMatch(new RegExp(`The ${expected.role} role`));
    if (expected.action) expect(diagnosis.summary).toContain(expected.action);
    if (expected.resource && expected.kind === 'access-denied' && expected.resource !== '*')
      expect(diagnosis.summary).toContain(expected.resource);
  });

  test('names the role from the denied principal', () => {
    const [task] = stoppedTasks(taskEvent(detailFor(RECORDED_REASONS[0])));
    expect(diagnoseTask(task).diagnoses[0]).toMatchObject({
      roleName: 'fargate-runner-prod-report-execution',
      summary:
        'The execution role fargate-runner-prod-report-execution may not perform secretsmanager:GetSecretValue on arn:aws:secretsmanager:eu-west-1:123456789012:secret:report/db-password-AbCdEf.',
    });
  });

  test('a known task role is named as the task role', () => {
    const reason =
      'AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/fargate-runner-prod-report-task/abc is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::reports/daily/x.csv';
    const [task] = stoppedTasks(stoppedDetail({ stoppedReason: reason }));
    const [diagnosis] = diagnoseTask(task, {
      roles: { 'fargate-runner-prod-report-task': 'task' },
    }).diagnoses;
    expect(diagnosis).toMatchObject({ role: 'task', action: 's3:PutObject' });
    expect(diagnosis.fix).toMatch(/`taskRolePermissions`/);
  });

  test('the network diagnosis follows the public IP setting and names the subnets', () => {
    const recorded = RECORDED_REASONS.find((r) => r.name.startsWith('Network: ECR registry'))!;
    const [task] = stoppedTasks(taskEvent(detailFor(recorded)));
    const off = diagnoseTask(task, { assignPublicIp: false, subnetIds: ['subnet-0a'] })
      .diagnoses[0];
    expect(off.summary).toBe(
      "The task's subnets (subnet-0a) have no route to Amazon ECR: the connection timed out while the ECS agent started the task.",
    );
    expect(off.fix).toMatch(
      /^Public IP is off, so give the subnets a route 0\.0\.0\.0\/0 to a NAT gateway/,
    );
    const on = diagnoseTask(task, { assignPublicIp: true }).diagnoses[0];
    expect(on.fix).toMatch(
      /^Public IP is on, so the subnets' route table needs 0\.0\.0\.0\/0 to an internet gateway/,
    );
  });

  test('an unknown reason is reported as unknown, verbatim, never guessed', () => {
    // A real reason the diagnosis does not know (ENI provisioning).
    const reason = 'Timeout waiting for network interface provisioning to complete.';
    const [task] = stoppedTasks(stoppedDetail({ stoppedReason: reason }));
    const result = diagnoseTask(task);
    expect(result.failed).toBe(true);
    expect(result.diagnoses).toEqual([
      expect.objectContaining({ kind: 'unknown', evidence: reason }),
    ]);
    expect(result.diagnoses[0]).not.toHaveProperty('action');
    expect(result.diagnoses[0]).not.toHaveProperty('role');
  });

  test('a zero exit and a user stop are not failures', () => {
    const zero = stoppedDetail(
      { stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' },
      [{ name: 'report', exitCode: 0 }],
    );
    expect(diagnoseTask(stoppedTasks(zero)[0]).failed).toBe(false);
    const user = stoppedDetail({
      stopCode: 'UserInitiated',
      stoppedReason: 'Task stopped by user',
    });
    expect(diagnoseTask(stoppedTasks(user)[0])).toMatchObject({
      failed: false,
      diagnoses: [{ kind: 'not-a-failure' }],
    });
  });

  test('only essential containers count when the deployment knows them', () => {
    const detail = stoppedDetail(
      { stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' },
      [
        { name: 'report', exitCode: 0 },
        { name: 'log-router', exitCode: 1 },
      ],
    );
    const [task] = stoppedTasks(detail);
    expect(diagnoseTask(task).failed).toBe(true);
    expect(
      diagnoseTask(task, { essentialContainers: { 'fargate-runner-prod-report': ['report'] } })
        .failed,
    ).toBe(false);
  });

  test("an exit code points to the family's log group when the deployment knows it", () => {
    const [task] = stoppedTasks(
      stoppedDetail(
        {
          stopCode: 'EssentialContainerExited',
          stoppedReason: 'Essential container in task exited',
        },
        [{ name: 'report', exitCode: 2 }],
      ),
    );
    const [diagnosis] = diagnoseTask(task, {
      logGroups: { 'fargate-runner-prod-report': '/ecs/fargate-runner-prod-report' },
    }).diagnoses;
    expect(diagnosis.fix).toMatch(
      /^The application failed: read its output in the log group \/ecs\/fargate-runner-prod-report\./,
    );
  });

  test('a Spot interruption is a failure with its own explanation', () => {
    const [task] = stoppedTasks(
      stoppedDetail({
        stopCode: 'SpotInterruption',
        stoppedReason: 'Your Spot Task was interrupted.',
      }),
    );
    expect(diagnoseTask(task).diagnoses[0]).toMatchObject({ kind: 'spot-interruption' });
  });
});

describe('reading stopped tasks', () => {
  const detail = stoppedDetail();
  test('reads describe-tasks output, a single task, an event and an SQS message', () => {
    const fromDescribe = stoppedTasks({ tasks: [detail, detail], failures: [] });
    expect(fromDescribe).toHaveLength(2);
    expect(stoppedTasks(detail)).toEqual([fromDescribe[0]]);
    expect(stoppedTasks(taskEvent(detail))).toEqual([fromDescribe[0]]);
    expect(stoppedTasks({ body: JSON.stringify(taskEvent(detail)) })).toEqual([fromDescribe[0]]);
    expect(fromDescribe[0]).toMatchObject({
      group: 'runner:fargate-runner-prod-runner',
      stopCode: 'TaskFailedToStart',
      containers: [{ name: 'report', lastStatus: 'STOPPED' }],
    });
  });

  test('describe-tasks timestamps as numbers become ISO strings', () => {
    expect(stoppedTasks({ ...detail, stoppedAt: 1796018442.102 })[0].stoppedAt).toBe(
      '2026-11-30T06:00:42.102Z',
    );
  });

  test('anything else is refused with what was expected', () => {
    expect(() => stoppedTasks({ foo: 1 })).toThrow(/expected a stopped task as JSON/);
    expect(() => stoppedTasks({ body: '{' })).toThrow(/the SQS message body is not JSON/);
  });
});
