# One account, one Region: an Elastic IP address and a public NAT gateway in
# a public subnet, a private NAT gateway in a private one, and the route
# tables that send each subnet's traffic to its gateway, with their subnet
# associations.
#
# The VPC, its internet gateway and its subnets come from outside, made by
# the test through the SDK: the provider's subnet deletion first lists the
# subnet's lingering network interfaces (DescribeNetworkInterfaces), an
# action the network interface model brings.

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

variable "vpc_id" {
  type = string
}

variable "internet_gateway_id" {
  description = "An internet gateway attached to the VPC."
  type        = string
}

variable "public_subnet_id" {
  description = "A subnet of the VPC in 10.30.0.0/24."
  type        = string
}

variable "private_subnet_id" {
  description = "A subnet of the VPC in 10.30.1.0/24."
  type        = string
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

resource "aws_eip" "nat" {
  domain = "vpc"
  tags = {
    Name = "nat"
  }
}

# A public NAT gateway needs its VPC's internet gateway attached.
resource "aws_nat_gateway" "public" {
  allocation_id = aws_eip.nat.id
  subnet_id     = var.public_subnet_id
  tags = {
    Name = "public"
  }
}

resource "aws_nat_gateway" "private" {
  connectivity_type = "private"
  subnet_id         = var.private_subnet_id
  private_ip        = "10.30.1.10"
}

resource "aws_route_table" "public" {
  vpc_id = var.vpc_id
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = var.internet_gateway_id
}

resource "aws_route_table_association" "public" {
  subnet_id      = var.public_subnet_id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "private" {
  vpc_id = var.vpc_id
}

resource "aws_route" "private_nat" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.public.id
}

resource "aws_route" "private_nat64" {
  route_table_id              = aws_route_table.private.id
  destination_ipv6_cidr_block = "64:ff9b::/96"
  nat_gateway_id              = aws_nat_gateway.public.id
}

resource "aws_route" "private_onprem" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "192.168.0.0/16"
  nat_gateway_id         = aws_nat_gateway.private.id
}

resource "aws_route_table_association" "private" {
  subnet_id      = var.private_subnet_id
  route_table_id = aws_route_table.private.id
}

output "eip_public_ip" {
  value = aws_eip.nat.public_ip
}

output "nat_public_ip" {
  value = aws_nat_gateway.public.public_ip
}

output "nat_private_ip" {
  value = aws_nat_gateway.public.private_ip
}

output "nat_network_interface_id" {
  value = aws_nat_gateway.public.network_interface_id
}

output "private_nat_private_ip" {
  value = aws_nat_gateway.private.private_ip
}

output "private_nat_public_ip" {
  value = aws_nat_gateway.private.public_ip
}
