locals {
  # Start (Pass) -> Work (Task) -> Done (Succeed)
  pipeline = jsonencode({
    StartAt = "Start"
    States = {
      Start = { Type = "Pass", Next = "Work" }
      Work  = { Type = "Task", Resource = "arn:aws:states:::lambda:invoke", Parameters = { FunctionName = "work" }, Next = "Done" }
      Done  = { Type = "Succeed" }
    }
  })
}

# The module called three times; the third with create = false.
module "etl" {
  source     = "../components/sfn"
  name       = "etl"
  definition = local.pipeline
}

module "report" {
  source = "../components/sfn"
  name   = "report"
  type   = "express"
  definition = <<EOF
{
  "StartAt": "Render",
  "States": { "Render": { "Type": "Pass", "End": true } }
}
EOF
}

module "archive" {
  source     = "../components/sfn"
  create     = false
  name       = "archive"
  definition = local.pipeline
}

# Not local: not fetched, named in a note.
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"
}
