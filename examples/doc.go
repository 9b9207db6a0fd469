// Package examples is the gallery of vpcmodel: end-to-end stories told as
// runnable Example functions, so that one godoc page shows the library at
// work. The runnable programs live in its subdirectories: tour (a narrated
// walk through the library), vpnconfig (customer gateway configuration from
// the command line) and emulator (an EC2 Query API server).
package examples
