package feeds

import (
	"context"
	"fmt"
	"time"

	"github.com/whoosh-dev/whoosh/feeds/calendar"
)

// ErrNoIntraday is wrapped when a source has no 5-minute bars at all.
var ErrNoIntraday = fmt.Errorf("no 5-minute bars from this source: %w", ErrNoData)

// Intraday asks the source auto has committed to (the primary until it
// falls back) for 5-minute bars: real and simulated data never mix.
func (a *auto) Intraday(ctx context.Context, symbols []string, s calendar.Session, since time.Time) ([]Intraday, error) {
	src := a.primary
	if mode, _ := a.state(); mode == autoFallback {
		src = a.fallback
	}
	return IntradayOf(ctx, src, symbols, s, since)
}

// IntradayOf asks p for 5-minute bars when it serves them; otherwise every
// symbol fails with ErrNoIntraday.
func IntradayOf(ctx context.Context, p Provider, symbols []string, s calendar.Session, since time.Time) ([]Intraday, error) {
	if ip, ok := p.(IntradayProvider); ok {
		return ip.Intraday(ctx, symbols, s, since)
	}
	out := make([]Intraday, len(symbols))
	for i, sym := range symbols {
		out[i] = Intraday{Symbol: sym, Session: s, Err: &SymbolError{Symbol: sym, Err: ErrNoIntraday}}
	}
	return out, fmt.Errorf("%s: %w", p.Name(), ErrNoIntraday)
}
