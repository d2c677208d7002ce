// Real stoppedReason forms, each from the page cited above it. Account IDs, role, repository
// and secret names are replaced by this project's example values where the page had its own;
// the wording of the message is the page's.
import { ACCOUNT, EXECUTION_ROLE, REGION, SECRET_ARN } from './events';
import { type DiagnosisKind, type TaskRoleKind } from '../../src/diagnose/diagnose';

export interface RecordedReason {
  readonly name: string;
  readonly source: string;
  /** Where ECS puts it: the task's stoppedReason, or a container's reason. */
  readonly stoppedReason?: string;
  readonly containerReason?: string;
  readonly exitCode?: number;
  readonly stopCode?: string;
  readonly expected: {
    readonly kind: DiagnosisKind;
    readonly role?: TaskRoleKind;
    readonly action?: string;
    readonly resource?: string;
    readonly service?: string;
    /** The option the fix names. */
    readonly option: RegExp;
  };
}

const ASSUMED = `arn:aws:sts::${ACCOUNT}:assumed-role/${EXECUTION_ROLE}/0a1b2c3d4e5f60718293a4b5c6d7e8f9`;
const PARAMETER_ARN = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/report/db-host`;
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const REPOSITORY_ARN = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/report`;
const IMAGE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/report`;

export const RECORDED_REASONS: readonly RecordedReason[] = [
  {
    // https://repost.aws/knowledge-center/ecs-unable-to-pull-secrets ("unable to retrieve
    // secret from asm: service call has been retried … failed to fetch secret arn:… from secrets
    // manager"), with the AccessDeniedException text IAM returns
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
    name: 'AccessDenied: Secrets Manager secret',
    source: 'repost.aws ecs-unable-to-pull-secrets',
    stoppedReason: `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${SECRET_ARN} from secrets manager: AccessDeniedException: User: ${ASSUMED} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${SECRET_ARN} because no identity-based policy allows the secretsmanager:GetSecretValue action status code: 400, request id: 5a4a7e0c-2c1f-4f1e-9d0e-6f3c2a1b0c9d`,
    expected: {
      kind: 'access-denied',
      role: 'execution',
      action: 'secretsmanager:GetSecretValue',
      resource: SECRET_ARN,
      option: /`secrets`.*`secretArns`/,
    },
  },
  {
    // https://github.com/umotif-public/terraform-aws-ecs-fargate/issues/50 ("unable to retrieve
    // secrets from ssm: service call has been retried 5 time(s)"), AccessDeniedException as
    // SSM words it (https://github.com/aws-solutions/aws-control-tower-customizations/issues/208).
    name: 'AccessDenied: SSM parameter',
    source: 'terraform-aws-ecs-fargate#50, aws-control-tower-customizations#208',
    stoppedReason: `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 5 time(s): AccessDeniedException: User: ${ASSUMED} is not authorized to perform: ssm:GetParameters on resource: ${PARAMETER_ARN} because no identity-based policy allows the ssm:GetParameters action status code: 400, request id: 64162bbf-4ebe-413a-8a3e-9aa05ddfa835`,
    expected: {
      kind: 'access-denied',
      role: 'execution',
      action: 'ssm:GetParameters',
      resource: PARAMETER_ARN,
      option: /`secrets`.*`parameterArns`/,
    },
  },
  {
    // Secrets Manager's own message when the caller may not use the secret's KMS key:
    // https://aws-solutions.github.io/data-transfer-hub/en/troubleshooting (item 4), inside
    // the asm retrieval form of repost.aws ecs-unable-to-pull-secrets.
    name: 'AccessDenied: KMS key of a secret (Secrets Manager wording)',
    source: 'data-transfer-hub troubleshooting, repost.aws ecs-unable-to-pull-secrets',
    stoppedReason: `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${SECRET_ARN} from secrets manager: AccessDeniedException: Access to KMS is not allowed status code: 400, request id: 0f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b`,
    expected: {
      kind: 'access-denied',
      role: 'execution',
      action: 'kms:Decrypt',
      option: /`kmsKeyArns`/,
    },
  },
  {
    // An SSM SecureString under a customer managed key: the ssm retrieval form (as above)
    // with IAM's AccessDeniedException for kms:Decrypt.
    name: 'AccessDenied: KMS key of a SecureString parameter',
    source: 'terraform-aws-ecs-fargate#50, IAM troubleshoot_access-denied',
    stoppedReason: `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: User: ${ASSUMED} is not authorized to perform: kms:Decrypt on resource: ${KEY_ARN} because no identity-based policy allows the kms:Decrypt action`,
    expected: {
      kind: 'access-denied',
      role: 'execution',
      action: 'kms:Decrypt',
      resource: KEY_ARN,
      option: /`kmsKeyArns`/,
    },
  },
  {
    // https://repost.aws/knowledge-center/ecs-unable-to-pull-secrets ("unable to retrieve ecr
    // registry auth: service call has been retried 3 time(s)"); the GetAuthorizationToken denial
    // as ECR words it: https://github.com/aws-samples/awsome-distributed-training (observability Notes.md).
    name: 'AccessDenied: ECR authorization token',
    source: 'repost.aws ecs-unable-to-pull-secrets, awsome-distributed-training',
    stoppedReason: `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): AccessDeniedException: User: ${ASSUMED} is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action`,
    expected: {
      kind: 'access-denied',
      role: 'execution',
      action: 'ecr:GetAuthorizationToken',
      resource: '*',
      option: /`image`.*`repositoryArns`/,
    },
  },
  {
    // The image pull denial as ECR words it (awsome-distributed-training Notes.md; and
    // https://linden.consulting/en/blog/ecr-image-pull-failure for the "pull access denied" form).
    name: 'AccessDenied: ECR image (BatchGetImage)',
    source: 'awsome-distributed-training, linden.consulting ecr-image-pull-failure',
    containerReason: `CannotPullContainerError: Error response from daemon: pull access denied for ${IMAGE}, repository does not exist or may require 'docker login': denied: User: ${ASSUMED} is not authorized to perform: ecr:BatchGetImage on resource: ${REPOSITORY_ARN} because no identity-based policy allows the ecr:BatchGetImage action`,
    expected: {
      kind: 'access-denied',
      role: 'execution',
      action: 'ecr:BatchGetImage',
      resource: REPOSITORY_ARN,
      option: /`image`.*`repositoryArns`/,
    },
  },
  {
    // Layer download: the same ECR denial for the layer action (ecr:GetDownloadUrlForLayer is
    // in the same Notes.md list of actions the pull needs).
    name: 'AccessDenied: ECR layer download',
    source: 'awsome-distributed-training',
    containerReason: `CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReadSeeker: failed open: denied: User: ${ASSUMED} is not authorized to perform: ecr:GetDownloadUrlForLayer on resource: ${REPOSITORY_ARN} because no identity-based policy allows the ecr:GetDownloadUrlForLayer action`,
    expected: {
      kind: 'access-denied',
      role: 'execution',
      action: 'ecr:GetDownloadUrlForLayer',
      resource: REPOSITORY_ARN,
      option: /`repositoryArns`/,
    },
  },
  {
    // https://devopsaitoolkit.com/blog/aws-error-cannot-pull-container-error-ecs/ ("403 Forbidden"
    // is listed among the stoppedReason forms) with the status-code form of the containerd error.
    name: 'CannotPullContainerError: 403 Forbidden',
    source: 'devopsaitoolkit cannot-pull-container-error-ecs',
    containerReason: `CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref ${IMAGE}:1.4.2: pulling from host ${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com failed with status code [manifests 1.4.2]: 403 Forbidden`,
    expected: {
      kind: 'access-denied',
      role: 'execution',
      action: 'ecr:BatchGetImage',
      resource: `${IMAGE}:1.4.2`,
      option: /`repositoryArns`/,
    },
  },
  {
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_cannot_pull_image.html
    // ("Connection timed out").
    name: 'CannotPullContainerError: request canceled while waiting for connection',
    source: 'AWS docs task_cannot_pull_image',
    containerReason:
      'CannotPullContainerError: API error (500): Get https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/: net/http: request canceled while waiting for connection"',
    expected: { kind: 'no-route', service: 'Amazon ECR', option: /NAT gateway.*ecr\.api/ },
  },
  {
    // https://devopsaitoolkit.com/blog/aws-error-cannot-pull-container-error-ecs/ and
    // https://github.com/ActionIQ/terraform-aws-retool-ecs-fargate/issues/20 (i/o timeout).
    name: 'CannotPullContainerError: dial tcp i/o timeout',
    source: 'devopsaitoolkit, terraform-aws-retool-ecs-fargate#20',
    containerReason:
      'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v42": failed to do request: Head "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/api/manifests/v42": dial tcp 10.0.3.17:443: i/o timeout',
    expected: { kind: 'no-route', service: 'Amazon ECR', option: /NAT gateway/ },
  },
  {
    // https://github.com/ActionIQ/terraform-aws-retool-ecs-fargate/issues/20: Docker Hub.
    name: 'CannotPullContainerError: i/o timeout to Docker Hub',
    source: 'terraform-aws-retool-ecs-fargate#20',
    containerReason:
      'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/tryretool/backend:2.110.5: failed to do request: Head "https://registry-1.docker.io/v2/tryretool/backend/manifests/2.110.5": dial tcp 34.205.13.154:443: i/o timeout',
    expected: {
      kind: 'no-route',
      service: 'the image registry',
      option: /NAT gateway or a public IP/,
    },
  },
  {
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_cannot_pull_image.html
    // ("Context canceled": the VPC has no route to pull the image from Amazon ECR).
    name: 'CannotPullContainerError: context canceled',
    source: 'AWS docs task_cannot_pull_image',
    containerReason: 'CannotPullContainerError: context canceled',
    expected: { kind: 'no-route', service: 'the image registry', option: /ecr\.api and ecr\.dkr/ },
  },
  {
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_cannot_pull_image.html
    // ("Image not found").
    name: 'CannotPullContainerError: repository not found',
    source: 'AWS docs task_cannot_pull_image',
    containerReason:
      'CannotPullContainerError: API error (404): repository 111122223333.dkr.ecr.us-east-1.amazonaws.com/<repo>/<image> not found',
    expected: { kind: 'image-not-found', option: /container's `image`/ },
  },
  {
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_cannot_pull_image.html
    // ("Docker Hub rate limiting").
    name: 'CannotPullContainerError: Docker Hub rate limit',
    source: 'AWS docs task_cannot_pull_image',
    containerReason:
      'CannotPullContainerError: failed to resolve ref docker.io/library/busybox:1.36: ERROR: toomanyrequests: Too Many Requests. You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limits.',
    expected: { kind: 'registry-rate-limit', option: /Amazon ECR/ },
  },
  {
    // https://github.com/Rayraegah/terraform-aws-hasura/issues/25: the log group is missing.
    name: 'Logger: the log group does not exist (CannotStartContainerError)',
    source: 'terraform-aws-hasura#25',
    containerReason:
      'CannotStartContainerError: Error response from daemon: failed to initialize logging driver: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. status code: 400',
    expected: { kind: 'log-group-missing', option: /`logging\.logGroupName`/ },
  },
  {
    // AWS docs "Troubleshooting Amazon ECS ResourceInitializationError errors"
    // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/resource-initialization-error.html),
    // the logger validation form on Fargate platform 1.4.0.
    name: 'Logger: failed to validate logger args',
    source: 'AWS docs resource-initialization-error',
    stoppedReason:
      'ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1',
    expected: { kind: 'log-group-missing', option: /`logging\.logGroupName`/ },
  },
  {
    // https://repost.aws/knowledge-center/ecs-unable-to-pull-secrets (the ECR auth network form).
    name: 'Network: ECR registry auth i/o timeout',
    source: 'repost.aws ecs-unable-to-pull-secrets',
    stoppedReason: `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request failed caused by: Post "https://api.ecr.${REGION}.amazonaws.com/": dial tcp 52.46.0.1:443: i/o timeout. Please check your task network configuration.`,
    expected: { kind: 'no-route', service: 'Amazon ECR', option: /NAT gateway.*ecr\.api/ },
  },
  {
    // https://github.com/umotif-public/terraform-aws-ecs-fargate/issues/50 (SSM, context deadline).
    name: 'Network: SSM context deadline exceeded',
    source: 'terraform-aws-ecs-fargate#50',
    stoppedReason:
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 5 time(s): RequestCanceled: request context canceled caused by: context deadline exceeded',
    expected: {
      kind: 'no-route',
      service: 'AWS Systems Manager Parameter Store',
      option: /interface endpoint ssm/,
    },
  },
  {
    // https://repost.aws/knowledge-center/ecs-unable-to-pull-secrets (first form listed).
    name: 'Network: pull command killed',
    source: 'repost.aws ecs-unable-to-pull-secrets',
    stoppedReason:
      'ResourceInitializationError: unable to pull secrets or registry auth: pull command failed: : signal: killed',
    expected: {
      kind: 'no-route',
      service: 'Amazon ECR or AWS Secrets Manager',
      option: /secretsmanager/,
    },
  },
  {
    // https://repost.aws/knowledge-center/ecs-unable-to-pull-secrets ("failed to fetch secret
    // arn:aws:secretsmanager…"), with Secrets Manager's ResourceNotFoundException text.
    name: 'Secret not found',
    source: 'repost.aws ecs-unable-to-pull-secrets',
    stoppedReason: `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 5 time(s): failed to fetch secret ${SECRET_ARN} from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret.`,
    expected: { kind: 'secret-not-found', option: /`secrets`/ },
  },
  {
    // https://repost.aws/knowledge-center/ecs-task-stopped ("Common exit codes": 137 with
    // OutOfMemoryError).
    name: 'Out of memory: exit code 137',
    source: 'repost.aws ecs-task-stopped',
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
    containerReason: 'OutOfMemoryError: Container killed due to memory usage',
    exitCode: 137,
    expected: { kind: 'out-of-memory', option: /`memoryMiB`/ },
  },
  {
    // https://repost.aws/knowledge-center/ecs-task-stopped ("Essential container in task exited").
    name: 'Essential container exited with code 1',
    source: 'repost.aws ecs-task-stopped',
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
    exitCode: 1,
    expected: { kind: 'exit-code', option: /`taskRolePermissions`/ },
  },
];
