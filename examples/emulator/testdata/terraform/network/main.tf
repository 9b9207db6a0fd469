# The resources, arguments, data sources and filters the community VPC,
# VPN gateway and peering modules use: subnets across zones, an internet
# gateway, the default security group, network ACL and route table taken
# over, a custom ACL and security group with their rules, subnet route
# table associations, route tables found through data sources by
# association.main and vpc-id, a virtual private gateway attached by one
# resource and again by another, and the Region's Block Public Access
# options with an exclusion.

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

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "111111111111"
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

data "aws_availability_zones" "available" {}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, 2)
}

resource "aws_vpc" "this" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  tags                 = { Name = "network" }
}

resource "aws_subnet" "public" {
  count                   = 2
  vpc_id                  = aws_vpc.this.id
  cidr_block              = cidrsubnet(aws_vpc.this.cidr_block, 8, count.index)
  availability_zone       = local.azs[count.index]
  map_public_ip_on_launch = true
  tags                    = { Name = "public-${count.index}", Tier = "public" }
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(aws_vpc.this.cidr_block, 8, count.index + 10)
  availability_zone = local.azs[count.index]
  tags              = { Name = "private-${count.index}", Tier = "private" }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = "network" }
}

resource "aws_default_route_table" "this" {
  default_route_table_id = aws_vpc.this.default_route_table_id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }
  tags = { Name = "network-default" }
}

resource "aws_route_table" "private" {
  count  = 2
  vpc_id = aws_vpc.this.id
  tags   = { Name = "private-${count.index}" }
}

resource "aws_route_table_association" "private" {
  count          = 2
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = "public" }
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  count          = 2
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id
  ingress {
    protocol  = "-1"
    self      = true
    from_port = 0
    to_port   = 0
  }
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
  tags = { Name = "network-default" }
}

resource "aws_security_group" "web" {
  name_prefix = "web-"
  description = "HTTPS from the VPC"
  vpc_id      = aws_vpc.this.id
  tags        = { Name = "web" }
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = aws_vpc.this.cidr_block
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_default_network_acl" "this" {
  default_network_acl_id = aws_vpc.this.default_network_acl_id
  subnet_ids             = aws_subnet.private[*].id
  ingress {
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
  egress {
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
  tags = { Name = "network-default" }
}

resource "aws_network_acl" "public" {
  vpc_id     = aws_vpc.this.id
  subnet_ids = aws_subnet.public[*].id
  tags       = { Name = "public" }
}

resource "aws_network_acl_rule" "public_https_in" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}

resource "aws_network_acl_rule" "public_ephemeral_out" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 100
  egress         = true
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 1024
  to_port        = 65535
}

# The VPN gateway module attaches a gateway the VPC module made with
# vpc_id already set: the second attachment must converge.
resource "aws_vpn_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = "network" }
}

resource "aws_vpn_gateway_attachment" "this" {
  vpc_id         = aws_vpc.this.id
  vpn_gateway_id = aws_vpn_gateway.this.id
}

resource "aws_vpn_gateway_route_propagation" "private" {
  count          = 2
  vpn_gateway_id = aws_vpn_gateway.this.id
  route_table_id = aws_route_table.private[count.index].id
  depends_on     = [aws_vpn_gateway_attachment.this]
}

resource "aws_vpc_block_public_access_options" "this" {
  internet_gateway_block_mode = "block-ingress"
}

resource "aws_vpc_block_public_access_exclusion" "public" {
  subnet_id                       = aws_subnet.public[0].id
  internet_gateway_exclusion_mode = "allow-bidirectional"
  tags                            = { Name = "public-0" }
}

# How the peering modules find route tables and subnets.
data "aws_route_tables" "private" {
  vpc_id = aws_vpc.this.id
  filter {
    name   = "tag:Name"
    values = ["private-*"]
  }
  depends_on = [aws_route_table.private]
}

data "aws_route_table" "main" {
  vpc_id = aws_vpc.this.id
  filter {
    name   = "association.main"
    values = ["true"]
  }
  depends_on = [aws_default_route_table.this]
}

data "aws_route_table" "of_subnet" {
  subnet_id  = aws_subnet.private[1].id
  depends_on = [aws_route_table_association.private]
}

data "aws_subnets" "private" {
  filter {
    name   = "vpc-id"
    values = [aws_vpc.this.id]
  }
  tags       = { Tier = "private" }
  depends_on = [aws_subnet.private]
}

output "private_route_tables" {
  value = length(data.aws_route_tables.private.ids)
}

output "main_route_table_is_default" {
  value = data.aws_route_table.main.id == aws_vpc.this.default_route_table_id
}

output "subnet_table_is_its_own" {
  value = data.aws_route_table.of_subnet.id == aws_route_table.private[1].id
}

output "private_subnets_found" {
  value = length(data.aws_subnets.private.ids)
}

output "private_subnet_block" {
  value = aws_subnet.private[0].cidr_block
}

output "exclusion_arn" {
  value = aws_vpc_block_public_access_exclusion.public.resource_arn
}
