locals {
  definition = jsonencode({
    StartAt = "Only"
    States  = { Only = { Type = "Succeed" } }
  })
}

# var.copies defaults to 2: counted[0], counted[1].
resource "aws_sfn_state_machine" "counted" {
  count      = var.copies
  name       = "counted-${count.index}"
  role_arn   = "arn:aws:iam::123456789012:role/sfn"
  definition = local.definition
}

# var.create defaults to true: optional[0].
resource "aws_sfn_state_machine" "optional" {
  count      = var.create ? 1 : 0
  name       = "optional"
  role_arn   = "arn:aws:iam::123456789012:role/sfn"
  definition = local.definition
}

# The other branch: no copy.
resource "aws_sfn_state_machine" "legacy" {
  count      = var.create ? 0 : 1
  name       = "legacy"
  role_arn   = "arn:aws:iam::123456789012:role/sfn"
  definition = local.definition
}

# A set: per_job["etl"], per_job["report"].
resource "aws_sfn_state_machine" "per_job" {
  for_each   = toset(["report", "etl", "etl"])
  name       = "job-${each.key}"
  role_arn   = "arn:aws:iam::123456789012:role/sfn"
  definition = local.definition
}

# A map: per_size["big"] (STANDARD), per_size["small"] (EXPRESS).
resource "aws_sfn_state_machine" "per_size" {
  for_each = {
    small = "express"
    big   = "standard"
  }
  name       = "size-${each.key}"
  type       = upper(each.value)
  role_arn   = "arn:aws:iam::123456789012:role/sfn"
  definition = local.definition
}

# Known only at plan time: counted as one, with a warning.
resource "aws_sfn_state_machine" "per_queue" {
  count      = length(data.aws_sqs_queues.all.queue_urls)
  role_arn   = "arn:aws:iam::123456789012:role/sfn"
  definition = local.definition
}
