package vpn

import (
	"strconv"
	"strings"
)

// Junos keywords for EC2's algorithm names; Junos lacks DH groups 17, 18,
// 22 and 23, which are left out.
var (
	junosIKEEncryption = map[Encryption]string{AES128: "aes-128-cbc", AES256: "aes-256-cbc", AES128GCM: "aes-128-gcm", AES256GCM: "aes-256-gcm"}
	junosIKEAuth       = map[Integrity]string{SHA1: "sha1", SHA256: "sha-256", SHA384: "sha-384", SHA512: "sha-512"}
	junosESPAuth       = map[Integrity]string{SHA1: "hmac-sha1-96", SHA256: "hmac-sha-256-128", SHA384: "hmac-sha-384", SHA512: "hmac-sha-512"}
	junosGroups        = map[DHGroup]string{2: "group2", 5: "group5", 14: "group14", 15: "group15", 16: "group16", 19: "group19", 20: "group20", 21: "group21", 24: "group24"}
)

// maxJunosProposals is how many proposals a Junos IKE or IPsec policy takes.
const maxJunosProposals = 4

// writeJuniperSRX renders Junos set commands for an SRX: st0 units, IKE
// proposals, policy and gateway, IPsec proposals, policy and VPN bound to
// the st0 unit, and BGP or static routes. Junos proposals hold one
// algorithm each, so the first four combinations of the tunnel's lists, in
// their order, are written.
func writeJuniperSRX(b *strings.Builder, c Connection, v IKEVersion, tunnels []int) error {
	b.WriteString("# Amazon Web Services Site-to-Site VPN " + c.id + "\n")
	b.WriteString("# Juniper SRX, JunOS 11.0+, route-based (st0), " + v.String() + "\n")
	b.WriteString("# Replace ge-0/0/0.0 with your outside interface and trust with your zone.\n\n")
	set := func(s ...string) { b.WriteString("set " + strings.Join(s, " ") + "\n") }
	for _, i := range tunnels {
		t := c.tunnels[i]
		o := t.opts
		n := strconv.Itoa(i + 1)
		name := c.id + "-" + n
		unit := "st0." + n
		b.WriteString("# Tunnel " + n + ": " + t.customer.String() + " <-> " + t.outside.String() + "\n")
		family := "inet"
		if t.inside.Addr().Is6() {
			family = "inet6"
		}
		set("interfaces st0 unit", n, "family", family, "address", t.CustomerInsideAddress().String()+"/"+strconv.Itoa(t.inside.Bits()))
		set("interfaces st0 unit", n, "family", family, "mtu 1436")
		set("security zones security-zone trust interfaces", unit)

		var ike [][3]string // encryption, authentication, group
		for _, e := range o.Phase1EncryptionAlgorithms {
			if e.IsAEAD() && v == IKEv1 {
				continue
			}
			for _, h := range o.Phase1IntegrityAlgorithms {
				for _, g := range o.Phase1DHGroupNumbers {
					if gn, ok := junosGroups[g]; ok {
						ike = append(ike, [3]string{junosIKEEncryption[e], junosIKEAuth[h], gn})
					}
				}
			}
		}
		ike = ike[:min(len(ike), maxJunosProposals)]
		var ikeNames []string
		for k, p := range ike {
			pn := "ike-prop-" + name + "-" + strconv.Itoa(k+1)
			ikeNames = append(ikeNames, pn)
			set("security ike proposal", pn, "authentication-method pre-shared-keys")
			set("security ike proposal", pn, "encryption-algorithm", p[0])
			set("security ike proposal", pn, "authentication-algorithm", p[1])
			set("security ike proposal", pn, "dh-group", p[2])
			set("security ike proposal", pn, "lifetime-seconds", strconv.Itoa(o.Phase1LifetimeSeconds))
		}
		if v == IKEv1 {
			set("security ike policy", "ike-pol-"+name, "mode main")
		}
		set("security ike policy", "ike-pol-"+name, "proposals", "[ "+strings.Join(ikeNames, " ")+" ]")
		set("security ike policy", "ike-pol-"+name, "pre-shared-key ascii-text", `"`+o.PreSharedKey.Reveal()+`"`)
		gw := "gw-" + name
		set("security ike gateway", gw, "ike-policy", "ike-pol-"+name)
		set("security ike gateway", gw, "address", t.outside.String())
		set("security ike gateway", gw, "dead-peer-detection interval", strconv.Itoa(xmlDPDInterval), "threshold", strconv.Itoa(xmlDPDRetries))
		set("security ike gateway", gw, "local-identity inet", t.customer.String())
		set("security ike gateway", gw, "external-interface ge-0/0/0.0")
		if v == IKEv2 {
			set("security ike gateway", gw, "version v2-only")
		} else {
			set("security ike gateway", gw, "version v1-only")
		}

		var esp [][2]string // encryption, authentication ("" for GCM)
		for _, e := range o.Phase2EncryptionAlgorithms {
			if e.IsAEAD() {
				esp = append(esp, [2]string{junosIKEEncryption[e], ""})
				continue
			}
			for _, h := range o.Phase2IntegrityAlgorithms {
				esp = append(esp, [2]string{junosIKEEncryption[e], junosESPAuth[h]})
			}
		}
		esp = esp[:min(len(esp), maxJunosProposals)]
		var espNames []string
		for k, p := range esp {
			pn := "ipsec-prop-" + name + "-" + strconv.Itoa(k+1)
			espNames = append(espNames, pn)
			set("security ipsec proposal", pn, "protocol esp")
			if p[1] != "" {
				set("security ipsec proposal", pn, "authentication-algorithm", p[1])
			}
			set("security ipsec proposal", pn, "encryption-algorithm", p[0])
			set("security ipsec proposal", pn, "lifetime-seconds", strconv.Itoa(o.Phase2LifetimeSeconds))
		}
		pol := "ipsec-pol-" + name
		if g, ok := firstKnown(o.Phase2DHGroupNumbers, junosGroups); ok {
			set("security ipsec policy", pol, "perfect-forward-secrecy keys", g)
		}
		set("security ipsec policy", pol, "proposals", "[ "+strings.Join(espNames, " ")+" ]")
		set("security ipsec vpn", name, "bind-interface", unit)
		set("security ipsec vpn", name, "ike gateway", gw)
		set("security ipsec vpn", name, "ike ipsec-policy", pol)
		set("security ipsec vpn", name, "df-bit clear")
		if o.StartupAction == StartupStart {
			set("security ipsec vpn", name, "establish-tunnels on-traffic")
		} else {
			set("security ipsec vpn", name, "establish-tunnels immediately")
		}
		b.WriteString("\n")
	}
	set("security flow tcp-mss ipsec-vpn mss", strconv.Itoa(xmlTCPMSS))
	if c.options.StaticRoutesOnly {
		for _, i := range tunnels {
			set("routing-options static route", remoteNetwork(c).String(), "next-hop", "st0."+strconv.Itoa(i+1))
		}
		return nil
	}
	set("routing-options autonomous-system", asn(c.customerASN))
	set("protocols bgp group ebgp type external")
	for _, i := range tunnels {
		nb := c.tunnels[i].AWSInsideAddress().String()
		set("protocols bgp group ebgp neighbor", nb, "peer-as", asn(c.amazonASN))
		set("protocols bgp group ebgp neighbor", nb, "hold-time", strconv.Itoa(BGPHoldTimeSeconds))
		set("protocols bgp group ebgp neighbor", nb, "local-address", c.tunnels[i].CustomerInsideAddress().String())
	}
	return nil
}

func firstKnown[K comparable](keys []K, names map[K]string) (string, bool) {
	for _, k := range keys {
		if n, ok := names[k]; ok {
			return n, true
		}
	}
	return "", false
}
