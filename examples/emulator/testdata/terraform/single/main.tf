# One account, one Region: two VPCs peered with auto_accept, routes over the
# peering connection and a virtual private gateway, a static and a BGP
# Site-to-Site VPN connection.

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
  cidr_block           = "10.10.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name = "app"
  }
}

resource "aws_vpc_ipv4_cidr_block_association" "app_extra" {
  vpc_id     = aws_vpc.app.id
  cidr_block = "10.11.0.0/16"
}

# DNS resolution over a peering connection needs DNS support and hostnames
# in both VPCs.
resource "aws_vpc" "data" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_hostnames = true
  tags = {
    Name = "data"
  }
}

# EC2 refuses a new CIDR block for a VPC while one of its peering requests
# is pending acceptance: associate the block first.
resource "aws_vpc_peering_connection" "app_data" {
  vpc_id      = aws_vpc.app.id
  peer_vpc_id = aws_vpc.data.id
  auto_accept = true
  depends_on  = [aws_vpc_ipv4_cidr_block_association.app_extra]

  accepter {
    allow_remote_vpc_dns_resolution = true
  }
  requester {
    allow_remote_vpc_dns_resolution = true
  }

  tags = {
    Name = "app-data"
    Side = "requester"
  }
}

resource "aws_route_table" "app" {
  vpc_id = aws_vpc.app.id
  tags = {
    Name = "app"
  }
}

resource "aws_route_table" "data" {
  vpc_id = aws_vpc.data.id
}

resource "aws_route" "app_to_data" {
  route_table_id            = aws_route_table.app.id
  destination_cidr_block    = aws_vpc.data.cidr_block
  vpc_peering_connection_id = aws_vpc_peering_connection.app_data.id
}

resource "aws_route" "data_to_app" {
  route_table_id            = aws_route_table.data.id
  destination_cidr_block    = aws_vpc.app.cidr_block
  vpc_peering_connection_id = aws_vpc_peering_connection.app_data.id
}

resource "aws_customer_gateway" "office" {
  bgp_asn    = 65010
  ip_address = "198.51.100.10"
  type       = "ipsec.1"
  tags = {
    Name = "office"
  }
}

resource "aws_customer_gateway" "branch" {
  bgp_asn    = 65020
  ip_address = "203.0.113.20"
  type       = "ipsec.1"
}

# Attached through its vpc_id argument.
resource "aws_vpn_gateway" "app" {
  vpc_id          = aws_vpc.app.id
  amazon_side_asn = 64620
  tags = {
    Name = "app"
  }
}

# Attached through a separate attachment resource.
resource "aws_vpn_gateway" "data" {
  amazon_side_asn = 64512
}

resource "aws_vpn_gateway_attachment" "data" {
  vpc_id         = aws_vpc.data.id
  vpn_gateway_id = aws_vpn_gateway.data.id
}

resource "aws_vpn_connection" "office" {
  customer_gateway_id = aws_customer_gateway.office.id
  vpn_gateway_id      = aws_vpn_gateway.app.id
  type                = "ipsec.1"
  static_routes_only  = true

  tunnel1_inside_cidr                  = "169.254.10.0/30"
  tunnel2_inside_cidr                  = "169.254.10.4/30"
  tunnel1_preshared_key                = "tunnel1_key.example"
  tunnel2_preshared_key                = "tunnel2_key.example"
  tunnel1_ike_versions                 = ["ikev2"]
  tunnel1_phase1_encryption_algorithms = ["AES256"]
  tunnel1_phase1_integrity_algorithms  = ["SHA2-256"]
  tunnel1_phase1_dh_group_numbers      = [14]
  tunnel1_phase2_encryption_algorithms = ["AES256"]
  tunnel1_phase2_integrity_algorithms  = ["SHA2-256"]
  tunnel1_phase2_dh_group_numbers      = [14]
  tunnel1_phase1_lifetime_seconds      = 14400
  tunnel1_phase2_lifetime_seconds      = 1800
  tunnel1_dpd_timeout_seconds          = 45
  tunnel1_dpd_timeout_action           = "restart"
  tunnel1_startup_action               = "start"
  tunnel1_replay_window_size           = 2048

  tags = {
    Name = "office"
  }
}

resource "aws_vpn_connection_route" "office_lan" {
  destination_cidr_block = "192.168.10.0/24"
  vpn_connection_id      = aws_vpn_connection.office.id
}

resource "aws_vpn_connection" "branch" {
  customer_gateway_id = aws_customer_gateway.branch.id
  vpn_gateway_id      = aws_vpn_gateway.data.id
  type                = "ipsec.1"

  depends_on = [aws_vpn_gateway_attachment.data]
}

resource "aws_route" "app_to_office" {
  route_table_id         = aws_route_table.app.id
  destination_cidr_block = "192.168.10.0/24"
  gateway_id             = aws_vpn_gateway.app.id
}

resource "aws_vpn_gateway_route_propagation" "data" {
  vpn_gateway_id = aws_vpn_gateway.data.id
  route_table_id = aws_route_table.data.id

  depends_on = [aws_vpn_gateway_attachment.data]
}

output "peering_id" {
  value = aws_vpc_peering_connection.app_data.id
}

output "accept_status" {
  value = aws_vpc_peering_connection.app_data.accept_status
}

output "office_tunnel1_address" {
  value = aws_vpn_connection.office.tunnel1_address
}

output "office_tunnel2_address" {
  value = aws_vpn_connection.office.tunnel2_address
}

output "office_tunnel1_cgw_inside_address" {
  value = aws_vpn_connection.office.tunnel1_cgw_inside_address
}

output "office_tunnel1_vgw_inside_address" {
  value = aws_vpn_connection.office.tunnel1_vgw_inside_address
}

output "office_tunnel2_vgw_inside_address" {
  value = aws_vpn_connection.office.tunnel2_vgw_inside_address
}

output "office_tunnel1_bgp_asn" {
  value = aws_vpn_connection.office.tunnel1_bgp_asn
}

output "branch_tunnel1_inside_cidr" {
  value = aws_vpn_connection.branch.tunnel1_inside_cidr
}

output "branch_tunnel1_bgp_asn" {
  value = aws_vpn_connection.branch.tunnel1_bgp_asn
}
