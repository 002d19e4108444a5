variable "audit_enabled" {
  default = false
}

locals {
  definition = jsonencode({ StartAt = "Run", States = { Run = { Type = "Succeed" } } })
}

resource "aws_sfn_state_machine" "nightly" {
  name       = "nightly"
  role_arn   = "arn:aws:iam::123456789012:role/sfn"
  definition = local.definition
}

resource "aws_sfn_state_machine" "often" {
  name       = "often"
  role_arn   = "arn:aws:iam::123456789012:role/sfn"
  definition = local.definition
}

resource "aws_sfn_state_machine" "manual" {
  name       = "manual"
  role_arn   = "arn:aws:iam::123456789012:role/sfn"
  definition = local.definition
}

# EventBridge rule + target: nightly at 02:00.
resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "nightly"
  schedule_expression = "cron(0 2 * * ? *)"
}

resource "aws_cloudwatch_event_target" "nightly" {
  rule     = aws_cloudwatch_event_rule.nightly.name
  arn      = aws_sfn_state_machine.nightly.arn
  role_arn = "arn:aws:iam::123456789012:role/events"
}

# Disabled rule: no schedule.
resource "aws_cloudwatch_event_rule" "paused" {
  name                = "paused"
  schedule_expression = "rate(1 minute)"
  is_enabled          = false
}

resource "aws_cloudwatch_event_target" "paused" {
  rule = aws_cloudwatch_event_rule.paused.name
  arn  = aws_sfn_state_machine.nightly.arn
}

# A rule that is not created (count = 0): no schedule.
resource "aws_cloudwatch_event_rule" "audit" {
  count               = var.audit_enabled ? 1 : 0
  name                = "audit"
  schedule_expression = "rate(10 minutes)"
}

resource "aws_cloudwatch_event_target" "audit" {
  count = var.audit_enabled ? 1 : 0
  rule  = aws_cloudwatch_event_rule.audit[0].name
  arn   = aws_sfn_state_machine.nightly.arn
}

# An event pattern, not a schedule.
resource "aws_cloudwatch_event_rule" "on_upload" {
  name          = "on-upload"
  event_pattern = jsonencode({ source = ["aws.s3"] })
}

resource "aws_cloudwatch_event_target" "on_upload" {
  rule = aws_cloudwatch_event_rule.on_upload.name
  arn  = aws_sfn_state_machine.often.arn
}

# EventBridge Scheduler: every 5 minutes.
resource "aws_scheduler_schedule" "often" {
  name                = "often"
  schedule_expression = "rate(5 minutes)"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = aws_sfn_state_machine.often.arn
    role_arn = "arn:aws:iam::123456789012:role/scheduler"
  }
}

# Disabled schedule: none.
resource "aws_scheduler_schedule" "often_paused" {
  name                = "often-paused"
  schedule_expression = "rate(1 minute)"
  state               = "DISABLED"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = aws_sfn_state_machine.often.arn
    role_arn = "arn:aws:iam::123456789012:role/scheduler"
  }
}
