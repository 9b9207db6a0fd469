package vpn

import (
	"net/netip"
	"strconv"
	"strings"
)

// strongSwan algorithm keywords for EC2's names.
var (
	swanEncryption = map[Encryption]string{
		AES128: "aes128", AES256: "aes256", AES128GCM: "aes128gcm16", AES256GCM: "aes256gcm16",
	}
	swanIntegrity = map[Integrity]string{
		SHA1: "sha1", SHA256: "sha256", SHA384: "sha384", SHA512: "sha512",
	}
	swanDH = map[DHGroup]string{
		2: "modp1024", 5: "modp1536", 14: "modp2048", 15: "modp3072", 16: "modp4096",
		17: "modp6144", 18: "modp8192", 19: "ecp256", 20: "ecp384", 21: "ecp521",
		22: "modp1024s160", 23: "modp2048s224", 24: "modp2048s256",
	}
)

// StrongSwanProposals returns the tunnel's IKE and ESP proposals in
// strongSwan syntax, for IKE version v: one proposal of the CBC ciphers with
// their integrity algorithms and DH groups ("aes128-aes256-sha1-sha256-…-
// modp1024-modp2048-…"), and one of the GCM ciphers, which carries PRFs in
// IKE ("aes128gcm16-aes256gcm16-prfsha1-…-modp1024-…") and no integrity
// algorithm in ESP ("aes128gcm16-aes256gcm16-modp1024-…"). The ESP groups
// are the phase 2 groups (perfect forward secrecy). IKEv1 has no AEAD IKE
// proposals, so for IKEv1 the GCM IKE proposal is left out. A proposal with
// no cipher is left out; the lists are empty for the zero Tunnel.
func StrongSwanProposals(t Tunnel, v IKEVersion) (ike, esp []string) {
	o := t.opts
	cbc1, gcm1 := splitAEAD(o.Phase1EncryptionAlgorithms)
	cbc2, gcm2 := splitAEAD(o.Phase2EncryptionAlgorithms)
	integ1 := mapNames(o.Phase1IntegrityAlgorithms, swanIntegrity, "")
	prf1 := mapNames(o.Phase1IntegrityAlgorithms, swanIntegrity, "prf")
	integ2 := mapNames(o.Phase2IntegrityAlgorithms, swanIntegrity, "")
	dh1 := mapNames(o.Phase1DHGroupNumbers, swanDH, "")
	dh2 := mapNames(o.Phase2DHGroupNumbers, swanDH, "")
	join := func(parts ...[]string) string {
		var all []string
		for _, p := range parts {
			all = append(all, p...)
		}
		return strings.Join(all, "-")
	}
	if len(cbc1) > 0 && len(integ1) > 0 {
		ike = append(ike, join(cbc1, integ1, dh1))
	}
	if len(gcm1) > 0 && v != IKEv1 {
		ike = append(ike, join(gcm1, prf1, dh1))
	}
	if len(cbc2) > 0 && len(integ2) > 0 {
		esp = append(esp, join(cbc2, integ2, dh2))
	}
	if len(gcm2) > 0 {
		esp = append(esp, join(gcm2, dh2))
	}
	return ike, esp
}

func splitAEAD(encs []Encryption) (cbc, gcm []string) {
	for _, e := range encs {
		if e.IsAEAD() {
			gcm = append(gcm, swanEncryption[e])
		} else {
			cbc = append(cbc, swanEncryption[e])
		}
	}
	return cbc, gcm
}

func mapNames[K comparable](keys []K, names map[K]string, prefix string) []string {
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if n, ok := names[k]; ok {
			out = append(out, prefix+n)
		}
	}
	return out
}

// StrongSwan returns a swanctl.conf for the customer side of c, both
// tunnels, using IKE version v ("" picks ikev2 when both tunnels allow it,
// else ikev1). See [StrongSwanTunnel] for what each tunnel holds. Errors:
// an invalid v (InvalidParameterValue) or one a tunnel does not allow, or
// IKEv1 with only GCM phase 1 ciphers (InvalidParameterCombination).
func StrongSwan(c Connection, v IKEVersion) (string, error) {
	return renderTunnels(c, v, []int{0, 1}, writeStrongSwan)
}

