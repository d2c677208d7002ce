// Recorded-shape ECS events and tasks for the failure tests: the `ECS Task State Change` event
// as EventBridge delivers it (fields as in AWS's "Amazon ECS task state change events" page),
// with the values of a task the staging-like test stack's runner started.

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const CLUSTER = 'fargate-runner-prod';
export const CLUSTER_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${CLUSTER}`;
export const TASK_GROUP = 'runner:fargate-runner-prod-runner';
export const FAMILY = 'fargate-runner-prod-report';
export const EXECUTION_ROLE = 'fargate-runner-prod-report-execution';
export const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:report/db-password-AbCdEf`;

export interface ContainerShape {
  name?: string;
  exitCode?: number;
  reason?: string;
  lastStatus?: string;
}

/** The `detail` of a stopped task: overrides change any field. */
export function stoppedDetail(
  overrides: Record<string, unknown> = {},
  containers?: ContainerShape[],
) {
  const taskId = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
  return {
    attachments: [
      {
        id: '1789bcae-ddfb-4d10-8ebe-8ac87ddba5b8',
        type: 'eni',
        status: 'DELETED',
        details: [
          { name: 'subnetId', value: 'subnet-0f1e2d3c4b5a69788' },
          { name: 'networkInterfaceId', value: 'eni-0123456789abcdef0' },
          { name: 'privateIPv4Address', value: '10.0.3.17' },
        ],
      },
    ],
    availabilityZone: `${REGION}a`,
    clusterArn: CLUSTER_ARN,
    containers: (containers ?? [{ name: 'report', lastStatus: 'STOPPED' }]).map((c) => ({
      containerArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:container/${CLUSTER}/${taskId}/7c9b2f1e`,
      lastStatus: 'STOPPED',
      name: 'report',
      image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/report:1.4.2`,
      taskArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/${CLUSTER}/${taskId}`,
      networkInterfaces: [],
      cpu: '0',
      ...c,
    })),
    createdAt: '2026-11-30T06:00:01.201Z',
    launchType: 'FARGATE',
    capacityProviderName: 'FARGATE',
    cpu: '1024',
    memory: '2048',
    desiredStatus: 'STOPPED',
    group: TASK_GROUP,
    lastStatus: 'STOPPED',
    overrides: { containerOverrides: [{ name: 'report' }] },
    platformVersion: '1.4.0',
    startedBy: 'fargate-runner',
    stoppingAt: '2026-11-30T06:00:31.466Z',
    stoppedAt: '2026-11-30T06:00:42.102Z',
    stopCode: 'TaskFailedToStart',
    stoppedReason: 'Task failed to start',
    taskArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/${CLUSTER}/${taskId}`,
    taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${FAMILY}:7`,
    updatedAt: '2026-11-30T06:00:42.102Z',
    version: 4,
    ...overrides,
  };
}

/** The EventBridge event around a task detail. */
export function taskEvent(detail: Record<string, unknown>) {
  return {
    version: '0',
    id: '9bcdac79-b31f-4d3d-9410-fbd727c29fab',
    'detail-type': 'ECS Task State Change',
    source: 'aws.ecs',
    account: ACCOUNT,
    time: '2026-11-30T06:00:42Z',
    region: REGION,
    resources: [detail.taskArn],
    detail,
  };
}
