// Command emulator serves the EC2 Query API for VPCs, VPC peering, route
// tables and Site-to-Site VPN on loopback, backed by vpcmodel, so that the
// unmodified AWS SDKs, boto3 and the AWS CLI can drive EC2's real lifecycle
// locally:
//
//	go run ./examples/emulator -addr 127.0.0.1:4566
//	aws --endpoint-url http://127.0.0.1:4566 ec2 describe-vpcs
//
// On the same address it answers the RDS, ElastiCache and Redshift Query
// APIs for the subnet groups those services keep of the VPCs' subnets, to
// requests signed for those services (point a tool's rds, elasticache and
// redshift endpoints at it too).
//
// The caller's account is a 12-digit access key ID (or the header
// x-moto-account-id), its Region the signature's Region. POST
// /_emulator/clock with advance=169h moves the emulator's clock forward;
// GET /_emulator/health answers 200; POST /_emulator/reset clears all state.
//
// With -import DIR it starts from a copy of a real network: the JSON that
// aws ec2 describe-vpcs, describe-subnets, describe-route-tables and the
// other describe commands printed for it (package awsimport; the reach
// command reads the same files).
//
// Flags:
//
//	-addr 127.0.0.1:4566   where to listen
//	-state DIR             keep the state in DIR across restarts (none: memory only)
//	-seed N                reproducible IDs, keys and addresses (0: random)
//	-log                   one line per request on stderr
//	-max-body 1048576      the largest request body accepted
//
// With -state, DIR is created if it is missing and the state in it restored
// at start: the resources, the clock offset (the clock never goes back) and
// the random stream. Every request that changed the state is durable in DIR
// before it is answered, so nothing answered is lost, even to kill -9;
// POST /_emulator/reset empties DIR's state too. A state that does not read
// makes the emulator exit with status 1 and a message naming the file and
// byte offset; it never starts with part of a state. Without -state,
// nothing is written anywhere.
//
// SIGINT or SIGTERM stops it cleanly, writing a snapshot of the state so
// that the next start replays no log. Package ec2emu holds the server, for
// programs and tests that embed it.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io/fs"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/vpclab/vpcmodel/awsimport"
	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:4566", "address to listen on (loopback)")
	seed := flag.Uint64("seed", 0, "seed for IDs, keys and addresses (0: random)")
	logRequests := flag.Bool("log", false, "log one line per request")
	maxBody := flag.Int64("max-body", ec2emu.DefaultMaxBodyBytes, "largest request body in bytes")
	state := flag.String("state", "", "directory to keep the state in across restarts (empty: memory only)")
	importFrom := flag.String("import", "", "directory (or file) of aws ec2 describe-* JSON to start from; replaces the state -state held")
	importRegion := flag.String("import-region", ec2emu.DefaultRegion, "Region of imported files with no Region's name in their directories")
	importAccount := flag.String("import-account", ec2emu.DefaultAccount, "account of imported virtual private gateways attached to no imported VPC")
	flag.Parse()

	opts := ec2emu.Options{MaxBodyBytes: *maxBody}
	if *seed != 0 {
		var key [32]byte
		for i := range 8 {
			key[i] = byte(*seed >> (8 * i))
		}
		opts.Random = rand.NewChaCha8(key)
	}
	if *logRequests {
		opts.Log = log.New(os.Stderr, "", log.LstdFlags|log.Lmicroseconds)
	}

	server := ec2emu.New(opts)
	if *state != "" {
		var err error
		if server, err = ec2emu.Open(*state, opts); err != nil {
			log.Fatalf("emulator: -state %s: %v", *state, err)
		}
		log.Printf("emulator: keeping the state in %s", *state)
	}

	if *importFrom != "" {
		if err := importNetwork(server, *importFrom, *importRegion, *importAccount); err != nil {
			log.Fatalf("emulator: -import %s: %v", *importFrom, err)
		}
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{
		Handler:           server,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Printf("emulator: serving the EC2 Query API on http://%s", ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
	if err := server.Close(); err != nil {
		log.Fatalf("emulator: %v", err)
	}
	log.Printf("emulator: stopped")
}

// importNetwork builds the network the JSON under path describes (package
// awsimport) and has the server start from it, logging what the model
// left out.
func importNetwork(server *ec2emu.Server, path, region, account string) error {
	fsys, name := os.DirFS("."), filepath.ToSlash(filepath.Clean(path))
	if !fs.ValidPath(name) {
		abs, err := filepath.Abs(path)
		if err != nil {
			return err
		}
		fsys, name = os.DirFS("/"), strings.TrimPrefix(filepath.ToSlash(abs), "/")
	}
	srcs, err := awsimport.Load(fsys, []string{name}, region)
	if err != nil {
		return err
	}
	im, err := awsimport.Build(srcs, time.Now().UTC(), account)
	if err != nil {
		return err
	}
	for _, w := range im.Warnings {
		log.Printf("emulator: -import: %s", w)
	}
	var buf bytes.Buffer
	if _, err := im.Cloud.WriteTo(&buf); err != nil {
		return err
	}
	if err := server.Load(&buf); err != nil {
		return err
	}
	log.Printf("emulator: started from the network in %s (%d files)", path, len(srcs))
	return nil
}
