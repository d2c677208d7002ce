output "cluster_name" {
  description = "Name of the cluster."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the cluster."
  value       = aws_ecs_cluster.this.arn
}

output "execute_command_log_group_name" {
  description = "Log group of ECS Exec sessions (null when sessions are not logged): grant task roles write on it."
  value       = local.execute_command_log_group
}
