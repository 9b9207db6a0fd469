# Two accounts in two Regions: the requester peers its VPC with a VPC of
# another account in another Region, the accepter accepts with its own
# provider, and each side enables DNS resolution for its own side with
# aws_vpc_peering_connection_options.
#
# Both providers also send STS's GetCallerIdentity to the emulator, so each
# learns the account it acts for (the emulator takes it from the access key)
# and reads the connection from its own side.

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

variable "requester_account" {
  type    = string
  default = "111111111111"
}

variable "accepter_account" {
  type    = string
  default = "222222222222"
}

provider "aws" {
  region                  = "us-east-1"
  access_key              = var.requester_account
  secret_key              = "emulator"
  skip_metadata_api_check = true
  skip_region_validation  = true
  max_retries             = 1

  endpoints {
    ec2 = var.endpoint
    sts = var.endpoint
  }
}

provider "aws" {
  alias                   = "accepter"
  region                  = "eu-west-1"
  access_key              = var.accepter_account
  secret_key              = "emulator"
  skip_metadata_api_check = true
  skip_region_validation  = true
  max_retries             = 1

  endpoints {
    ec2 = var.endpoint
    sts = var.endpoint
  }
}

resource "aws_vpc" "requester" {
  cidr_block           = "10.30.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name = "requester"
  }
}

resource "aws_vpc" "accepter" {
  provider             = aws.accepter
  cidr_block           = "10.40.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name = "accepter"
  }
}

resource "aws_vpc_ipv4_cidr_block_association" "accepter_extra" {
  provider   = aws.accepter
  vpc_id     = aws_vpc.accepter.id
  cidr_block = "10.41.0.0/16"
}

# EC2 refuses a new CIDR block for a VPC while one of its peering requests
# is pending acceptance: associate the block first.
resource "aws_vpc_peering_connection" "east_west" {
  vpc_id        = aws_vpc.requester.id
  peer_vpc_id   = aws_vpc.accepter.id
  peer_owner_id = var.accepter_account
  peer_region   = "eu-west-1"
  depends_on    = [aws_vpc_ipv4_cidr_block_association.accepter_extra]

  tags = {
    Name = "east-west"
    Side = "requester"
  }
}

resource "aws_vpc_peering_connection_accepter" "east_west" {
  provider                  = aws.accepter
  vpc_peering_connection_id = aws_vpc_peering_connection.east_west.id
  auto_accept               = true

  tags = {
    Name = "east-west"
    Side = "accepter"
  }
}

resource "aws_vpc_peering_connection_options" "requester" {
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.east_west.id

  requester {
    allow_remote_vpc_dns_resolution = true
  }
}

resource "aws_vpc_peering_connection_options" "accepter" {
  provider                  = aws.accepter
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.east_west.id

  accepter {
    allow_remote_vpc_dns_resolution = true
  }
}

resource "aws_route_table" "requester" {
  vpc_id = aws_vpc.requester.id
}

resource "aws_route_table" "accepter" {
  provider = aws.accepter
  vpc_id   = aws_vpc.accepter.id
}

resource "aws_route" "requester_to_accepter" {
  route_table_id            = aws_route_table.requester.id
  destination_cidr_block    = aws_vpc.accepter.cidr_block
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.east_west.id
}

resource "aws_route" "accepter_to_requester" {
  provider                  = aws.accepter
  route_table_id            = aws_route_table.accepter.id
  destination_cidr_block    = aws_vpc.requester.cidr_block
  vpc_peering_connection_id = aws_vpc_peering_connection_accepter.east_west.id
}

output "peering_id" {
  value = aws_vpc_peering_connection.east_west.id
}

output "accept_status" {
  value = aws_vpc_peering_connection_accepter.east_west.accept_status
}

# The accepter reads the connection from its side: the peer is the
# requester. Its peer_region is the provider's AccepterVpcInfo.Region.
output "accepter_peer_region" {
  value = aws_vpc_peering_connection_accepter.east_west.peer_region
}

output "accepter_peer_owner_id" {
  value = aws_vpc_peering_connection_accepter.east_west.peer_owner_id
}

output "accepter_sees_both_vpcs" {
  value = (aws_vpc_peering_connection_accepter.east_west.vpc_id == aws_vpc.accepter.id &&
  aws_vpc_peering_connection_accepter.east_west.peer_vpc_id == aws_vpc.requester.id)
}

output "requester_dns_resolution" {
  value = aws_vpc_peering_connection_options.requester.requester[0].allow_remote_vpc_dns_resolution
}

output "accepter_dns_resolution" {
  value = aws_vpc_peering_connection_options.accepter.accepter[0].allow_remote_vpc_dns_resolution
}
