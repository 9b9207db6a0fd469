# One account, one Region: the resources and arguments of the VPN gateway
# module's complete-vpn-connection-transit-gateway example (a VPC with
# private subnets in three zones, two customer gateways, a transit gateway
# with a description only, a VPC attachment through the private subnets,
# two VPN connections on the transit gateway with IPv6 inside addresses,
# IPv4 inside CIDRs, pre-shared keys and acceleration), plus a transit
# gateway route table with the attachment associated and propagating, a
# static route, and a VPC route to the transit gateway.

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
  azs = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  vpns = {
    one = { cgw = 0, inside = ["169.254.44.88/30", "169.254.44.100/30"] }
    two = { cgw = 1, inside = ["169.254.33.88/30", "169.254.33.100/30"] }
  }
}

resource "aws_vpc" "this" {
  cidr_block = "10.10.0.0/16"
  tags = {
    Name = "complete-vpn-gateway-transit-gateway"
  }
}

resource "aws_subnet" "private" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(aws_vpc.this.cidr_block, 8, count.index + 1)
  availability_zone = local.azs[count.index]
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
}

resource "aws_route_table_association" "private" {
  count          = length(local.azs)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

resource "aws_customer_gateway" "this" {
  count      = 2
  bgp_asn    = 65220
  ip_address = "172.83.124.${10 + count.index}"
  type       = "ipsec.1"
}

resource "aws_ec2_transit_gateway" "this" {
  description = "complete-vpn-connection-transit-gateway"
}

resource "aws_ec2_transit_gateway_vpc_attachment" "this" {
  subnet_ids         = aws_subnet.private[*].id
  transit_gateway_id = aws_ec2_transit_gateway.this.id
  vpc_id             = aws_vpc.this.id

  transit_gateway_default_route_table_association = false
}

resource "aws_vpn_connection" "this" {
  for_each            = local.vpns
  customer_gateway_id = aws_customer_gateway.this[each.value.cgw].id
  transit_gateway_id  = aws_ec2_transit_gateway.this.id
  type                = "ipsec.1"

  tunnel_inside_ip_version = "ipv6"
  tunnel1_inside_cidr      = each.value.inside[0]
  tunnel2_inside_cidr      = each.value.inside[1]
  tunnel1_preshared_key    = "1234567890abcdefghijklmn"
  tunnel2_preshared_key    = "abcdefghijklmn1234567890"
  enable_acceleration      = true

  tags = {
    Name = "vpn-${each.key}"
  }
}

# The VPN gateway module tags each connection's attachment this way: EC2
# makes the attachment, so no resource of the stack declares it.
resource "aws_ec2_tag" "vpn_attachment" {
  for_each    = { for k, v in aws_vpn_connection.this : k => v.transit_gateway_attachment_id }
  resource_id = each.value
  key         = "Name"
  value       = "vpn-${each.key}-attachment"
}

resource "aws_ec2_transit_gateway_route_table" "spoke" {
  transit_gateway_id = aws_ec2_transit_gateway.this.id
  tags = {
    Name = "spoke"
  }
}

resource "aws_ec2_transit_gateway_route_table_association" "vpc" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.this.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spoke.id
}

resource "aws_ec2_transit_gateway_route_table_propagation" "vpc" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.this.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spoke.id
}

resource "aws_ec2_transit_gateway_route" "onprem" {
  destination_cidr_block         = "192.168.0.0/16"
  transit_gateway_attachment_id  = aws_vpn_connection.this["one"].transit_gateway_attachment_id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spoke.id
}

resource "aws_ec2_transit_gateway_route" "drop" {
  destination_cidr_block         = "172.31.0.0/16"
  blackhole                      = true
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spoke.id
}

resource "aws_route" "to_tgw" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "192.168.0.0/16"
  transit_gateway_id     = aws_ec2_transit_gateway.this.id
  depends_on             = [aws_ec2_transit_gateway_vpc_attachment.this]
}

output "transit_gateway_id" {
  value = aws_ec2_transit_gateway.this.id
}

output "transit_gateway_arn" {
  value = aws_ec2_transit_gateway.this.arn
}

output "default_route_table_id" {
  value = aws_ec2_transit_gateway.this.association_default_route_table_id
}

output "vpc_attachment_id" {
  value = aws_ec2_transit_gateway_vpc_attachment.this.id
}

output "vpn_attachment_ids" {
  value = jsonencode({ for k, v in aws_vpn_connection.this : k => v.transit_gateway_attachment_id })
}

output "vpn_tunnel1_inside_cidrs" {
  value = jsonencode({ for k, v in aws_vpn_connection.this : k => v.tunnel1_inside_cidr })
}

output "spoke_route_table_id" {
  value = aws_ec2_transit_gateway_route_table.spoke.id
}

output "route_state" {
  value = aws_route.to_tgw.state
}

output "vpn_attachment_tag_ids" {
  value = { for k, v in aws_ec2_tag.vpn_attachment : k => v.id }
}
