locals {
  execute_command = var.execute_command
  execute_command_log_group = local.execute_command == null ? null : coalesce(
    local.execute_command.log_group_name,
    "/aws/ecs/${var.cluster_name}/execute-command",
  )
  create_execute_command_log = local.execute_command == null ? false : local.execute_command.create_log_group

  arn_partition_pattern = "^arn:aws(?:-cn|-us-gov|-iso(?:-[a-z])?|-eusc)?"
  # Tag keys and values as AWS accepts them (keys starting with "aws:" are reserved).
  tag_key_pattern    = "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$"
  tag_value_pattern  = "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$"
  arn_region_pattern = "[a-z]{2}(?:-[a-z]+)+-\\d{1,2}"
  kms_key_pattern = join("", [
    local.arn_partition_pattern, ":kms:", local.arn_region_pattern, ":\\d{12}:",
    "key/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$",
  ])
}

resource "aws_cloudwatch_log_group" "execute_command" {
  count = local.create_execute_command_log ? 1 : 0

  name              = local.execute_command_log_group
  retention_in_days = local.execute_command.log_retention_days
  kms_key_id        = local.execute_command.log_kms_key_arn
  tags              = var.tags
}

resource "aws_ecs_cluster" "this" {
  name = var.cluster_name

  setting {
    name  = "containerInsights"
    value = var.container_insights
  }

  dynamic "configuration" {
    for_each = local.execute_command == null ? [] : [local.execute_command]

    content {
      execute_command_configuration {
        kms_key_id = configuration.value.kms_key_arn
        logging    = "OVERRIDE"

        log_configuration {
          cloud_watch_log_group_name     = local.execute_command_log_group
          cloud_watch_encryption_enabled = configuration.value.log_kms_key_arn != null
        }
      }
    }
  }

  tags = var.tags
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]

  dynamic "default_capacity_provider_strategy" {
    for_each = var.default_capacity_provider_strategy

    content {
      capacity_provider = default_capacity_provider_strategy.value.capacity_provider
      weight            = default_capacity_provider_strategy.value.weight
      base              = default_capacity_provider_strategy.value.base
    }
  }
}
