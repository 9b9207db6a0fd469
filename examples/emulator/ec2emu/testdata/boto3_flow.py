"""The emulator's core flows, driven by boto3 as a Python program would.

Usage: python3 boto3_flow.py ENDPOINT
Exits non-zero with a message on the first mismatch.
"""
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
ALICE, BOB = "111111111111", "222222222222"


def client(account, region):
    return boto3.client(
        "ec2",
        endpoint_url=ENDPOINT,
        region_name=region,
        aws_access_key_id=account,
        aws_secret_access_key="secret",
        config=Config(retries={"max_attempts": 1}),
    )


def expect_error(code, fn, **kwargs):
    try:
        fn(**kwargs)
    except ClientError as e:
        got = e.response["Error"]["Code"]
        assert got == code, f"{fn.__name__}: error {got}, want {code}"
        return
    raise AssertionError(f"{fn.__name__} succeeded, want {code}")


def advance(duration):
    data = urllib.parse.urlencode({"advance": duration}).encode()
    with urllib.request.urlopen(ENDPOINT + "/_emulator/clock", data=data) as r:
        assert r.status == 200


def status_of(c, pcx):
    try:
        out = c.describe_vpc_peering_connections(VpcPeeringConnectionIds=[pcx])
    except ClientError as e:
        assert e.response["Error"]["Code"] == "InvalidVpcPeeringConnectionID.NotFound", e
        return None
    return out["VpcPeeringConnections"][0]["Status"]["Code"]


alice = client(ALICE, "us-east-1")
bob = client(BOB, "eu-west-1")

# VPCs, with tags at creation, and the validation of blocks.
a = alice.create_vpc(
    CidrBlock="10.1.0.0/16",
    TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "a"}]}],
)["Vpc"]["VpcId"]
b = bob.create_vpc(CidrBlock="10.2.0.0/16")["Vpc"]["VpcId"]
expect_error("InvalidVpc.Range", alice.create_vpc, CidrBlock="10.0.0.0/8")
expect_error("DryRunOperation", alice.create_vpc, CidrBlock="10.3.0.0/16", DryRun=True)
vpcs = alice.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["a"]}])["Vpcs"]
assert [v["VpcId"] for v in vpcs] == [a], vpcs
assert bob.describe_vpcs()["Vpcs"][0]["OwnerId"] == BOB

# Cross-account, cross-Region peering.
pcx = alice.create_vpc_peering_connection(VpcId=a, PeerVpcId=b, PeerOwnerId=BOB, PeerRegion="eu-west-1")[
    "VpcPeeringConnection"
]
assert pcx["Status"]["Code"] == "initiating-request", pcx
pcx = pcx["VpcPeeringConnectionId"]
assert status_of(bob, pcx) == "pending-acceptance"
assert status_of(client(BOB, "us-east-1"), pcx) is None
expect_error("OperationNotPermitted", alice.accept_vpc_peering_connection, VpcPeeringConnectionId=pcx)

# Each owner's tags are its own.
alice.create_tags(Resources=[pcx], Tags=[{"Key": "side", "Value": "alice"}])
bob.create_tags(Resources=[pcx], Tags=[{"Key": "side", "Value": "bob"}])
seen = bob.describe_vpc_peering_connections(VpcPeeringConnectionIds=[pcx])["VpcPeeringConnections"][0]["Tags"]
assert seen == [{"Key": "side", "Value": "bob"}], seen

# A route to the pending connection is a blackhole until it is active.
rtb = alice.create_route_table(VpcId=a)["RouteTable"]["RouteTableId"]
alice.create_route(RouteTableId=rtb, DestinationCidrBlock="10.2.0.0/16", VpcPeeringConnectionId=pcx)


def route_state():
    routes = alice.describe_route_tables(RouteTableIds=[rtb])["RouteTables"][0]["Routes"]
    return [r["State"] for r in routes if r.get("VpcPeeringConnectionId") == pcx][0]


assert route_state() == "blackhole"
bob.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx)
assert status_of(alice, pcx) == "active"
assert route_state() == "active"
expect_error(
    "RouteAlreadyExists",
    alice.create_route,
    RouteTableId=rtb,
    DestinationCidrBlock="10.2.0.0/16",
    VpcPeeringConnectionId=pcx,
)
bob.delete_vpc_peering_connection(VpcPeeringConnectionId=pcx)
assert status_of(alice, pcx) == "deleted"
assert route_state() == "blackhole"

# An unanswered request expires after 7 days, then disappears after 2 more.
c = alice.create_vpc(CidrBlock="10.3.0.0/16")["Vpc"]["VpcId"]
pending = alice.create_vpc_peering_connection(VpcId=c, PeerVpcId=b, PeerOwnerId=BOB, PeerRegion="eu-west-1")[
    "VpcPeeringConnection"
]["VpcPeeringConnectionId"]
advance("168h")
assert status_of(bob, pending) == "expired"
expect_error("InvalidStateTransition", bob.accept_vpc_peering_connection, VpcPeeringConnectionId=pending)
advance("48h")
assert status_of(alice, pending) is None

# Site-to-Site VPN, and the configuration XML parsed back.
cgw = alice.create_customer_gateway(Type="ipsec.1", BgpAsn=65010, PublicIp="198.51.100.7")["CustomerGateway"][
    "CustomerGatewayId"
]
vgw = alice.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]
alice.attach_vpn_gateway(VpcId=a, VpnGatewayId=vgw)
vpn = alice.create_vpn_connection(
    Type="ipsec.1",
    CustomerGatewayId=cgw,
    VpnGatewayId=vgw,
    Options={
        "StaticRoutesOnly": True,
        "TunnelOptions": [{"TunnelInsideCidr": "169.254.44.0/30", "PreSharedKey": "boto3_key.1"}],
    },
)["VpnConnection"]
doc = ET.fromstring(vpn["CustomerGatewayConfiguration"])
tunnels = doc.findall("ipsec_tunnel")
assert len(tunnels) == 2, len(tunnels)
assert tunnels[0].findtext("ike/pre_shared_key") == "boto3_key.1"
assert tunnels[0].findtext("vpn_gateway/tunnel_inside_address/ip_address") == "169.254.44.1"
assert doc.findtext("vpn_connection_attributes") == "NoBGPVPNConnection"
expect_error(
    "InvalidParameterValue",
    alice.create_vpn_connection,
    Type="ipsec.1",
    CustomerGatewayId=cgw,
    VpnGatewayId=vgw,
    Options={"TunnelOptions": [{"PreSharedKey": "0leading"}]},
)
got = alice.describe_vpn_connections(VpnConnectionIds=[vpn["VpnConnectionId"]])["VpnConnections"][0]
assert got["State"] == "available", got["State"]
types = alice.get_vpn_connection_device_types()["VpnConnectionDeviceTypes"]
assert any(t["VpnConnectionDeviceTypeId"] == "fb8b1bd8" for t in types)
sample = alice.get_vpn_connection_device_sample_configuration(
    VpnConnectionId=vpn["VpnConnectionId"], VpnConnectionDeviceTypeId="fb8b1bd8", InternetKeyExchangeVersion="ikev2"
)["VpnConnectionDeviceSampleConfiguration"]
assert "boto3_key.1" in sample

print("ok")
