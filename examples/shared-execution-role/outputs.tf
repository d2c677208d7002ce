output "cluster_arn" {
  description = "ARN of the cluster."
  value       = module.cluster.cluster_arn
}

output "execution_role_arn" {
  description = "ARN of the execution role both task definitions share."
  value       = module.execution_role.role_arn
}

output "runner_function_name" {
  description = "Name of the runner: invoke it with {\"task\": \"report\"} or {\"task\": \"cleanup\"}."
  value       = module.runner.function_name
}
