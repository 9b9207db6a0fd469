package vpn

import (
	"net/netip"
	"strconv"
	"strings"
)

// Cisco IOS keywords for EC2's algorithm names; IOS lacks DH groups 17, 18,
// 22 and 23, which are left out.
var (
	iosIKEv2Encryption = map[Encryption]string{AES128: "aes-cbc-128", AES256: "aes-cbc-256", AES128GCM: "aes-gcm-128", AES256GCM: "aes-gcm-256"}
	iosIKEv1Encryption = map[Encryption]string{AES128: "aes", AES256: "aes 256"}
	iosIKEv2Integrity  = map[Integrity]string{SHA1: "sha1", SHA256: "sha256", SHA384: "sha384", SHA512: "sha512"}
	iosIKEv1Hash       = map[Integrity]string{SHA1: "sha", SHA256: "sha256", SHA384: "sha384", SHA512: "sha512"}
	iosESPEncryption   = map[Encryption]string{AES128: "esp-aes", AES256: "esp-aes 256", AES128GCM: "esp-gcm", AES256GCM: "esp-gcm 256"}
	iosESPIntegrity    = map[Integrity]string{SHA1: "esp-sha-hmac", SHA256: "esp-sha256-hmac", SHA384: "esp-sha384-hmac", SHA512: "esp-sha512-hmac"}
	iosGroups          = map[DHGroup]string{2: "2", 5: "5", 14: "14", 15: "15", 16: "16", 19: "19", 20: "20", 21: "21", 24: "24"}
)

// maxIOSTransformSets is how many transform sets an IOS IPsec profile takes.
const maxIOSTransformSets = 6

