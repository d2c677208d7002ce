// Public API for npm consumers: re-exports only.
export { ValidationError, Problems, type Problem } from './errors';
export { resourceName } from './naming';
export { AwsContext } from './aws/context';
export { ArnKinds, parseArn, formatArn, type ArnKind, type ArnParts } from './aws/arn';
export { parseSecretReference, type SecretReference } from './aws/secrets';
export { PolicyDocument, type PolicyDocumentJson, type PolicyStatementJson } from './iam/document';
export { Grant, type IGrantable, type IPrincipal } from './iam/grant';
export { ServiceRole, type ServiceRoleProps, type RoleOptions } from './iam/service-role';
export {
  type PolicyStatement,
  type Conditions,
  type Effect,
  type Principals,
} from './iam/statement';
export {
  TrustedServices,
  serviceTrustStatement,
  confusedDeputyConditions,
  type TrustedService,
} from './iam/trust';
export {
  TaskExecutionRole,
  type TaskExecutionRoleProps,
  type ExecutionRolePolicyMode,
  STARTER_POLICY,
} from '../modules/task-execution-role';
export {
  TaskRole,
  TaskRoleStatements,
  type TaskRoleProps,
  type S3Location,
} from '../modules/task-role';
export {
  EcsCluster,
  type EcsClusterProps,
  type ICluster,
  type ContainerInsights,
  type CapacityProviderStrategyItem,
  type ExecuteCommandOptions,
} from '../modules/ecs-cluster';
export {
  FargateTaskDefinition,
  type FargateTaskDefinitionProps,
  type ContainerDefinition,
  type TaskLogging,
  type CpuArchitecture,
  type PortMapping,
  type HealthCheck,
  type ContainerDependency,
  type Ulimit,
} from '../modules/fargate-task-definition';
export {
  runnableTask,
  grantRunTask,
  type IRunnableTask,
  type RunnableTaskAttributes,
} from '../modules/fargate-task-definition/runnable';
export { parseImage, type ImageSource } from './aws/image';
export { FARGATE_MEMORY_BY_CPU } from './aws/fargate';
export {
  LambdaRunner,
  type LambdaRunnerProps,
  type RunnerSchedule,
  type RunnerEventTrigger,
  type RunnerInvocation,
  type RunnerRuntime,
  type RunnerOnFailure,
} from '../modules/lambda-runner';
export { type RunnerConfigProps } from '../modules/lambda-runner/config';
export { type RunnerConfig } from './runner/config';
export {
  TaskFailures,
  taskFailurePattern,
  FAILURE_REASON_PREFIXES,
  type TaskFailuresProps,
  type TaskFailureTopic,
  type DiagnosedTask,
} from '../modules/task-failures';
export {
  diagnoseTask,
  type Diagnosis,
  type DiagnosisContext,
  type DiagnosisKind,
  type TaskDiagnosis,
  type TaskRoleKind,
} from './diagnose/diagnose';
export { stoppedTasks, type StoppedTask, type StoppedContainer } from './diagnose/task';
export { renderDiagnosis } from './diagnose/render';
export { ReadableLogicalIds } from './readable-ids';
export { synthesizeAtomically } from './synth-output';
