package vpn

import (
	"net/netip"
	"strconv"
	"strings"
)

// writeIPsecConf renders the legacy strongSwan form, ipsec.conf and
// ipsec.secrets (stroke, strongSwan 5.5.1 and later), route-based with VTI
// interfaces selected by marks: each connection carries mark=100+N and an
// updown command that creates the VTI device. ipsec.conf states lifetimes
// as AWS does: ikelifetime and lifetime are the SA lifetimes, margintime
// and rekeyfuzz the rekey margin and fuzz.
func writeIPsecConf(b *strings.Builder, c Connection, v IKEVersion, tunnels []int) error {
	b.WriteString("# AWS Site-to-Site VPN " + c.id + ": /etc/ipsec.conf for the customer gateway " + c.customerIP.String() + "\n")
	b.WriteString("# strongSwan 5.5.1 or later (stroke), " + v.String() + ", route-based with VTI devices.\n")
	b.WriteString("# Each connection's leftupdown creates its VTI device, e.g. /etc/ipsec.d/aws-updown.sh:\n")
	b.WriteString("#   ip link add <name> type vti local <left> remote <right> key <mark>\n")
	b.WriteString("#   ip addr add <inside address> dev <name>; ip link set <name> up mtu 1436\n")
	b.WriteString("#   sysctl -w net.ipv4.conf.<name>.disable_policy=1\n\n")
	b.WriteString("config setup\n  uniqueids=no\n\n")
	for _, i := range tunnels {
		t := c.tunnels[i]
		o := t.opts
		n := strconv.Itoa(i + 1)
		mark := strconv.Itoa(100 + i + 1)
		ike, esp := StrongSwanProposals(t, v)
		fuzz, _ := o.RekeyFuzzPercentage.Value()
		b.WriteString("conn aws-tunnel" + n + "\n")
		confKV(b, "keyexchange", v.String())
		confKV(b, "type", "tunnel")
		confKV(b, "authby", "secret")
		confKV(b, "left", "%defaultroute")
		confKV(b, "leftid", t.customer.String())
		confKV(b, "leftsubnet", localNetwork(c).String())
		confKV(b, "right", t.outside.String())
		confKV(b, "rightid", t.outside.String())
		confKV(b, "rightsubnet", remoteNetwork(c).String())
		confKV(b, "ike", strings.Join(ike, ",")+"!")
		confKV(b, "esp", strings.Join(esp, ",")+"!")
		confKV(b, "ikelifetime", seconds(o.Phase1LifetimeSeconds))
		confKV(b, "lifetime", seconds(o.Phase2LifetimeSeconds))
		confKV(b, "margintime", seconds(o.RekeyMarginTimeSeconds))
		confKV(b, "rekeyfuzz", strconv.Itoa(fuzz)+"%")
		confKV(b, "keyingtries", "%forever")
		confKV(b, "replay_window", strconv.Itoa(o.ReplayWindowSize))
		confKV(b, "dpddelay", seconds(xmlDPDInterval))
		confKV(b, "dpdtimeout", seconds(o.DPDTimeoutSeconds))
		// The customer side always restarts a dead tunnel (see writeStrongSwan).
		confKV(b, "dpdaction", "restart")
		confKV(b, "closeaction", "restart")
		confKV(b, "mark", mark)
		inside := netip.PrefixFrom(t.CustomerInsideAddress(), t.inside.Bits()).String()
		confKV(b, "leftupdown", `"/etc/ipsec.d/aws-updown.sh -ln vti`+n+` -ll `+inside+` -lr `+
			netip.PrefixFrom(t.AWSInsideAddress(), t.inside.Bits()).String()+` -m `+mark+`"`)
		auto := "start" // AWS waits (startup action add): the customer initiates
		if o.StartupAction == StartupStart {
			auto = "add"
		}
		confKV(b, "auto", auto)
		if c.options.StaticRoutesOnly {
			b.WriteString("  # static routing: ip route add " + remoteNetwork(c).String() + " dev vti" + n + "\n")
		} else {
			b.WriteString("  # BGP: neighbor " + t.AWSInsideAddress().String() + " remote-as " + asn(c.amazonASN) +
				" (local AS " + asn(c.customerASN) + "), hold time " + strconv.Itoa(BGPHoldTimeSeconds) + "s\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("# /etc/ipsec.secrets\n")
	for _, i := range tunnels {
		t := c.tunnels[i]
		b.WriteString(t.customer.String() + " " + t.outside.String() + " : PSK \"" + t.opts.PreSharedKey.Reveal() + "\"\n")
	}
	return nil
}

// confKV writes an ipsec.conf parameter line in its canonical form,
// "  name=value".
func confKV(b *strings.Builder, key, value string) {
	b.WriteString("  ")
	b.WriteString(key)
	b.WriteByte('=')
	b.WriteString(value)
	b.WriteByte('\n')
}
