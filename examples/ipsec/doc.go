// Package ipsec proves on the wire that the strongSwan configuration
// vpcmodel renders for a customer gateway ([vpn.StrongSwan]) brings both
// tunnels of a VPN connection up against a real IKE daemon.
//
// The package holds only tests. As root, with strongSwan installed (Debian:
// strongswan-charon, strongswan-swanctl and libcharon-extra-plugins), they
// build two network namespaces joined by a veth pair: the customer
// gateway's, where charon loads the rendered swanctl.conf unchanged, and
// AWS's, where a second charon plays both AWS tunnel endpoints with a
// configuration derived from the same [vpn.Connection]'s tunnel options
// (what AWS would accept: the proposals weakest first, the PSK, lifetimes,
// rekey margin and fuzz, DPD). They assert that each tunnel's IKE SA is
// ESTABLISHED and its CHILD SA INSTALLED with the algorithms AWS would pick,
// that pings between the inside addresses cross each tunnel (the CHILD SA
// counters rise on both sides), that CHILD and IKE SAs rekey (with PFS), and
// that a mismatched pre-shared key keeps a tunnel down. Without root, ip
// netns or strongSwan they skip; .ci/setup installs strongSwan in CI.
//
// ESP runs in charon's userspace (the kernel-libipsec plugin, over a TUN
// device) rather than in the kernel, because the machines this runs on lack
// the kernel's ESP and XFRM interface support. Everything the tests create
// (namespaces, links, daemons, files) is removed when they end, and no
// packet leaves the two namespaces: every address is a documentation
// address routed only over the veth pair.
package ipsec
