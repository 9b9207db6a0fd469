// Command emulator serves the EC2 Query API for VPCs, VPC peering, route
// tables and Site-to-Site VPN on loopback, backed by vpcmodel, so that the
// unmodified AWS SDKs, boto3 and the AWS CLI can drive EC2's real lifecycle
// locally:
//
//	go run ./examples/emulator -addr 127.0.0.1:4566
//	aws --endpoint-url http://127.0.0.1:4566 ec2 describe-vpcs
//
// The caller's account is a 12-digit access key ID (or the header
// x-moto-account-id), its Region the signature's Region. POST
// /_emulator/clock with advance=169h moves the emulator's clock forward;
// GET /_emulator/health answers 200; POST /_emulator/reset clears all state.
//
// Flags:
//
//	-addr 127.0.0.1:4566   where to listen
//	-seed N                reproducible IDs, keys and addresses (0: random)
//	-log                   one line per request on stderr
//	-max-body 1048576      the largest request body accepted
//
// SIGINT or SIGTERM stops it cleanly. Package ec2emu holds the server, for
// programs and tests that embed it.
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/vpclab/vpcmodel/examples/emulator/ec2emu"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:4566", "address to listen on (loopback)")
	seed := flag.Uint64("seed", 0, "seed for IDs, keys and addresses (0: random)")
	logRequests := flag.Bool("log", false, "log one line per request")
	maxBody := flag.Int64("max-body", ec2emu.DefaultMaxBodyBytes, "largest request body in bytes")
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

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{
		Handler:           ec2emu.New(opts),
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
	log.Printf("emulator: stopped")
}
