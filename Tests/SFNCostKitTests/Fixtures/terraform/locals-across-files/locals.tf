locals {
  prefix      = "nightly"
  report_type = upper("express")

  # Extract (Task) -> Transform (Pass) -> Done (Succeed)
  etl_definition = jsonencode({
    StartAt = "Extract"
    States = {
      Extract = {
        Type     = "Task"
        Resource = aws_lambda_function.extract.arn
        Next     = "Transform"
      }
      Transform = { Type = "Pass", Next = "Done" }
      Done      = { Type = "Succeed" }
    }
  })

  report_definition = <<-EOT
    {
      "StartAt": "Render",
      "States": {
        "Render": { "Type": "Pass", "End": true }
      }
    }
    EOT

  ingest_definition = templatefile("${path.module}/definitions/ingest.asl.json", {
    queue_url = aws_sqs_queue.q.url
  })
}
