# One account, one Region: a VPC with private and intra subnets and route
# tables in two zones, and VPC endpoints declared as the VPC module's
# vpc-endpoints submodule declares them: an aws_vpc_endpoint_service data
# source per endpoint (by short service name, or by full name, filtered by
# service type), Gateway endpoints for s3 and dynamodb with route tables
# and a policy, Interface endpoints with subnets, a security group made
# with a name prefix and create_before_destroy plus its rule, private DNS,
# DNS options, subnet configurations and policies.

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

variable "timeouts" {
  type    = map(string)
  default = {}
}

provider "aws" {
  region                      = "us-east-1"
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
  azs = ["us-east-1a", "us-east-1b"]
}

resource "aws_vpc" "this" {
  cidr_block           = "10.40.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name = "endpoints"
  }
}

resource "aws_subnet" "private" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(aws_vpc.this.cidr_block, 8, count.index)
  availability_zone = local.azs[count.index]
}

resource "aws_subnet" "intra" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(aws_vpc.this.cidr_block, 8, 10 + count.index)
  availability_zone = local.azs[count.index]
}

resource "aws_route_table" "private" {
  count  = length(local.azs)
  vpc_id = aws_vpc.this.id
}

resource "aws_route_table_association" "private" {
  count          = length(local.azs)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

resource "aws_route_table" "intra" {
  vpc_id = aws_vpc.this.id
}

resource "aws_route_table_association" "intra" {
  count          = length(local.azs)
  subnet_id      = aws_subnet.intra[count.index].id
  route_table_id = aws_route_table.intra.id
}

resource "aws_security_group" "rds" {
  name_prefix = "endpoints-rds-"
  description = "Allow PostgreSQL inbound traffic"
  vpc_id      = aws_vpc.this.id

  ingress {
    description = "TLS from VPC"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.this.cidr_block]
  }
}

data "aws_iam_policy_document" "dynamodb_endpoint_policy" {
  statement {
    effect    = "Deny"
    actions   = ["dynamodb:*"]
    resources = ["*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringNotEquals"
      variable = "aws:sourceVpc"
      values   = [aws_vpc.this.id]
    }
  }
}

data "aws_iam_policy_document" "generic_endpoint_policy" {
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringNotEquals"
      variable = "aws:SourceVpc"
      values   = [aws_vpc.this.id]
    }
  }
}

locals {
  create                     = true
  create_security_group      = true
  security_group_ids         = []
  security_group_name        = null
  security_group_name_prefix = "endpoints-vpc-endpoints-"
  security_group_description = "VPC endpoint security group"
  security_group_tags        = {}
  subnet_ids                 = []
  tags                       = { Example = "endpoints" }
  security_group_rules = {
    ingress_https = {
      description = "HTTPS from VPC"
      cidr_blocks = [aws_vpc.this.cidr_block]
    }
  }

  endpoints_in = {
    s3 = {
      service             = "s3"
      private_dns_enabled = true
      subnet_ids          = aws_subnet.private[*].id
      dns_options = {
        private_dns_only_for_inbound_resolver_endpoint = false
      }
      tags = { Name = "s3-vpc-endpoint" }
    },
    s3_gateway = {
      service_name    = "com.amazonaws.us-east-1.s3"
      service_type    = "Gateway"
      route_table_ids = aws_route_table.private[*].id
      tags            = { Name = "s3-gateway-vpc-endpoint" }
    },
    dynamodb = {
      service         = "dynamodb"
      service_type    = "Gateway"
      route_table_ids = flatten([[aws_route_table.intra.id], aws_route_table.private[*].id])
      policy          = data.aws_iam_policy_document.dynamodb_endpoint_policy.json
      tags            = { Name = "dynamodb-vpc-endpoint" }
    },
    ecs = {
      service             = "ecs"
      private_dns_enabled = true
      subnet_ids          = aws_subnet.private[*].id
      subnet_configurations = [
        for v in aws_subnet.private :
        {
          ipv4      = cidrhost(v.cidr_block, 10)
          subnet_id = v.id
        }
      ]
    },
    ecs_telemetry = {
      create              = false
      service             = "ecs-telemetry"
      private_dns_enabled = true
      subnet_ids          = aws_subnet.private[*].id
    },
    ecr_api = {
      service             = "ecr.api"
      private_dns_enabled = true
      subnet_ids          = aws_subnet.private[*].id
      policy              = data.aws_iam_policy_document.generic_endpoint_policy.json
    },
    ecr_dkr = {
      service             = "ecr.dkr"
      private_dns_enabled = true
      subnet_ids          = aws_subnet.private[*].id
      policy              = data.aws_iam_policy_document.generic_endpoint_policy.json
    },
    rds = {
      service             = "rds"
      private_dns_enabled = true
      subnet_ids          = aws_subnet.private[*].id
      security_group_ids  = [aws_security_group.rds.id]
    },
    ssm = {
      service    = "ssm"
      subnet_ids = aws_subnet.intra[*].id
    },
  }

  endpoints = { for k, v in local.endpoints_in : k => v if local.create && try(v.create, true) }

  sg_ids = local.create && local.create_security_group ? concat(local.security_group_ids, [aws_security_group.this[0].id]) : local.security_group_ids
}

