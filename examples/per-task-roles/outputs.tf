output "invoice_execution_role_arn" {
  description = "ARN of the invoice task's own execution role."
  value       = module.invoice.execution_role_arn
}

output "runner_function_name" {
  description = "Name of the runner: invoke it with {\"task\": \"invoice\"} or {\"task\": \"export\"}."
  value       = module.runner.function_name
}

output "dead_letter_queue_arn" {
  description = "Queue of the runner's failed asynchronous invocations."
  value       = module.runner.dead_letter_queue_arn
}
