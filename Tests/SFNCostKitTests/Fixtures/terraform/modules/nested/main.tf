# Two copies of a module that itself calls the sfn module.
module "pipeline" {
  source   = "../components/pipeline"
  for_each = toset(["blue", "green"])
  prefix   = each.key
}

module "shared" {
  source = "git::https://example.com/org/shared-workflows.git?ref=v1.2.0"
}
