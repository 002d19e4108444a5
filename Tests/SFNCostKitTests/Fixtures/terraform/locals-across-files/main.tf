# Three machines whose definitions are locals written in locals.tf (same module directory).
resource "aws_sfn_state_machine" "etl" {
  name       = "etl"
  role_arn   = aws_iam_role.sfn.arn
  definition = local.etl_definition
}

resource "aws_sfn_state_machine" "report" {
  name       = "${local.prefix}-report"
  role_arn   = aws_iam_role.sfn.arn
  type       = local.report_type
  definition = local.report_definition
}

resource "aws_sfn_state_machine" "ingest" {
  name       = "ingest"
  role_arn   = aws_iam_role.sfn.arn
  definition = local.ingest_definition
}
