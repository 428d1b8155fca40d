// Command whoosh is a terminal dashboard for one market thesis: the economy
// of bits (AI, chips, software, crypto) against the economy of atoms (oil,
// defense, autos, private equity, housing, fast food).
//
//	whoosh [flags]                  the interactive dashboard
//	whoosh snapshot [flags]         the same numbers, headless
//	whoosh serve [flags]            dashboards over SSH, Prometheus metrics
//	whoosh config init|check|path   the YAML config
//	whoosh alerts backtest|test     the config's alert rules
//	whoosh version
//
// main only parses arguments and wires packages together: the analytics
// live in market, the data in feeds, the screens in ui.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
)

// Exit codes, as documented in README.md.
const (
	exitOK      = 0
	exitNoData  = 1 // no usable data
	exitUsage   = 2 // bad flags, arguments or config
	exitStale   = 3 // --fail-on-stale tripped
	exitFailure = 1 // anything else that went wrong at run time
)

// version is set by the linker (-ldflags "-X main.version=v1.2.3"); builds
// without it report the module version recorded by the Go toolchain.
var version = ""

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "snapshot":
			return runSnapshot(args[1:], stdout, stderr)
		case "config":
			return runConfig(args[1:], stdout, stderr)
		case "alerts":
			return runAlerts(args[1:], stdout, stderr)
		case "serve":
			return runServe(args[1:], stdout, stderr)
		case "version", "--version", "-version":
			fmt.Fprintln(stdout, "whoosh", versionString())
			return exitOK
		case "help":
			usage(stdout)
			return exitOK
		}
	}
	return runDashboard(args, stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprint(w, "whoosh — bits vs atoms, the Tesla-vs-GM gap and the Whoosh Index, in your terminal\n\nUsage:\n")
	writeUsage(w, topUsage)
	fmt.Fprint(w, "\nRun 'whoosh COMMAND -h' for a command's flags.\n")
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// usageError is a problem with what the user typed: exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// parseFlags parses args into fs, turning -h into a printed usage and exit
// 0, and any flag error into a one-line message and exit 2. It returns
// (exit code, done).
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (int, bool) {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK, true
	case err != nil:
		fmt.Fprintf(stderr, "whoosh: %v (see '%s -h')\n", err, fs.Name())
		return exitUsage, true
	}
	return 0, false
}

// fail prints err as one line and returns its exit code.
func fail(stderr io.Writer, err error) int {
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "whoosh:", err)
		return exitUsage
	}
	fmt.Fprintln(stderr, "whoosh:", err)
	return exitFailure
}

// commands are the words run dispatches on.
var commands = []string{"snapshot", "serve", "config", "alerts", "version", "help"}

// unknownCommand explains a stray argument; a command placed after flags
// gets the order it needs.
func unknownCommand(arg string, args []string) error {
	if slices.Contains(commands, arg) {
		return usagef("flags go after the command: whoosh %s %s", arg, strings.Join(slices.DeleteFunc(slices.Clone(args), func(a string) bool { return a == arg }), " "))
	}
	return usagef("unknown command %q (commands: %s; see 'whoosh -h')", arg, strings.Join(commands, ", "))
}
