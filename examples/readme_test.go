package examples_test

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeGettingStarted checks that the README's getting-started code is
// Example_cloud's body, so that what a reader copies compiles and prints
// what the page says.
func TestReadmeGettingStarted(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(src), "func Example_cloud() {\n")
	if start < 0 {
		t.Fatal("no Example_cloud")
	}
	body := string(src[start+len("func Example_cloud() {\n"):])
	body = body[:strings.Index(body, "\n}\n")]
	var lines []string
	for _, l := range strings.Split(body, "\n") {
		lines = append(lines, strings.TrimPrefix(l, "\t"))
	}
	want := "```go\n" + strings.Join(lines, "\n") + "\n```"
	section := string(readme)
	if i := strings.Index(section, "## Getting started"); i >= 0 {
		section = section[i:]
	}
	if !strings.Contains(section, want) {
		t.Errorf("README.md's getting-started block is not Example_cloud's body; it should read:\n%s", want)
	}
}
