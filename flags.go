package main

import (
	"errors"
	"flag"
	"fmt"
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
