variable "prefix" {
  type = string
}

# A module that calls another: module.NAME.module.step.aws_sfn_state_machine.this[0].
module "step" {
  source     = "../sfn"
  name       = "${var.prefix}-step"
  definition = templatefile("${path.module}/step.json.tpl", { prefix = var.prefix })
}
