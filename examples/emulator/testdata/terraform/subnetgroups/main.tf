# One account, one Region: a VPC with subnets in two zones, and the subnet
# groups of RDS, ElastiCache and Redshift over them, as the community VPC
# module makes them. The provider reaches RDS, ElastiCache, Redshift and
# STS at the emulator too. generation 2 changes the groups' descriptions,
# subnets and tags in place.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "endpoint" {
  description = "The emulator's endpoint, e.g. http://127.0.0.1:4566."
  type        = string
}

variable "account" {
  description = "The 12-digit account the stack runs as; the emulator takes it from the access key."
  type        = string
  default     = "111111111111"
}

variable "generation" {
  description = "1 for the first apply; 2 changes every group in place."
  type        = number
  default     = 1
}

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = var.account
  secret_key                  = "emulator"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  max_retries                 = 1

  endpoints {
    ec2         = var.endpoint
    sts         = var.endpoint
    rds         = var.endpoint
    elasticache = var.endpoint
    redshift    = var.endpoint
  }

  default_tags {
    tags = {
      Stack = "subnetgroups"
    }
  }
}

data "aws_availability_zones" "available" {}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, 2)
  # generation 2 adds a third subnet to each group.
  count = var.generation == 1 ? 2 : 3
}

resource "aws_vpc" "main" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_subnet" "database" {
  count             = 3
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
  availability_zone = local.azs[count.index % 2]
}

resource "aws_subnet" "elasticache" {
  count             = 3
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, 10 + count.index)
  availability_zone = local.azs[count.index % 2]
}

resource "aws_subnet" "redshift" {
  count             = 3
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, 20 + count.index)
  availability_zone = local.azs[count.index % 2]
}

resource "aws_db_subnet_group" "database" {
  name        = "orders-db"
  description = "Database subnet group, generation ${var.generation}"
  subnet_ids  = slice(aws_subnet.database[*].id, 0, local.count)

  tags = var.generation == 1 ? { Name = "orders-db" } : { Name = "orders-db", Tier = "data" }
}

resource "aws_elasticache_subnet_group" "elasticache" {
  name        = "Sessions"
  description = "ElastiCache subnet group, generation ${var.generation}"
  subnet_ids  = slice(aws_subnet.elasticache[*].id, 0, local.count)

  tags = var.generation == 1 ? { Name = "sessions", Old = "yes" } : { Name = "sessions" }
}

resource "aws_redshift_subnet_group" "redshift" {
  name        = "warehouse"
  description = "Redshift subnet group, generation ${var.generation}"
  subnet_ids  = slice(aws_subnet.redshift[*].id, 0, local.count)

  tags = var.generation == 1 ? { Name = "warehouse" } : { Name = "warehouse", Team = "bi" }
}

output "db_arn" {
  value = aws_db_subnet_group.database.arn
}

output "db_network_types" {
  value = join(",", aws_db_subnet_group.database.supported_network_types)
}

output "db_subnets" {
  value = length(aws_db_subnet_group.database.subnet_ids)
}

output "cache_name" {
  value = aws_elasticache_subnet_group.elasticache.name
}

output "cache_arn" {
  value = aws_elasticache_subnet_group.elasticache.arn
}

output "cache_in_vpc" {
  value = aws_elasticache_subnet_group.elasticache.vpc_id == aws_vpc.main.id
}

output "dw_arn" {
  value = aws_redshift_subnet_group.redshift.arn
}

output "dw_tags" {
  value = join(",", sort(keys(aws_redshift_subnet_group.redshift.tags_all)))
}
