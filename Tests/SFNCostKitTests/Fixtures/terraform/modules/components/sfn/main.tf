# A reusable module: one state machine, created when var.create.
resource "aws_sfn_state_machine" "this" {
  count = var.create ? 1 : 0

  name       = var.name
  type       = upper(var.type)
  role_arn   = "arn:aws:iam::123456789012:role/sfn"
  definition = var.definition
}
