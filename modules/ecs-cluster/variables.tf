variable "cluster_name" {
  description = "Name of the cluster: 1 to 255 letters, digits, - and _."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.cluster_name))
    error_message = "cluster_name must be 1 to 255 letters, digits, - and _."
  }
}

variable "container_insights" {
  description = "Container Insights: disabled, enabled or enhanced (task and container level)."
  type        = string
  default     = "enabled"
  nullable    = false

  validation {
    condition     = contains(["disabled", "enabled", "enhanced"], var.container_insights)
    error_message = "container_insights must be one of disabled, enabled, enhanced."
  }
}

variable "default_capacity_provider_strategy" {
  description = <<-EOT
    Default capacity provider strategy for tasks started without one: capacity_provider (FARGATE or FARGATE_SPOT),
    weight (0 to 1000) and base (0 to 100000, on at most one entry). Both providers are always associated.
  EOT
  type = list(object({
    capacity_provider = string
    weight            = optional(number, 1)
    base              = optional(number, 0)
  }))
  default  = [{ capacity_provider = "FARGATE" }]
  nullable = false

  validation {
    condition     = length(var.default_capacity_provider_strategy) > 0
    error_message = "default_capacity_provider_strategy must have at least one entry."
  }

  validation {
    condition = alltrue([
      for item in var.default_capacity_provider_strategy : alltrue([
        contains(["FARGATE", "FARGATE_SPOT"], item.capacity_provider),
        item.weight >= 0,
        item.weight <= 1000,
        item.base >= 0,
        item.base <= 100000,
      ])
    ])
    error_message = "Each entry needs capacity_provider FARGATE or FARGATE_SPOT, weight 0 to 1000 and base 0 to 100000."
  }

  validation {
    condition     = length([for item in var.default_capacity_provider_strategy : item if item.base > 0]) <= 1
    error_message = "At most one entry of default_capacity_provider_strategy may have a base."
  }
}

variable "execute_command" {
  description = <<-EOT
    ECS Exec session encryption and logging: kms_key_arn (encrypts the session data), log_group_name (default
    /aws/ecs/<cluster_name>/execute-command), create_log_group (false to use an existing group), log_retention_days
    and log_kms_key_arn of the created group. null: sessions are not logged by the cluster.
  EOT
  type = object({
    kms_key_arn        = optional(string)
    log_group_name     = optional(string)
    create_log_group   = optional(bool, true)
    log_retention_days = optional(number, 90)
    log_kms_key_arn    = optional(string)
  })
  default = null

  validation {
    condition = var.execute_command == null ? true : contains(
      [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
      var.execute_command.log_retention_days,
    )
    error_message = "execute_command.log_retention_days must be a retention CloudWatch Logs accepts (1, 3 … 3653)."
  }

  validation {
    condition = var.execute_command == null ? true : (
      var.execute_command.log_group_name == null ? true
      : can(regex("^[\\w\\-./#]{1,512}$", var.execute_command.log_group_name))
    )
    error_message = "execute_command.log_group_name must be 1 to 512 letters, digits and _-./#."
  }

  validation {
    condition = var.execute_command == null ? true : alltrue([
      for arn in [var.execute_command.kms_key_arn, var.execute_command.log_kms_key_arn] :
      arn == null ? true : can(regex(local.kms_key_pattern, arn))
    ])
    error_message = <<-EOT
      execute_command.kms_key_arn and log_kms_key_arn must be KMS key ARNs:
      arn:aws:kms:eu-west-1:123456789012:key/<key id or mrk-…>.
    EOT
  }
}

variable "tags" {
  description = "Tags of the cluster and its log group, in addition to the provider's default tags."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition = alltrue([
      for key, value in var.tags :
      can(regex(local.tag_key_pattern, key)) &&
      !startswith(lower(key), "aws:") &&
      can(regex(local.tag_value_pattern, value))
    ])
    error_message = <<-EOT
      Each tags key must be 1 to 128 letters, digits, spaces and _.:/=+-@, not starting with "aws:"; each value up
      to 256 of them.
    EOT
  }
}
