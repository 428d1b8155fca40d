// Package e2etest holds what the end-to-end test packages share: building
// the whoosh binary once per package run.
package e2etest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Build compiles the whoosh command into a new temporary directory and
// returns the binary's path and a function that removes the directory.
// Build output goes to stderr so a failing build is readable in the test log.
func Build() (bin string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "whoosh-e2e-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	bin = filepath.Join(dir, "whoosh")
	build := exec.Command("go", "build", "-o", bin, "github.com/whoosh-dev/whoosh")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("building whoosh: %w", err)
	}
	return bin, cleanup, nil
}

// Main is a TestMain body: it builds the binary into *bin, runs the
// package's tests, removes the binary and exits with the tests' code.
func Main(run func() int, bin *string, name string) {
	path, cleanup, err := Build()
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
	*bin = path
	code := run()
	cleanup()
	os.Exit(code)
}