// writeCiscoIOS renders Cisco IOS (CSR, ISR) commands for a route-based VPN
// on virtual tunnel interfaces (VTI): IKEv2 proposal, keyring and profile,
// or IKEv1 ISAKMP policies, keyring and profile; transform sets; an IPsec
// profile; the tunnel interface; BGP or static routes.
func writeCiscoIOS(b *strings.Builder, c Connection, v IKEVersion, tunnels []int) error {
	b.WriteString("! Amazon Web Services Site-to-Site VPN " + c.id + "\n")
	b.WriteString("! Cisco IOS 12.4+ (CSR, ISR), route-based with virtual tunnel interfaces, " + v.String() + "\n")
	b.WriteString("!\n")
	for _, i := range tunnels {
		t := c.tunnels[i]
		o := t.opts
		n := strconv.Itoa(i + 1)
		name := c.id + "-" + n
		peer := t.outside.String()
		b.WriteString("! ---- Tunnel " + n + ": " + t.customer.String() + " <-> " + peer + "\n!\n")
		if v == IKEv2 {
			cbc, gcm := splitEnc(o.Phase1EncryptionAlgorithms)
			groups := joinMapped(o.Phase1DHGroupNumbers, iosGroups, " ")
			var props []string
			if len(cbc) > 0 {
				p := "PROP-" + name
				props = append(props, p)
				b.WriteString("crypto ikev2 proposal " + p + "\n")
				b.WriteString(" encryption " + joinMapped(cbc, iosIKEv2Encryption, " ") + "\n")
				b.WriteString(" integrity " + joinMapped(o.Phase1IntegrityAlgorithms, iosIKEv2Integrity, " ") + "\n")
				b.WriteString(" group " + groups + "\nexit\n")
			}
			if len(gcm) > 0 {
				p := "PROP-GCM-" + name
				props = append(props, p)
				b.WriteString("crypto ikev2 proposal " + p + "\n")
				b.WriteString(" encryption " + joinMapped(gcm, iosIKEv2Encryption, " ") + "\n")
				b.WriteString(" prf " + joinMapped(o.Phase1IntegrityAlgorithms, iosIKEv2Integrity, " ") + "\n")
				b.WriteString(" group " + groups + "\nexit\n")
			}
			b.WriteString("crypto ikev2 policy POLICY-" + name + "\n")
			b.WriteString(" match address local " + t.customer.String() + "\n")
			b.WriteString(" proposal " + strings.Join(props, " ") + "\nexit\n")
			b.WriteString("crypto ikev2 keyring KEYRING-" + name + "\n")
			b.WriteString(" peer " + peer + "\n  address " + peer + "\n  pre-shared-key " + o.PreSharedKey.Reveal() + "\n exit\nexit\n")
			b.WriteString("crypto ikev2 profile IKEV2-" + name + "\n")
			b.WriteString(" match address local " + t.customer.String() + "\n")
			b.WriteString(" match identity remote address " + peer + " 255.255.255.255\n")
			b.WriteString(" identity local address " + t.customer.String() + "\n")
			b.WriteString(" authentication remote pre-share\n authentication local pre-share\n")
			b.WriteString(" keyring local KEYRING-" + name + "\n")
			b.WriteString(" lifetime " + strconv.Itoa(o.Phase1LifetimeSeconds) + "\n")
			b.WriteString(" dpd " + strconv.Itoa(xmlDPDInterval) + " " + strconv.Itoa(xmlDPDRetries) + " periodic\nexit\n")
		} else {
			prio := 200 + 10*i
			for _, e := range o.Phase1EncryptionAlgorithms {
				enc, ok := iosIKEv1Encryption[e]
				if !ok {
					continue
				}
				for _, h := range o.Phase1IntegrityAlgorithms {
					b.WriteString("crypto isakmp policy " + strconv.Itoa(prio) + "\n")
					b.WriteString(" encryption " + enc + "\n hash " + iosIKEv1Hash[h] + "\n")
					b.WriteString(" authentication pre-share\n group " + firstMapped(o.Phase1DHGroupNumbers, iosGroups) + "\n")
					b.WriteString(" lifetime " + strconv.Itoa(o.Phase1LifetimeSeconds) + "\nexit\n")
					prio++
				}
			}
			b.WriteString("crypto keyring KEYRING-" + name + "\n")
			b.WriteString(" local-address " + t.customer.String() + "\n")
			b.WriteString(" pre-shared-key address " + peer + " key " + o.PreSharedKey.Reveal() + "\nexit\n")
			b.WriteString("crypto isakmp profile ISAKMP-" + name + "\n")
			b.WriteString(" local-address " + t.customer.String() + "\n")
			b.WriteString(" match identity address " + peer + "\n keyring KEYRING-" + name + "\nexit\n")
			b.WriteString("crypto isakmp keepalive " + strconv.Itoa(xmlDPDInterval) + " " + strconv.Itoa(xmlDPDInterval) + "\n")
		}
		// Every cipher with the first integrity algorithm first, then the
		// other pairs, so that the six sets IOS takes cover every cipher.
		var sets []string
		for pass := range 2 {
			for _, e := range o.Phase2EncryptionAlgorithms {
				if e.IsAEAD() {
					if pass == 0 {
						sets = append(sets, iosESPEncryption[e])
					}
					continue
				}
				for k, h := range o.Phase2IntegrityAlgorithms {
					if (k == 0) == (pass == 0) {
						sets = append(sets, iosESPEncryption[e]+" "+iosESPIntegrity[h])
					}
				}
			}
		}
		if len(sets) > maxIOSTransformSets {
			sets = sets[:maxIOSTransformSets]
		}
		var names []string
		for k, s := range sets {
			ts := "TS-" + name + "-" + strconv.Itoa(k+1)
			names = append(names, ts)
			b.WriteString("crypto ipsec transform-set " + ts + " " + s + "\n mode tunnel\nexit\n")
		}
		b.WriteString("crypto ipsec profile IPSEC-" + name + "\n")
		b.WriteString(" set transform-set " + strings.Join(names, " ") + "\n")
		b.WriteString(" set pfs group" + firstMapped(o.Phase2DHGroupNumbers, iosGroups) + "\n")
		b.WriteString(" set security-association lifetime seconds " + strconv.Itoa(o.Phase2LifetimeSeconds) + "\n")
		switch o.ReplayWindowSize {
		case 64, 128, 256, 512, 1024:
			b.WriteString(" set security-association replay window-size " + strconv.Itoa(o.ReplayWindowSize) + "\n")
		default:
			b.WriteString(" ! AWS uses a replay window of " + strconv.Itoa(o.ReplayWindowSize) + " packets; IOS takes at most 1024\n")
		}
		if v == IKEv2 {
			b.WriteString(" set ikev2-profile IKEV2-" + name + "\n")
		} else {
			b.WriteString(" set isakmp-profile ISAKMP-" + name + "\n")
		}
		b.WriteString("exit\n")
		b.WriteString("interface Tunnel" + n + "\n")
		b.WriteString(" ip address " + t.CustomerInsideAddress().String() + " " + maskOf(t.inside) + "\n")
		b.WriteString(" ip virtual-reassembly\n ip tcp adjust-mss " + strconv.Itoa(xmlTCPMSS) + "\n")
		b.WriteString(" tunnel source " + t.customer.String() + "\n tunnel destination " + peer + "\n")
		b.WriteString(" tunnel mode ipsec ipv4\n tunnel protection ipsec profile IPSEC-" + name + "\n no shutdown\nexit\n!\n")
	}
	if c.options.StaticRoutesOnly {
		remote := remoteNetwork(c)
		for _, i := range tunnels {
			b.WriteString("ip route " + remote.Addr().String() + " " + maskOf(remote) + " Tunnel" + strconv.Itoa(i+1) + "\n")
		}
		return nil
	}
	b.WriteString("router bgp " + asn(c.customerASN) + "\n")
	for _, i := range tunnels {
		nb := c.tunnels[i].AWSInsideAddress().String()
		b.WriteString(" neighbor " + nb + " remote-as " + asn(c.amazonASN) + "\n")
		b.WriteString(" neighbor " + nb + " timers 10 " + strconv.Itoa(BGPHoldTimeSeconds) + " " + strconv.Itoa(BGPHoldTimeSeconds) + "\n")
	}
	b.WriteString(" address-family ipv4 unicast\n")
	for _, i := range tunnels {
		nb := c.tunnels[i].AWSInsideAddress().String()
		b.WriteString("  neighbor " + nb + " activate\n  neighbor " + nb + " soft-reconfiguration inbound\n")
	}
	local := localNetwork(c)
	b.WriteString("  ! advertise your networks to AWS, for example:\n")
	b.WriteString("  ! network " + local.Addr().String() + " mask " + maskOf(local) + "\n")
	b.WriteString(" exit-address-family\nexit\n")
	return nil
}

func splitEnc(encs []Encryption) (cbc, gcm []Encryption) {
	for _, e := range encs {
		if e.IsAEAD() {
			gcm = append(gcm, e)
		} else {
			cbc = append(cbc, e)
		}
	}
	return cbc, gcm
}

func joinMapped[K comparable](keys []K, names map[K]string, sep string) string {
	return strings.Join(mapNames(keys, names, ""), sep)
}

// firstMapped returns the name of the first key with one, or the name of
// the smallest known key when none has.
func firstMapped[K comparable](keys []K, names map[K]string) string {
	if m := mapNames(keys, names, ""); len(m) > 0 {
		return m[0]
	}
	return "14"
}

// maskOf returns the dotted mask of an IPv4 prefix, or the prefix length for
// IPv6.
func maskOf(p netip.Prefix) string {
	if p.Addr().Is4() {
		return netmask(p.Bits())
	}
	return strconv.Itoa(p.Bits())
}
