package ipsec_test

import (
	"fmt"
	"strconv"
	"strings"
)

// section is one message or section of swanctl's --pretty output: the
// vici wire format printed one key per line, as in
//
//	list-sa event {
//	  tunnel-1 {
//	    state = ESTABLISHED
//	    local-ts = [
//	      0.0.0.0/0
//	    ]
//	    child-sas {
//	      ...
//	    }
//	  }
//	}
//
// The zero section is empty.
type section struct {
	name     string
	values   map[string]string
	lists    map[string][]string
	sections []section
}

// parseVici reads every top-level message swanctl --pretty printed. A value
// runs to the end of its line, so identities with spaces survive.
func parseVici(text string) ([]section, error) {
	root := &section{}
	stack := []*section{root}
	listKey := "" // the list being read, "" when none
	for n, raw := range strings.Split(text, "\n") {
		line := strings.TrimSpace(raw)
		top := stack[len(stack)-1]
		switch {
		case line == "":
		case listKey != "":
			if line == "]" {
				listKey = ""
			} else {
				top.lists[listKey] = append(top.lists[listKey], line)
			}
		case line == "}":
			if len(stack) == 1 {
				return nil, fmt.Errorf("line %d: unbalanced }", n+1)
			}
			stack = stack[:len(stack)-1]
			parent := stack[len(stack)-1]
			parent.sections = append(parent.sections, *top)
		case strings.HasSuffix(line, " = ["):
			listKey = strings.TrimSuffix(line, " = [")
			if top.lists == nil {
				top.lists = map[string][]string{}
			}
			top.lists[listKey] = []string{}
		case strings.HasSuffix(line, "{"):
			stack = append(stack, &section{name: strings.TrimSpace(strings.TrimSuffix(line, "{"))})
		default:
			key, value, ok := strings.Cut(line, " = ")
			if !ok {
				if key, ok = strings.CutSuffix(line, " ="); !ok {
					return nil, fmt.Errorf("line %d: %q is neither a section nor a key", n+1, line)
				}
			}
			if top.values == nil {
				top.values = map[string]string{}
			}
			top.values[key] = value
		}
	}
	if listKey != "" || len(stack) != 1 {
		return nil, fmt.Errorf("unterminated section or list")
	}
	return root.sections, nil
}

// ikeSA is one IKE SA of swanctl --list-sas, with its CHILD SAs.
type ikeSA struct {
	Name       string
	State      string // ESTABLISHED, CONNECTING, ...
	Version    int    // 1 or 2
	LocalHost  string
	RemoteHost string
	Initiator  bool
	Encr       string // as swanctl prints it: AES_CBC-128, AES_GCM_16-256
	Integ      string // HMAC_SHA1_96, ... or "" for AEAD
	PRF        string // PRF_HMAC_SHA1, ...
	DH         string // MODP_1024, ECP_384, ...
	Children   []childSA
}

// childSA is one CHILD SA of an IKE SA.
type childSA struct {
	Name       string
	UniqueID   string // charon's number for this CHILD SA; a rekey makes a new one
	State      string // INSTALLED, REKEYED, ...
	Mode       string
	Protocol   string
	Encr       string
	Integ      string
	DH         string // the PFS group, "" when none was exchanged
	BytesIn    uint64
	PacketsIn  uint64
	BytesOut   uint64
	PacketsOut uint64
	LocalTS    []string
	RemoteTS   []string
}

// Proposal is the IKE proposal as swanctl --list-sas prints it, e.g.
// AES_CBC-128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024.
func (s ikeSA) Proposal() string { return joinAlgs(s.Encr, s.Integ, s.PRF, s.DH) }

// Proposal is the ESP proposal as swanctl prints it, e.g.
// ESP:AES_GCM_16-256/ECP_384.
func (c childSA) Proposal() string { return c.Protocol + ":" + joinAlgs(c.Encr, c.Integ, c.DH) }

func joinAlgs(algs ...string) string {
	var parts []string
	for _, a := range algs {
		if a != "" {
			parts = append(parts, a)
		}
	}
	return strings.Join(parts, "/")
}

// installed returns the CHILD SA in state INSTALLED, if there is one.
func (s ikeSA) installed() (childSA, bool) {
	for _, c := range s.Children {
		if c.State == "INSTALLED" {
			return c, true
		}
	}
	return childSA{}, false
}

// parseSAs reads swanctl --list-sas --pretty.
func parseSAs(text string) ([]ikeSA, error) {
	msgs, err := parseVici(text)
	if err != nil {
		return nil, err
	}
	var sas []ikeSA
	for _, m := range msgs {
		if m.name != "list-sa event" {
			continue
		}
		for _, s := range m.sections {
			v := s.values
			sa := ikeSA{
				Name:       s.name,
				State:      v["state"],
				LocalHost:  v["local-host"],
				RemoteHost: v["remote-host"],
				Initiator:  v["initiator"] == "yes",
				Encr:       alg(v["encr-alg"], v["encr-keysize"]),
				Integ:      v["integ-alg"],
				PRF:        v["prf-alg"],
				DH:         v["dh-group"],
			}
			sa.Version, _ = strconv.Atoi(v["version"])
			for _, group := range s.sections {
				if group.name != "child-sas" {
					continue
				}
				for _, c := range group.sections {
					cv := c.values
					child := childSA{
						Name:     cv["name"],
						UniqueID: cv["uniqueid"],
						State:    cv["state"],
						Mode:     cv["mode"],
						Protocol: cv["protocol"],
						Encr:     alg(cv["encr-alg"], cv["encr-keysize"]),
						Integ:    cv["integ-alg"],
						DH:       cv["dh-group"],
						LocalTS:  c.lists["local-ts"],
						RemoteTS: c.lists["remote-ts"],
					}
					for key, dst := range map[string]*uint64{
						"bytes-in": &child.BytesIn, "packets-in": &child.PacketsIn,
						"bytes-out": &child.BytesOut, "packets-out": &child.PacketsOut,
					} {
						if s, ok := cv[key]; ok {
							n, err := strconv.ParseUint(s, 10, 64)
							if err != nil {
								return nil, fmt.Errorf("CHILD SA %s: %s = %q: %v", child.Name, key, s, err)
							}
							*dst = n
						}
					}
					sa.Children = append(sa.Children, child)
				}
			}
			sas = append(sas, sa)
		}
	}
	return sas, nil
}

func alg(name, keysize string) string {
	if keysize == "" {
		return name
	}
	return name + "-" + keysize
}

// ikeConn is one connection of swanctl --list-conns: what the loaded
// configuration defines, before anything is negotiated.
type ikeConn struct {
	Name        string
	Version     string // IKEv1, IKEv2 or IKEv1/2
	LocalAddrs  []string
	RemoteAddrs []string
	Children    []string
}

// parseConns reads swanctl --list-conns --pretty.
func parseConns(text string) ([]ikeConn, error) {
	msgs, err := parseVici(text)
	if err != nil {
		return nil, err
	}
	var conns []ikeConn
	for _, m := range msgs {
		if m.name != "list-conn event" {
			continue
		}
		for _, s := range m.sections {
			c := ikeConn{
				Name:        s.name,
				Version:     s.values["version"],
				LocalAddrs:  s.lists["local_addrs"],
				RemoteAddrs: s.lists["remote_addrs"],
			}
			for _, group := range s.sections {
				if group.name != "children" {
					continue
				}
				for _, child := range group.sections {
					c.Children = append(c.Children, child.name)
				}
			}
			conns = append(conns, c)
		}
	}
	return conns, nil
}