// StrongSwanTunnel returns a complete swanctl.conf for the customer side of
// one tunnel of c (index 0 or 1), so a test can run each tunnel on its own
// pair of hosts. The file holds:
//
//   - connections.aws-tunnelN: version, local_addrs (the customer gateway's
//     address) and remote_addrs (the AWS endpoint), the IKE proposals of
//     [StrongSwanProposals], rekey_time (IKEv2) or reauth_time (IKEv1) =
//     phase 1 lifetime − rekey margin, over_time = the margin, rand_time =
//     margin × fuzz%, dpd_delay = 10s (and dpd_timeout for IKEv1), PSK
//     authentication with the outside addresses as identities;
//   - children.aws-tunnelN: route-based (local_ts and remote_ts are the
//     connection's local and remote network CIDRs, traffic bound to the XFRM
//     interface if_id N by if_id_in/if_id_out), esp_proposals, rekey_time =
//     phase 2 lifetime − margin, life_time = phase 2 lifetime, rand_time as
//     above, replay_window, dpd_action = restart and close_action = start (the customer
//     side re-establishes a tunnel whatever AWS's own DPD action is), and
//     start_action (start when AWS waits for the customer, none when AWS
//     initiates);
//   - secrets.ike-aws-tunnelN with both identities and the key;
//   - comments giving the XFRM interface, its inside address and the BGP
//     peer or static route an updown script or the operator sets up.
//
// The index is checked (InvalidParameterValue, [ErrTunnel]); the IKE version
// as in [StrongSwan].
func StrongSwanTunnel(c Connection, tunnel int, v IKEVersion) (string, error) {
	return renderTunnels(c, v, []int{tunnel}, writeStrongSwan)
}

