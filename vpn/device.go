package vpn

import (
	"slices"
	"strconv"
	"strings"
)

// DeviceType is one entry of GetVpnConnectionDeviceTypes: a device family
// EC2 can write a sample configuration for. DeviceType supports ==.
type DeviceType struct {
	ID       string // VpnConnectionDeviceTypeId: 8 lower-case hex digits, stable
	Vendor   string
	Platform string
	Software string
}

// deviceRenderer writes a sample configuration for the tunnels listed.
type deviceRenderer func(b *strings.Builder, c Connection, v IKEVersion, tunnels []int) error

type device struct {
	DeviceType
	render deviceRenderer
}

// The device catalogue. Each ID is the FNV-1a 32-bit hash of
// "vendor/platform/software" at the time the entry was added, written out so
// it never changes.
var devices = []device{
	{DeviceType{"0572f5fd", "Generic", "Generic", "Vendor Agnostic"}, writeGeneric},
	{DeviceType{"b00334ca", "Cisco Systems, Inc.", "CSRv AMI", "IOS 12.4+"}, writeCiscoIOS},
	{DeviceType{"c066be8a", "Juniper Networks, Inc.", "SRX Routers", "JunOS 11.0+"}, writeJuniperSRX},
	{DeviceType{"fb8b1bd8", "Strongswan", "Linux (swanctl)", "Strongswan 5.8+"}, writeStrongSwan},
	{DeviceType{"f538bce1", "Strongswan", "Ubuntu 16.04", "Strongswan 5.5.1+"}, writeIPsecConf},
}

// Device type IDs of the catalogue, for callers that pick one directly.
const (
	DeviceGeneric     = "0572f5fd"
	DeviceCiscoIOS    = "b00334ca"
	DeviceJuniperSRX  = "c066be8a"
	DeviceStrongSwan  = "fb8b1bd8" // swanctl.conf, XFRM interfaces
	DeviceIPsecConf   = "f538bce1" // ipsec.conf and ipsec.secrets, VTI marks
	sampleConfigParam = "VpnConnectionDeviceTypeId"
)

// DeviceTypes returns the catalogue GetVpnConnectionDeviceTypes serves,
// sorted by vendor, platform and software.
func DeviceTypes() []DeviceType {
	out := make([]DeviceType, len(devices))
	for i, d := range devices {
		out[i] = d.DeviceType
	}
	slices.SortFunc(out, func(a, b DeviceType) int {
		if x := strings.Compare(a.Vendor, b.Vendor); x != 0 {
			return x
		}
		if x := strings.Compare(a.Platform, b.Platform); x != 0 {
			return x
		}
		return strings.Compare(a.Software, b.Software)
	})
	return out
}

// LookupDeviceType returns the catalogue entry with the given ID.
func LookupDeviceType(id string) (DeviceType, bool) {
	for _, d := range devices {
		if d.ID == id {
			return d.DeviceType, true
		}
	}
	return DeviceType{}, false
}

// SampleConfiguration renders the sample configuration of device type
// deviceTypeID for both tunnels of c, as
// GetVpnConnectionDeviceSampleConfiguration returns it, for IKE version v
// ("" picks ikev2 when both tunnels allow it, else ikev1). Every renderer
// uses the connection's own addresses, keys, proposals, lifetimes, DPD
// settings and BGP or static routing. Errors: an unknown device type
// (InvalidParameterValue, [ErrDeviceType]); v invalid (InvalidParameterValue)
// or not allowed by a tunnel (InvalidParameterCombination); the zero
// Connection (InvalidParameterValue).
func SampleConfiguration(c Connection, deviceTypeID string, v IKEVersion) (string, error) {
	for _, d := range devices {
		if d.ID == deviceTypeID {
			return renderTunnels(c, v, []int{0, 1}, d.render)
		}
	}
	return "", &Error{Op: "sample-configuration", ID: c.id, Param: sampleConfigParam, Value: deviceTypeID, Code: "InvalidParameterValue", Err: ErrDeviceType}
}

// renderTunnels checks c, v and the tunnel indices, then runs render.
func renderTunnels(c Connection, v IKEVersion, tunnels []int, render deviceRenderer) (string, error) {
	const op = "sample-configuration"
	if !c.IsValid() {
		return "", &Error{Op: op, Param: "VpnConnectionId", Code: "InvalidParameterValue", Err: ErrInvalidValue}
	}
	for _, i := range tunnels {
		if i < 0 || i > 1 {
			return "", &Error{Op: op, ID: c.id, Param: "tunnel", Value: strconv.Itoa(i), Code: "InvalidParameterValue", Err: ErrTunnel}
		}
	}
	switch {
	case v == "":
		v = IKEv2
		for _, i := range tunnels {
			if !c.tunnels[i].AllowsIKEVersion(IKEv2) {
				v = IKEv1
			}
		}
	case !v.IsValid():
		return "", &Error{Op: op, ID: c.id, Param: "InternetKeyExchangeVersion", Value: string(v), Code: "InvalidParameterValue", Err: ErrInvalidValue}
	}
	for _, i := range tunnels {
		t := c.tunnels[i]
		if !t.AllowsIKEVersion(v) {
			return "", &Error{Op: op, ID: c.id, Param: "InternetKeyExchangeVersion", Value: string(v), Code: "InvalidParameterCombination", Err: ErrCombination}
		}
		if ike, _ := StrongSwanProposals(t, v); len(ike) == 0 {
			return "", &Error{Op: op, ID: c.id, Param: "Phase1EncryptionAlgorithms", Value: string(v), Code: "InvalidParameterCombination", Err: ErrCombination}
		}
	}
	var b strings.Builder
	b.Grow(8192)
	if err := render(&b, c, v, tunnels); err != nil {
		return "", err
	}
	return b.String(), nil
}
