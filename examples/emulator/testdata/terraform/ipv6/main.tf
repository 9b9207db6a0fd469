# One account, one Region: two dual-stack VPCs with Amazon-provided IPv6
# blocks, a dual-stack and an IPv6-only subnet, an egress-only internet
# gateway for the first VPC's IPv6 traffic, and IPv4 and IPv6 routes both
# ways over an auto-accepted peering connection, in the VPCs' main route
# tables (the stack is kept small: each resource costs the provider's
# waiters and reads).

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

resource "aws_vpc" "app" {
  cidr_block                       = "10.30.0.0/16"
  assign_generated_ipv6_cidr_block = true
  tags = {
    Name = "app"
  }
}

resource "aws_vpc" "data" {
  cidr_block                           = "10.40.0.0/16"
  assign_generated_ipv6_cidr_block     = true
  ipv6_cidr_block_network_border_group = "us-east-1"
  tags = {
    Name = "data"
  }
}

# A dual-stack subnet: the VPC's /56 split into /64s, the second one here.
resource "aws_subnet" "app" {
  vpc_id                          = aws_vpc.app.id
  cidr_block                      = "10.30.1.0/24"
  ipv6_cidr_block                 = cidrsubnet(aws_vpc.app.ipv6_cidr_block, 8, 1)
  availability_zone               = "us-east-1a"
  assign_ipv6_address_on_creation = true
  enable_dns64                    = true
  tags = {
    Name = "app"
  }
}

# An IPv6-only subnet, set up as the community VPC module sets them up.
resource "aws_subnet" "data" {
  vpc_id                                         = aws_vpc.data.id
  ipv6_native                                    = true
  ipv6_cidr_block                                = cidrsubnet(aws_vpc.data.ipv6_cidr_block, 8, 2)
  assign_ipv6_address_on_creation                = true
  enable_dns64                                   = true
  enable_resource_name_dns_aaaa_record_on_launch = true
  private_dns_hostname_type_on_launch            = "resource-name"
}

resource "aws_egress_only_internet_gateway" "app" {
  vpc_id = aws_vpc.app.id
  tags = {
    Name = "app"
  }
}

resource "aws_vpc_peering_connection" "app_data" {
  vpc_id      = aws_vpc.app.id
  peer_vpc_id = aws_vpc.data.id
  auto_accept = true
}

resource "aws_route" "app_ipv6_egress" {
  route_table_id              = aws_vpc.app.main_route_table_id
  destination_ipv6_cidr_block = "::/0"
  egress_only_gateway_id      = aws_egress_only_internet_gateway.app.id
}

resource "aws_route" "app_to_data_ipv6" {
  route_table_id              = aws_vpc.app.main_route_table_id
  destination_ipv6_cidr_block = aws_vpc.data.ipv6_cidr_block
  vpc_peering_connection_id   = aws_vpc_peering_connection.app_data.id
}

resource "aws_route" "app_to_data" {
  route_table_id            = aws_vpc.app.main_route_table_id
  destination_cidr_block    = aws_vpc.data.cidr_block
  vpc_peering_connection_id = aws_vpc_peering_connection.app_data.id
}

resource "aws_route" "data_to_app_ipv6" {
  route_table_id              = aws_vpc.data.main_route_table_id
  destination_ipv6_cidr_block = aws_vpc.app.ipv6_cidr_block
  vpc_peering_connection_id   = aws_vpc_peering_connection.app_data.id
}

resource "aws_route" "data_to_app" {
  route_table_id            = aws_vpc.data.main_route_table_id
  destination_cidr_block    = aws_vpc.app.cidr_block
  vpc_peering_connection_id = aws_vpc_peering_connection.app_data.id
}

output "accept_status" {
  value = aws_vpc_peering_connection.app_data.accept_status
}

output "app_ipv6_cidr_block" {
  value = aws_vpc.app.ipv6_cidr_block
}

output "app_ipv6_association_id" {
  value = aws_vpc.app.ipv6_association_id
}

output "data_ipv6_cidr_block" {
  value = aws_vpc.data.ipv6_cidr_block
}

output "data_border_group" {
  value = aws_vpc.data.ipv6_cidr_block_network_border_group
}

output "app_subnet_ipv6_cidr_block" {
  value = aws_subnet.app.ipv6_cidr_block
}

output "app_subnet_ipv6_association_id" {
  value = aws_subnet.app.ipv6_cidr_block_association_id
}

output "data_subnet_ipv6_native" {
  value = aws_subnet.data.ipv6_native
}

output "data_subnet_ipv6_cidr_block" {
  value = aws_subnet.data.ipv6_cidr_block
}

output "egress_route_gateway" {
  value = aws_route.app_ipv6_egress.egress_only_gateway_id
}

output "egress_gateway" {
  value = aws_egress_only_internet_gateway.app.id
}