data "aws_vpc_endpoint_service" "this" {
  for_each = local.endpoints

  service         = try(each.value.service, null)
  service_name    = try(each.value.service_name, null)
  service_regions = try(coalescelist(compact([each.value.service_region])), null)

  filter {
    name   = "service-type"
    values = [try(each.value.service_type, "Interface")]
  }
}

resource "aws_vpc_endpoint" "this" {
  for_each = local.endpoints

  vpc_id            = aws_vpc.this.id
  service_name      = try(each.value.service_endpoint, data.aws_vpc_endpoint_service.this[each.key].service_name)
  service_region    = try(each.value.service_region, null)
  vpc_endpoint_type = try(each.value.service_type, "Interface")
  auto_accept       = try(each.value.auto_accept, null)

  security_group_ids  = try(each.value.service_type, "Interface") == "Interface" ? length(distinct(concat(local.sg_ids, lookup(each.value, "security_group_ids", [])))) > 0 ? distinct(concat(local.sg_ids, lookup(each.value, "security_group_ids", []))) : null : null
  subnet_ids          = try(each.value.service_type, "Interface") == "Interface" ? distinct(concat(local.subnet_ids, lookup(each.value, "subnet_ids", []))) : null
  route_table_ids     = try(each.value.service_type, "Interface") == "Gateway" ? lookup(each.value, "route_table_ids", null) : null
  policy              = try(each.value.policy, null)
  private_dns_enabled = try(each.value.service_type, "Interface") == "Interface" ? try(each.value.private_dns_enabled, null) : null
  ip_address_type     = try(each.value.ip_address_type, null)

  dynamic "dns_options" {
    for_each = try([each.value.dns_options], [])

    content {
      dns_record_ip_type                             = try(dns_options.value.dns_options.dns_record_ip_type, null)
      private_dns_only_for_inbound_resolver_endpoint = try(dns_options.value.private_dns_only_for_inbound_resolver_endpoint, null)
    }
  }

  dynamic "subnet_configuration" {
    for_each = try(each.value.subnet_configurations, [])

    content {
      ipv4      = try(subnet_configuration.value.ipv4, null)
      ipv6      = try(subnet_configuration.value.ipv6, null)
      subnet_id = try(subnet_configuration.value.subnet_id, null)
    }
  }

  tags = merge(
    local.tags,
    { "Name" = replace(each.key, ".", "-") },
    try(each.value.tags, {}),
  )

  timeouts {
    create = try(var.timeouts.create, "10m")
    update = try(var.timeouts.update, "10m")
    delete = try(var.timeouts.delete, "10m")
  }
}

resource "aws_security_group" "this" {
  count = local.create && local.create_security_group ? 1 : 0

  name        = local.security_group_name
  name_prefix = local.security_group_name_prefix
  description = local.security_group_description
  vpc_id      = aws_vpc.this.id

  tags = merge(
    local.tags,
    local.security_group_tags,
    { "Name" = try(coalesce(local.security_group_name, local.security_group_name_prefix), "") },
  )

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group_rule" "this" {
  for_each = { for k, v in local.security_group_rules : k => v if local.create && local.create_security_group }

  security_group_id = aws_security_group.this[0].id
  protocol          = try(each.value.protocol, "tcp")
  from_port         = try(each.value.from_port, 443)
  to_port           = try(each.value.to_port, 443)
  type              = try(each.value.type, "ingress")

  description              = try(each.value.description, null)
  cidr_blocks              = lookup(each.value, "cidr_blocks", null)
  ipv6_cidr_blocks         = lookup(each.value, "ipv6_cidr_blocks", null)
  prefix_list_ids          = lookup(each.value, "prefix_list_ids", null)
  self                     = try(each.value.self, null)
  source_security_group_id = lookup(each.value, "source_security_group_id", null)
}

output "endpoint_ids" {
  value = { for k, v in aws_vpc_endpoint.this : k => v.id }
}

output "endpoint_states" {
  value = { for k, v in aws_vpc_endpoint.this : k => v.state }
}

output "s3_gateway_prefix_list_id" {
  value = aws_vpc_endpoint.this["s3_gateway"].prefix_list_id
}

output "dynamodb_cidr_blocks" {
  value = aws_vpc_endpoint.this["dynamodb"].cidr_blocks
}

output "ecs_network_interface_count" {
  value = length(aws_vpc_endpoint.this["ecs"].network_interface_ids)
}

output "ecs_subnet_addresses" {
  value = sort([for c in aws_vpc_endpoint.this["ecs"].subnet_configuration : c.ipv4])
}

output "s3_service_type" {
  value = data.aws_vpc_endpoint_service.this["s3"].service_type
}

output "dynamodb_route_table_count" {
  value = length(aws_vpc_endpoint.this["dynamodb"].route_table_ids)
}
