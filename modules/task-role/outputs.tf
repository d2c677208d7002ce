output "role_name" {
  description = "Name of the task role."
  value       = aws_iam_role.this.name
}

output "role_arn" {
  description = "ARN of the task role, built from its path and name: known at plan."
  value       = "arn:${local.partition}:iam::${local.account_id}:role${aws_iam_role.this.path}${aws_iam_role.this.name}"
}

output "policy_json" {
  description = "The role's own policy document (null when the role needs none)."
  value       = length(local.statements) > 0 ? data.aws_iam_policy_document.this[0].json : null
}
