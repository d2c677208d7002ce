provider "aws" {
  region = "eu-west-1"
}

locals {
  name = "jobs-dev"
}

module "cluster" {
  source = "../../modules/ecs-cluster"

  cluster_name       = local.name
  container_insights = "enhanced"
}

# One execution role for both task definitions: each adds what its containers use as a policy of its own.
module "execution_role" {
  source = "../../modules/task-execution-role"

  role_name          = "${local.name}-execution"
  uses_public_images = true
}

module "report_task_role" {
  source = "../../modules/task-role"

  role_name = "${local.name}-report-task"
  s3_write_locations = [
    {
      bucket_arn = "arn:aws:s3:::jobs-dev-reports"
      prefix     = "daily/"
    },
  ]
  sns_publish_topic_arns = ["arn:aws:sns:eu-west-1:123456789012:report-ready"]
}

module "report" {
  source = "../../modules/fargate-task-definition"

  family           = "${local.name}-report"
  cpu              = 512
  memory_mib       = 1024
  cpu_architecture = "ARM64"
  containers = [
    {
      name  = "report"
      image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.4.2"
      environment = {
        REPORT_BUCKET = "jobs-dev-reports"
      }
    },
  ]
  execution_role_name = module.execution_role.role_name
  execution_role_arn  = module.execution_role.role_arn
  task_role_name      = module.report_task_role.role_name
  task_role_arn       = module.report_task_role.role_arn
}

module "cleanup" {
  source = "../../modules/fargate-task-definition"

  family     = "${local.name}-cleanup"
  cpu        = 256
  memory_mib = 512
  containers = [
    {
      name    = "cleanup"
      image   = "public.ecr.aws/docker/library/busybox:1.36"
      command = ["sh", "-c", "echo cleaning up"]
    },
  ]
  execution_role_name = module.execution_role.role_name
  execution_role_arn  = module.execution_role.role_arn
}

module "runner" {
  source = "../../modules/lambda-runner"

  function_name = "${local.name}-runner"
  cluster_name  = module.cluster.cluster_name
  tasks = {
    for name, task in { report = module.report, cleanup = module.cleanup } : name => {
      family                   = task.family
      execution_role_arn       = task.execution_role_arn
      task_role_arn            = task.task_role_arn
      container                = task.container_name
    }
  }
  subnet_ids         = ["subnet-0123456789abcdef0"]
  security_group_ids = ["sg-0123456789abcdef0"]

  schedule = {
    expression = "cron(0 3 * * ? *)"
    timezone   = "Europe/Dublin"
    input = {
      task = "report"
    }
  }
}
