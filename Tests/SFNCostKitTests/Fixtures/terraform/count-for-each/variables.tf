variable "create" {
  type    = bool
  default = true
}

variable "copies" {
  type    = number
  default = 2
}
