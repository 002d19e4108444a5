variable "create" {
  type    = bool
  default = true
}

variable "name" {
  type    = string
  default = ""
}

variable "type" {
  type    = string
  default = "STANDARD"
}

variable "definition" {
  type = string
}
