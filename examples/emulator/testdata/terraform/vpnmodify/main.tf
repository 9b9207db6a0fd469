# A Site-to-Site VPN connection changed in place: var.phase 1 creates it;
# phase 2 moves it to another customer gateway and changes four tunnel 1
# arguments (pre-shared key, phase 1 lifetime, DPD timeout, CloudWatch
# logging). The provider updates all of it with ModifyVpnConnection and
# ModifyVpnTunnelOptions, waiting for available after each.

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

variable "phase" {
  description = "1 for the connection as created, 2 for the changed one."
  type        = number
  default     = 1
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
  changed = var.phase >= 2
}

resource "aws_vpc" "app" {
  cidr_block = "10.30.0.0/16"
}

resource "aws_vpn_gateway" "app" {
  vpc_id          = aws_vpc.app.id
  amazon_side_asn = 64620
}

resource "aws_customer_gateway" "office_a" {
  bgp_asn    = 65010
  ip_address = "198.51.100.10"
  type       = "ipsec.1"
  tags = {
    Name = "office-a"
  }
}

resource "aws_customer_gateway" "office_b" {
  bgp_asn    = 65010
  ip_address = "198.51.100.11"
  type       = "ipsec.1"
  tags = {
    Name = "office-b"
  }
}

resource "aws_vpn_connection" "office" {
  customer_gateway_id = local.changed ? aws_customer_gateway.office_b.id : aws_customer_gateway.office_a.id
  vpn_gateway_id      = aws_vpn_gateway.app.id
  type                = "ipsec.1"
  static_routes_only  = true

  tunnel1_inside_cidr                     = "169.254.30.0/30"
  tunnel2_inside_cidr                     = "169.254.30.4/30"
  tunnel1_preshared_key                   = local.changed ? "tunnel1_key.rotated" : "tunnel1_key.first"
  tunnel1_phase1_lifetime_seconds         = local.changed ? 7200 : 14400
  tunnel1_dpd_timeout_seconds             = local.changed ? 45 : 30
  tunnel1_startup_action                  = "start"
  tunnel1_enable_tunnel_lifecycle_control = true

  tunnel1_log_options {
    cloudwatch_log_options {
      log_enabled       = local.changed
      log_group_arn     = local.changed ? "arn:aws:logs:us-east-1:111111111111:log-group:/vpn/office" : null
      log_output_format = local.changed ? "text" : null
    }
  }

  tags = {
    Name = "office"
  }
}

resource "aws_vpn_connection_route" "office_lan" {
  destination_cidr_block = "192.168.30.0/24"
  vpn_connection_id      = aws_vpn_connection.office.id
}

output "vpn_id" {
  value = aws_vpn_connection.office.id
}

output "customer_gateway_id" {
  value = aws_vpn_connection.office.customer_gateway_id
}

output "office_b_id" {
  value = aws_customer_gateway.office_b.id
}

output "tunnel1_address" {
  value = aws_vpn_connection.office.tunnel1_address
}

output "tunnel1_cgw_inside_address" {
  value = aws_vpn_connection.office.tunnel1_cgw_inside_address
}

output "tunnel1_log_enabled" {
  value = aws_vpn_connection.office.tunnel1_log_options[0].cloudwatch_log_options[0].log_enabled
}
