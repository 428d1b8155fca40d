package tui

import (
	"context"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/market"
)

// fakeProvider serves the demo feed at the fixed as-of date.
type fakeProvider struct{}

func (fakeProvider) Name() string { return "fake" }

func (fakeProvider) History(ctx context.Context, syms []string, from, to market.Date) ([]feeds.History, error) {
	return demo.New(asOf).History(ctx, syms, from, to)
}

func (fakeProvider) Quotes(ctx context.Context, syms []string) ([]feeds.Quote, error) {
	return demo.New(asOf).Quotes(ctx, syms)
}
