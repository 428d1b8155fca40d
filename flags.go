package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/feeds/demo"
)

// commonFlags are the flags the dashboard and the snapshot share.
type commonFlags struct {
	source, window, config, asOf string
}

func (c *commonFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.source, "source", "", "data source: auto, yahoo, cache, demo or csv:DIR (default: the config's, else auto)")
	fs.StringVar(&c.window, "window", "", "window: 1D 1M 3M 6M YTD 1Y 2Y 5Y ESSAY (default: the config's, else ESSAY)")
	fs.StringVar(&c.config, "config", "", "config file (default: $WHOOSH_CONFIG, else the user config dir's whoosh/config.yaml)")
	fs.StringVar(&c.asOf, "asof", "", "as-of date YYYY-MM-DD (default: today in New York)")
}

// open resolves the config, the flags and the source.
func (c *commonFlags) open(now func() time.Time) (*app.Session, error) {
	s, err := app.Open(app.Options{Config: c.config, Source: c.source, Window: c.window, AsOf: c.asOf, Now: now})
	var ue *app.UsageError
	if errors.As(err, &ue) {
		return nil, &usageError{ue.Msg}
	}
	if err == nil && s.SourceName == "demo" && s.AsOf < demo.Start {
		return nil, fmt.Errorf("no usable data: --asof %s is before the demo's history, which starts %s (use --asof %s or later with --source demo)",
			s.AsOf, demo.Start, demo.Start)
	}
	return s, err
}

// usageLine is one command of a usage list: its synopsis and what it does.
type usageLine struct{ cmd, what string }

// usageCol is the column descriptions start at in a usage list; a longer
// synopsis puts its description on the next line, at that column.
const usageCol = 40

// topUsage is whoosh -h's list: every command with every argument and
// flag of its own (the flags every command shares are [flags]).
var topUsage = []usageLine{
	{"whoosh [flags]", "interactive dashboard (q quits, ? for keys)"},
	{"whoosh snapshot [flags]", "print the dashboard's numbers (text, markdown, json, csv)"},
	{"whoosh serve [flags]", "serve the dashboard over SSH (ssh -p 2222 HOST) and /metrics"},
	{"whoosh config init [--force] [--config FILE]", "write the commented default config"},
	{"whoosh config check [FILE]", "validate a config file (default: the one in use)"},
	{"whoosh config path [--config FILE]", "print the config file in use"},
	{"whoosh alerts backtest [--since DATE] [--rule NAME] [flags]", "replay history through the config's alert rules"},
	{"whoosh alerts test NAME [flags]", "send a test notification through a rule's channels"},
	{"whoosh version", "print the version"},
}

// configUsage is whoosh config's list.
var configUsage = topUsage[3:6]

// writeUsage prints lines two spaces in, each description at usageCol.
func writeUsage(w io.Writer, lines []usageLine) {
	for _, l := range lines {
		head := "  " + l.cmd
		if len(head) > usageCol-2 {
			fmt.Fprintf(w, "%s\n%s%s\n", head, strings.Repeat(" ", usageCol), l.what)
			continue
		}
		fmt.Fprintf(w, "%-*s%s\n", usageCol, head, l.what)
	}
}
