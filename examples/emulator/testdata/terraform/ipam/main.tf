# One account, one Region: the IPAM resources of the VPC module's ipam
# example (an IPAM, an IPv4 pool with 10.0.0.0/8 provisioned and a default
# netmask of /16, a preview of its next block, an IPv6 pool in the public
# scope) and two VPCs from the IPv4 pool, one by netmask length and one by
# a given block, with a subnet in the first.

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

resource "aws_vpc_ipam" "this" {
  operating_regions {
    region_name = "us-east-1"
  }
  tags = {
    Name = "ipam"
  }
}

resource "aws_vpc_ipam_pool" "this" {
  description                       = "IPv4 pool"
  address_family                    = "ipv4"
  ipam_scope_id                     = aws_vpc_ipam.this.private_default_scope_id
  locale                            = "us-east-1"
  allocation_default_netmask_length = 16
}

resource "aws_vpc_ipam_pool_cidr" "this" {
  ipam_pool_id = aws_vpc_ipam_pool.this.id
  cidr         = "10.0.0.0/8"
}

resource "aws_vpc_ipam_preview_next_cidr" "this" {
  ipam_pool_id = aws_vpc_ipam_pool.this.id
  depends_on   = [aws_vpc_ipam_pool_cidr.this]
}

resource "aws_vpc_ipam_pool" "ipv6" {
  description                       = "IPv6 pool"
  address_family                    = "ipv6"
  ipam_scope_id                     = aws_vpc_ipam.this.public_default_scope_id
  locale                            = "us-east-1"
  allocation_default_netmask_length = 56
  publicly_advertisable             = false
  aws_service                       = "ec2"
}

resource "aws_vpc" "netmask" {
  ipv4_ipam_pool_id   = aws_vpc_ipam_pool.this.id
  ipv4_netmask_length = 16
  depends_on          = [aws_vpc_ipam_preview_next_cidr.this]
}

resource "aws_vpc" "given" {
  ipv4_ipam_pool_id = aws_vpc_ipam_pool.this.id
  cidr_block        = "10.1.0.0/16"
  depends_on        = [aws_vpc.netmask]
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.netmask.id
  cidr_block = cidrsubnet(aws_vpc.netmask.cidr_block, 8, 1)
}

output "preview_cidr" {
  value = aws_vpc_ipam_preview_next_cidr.this.cidr
}

output "netmask_cidr" {
  value = aws_vpc.netmask.cidr_block
}

output "given_cidr" {
  value = aws_vpc.given.cidr_block
}

output "subnet_cidr" {
  value = aws_subnet.a.cidr_block
}

output "pool_state" {
  value = aws_vpc_ipam_pool.this.state
}