func writeStrongSwan(b *strings.Builder, c Connection, v IKEVersion, tunnels []int) error {
	ver := "2"
	if v == IKEv1 {
		ver = "1"
	}
	b.WriteString("# AWS Site-to-Site VPN " + c.id + ": swanctl.conf for the customer gateway " + c.customerIP.String() + "\n")
	b.WriteString("# strongSwan 5.8 or later (XFRM interfaces), IKE version " + ver + ".\n")
	b.WriteString("#\n# Route-based: each tunnel's child SA is bound to an XFRM interface\n")
	b.WriteString("# (if_id_in/if_id_out). Create the interfaces before loading this file,\n")
	b.WriteString("# by hand or from an updown script:\n")
	for _, i := range tunnels {
		t := c.tunnels[i]
		n := strconv.Itoa(i + 1)
		b.WriteString("#\n#   ip link add xfrm" + n + " type xfrm if_id " + n + "\n")
		b.WriteString("#   ip addr add " + netip.PrefixFrom(t.CustomerInsideAddress(), t.inside.Bits()).String() + " dev xfrm" + n + "\n")
		b.WriteString("#   ip link set xfrm" + n + " mtu 1436 up\n")
		if c.options.StaticRoutesOnly {
			b.WriteString("#   ip route add " + remoteNetwork(c).String() + " dev xfrm" + n + "  # static routing\n")
		} else {
			b.WriteString("#   BGP: neighbor " + t.AWSInsideAddress().String() + " remote-as " + asn(c.amazonASN) +
				" (local AS " + asn(c.customerASN) + "), hold time " + strconv.Itoa(BGPHoldTimeSeconds) + "s\n")
		}
	}
	b.WriteString("\nconnections {\n")
	for _, i := range tunnels {
		t := c.tunnels[i]
		o := t.opts
		name := "aws-tunnel" + strconv.Itoa(i+1)
		ifid := strconv.Itoa(i + 1)
		ike, esp := StrongSwanProposals(t, v)
		fuzz, _ := o.RekeyFuzzPercentage.Value()
		rand := o.RekeyMarginTimeSeconds * fuzz / 100
		b.WriteString("  " + name + " {\n")
		kv(b, 4, "version", ver)
		kv(b, 4, "local_addrs", t.customer.String())
		kv(b, 4, "remote_addrs", t.outside.String())
		kv(b, 4, "proposals", strings.Join(ike, ","))
		if v == IKEv1 {
			kv(b, 4, "aggressive", "no")
			kv(b, 4, "reauth_time", seconds(o.Phase1LifetimeSeconds-o.RekeyMarginTimeSeconds))
		} else {
			kv(b, 4, "rekey_time", seconds(o.Phase1LifetimeSeconds-o.RekeyMarginTimeSeconds))
		}
		kv(b, 4, "over_time", seconds(o.RekeyMarginTimeSeconds))
		kv(b, 4, "rand_time", seconds(rand))
		kv(b, 4, "dpd_delay", seconds(xmlDPDInterval))
		if v == IKEv1 {
			kv(b, 4, "dpd_timeout", seconds(o.DPDTimeoutSeconds))
		}
		kv(b, 4, "mobike", "no")
		kv(b, 4, "keyingtries", "0") // retry forever: the AWS endpoint may be replaced at any time
		b.WriteString("    local {\n")
		kv(b, 6, "auth", "psk")
		kv(b, 6, "id", t.customer.String())
		b.WriteString("    }\n    remote {\n")
		kv(b, 6, "auth", "psk")
		kv(b, 6, "id", t.outside.String())
		b.WriteString("    }\n    children {\n")
		b.WriteString("      " + name + " {\n")
		kv(b, 8, "local_ts", localNetwork(c).String())
		kv(b, 8, "remote_ts", remoteNetwork(c).String())
		kv(b, 8, "esp_proposals", strings.Join(esp, ","))
		kv(b, 8, "rekey_time", seconds(o.Phase2LifetimeSeconds-o.RekeyMarginTimeSeconds))
		kv(b, 8, "life_time", seconds(o.Phase2LifetimeSeconds))
		kv(b, 8, "rand_time", seconds(rand))
		kv(b, 8, "replay_window", strconv.Itoa(o.ReplayWindowSize))
		kv(b, 8, "if_id_in", ifid)
		kv(b, 8, "if_id_out", ifid)
		kv(b, 8, "mode", "tunnel")
		// DPDTimeoutAction is what the AWS endpoint does; the customer side
		// always restarts a dead tunnel, or it would stay down for good once
		// the AWS side is replaced or restarted.
		kv(b, 8, "dpd_action", "restart")
		if o.StartupAction != StartupStart {
			kv(b, 8, "close_action", "start")
		}
		start := "start" // AWS waits (startup action add): the customer initiates
		if o.StartupAction == StartupStart {
			start = "none" // AWS initiates
		}
		kv(b, 8, "start_action", start)
		b.WriteString("        # updown = /usr/local/libexec/aws-xfrm-updown  (creates xfrm" + ifid + ", see above)\n")
		b.WriteString("      }\n    }\n  }\n")
	}
	b.WriteString("}\n\nsecrets {\n")
	for _, i := range tunnels {
		t := c.tunnels[i]
		b.WriteString("  ike-aws-tunnel" + strconv.Itoa(i+1) + " {\n")
		kv(b, 4, "id-local", t.customer.String())
		kv(b, 4, "id-remote", t.outside.String())
		kv(b, 4, "secret", `"`+t.opts.PreSharedKey.Reveal()+`"`)
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	return nil
}

func kv(b *strings.Builder, depth int, key, value string) {
	b.WriteString(indent[:depth])
	b.WriteString(key)
	b.WriteString(" = ")
	b.WriteString(value)
	b.WriteByte('\n')
}

func seconds(n int) string { return strconv.Itoa(n) + "s" }

func asn(n int64) string { return strconv.FormatInt(n, 10) }

// localNetwork returns the customer side's network CIDR of c's family.
func localNetwork(c Connection) netip.Prefix {
	if c.options.TunnelInsideIPVersion == IPv6 {
		return c.options.LocalIPv6NetworkCIDR
	}
	return c.options.LocalIPv4NetworkCIDR
}

// remoteNetwork returns the AWS side's network CIDR of c's family.
func remoteNetwork(c Connection) netip.Prefix {
	if c.options.TunnelInsideIPVersion == IPv6 {
		return c.options.RemoteIPv6NetworkCIDR
	}
	return c.options.RemoteIPv4NetworkCIDR
}
