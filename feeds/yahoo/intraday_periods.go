package yahoo

import (
	"context"
	"encoding/json"
	"net/url"
	"sync"
	"time"
)

// tradingPeriod is one regular trading period from an intraday chart's
// meta.tradingPeriods.
type tradingPeriod struct {
	Start, End time.Time
}

// rawPeriod is one period object as Yahoo sends it (Unix seconds).
type rawPeriod struct {
	Start num `json:"start"`
	End   num `json:"end"`
}

// decodeTradingPeriods reads the regular periods of a chart body's
// meta.tradingPeriods, in either of Yahoo's shapes: an array of arrays of
// periods (regular hours only), or an object {"pre":…,"regular":…,"post":…}
// of such arrays. A period that cannot be read is skipped; a body without
// them gives none.
func decodeTradingPeriods(body []byte) []tradingPeriod {
	var top struct {
		Chart struct {
			Result []struct {
				Meta struct {
					TradingPeriods json.RawMessage `json:"tradingPeriods"`
				} `json:"meta"`
			} `json:"result"`
		} `json:"chart"`
	}
	if json.Unmarshal(body, &top) != nil || len(top.Chart.Result) == 0 {
		return nil
	}
	raw := top.Chart.Result[0].Meta.TradingPeriods
	var nested [][]rawPeriod
	if json.Unmarshal(raw, &nested) != nil {
		var byKind struct {
			Regular [][]rawPeriod `json:"regular"`
		}
		if json.Unmarshal(raw, &byKind) != nil {
			return nil
		}
		nested = byKind.Regular
	}
	var out []tradingPeriod
	for _, day := range nested {
		for _, p := range day {
			s, e := p.Start.Float(), p.End.Float()
			if !(s > 0 && e > s && e < 1e11) {
				continue
			}
			out = append(out, tradingPeriod{Start: time.Unix(int64(s), 0), End: time.Unix(int64(e), 0)})
		}
	}
	return out
}

// periodsNote carries the trading periods of an intraday chart answer
// past finance-go, which does not read them (see withPeriods).
type periodsNote struct {
	mu      sync.Mutex
	periods []tradingPeriod
}

type periodsKey struct{}

// withPeriods returns a context whose chart answers record their trading
// periods in the returned note.
func withPeriods(ctx context.Context) (context.Context, *periodsNote) {
	n := &periodsNote{}
	return context.WithValue(ctx, periodsKey{}, n), n
}

func (n *periodsNote) get() []tradingPeriod {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.periods
}

// notePeriods records a chart body's trading periods in the request's
// note, when the request carries one (intraday charts only).
func notePeriods(ctx context.Context, ep endpoint, body []byte) {
	n, ok := ctx.Value(periodsKey{}).(*periodsNote)
	if !ok || ep != chartEndpoint {
		return
	}
	p := decodeTradingPeriods(body)
	n.mu.Lock()
	n.periods = p
	n.mu.Unlock()
}

// intradayQuery makes an intraday chart request ask for regular hours
// only (includePrePost=false), which finance-go leaves out.
func intradayQuery(ep endpoint, u *url.URL) {
	if ep != chartEndpoint {
		return
	}
	q := u.Query()
	if iv := q.Get("interval"); iv == "" || iv == "1d" || q.Has("includePrePost") {
		return
	}
	q.Set("includePrePost", "false")
	u.RawQuery = q.Encode()
}
