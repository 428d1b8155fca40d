package cache

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// historySchema is the version of history files. Version 2 stores the
// bars as columns — the first date, the day gaps after it, the closes and
// the adjusted closes — which decode several times faster than version 1's
// one object per bar (a warm start of a thousand symbols reads them all).
// Version 1 files are still read; every write is version 2.
const historySchema = 2

// historyFile is the on-disk form of an Entry, either version.
type historyFile struct {
	SchemaVersion int       `json:"schema_version"`
	Symbol        string    `json:"symbol"`
	Provider      string    `json:"provider"`
	Fetched       time.Time `json:"fetched"`
	From          string    `json:"from,omitempty"`
	To            string    `json:"to,omitempty"`
	Bars          []fileBar `json:"bars,omitempty"` // version 1
	// Version 2: Start is the first bar's date, Gaps[i] the days from bar
	// i-1 to bar i (Gaps[0] is 0), AdjClose 0 where it is missing.
	Start    string    `json:"start,omitempty"`
	Gaps     []int     `json:"gaps,omitempty"`
	Close    []float64 `json:"close,omitempty"`
	AdjClose []float64 `json:"adj_close,omitempty"`
}

// fileBar is one bar; a missing (NaN) price is stored as null.
type fileBar struct {
	Date     string   `json:"date"`
	Close    *float64 `json:"close"`
	AdjClose *float64 `json:"adj_close"`
}

func toNullable(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func fromNullable(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// badBar says why b cannot be a cached bar, or "" when it can: its close
// must be a price (finite, > 0); its adjusted close missing (NaN) or a
// price. A close ≤ 0 would move an index; nothing downstream expects one.
func badBar(b feeds.Bar) string {
	switch {
	case math.IsNaN(b.Close):
		return "no close"
	case !(b.Close > 0) || math.IsInf(b.Close, 0):
		return fmt.Sprintf("close %v is not a price", b.Close)
	case !math.IsNaN(b.AdjClose) && (!(b.AdjClose > 0) || math.IsInf(b.AdjClose, 0)):
		return fmt.Sprintf("adjusted close %v is not a price", b.AdjClose)
	}
	return ""
}

// encodeHistory writes e as version 2; bars that are not prices (badBar)
// are left out, so every file written loads again.
func encodeHistory(e Entry) ([]byte, error) {
	f := historyFile{
		SchemaVersion: historySchema,
		Symbol:        e.Symbol,
		Provider:      e.Provider,
		Fetched:       e.Fetched.UTC(),
		Gaps:          make([]int, 0, len(e.Bars)),
		Close:         make([]float64, 0, len(e.Bars)),
		AdjClose:      make([]float64, 0, len(e.Bars)),
	}
	if e.From != 0 || e.To != 0 {
		f.From, f.To = e.From.String(), e.To.String()
	}
	var prev market.Date
	for _, b := range e.Bars {
		if badBar(b) != "" {
			continue
		}
		if len(f.Gaps) == 0 {
			f.Start, prev = b.Date.String(), b.Date
		}
		adj := b.AdjClose
		if math.IsNaN(adj) {
			adj = 0 // missing: never a price
		}
		f.Gaps = append(f.Gaps, int(b.Date-prev))
		f.Close = append(f.Close, b.Close)
		f.AdjClose = append(f.AdjClose, adj)
		prev = b.Date
	}
	return json.Marshal(f)
}

// decodeHistory parses and validates a history file that should hold
// symbol. Any problem is returned as a plain error for the caller to wrap.
func decodeHistory(data []byte, symbol string) (Entry, error) {
	var f historyFile
	if err := json.Unmarshal(data, &f); err != nil {
		return Entry{}, err
	}
	if f.SchemaVersion != 1 && f.SchemaVersion != historySchema {
		return Entry{}, fmt.Errorf("schema version %d, want %d", f.SchemaVersion, historySchema)
	}
	if f.Symbol != symbol {
		return Entry{}, fmt.Errorf("holds symbol %q, want %q", f.Symbol, symbol)
	}
	e := Entry{Symbol: f.Symbol, Provider: f.Provider, Fetched: f.Fetched}
	if f.From != "" || f.To != "" {
		var err1, err2 error
		e.From, err1 = market.ParseDate(f.From)
		e.To, err2 = market.ParseDate(f.To)
		if err := errors.Join(err1, err2); err != nil {
			return Entry{}, err
		}
	}
	var err error
	if f.SchemaVersion == 1 {
		e.Bars, err = barsV1(f.Bars)
	} else {
		e.Bars, err = barsV2(f)
	}
	if err != nil {
		return Entry{}, err
	}
	for i, b := range e.Bars {
		if i > 0 && b.Date <= e.Bars[i-1].Date {
			return Entry{}, fmt.Errorf("bar %d: date %s not after %s", i, b.Date, e.Bars[i-1].Date)
		}
		if why := badBar(b); why != "" {
			return Entry{}, fmt.Errorf("bar %d (%s): %s", i, b.Date, why)
		}
	}
	return e, nil
}

func barsV1(fb []fileBar) ([]feeds.Bar, error) {
	bars := make([]feeds.Bar, len(fb))
	for i, b := range fb {
		d, err := market.ParseDate(b.Date)
		if err != nil {
			return nil, fmt.Errorf("bar %d: %w", i, err)
		}
		bars[i] = feeds.Bar{Date: d, Close: fromNullable(b.Close), AdjClose: fromNullable(b.AdjClose)}
	}
	return bars, nil
}

func barsV2(f historyFile) ([]feeds.Bar, error) {
	n := len(f.Gaps)
	if len(f.Close) != n || len(f.AdjClose) != n {
		return nil, fmt.Errorf("columns of %d gaps, %d closes, %d adjusted closes", n, len(f.Close), len(f.AdjClose))
	}
	if n == 0 {
		return []feeds.Bar{}, nil
	}
	d, err := market.ParseDate(f.Start)
	if err != nil {
		return nil, fmt.Errorf("start: %w", err)
	}
	bars := make([]feeds.Bar, n)
	for i := range bars {
		if i > 0 && (f.Gaps[i] <= 0 || f.Gaps[i] > 1e5) {
			return nil, fmt.Errorf("bar %d: gap of %d days", i, f.Gaps[i])
		}
		d += market.Date(f.Gaps[i])
		adj := f.AdjClose[i]
		if adj == 0 {
			adj = math.NaN()
		}
		bars[i] = feeds.Bar{Date: d, Close: f.Close[i], AdjClose: adj}
	}
	return bars, nil
}
