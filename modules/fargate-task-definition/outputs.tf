output "task_definition_arn" {
  description = "ARN of the task definition, with its revision."
  value       = aws_ecs_task_definition.this.arn
}

output "family" {
  description = "Family of the task definition."
  value       = aws_ecs_task_definition.this.family
}

output "arn_for_policies" {
  description = "task-definition/<family>:* (every revision of the family): the resource of ecs:RunTask in policies."
  value       = "arn:${local.partition}:ecs:${local.region}:${local.account_id}:task-definition/${var.family}:*"
}

output "execution_role_arn" {
  description = "ARN of the execution role (built from its path and name when the module creates it: known at plan)."
  value = (
    local.create_execution_role
    ? "${local.role_arn_prefix}${aws_iam_role.execution[0].path}${aws_iam_role.execution[0].name}"
    : var.execution_role_arn
  )
}

output "execution_role_name" {
  description = "Name of the execution role."
  value       = local.create_execution_role ? aws_iam_role.execution[0].name : var.execution_role_name
}

output "task_role_arn" {
  description = "ARN of the task role (built from its path and name when the module creates it: known at plan)."
  value = (
    local.create_task_role
    ? "${local.role_arn_prefix}${aws_iam_role.task[0].path}${aws_iam_role.task[0].name}"
    : var.task_role_arn
  )
}

output "task_role_name" {
  description = "Name of the task role: attach the application's permissions to it (or give task_role_name)."
  value       = local.create_task_role ? aws_iam_role.task[0].name : var.task_role_name
}

output "log_group_name" {
  description = "Log group of the containers."
  value       = local.create_log_group ? aws_cloudwatch_log_group.this[0].name : local.log_group_name
}

output "container_name" {
  description = "The container a runner's command and environment overrides apply to: the first essential one."
  value       = [for c in var.containers : c.name if c.essential][0]
}
