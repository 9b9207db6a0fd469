# One account, one Region: the destinations and permissions of VPC logs as
# the community modules make them. The VPC module's flow-log resources
# (vpc-flow-logs.tf): a CloudWatch Logs log group with a retention, a role
# that VPC flow logs may assume (its trust policy from an
# aws_iam_policy_document), a customer managed policy letting it write to
# the group, and the policy's attachment to the role; and the VPN gateway
# module's two tunnel log groups. The provider reaches IAM, CloudWatch Logs
# and STS at the emulator.

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

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "111111111111"
  secret_key                  = "emulator"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  max_retries                 = 1

  endpoints {
    ec2  = var.endpoint
    sts  = var.endpoint
    iam  = var.endpoint
    logs = var.endpoint
  }
}

data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  tags = { Stack = "flowlogs" }
  flow_log_group_arns = [
    for log_group in aws_cloudwatch_log_group.flow_log :
    "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:${log_group.name}:*"
  ]
}

resource "aws_cloudwatch_log_group" "flow_log" {
  count = 1

  name              = "/aws/vpc-flow-log/vpc-0123456789abcdef0"
  retention_in_days = 30
  skip_destroy      = false
  log_group_class   = null

  tags = local.tags
}

resource "aws_iam_role" "vpc_flow_log_cloudwatch" {
  name_prefix        = "vpc-flow-log-role-"
  assume_role_policy = data.aws_iam_policy_document.flow_log_cloudwatch_assume_role.json

  tags = local.tags
}

data "aws_iam_policy_document" "flow_log_cloudwatch_assume_role" {
  statement {
    sid = "AWSVPCFlowLogsAssumeRole"

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }

    effect  = "Allow"
    actions = ["sts:AssumeRole"]
  }
}

resource "aws_iam_role_policy_attachment" "vpc_flow_log_cloudwatch" {
  role       = aws_iam_role.vpc_flow_log_cloudwatch.name
  policy_arn = aws_iam_policy.vpc_flow_log_cloudwatch.arn
}

resource "aws_iam_policy" "vpc_flow_log_cloudwatch" {
  name_prefix = "vpc-flow-log-to-cloudwatch-"
  policy      = data.aws_iam_policy_document.vpc_flow_log_cloudwatch.json
  tags        = local.tags
}

data "aws_iam_policy_document" "vpc_flow_log_cloudwatch" {
  statement {
    sid    = "AWSVPCFlowLogsPushToCloudWatch"
    effect = "Allow"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "logs:DescribeLogGroups",
      "logs:DescribeLogStreams",
    ]
    resources = local.flow_log_group_arns
  }
}

# A second role whose permissions are an inline policy, as many flow-log
# setups write them.
resource "aws_iam_role" "inline" {
  name               = "vpc-flow-log-inline"
  assume_role_policy = data.aws_iam_policy_document.flow_log_cloudwatch_assume_role.json
}

resource "aws_iam_role_policy" "inline" {
  name   = "push-to-cloudwatch"
  role   = aws_iam_role.inline.id
  policy = data.aws_iam_policy_document.vpc_flow_log_cloudwatch.json
}

resource "aws_cloudwatch_log_group" "tunnel1_logs" {
  name              = "complete-vpn-tunnel1-logs"
  retention_in_days = 7
}

resource "aws_cloudwatch_log_group" "tunnel2_logs" {
  name              = "complete-vpn-tunnel2-logs"
  retention_in_days = 7
}

output "flow_log_group_arn" {
  value = aws_cloudwatch_log_group.flow_log[0].arn
}

output "role_arn" {
  value = aws_iam_role.vpc_flow_log_cloudwatch.arn
}

output "role_id" {
  value = aws_iam_role.vpc_flow_log_cloudwatch.unique_id
}

output "policy_arn" {
  value = aws_iam_policy.vpc_flow_log_cloudwatch.arn
}

output "policy_id" {
  value = aws_iam_policy.vpc_flow_log_cloudwatch.policy_id
}

output "tunnel1_arn" {
  value = aws_cloudwatch_log_group.tunnel1_logs.arn
}

output "inline_policy_id" {
  value = aws_iam_role_policy.inline.id
}
