# A VPC with a DHCP option set and flow logs, declared with the same
# resources and arguments the community VPC module (terraform-aws-modules/vpc
# 5.x) uses for them: aws_vpc_dhcp_options and its association, and
# aws_flow_log to an S3 bucket and to a CloudWatch Logs log group with an IAM
# role, both given as ARNs. The Region's default option set is taken over
# by aws_default_vpc_dhcp_options.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "endpoint" {
  description = "The emulator's EC2 endpoint, e.g. http://127.0.0.1:4566."
  type        = string
}

variable "account" {
  description = "The 12-digit account the stack runs as; the emulator takes it from the access key."
  type        = string
  default     = "111111111111"
}

variable "name" {
  type    = string
  default = "dhcpflow"
}

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = var.account
  secret_key                  = "emulator"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  max_retries                 = 1

  endpoints {
    ec2 = var.endpoint
  }
}

locals {
  tags = { Example = var.name }
}

resource "aws_vpc" "this" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags                 = merge({ Name = var.name }, local.tags)
}

resource "aws_subnet" "private" {
  vpc_id            = aws_vpc.this.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
  tags              = local.tags
}

# As the module's main.tf declares it, with the values of its "complete"
# example and its defaults for the rest.
resource "aws_vpc_dhcp_options" "this" {
  domain_name                       = "service.consul"
  domain_name_servers               = ["127.0.0.1", "10.10.0.2"]
  ntp_servers                       = []
  netbios_name_servers              = []
  netbios_node_type                 = ""
  ipv6_address_preferred_lease_time = null

  tags = merge(
    { "Name" = var.name },
    local.tags,
  )
}

resource "aws_vpc_dhcp_options_association" "this" {
  vpc_id          = aws_vpc.this.id
  dhcp_options_id = aws_vpc_dhcp_options.this.id
}

# A second set with every option, associated with nothing.
resource "aws_vpc_dhcp_options" "full" {
  domain_name                       = "corp.example"
  domain_name_servers               = ["AmazonProvidedDNS"]
  ntp_servers                       = ["169.254.169.123"]
  netbios_name_servers              = ["10.0.0.3"]
  netbios_node_type                 = 2
  ipv6_address_preferred_lease_time = 3600
  tags                              = local.tags
}

# The Region's default set exists once the account has a VPC there.
resource "aws_default_vpc_dhcp_options" "default" {
  depends_on = [aws_vpc.this]
}

# As the module's vpc-flow-logs.tf declares it for an S3 destination.
resource "aws_flow_log" "s3" {
  log_destination_type       = "s3"
  log_destination            = "arn:aws:s3:::dhcpflow-flow-logs"
  log_format                 = null
  iam_role_arn               = null
  deliver_cross_account_role = null
  traffic_type               = "ALL"
  vpc_id                     = aws_vpc.this.id
  max_aggregation_interval   = 600

  dynamic "destination_options" {
    for_each = [true]

    content {
      file_format                = "parquet"
      hive_compatible_partitions = false
      per_hour_partition         = false
    }
  }

  tags = local.tags
}

# And for CloudWatch Logs, with the log group's and the role's ARNs given as
# literals (neither service is modelled).
resource "aws_flow_log" "cloudwatch" {
  log_destination_type       = "cloud-watch-logs"
  log_destination            = "arn:aws:logs:eu-west-1:${var.account}:log-group:/aws/vpc-flow-log/dhcpflow"
  log_format                 = null
  iam_role_arn               = "arn:aws:iam::${var.account}:role/vpc-flow-log-role"
  deliver_cross_account_role = null
  traffic_type               = "REJECT"
  vpc_id                     = aws_vpc.this.id
  max_aggregation_interval   = 60

  dynamic "destination_options" {
    for_each = []

    content {
      file_format = "plain-text"
    }
  }

  tags = local.tags
}

# A subnet's flow log with a custom format.
resource "aws_flow_log" "subnet" {
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::dhcpflow-flow-logs/subnets"
  log_format           = "$${version} $${vpc-id} $${subnet-id} $${srcaddr} $${dstaddr} $${action}"
  traffic_type         = "ACCEPT"
  subnet_id            = aws_subnet.private.id
}

data "aws_vpc_dhcp_options" "by_id" {
  dhcp_options_id = aws_vpc_dhcp_options.this.id
}

# The VPC as it reads once the association is made.
data "aws_vpc" "associated" {
  id         = aws_vpc.this.id
  depends_on = [aws_vpc_dhcp_options_association.this]
}

output "vpc_dhcp_options_id" {
  value = data.aws_vpc.associated.dhcp_options_id
}

output "dhcp_options_id" {
  value = aws_vpc_dhcp_options.this.id
}

output "dhcp_domain_name" {
  value = data.aws_vpc_dhcp_options.by_id.domain_name
}

output "default_domain_name" {
  value = aws_default_vpc_dhcp_options.default.domain_name
}

output "cloudwatch_destination" {
  value = aws_flow_log.cloudwatch.log_destination
}

output "s3_file_format" {
  value = aws_flow_log.s3.destination_options[0].file_format
}
