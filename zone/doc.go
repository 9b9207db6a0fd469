// Package zone is the catalogue of Availability Zones: for every Region, a
// deterministic list of zones named and identified as EC2 names them
// (us-east-1a, use1-az1), with the members DescribeAvailabilityZones
// answers.
//
// # Rules
//
//	member              value
//	ZoneName            <region><letter>          us-east-1a
//	ZoneId              <short region>-az<n>      use1-az1
//	State               available
//	ZoneType            availability-zone
//	OptInStatus         opt-in-not-required
//	GroupName           the Region name
//	NetworkBorderGroup  the Region name
//
// The short Region code is the first group of the Region name, then one or
// two letters per middle group (east e, west w, north n, south s, central
// c, northeast ne, southeast se, northwest nw, southwest sw, gov g; any other
// group its first letter), then the number: us-east-1 is use1,
// ap-southeast-2 apse2, us-gov-west-1 usgw1.
//
// The letters a Region has follow EC2 for the Regions in [Known] (us-east-1
// has six zones, a to f); any other well-formed Region has three, a to c.
// EC2 maps zone names to zone IDs per account; this catalogue maps the n-th
// letter to az<n> for every account, a decision of this package.
//
// Sources: the EC2 API Reference for DescribeAvailabilityZones
// (AvailabilityZone shape: ZoneName, ZoneId, State, RegionName, ZoneType,
// OptInStatus, GroupName, NetworkBorderGroup); "AZ IDs for your AWS
// resources" in the AWS RAM User Guide (IDs such as use1-az1, and names
// mapped to IDs per account); captured describe-availability-zones output
// (GroupName and NetworkBorderGroup equal the Region name).
package zone
