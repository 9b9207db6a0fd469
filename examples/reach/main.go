// Command reach answers "can A reach B, and if not, why?" for a real AWS
// network, offline: it reads the JSON the AWS CLI prints for aws ec2
// describe-vpcs, describe-subnets, describe-route-tables,
// describe-vpc-peering-connections, describe-network-acls,
// describe-security-groups, describe-network-interfaces,
// describe-internet-gateways, describe-nat-gateways,
// describe-vpn-connections and describe-vpn-gateways (files, or
// directories of them; see package awsimport), builds a vpcmodel.Cloud from
// it, and follows the traffic with package reach, at no cost and in
// microseconds.
//
// Usage:
//
//	reach [-region us-east-1] [-account 123456789012] -from END -to END [-protocol tcp|udp] [-port N] FILE|DIR...
//
// An END is a resource ID (eni-…, igw-…, vgw-…, pcx-…), an ID and an
// address (subnet-…@10.0.1.5, igw-…@203.0.113.9), or, for -to, an address
// alone. -region is the Region of files with no Region's name in their
// directories; -account the account of virtual private gateways attached to
// no VPC the files hold.
//
// It prints the path both ways, or the components that stop it and why,
// with Reachability Analyzer's explanation codes, and the warnings of the
// import (what the model does not hold and left out). The exit status is 0
// when the path is found, 1 when it is not, 2 on bad input.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vpclab/vpcmodel/awsimport"
	"github.com/vpclab/vpcmodel/reach"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the command, for tests.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reach", flag.ContinueOnError)
	fs.SetOutput(stderr)
	region := fs.String("region", "us-east-1", "Region of files with no Region's name in their directories")
	account := fs.String("account", "000000000000", "account of virtual private gateways attached to no imported VPC")
	from := fs.String("from", "", "source: eni-…, igw-…, vgw-…, pcx-…, or subnet-…@address")
	to := fs.String("to", "", "destination: as -from, or an address alone")
	protocol := fs.String("protocol", "", "tcp or udp (default: either)")
	port := fs.Int("port", 0, "destination port (default: any)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *from == "" || *to == "" || fs.NArg() == 0 {
		fmt.Fprintln(stderr, "reach: -from, -to and at least one file or directory are required")
		fs.Usage()
		return 2
	}
	srcs, err := load(fs.Args(), *region)
	if err != nil {
		fmt.Fprintln(stderr, "reach:", err)
		return 2
	}
	im, err := awsimport.Build(srcs, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), *account)
	if err != nil {
		fmt.Fprintln(stderr, "reach:", err)
		return 2
	}
	q := reach.Query{Protocol: reach.Protocol(strings.ToLower(*protocol))}
	if *port != 0 {
		q.DestinationPorts = reach.PortRange{From: *port, To: *port}
	}
	if q.Source, err = endpoint(im, *from); err != nil {
		fmt.Fprintln(stderr, "reach: -from:", err)
		return 2
	}
	if q.Destination, err = endpoint(im, *to); err != nil {
		fmt.Fprintln(stderr, "reach: -to:", err)
		return 2
	}
	id, _, _ := strings.Cut(*from, "@")
	who, ok := im.Owner(id)
	if !ok {
		fmt.Fprintf(stderr, "reach: -from: %s is in none of the files\n", id)
		return 2
	}
	r, err := im.Cloud.Reach(who, q, im.Now)
	if err != nil {
		fmt.Fprintln(stderr, "reach:", im.Replacer().Replace(err.Error()))
		return 2
	}
	fmt.Fprint(stdout, im.Replacer().Replace(r.String()))
	for _, w := range im.Warnings {
		fmt.Fprintln(stdout, "warning:", w)
	}
	if !r.Found {
		return 1
	}
	return 0
}

// load reads the files and directories named, as awsimport.Load reads an
// fs.FS: paths under the working directory as given, others from the
// root.
func load(paths []string, region string) ([]awsimport.Source, error) {
	var out []awsimport.Source
	for _, p := range paths {
		fsys, name, prefix := os.DirFS("."), filepath.ToSlash(filepath.Clean(p)), ""
		if !iofs.ValidPath(name) {
			abs, err := filepath.Abs(p)
			if err != nil {
				return nil, err
			}
			fsys, name, prefix = os.DirFS("/"), strings.TrimPrefix(filepath.ToSlash(abs), "/"), "/"
		}
		srcs, err := awsimport.Load(fsys, []string{name}, region)
		var e *awsimport.Error
		if errors.As(err, &e) {
			e.File = prefix + e.File
		}
		if err != nil {
			return nil, err
		}
		for i := range srcs {
			srcs[i].Name = prefix + srcs[i].Name
		}
		out = append(out, srcs...)
	}
	return out, nil
}

// endpoint parses an END: ID, ID@address, or address.
func endpoint(im *awsimport.Import, s string) (reach.Endpoint, error) {
	id, addr, hasAddr := strings.Cut(s, "@")
	if a, err := netip.ParseAddr(s); err == nil {
		return reach.Endpoint{Addr: a}, nil
	}
	ep := reach.Endpoint{ID: im.Model(id)}
	if hasAddr {
		a, err := netip.ParseAddr(addr)
		if err != nil {
			return ep, fmt.Errorf("%q is not an address", addr)
		}
		ep.Addr, _ = netip.ParseAddr(im.Model(a.String()))
	}
	return ep, nil
}
