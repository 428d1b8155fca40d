package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/ui"
)

func runConfig(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, "Usage:\n")
		writeUsage(stdout, configUsage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	sub, rest := args[0], args[1:]
	if sub != "init" && sub != "check" && sub != "path" {
		// Before the flags: "config bogus --force" is a bad subcommand,
		// not a bad flag of it.
		return fail(stderr, usagef("config: unknown subcommand %q (want init, check or path)", sub))
	}
	flags := flag.NewFlagSet("whoosh config "+sub, flag.ContinueOnError)
	cfgFlag := flags.String("config", "", "config file (default: $WHOOSH_CONFIG, else the user config dir's whoosh/config.yaml)")
	force := false
	if sub == "init" {
		flags.BoolVar(&force, "force", false, "overwrite an existing file")
	}
	flags.Usage = func() {
		for _, l := range configUsage {
			if strings.HasPrefix(l.cmd, "whoosh config "+sub+" ") {
				fmt.Fprintf(flags.Output(), "Usage: %s\n\n%s.\n\nFlags:\n", l.cmd, upperFirst(l.what))
			}
		}
		flags.PrintDefaults()
	}
	if code, done := parseFlags(flags, rest, stdout, stderr); done {
		return code
	}
	switch sub {
	case "path":
		path, _, err := config.Path(*cfgFlag)
		if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintln(stdout, ui.Sanitize(path))
		return exitOK
	case "init":
		path, _, err := config.Path(*cfgFlag)
		if err != nil {
			return fail(stderr, err)
		}
		if err := config.Init(path, force); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fail(stderr, &usageError{ui.Sanitize(err.Error())})
			}
			return fail(stderr, err)
		}
		fmt.Fprintln(stdout, "wrote", ui.Sanitize(path))
		return exitOK
	case "check":
		path := *cfgFlag
		if flags.NArg() > 1 {
			return fail(stderr, usagef("config check: want at most one FILE"))
		}
		if flags.NArg() == 1 {
			path = flags.Arg(0)
		}
		if path == "" {
			p, _, err := config.Path("")
			if err != nil {
				return fail(stderr, err)
			}
			path = p
		}
		if _, err := config.Load(path); err != nil {
			var ce config.Errors
			if errors.As(err, &ce) {
				for _, e := range ce {
					fmt.Fprintln(stderr, ui.Sanitize(e.Error()))
				}
				fmt.Fprintf(stderr, "%d error(s)\n", len(ce))
				return exitUsage
			}
			if errors.Is(err, fs.ErrNotExist) {
				return fail(stderr, missingConfig(path))
			}
			return fail(stderr, usagef("%s", ui.Sanitize(err.Error())))
		}
		fmt.Fprintln(stdout, "OK", ui.Sanitize(path))
		return exitOK
	}
	return fail(stderr, usagef("config: unknown subcommand %q (want init, check or path)", sub))
}

// missingConfig is the error for a config file that does not exist, with
// the command that writes the commented default there (never a copy of
// the user's own config).
func missingConfig(path string) error {
	if def, _, err := config.Path(""); err == nil && def == path {
		return usagef("%s does not exist (create it with 'whoosh config init')", ui.Sanitize(path))
	}
	return usagef("%s does not exist (create it from the commented default: whoosh config init --config %s)", ui.Sanitize(path), shellWord(ui.Sanitize(path)))
}

// shellWord quotes s for a POSIX shell when it holds anything but letters,
// digits and -_./~:=+@,%: a hint's command can be pasted as is.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=+@,%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// upperFirst capitalizes s's first letter, for a description as a sentence.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
