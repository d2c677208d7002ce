provider "aws" {
  region = "eu-west-1"
}

locals {
  name = "billing-prod"
}

module "cluster" {
  source = "../../modules/ecs-cluster"

  cluster_name = local.name
  default_capacity_provider_strategy = [
    {
      capacity_provider = "FARGATE"
      base              = 1
    },
    {
      capacity_provider = "FARGATE_SPOT"
      weight            = 3
    },
  ]
  execute_command = {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}

# Each task definition creates its own minimal execution role: one task's secrets stay out of the other's reach.
module "invoice" {
  source = "../../modules/fargate-task-definition"

  family     = "${local.name}-invoice"
  cpu        = 1024
  memory_mib = 2048
  containers = [
    {
      name  = "invoice"
      image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/billing/invoice:2.0.1"
      secrets = {
        DB_PASSWORD = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing/db-AbCdEf:password::"
        SMTP_HOST   = "arn:aws:ssm:eu-west-1:123456789012:parameter/billing/smtp-host"
      }
    },
  ]
  secrets_kms_key_arns = ["arn:aws:kms:eu-west-1:123456789012:key/abcd1234-12ab-34cd-56ef-1234567890ab"]
  log_retention_days   = 365
}

module "export_task_role" {
  source = "../../modules/task-role"

  role_name = "${local.name}-export-task"
  s3_read_locations = [
    {
      bucket_arn = "arn:aws:s3:::billing-prod-invoices"
      prefix     = "issued/"
    },
  ]
  dynamodb_read_table_arns = ["arn:aws:dynamodb:eu-west-1:123456789012:table/customers"]
}

module "export" {
  source = "../../modules/fargate-task-definition"

  family     = "${local.name}-export"
  cpu        = 512
  memory_mib = 1024
  containers = [
    {
      name  = "export"
      image = "registry.example.com/billing/export:1.2"
      secrets = {
        API_TOKEN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing/export-token-GhIjKl"
      }
      repository_credentials_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing/registry-MnOpQr"
    },
  ]
  task_role_name = module.export_task_role.role_name
  task_role_arn  = module.export_task_role.role_arn
}

module "runner" {
  source = "../../modules/lambda-runner"

  function_name = "${local.name}-runner"
  cluster_name  = module.cluster.cluster_name
  tasks = {
    invoice = {
      family             = module.invoice.family
      execution_role_arn = module.invoice.execution_role_arn
      task_role_arn      = module.invoice.task_role_arn
      container          = module.invoice.container_name
    }
    export = {
      family             = module.export.family
      execution_role_arn = module.export.execution_role_arn
      task_role_arn      = module.export.task_role_arn
      container          = module.export.container_name
    }
  }
  subnet_ids         = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
  security_group_ids = ["sg-0123456789abcdef0"]
  capacity_provider_strategy = [
    {
      capacity_provider = "FARGATE_SPOT"
      weight            = 1
    },
  ]
  task_tags = {
    CostCenter = "billing"
  }
  allow_describe_tasks = true

  # Failed asynchronous invocations go to the queue billing-prod-runner-failed, with the error recorded.
  on_failure             = "destination"
  maximum_retry_attempts = 1

  event_trigger = {
    pattern = jsonencode({
      source        = ["aws.s3"]
      "detail-type" = ["Object Created"]
      detail = {
        bucket = {
          name = ["billing-prod-invoices"]
        }
      }
    })
    input = {
      task = "export"
    }
  }
}
