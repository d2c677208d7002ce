import { ecsClusterModule } from '../../modules/ecs-cluster/module';
import { fargateTaskDefinitionModule } from '../../modules/fargate-task-definition/module';
import { lambdaRunnerModule } from '../../modules/lambda-runner/module';
import { taskExecutionRoleModule } from '../../modules/task-execution-role/module';
import { taskRoleModule } from '../../modules/task-role/module';

/** Every module published as a plain Terraform module. */
export const MODULES = [
  taskExecutionRoleModule,
  taskRoleModule,
  ecsClusterModule,
  fargateTaskDefinitionModule,
  lambdaRunnerModule,
];
