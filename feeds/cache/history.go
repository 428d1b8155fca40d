package cache

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// Entry is one symbol's cached daily history.
type Entry struct {
	Symbol   string
	Provider string    // the live provider that produced the bars ("yahoo")
	Fetched  time.Time // when the bars were last refreshed from Provider
	// From and To bound the dates the live fetches covered, inclusive. A
	// range with no bar in it (a holiday) is still covered: asking again
	// would give nothing new.
	From, To market.Date
	Bars     []feeds.Bar // strictly increasing dates
}

// In returns the bars dated from..to inclusive. The slice shares memory
// with e.Bars.
func (e Entry) In(from, to market.Date) []feeds.Bar {
	return barsIn(e.Bars, from, to)
}

func barsIn(bars []feeds.Bar, from, to market.Date) []feeds.Bar {
	i := 0
	for i < len(bars) && bars[i].Date < from {
		i++
	}
	j := i
	for j < len(bars) && bars[j].Date <= to {
		j++
	}
	return bars[i:j:j]
}

// Last returns the date of the last cached bar, or 0 with ok false.
func (e Entry) Last() (d market.Date, ok bool) {
	if len(e.Bars) == 0 {
		return 0, false
	}
	return e.Bars[len(e.Bars)-1].Date, true
}

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

// Load returns symbol's cached history. It returns ErrNotCached when there
// is none and a *CorruptError when the file is unusable.
func (s *Store) Load(symbol string) (Entry, error) {
	path, err := s.historyPath(symbol)
	if err != nil {
		return Entry{}, err
	}
	return s.loadHistory(path, symbol)
}

// loadHistory reads path, or returns what this process decoded from it
// when the file has not changed since.
func (s *Store) loadHistory(path, symbol string) (Entry, error) {
	if e, ok := s.memo.get(path); ok {
		return e, nil
	}
	mod, size, stamped := stamp(path)
	data, err := readFile(path)
	if err != nil {
		return Entry{}, err
	}
	e, err := decodeHistory(data, symbol)
	if err != nil {
		return Entry{}, &CorruptError{Path: path, Err: err}
	}
	if stamped && int64(len(data)) == size {
		s.memo.put(path, mod, size, e)
	}
	return e, nil
}

// writeHistory writes data for e to path and remembers e as its content.
func (s *Store) writeHistory(path string, e Entry, data []byte) error {
	if err := writeAtomic(path, data); err != nil {
		return err
	}
	if mod, size, ok := stamp(path); ok && size == int64(len(data)) {
		// What the file holds: encodeHistory left out what is not a bar.
		if slices.ContainsFunc(e.Bars, func(b feeds.Bar) bool { return badBar(b) != "" }) {
			e.Bars = slices.DeleteFunc(slices.Clone(e.Bars), func(b feeds.Bar) bool { return badBar(b) != "" })
		}
		e.Fetched = e.Fetched.UTC()
		s.memo.put(path, mod, size, e)
	}
	return nil
}

// Save replaces e.Symbol's cached history with e.
func (s *Store) Save(e Entry) error {
	path, err := s.historyPath(e.Symbol)
	if err != nil {
		return err
	}
	data, err := encodeHistory(e)
	if err != nil {
		return fmt.Errorf("cache: encode %s: %w", e.Symbol, err)
	}
	return s.locked(func() error { return s.writeHistory(path, e, data) })
}

// Merge adds freshly fetched bars to symbol's cached history under the
// store's lock and returns the merged entry. A fetched bar replaces a
// cached bar of the same date (providers revise recent days). The covered
// range grows to include from..to and Fetched becomes fetched. A corrupt
// file is replaced; the returned error is then the *CorruptError warning,
// and the entry is still saved and returned.
func (s *Store) Merge(symbol, provider string, fetched time.Time, from, to market.Date, bars []feeds.Bar) (Entry, error) {
	path, err := s.historyPath(symbol)
	if err != nil {
		return Entry{}, err
	}
	var merged Entry
	var warn error
	err = s.locked(func() error {
		old, err := s.loadHistory(path, symbol)
		switch {
		case errors.Is(err, ErrNotCached):
			old = Entry{Symbol: symbol}
		case err != nil:
			warn = err
			old = Entry{Symbol: symbol}
		}
		merged = mergeEntry(old, provider, fetched, from, to, bars)
		data, err := encodeHistory(merged)
		if err != nil {
			return fmt.Errorf("cache: encode %s: %w", symbol, err)
		}
		return s.writeHistory(path, merged, data)
	})
	if err != nil {
		return merged, err
	}
	return merged, warn
}

// mergeEntry returns old with bars merged in; a fetched bar replaces an old
// bar of the same date. bars may be unsorted or hold duplicate dates (the
// later one wins); old.Bars must be strictly increasing.
//
// Fetched bars that are not prices (badBar) are dropped: whatever a
// provider sends, analytics only ever see positive closes.
func mergeEntry(old Entry, provider string, fetched time.Time, from, to market.Date, bars []feeds.Bar) Entry {
	fresh := feeds.SortBars(bars)
	fresh = slices.DeleteFunc(fresh, func(b feeds.Bar) bool { return badBar(b) != "" })
	out := make([]feeds.Bar, 0, len(old.Bars)+len(fresh))
	i, j := 0, 0
	for i < len(old.Bars) || j < len(fresh) {
		switch {
		case j == len(fresh) || (i < len(old.Bars) && old.Bars[i].Date < fresh[j].Date):
			out = append(out, old.Bars[i])
			i++
		default:
			if i < len(old.Bars) && old.Bars[i].Date == fresh[j].Date {
				i++ // revised: the fetched bar wins
			}
			out = append(out, fresh[j])
			j++
		}
	}
	e := Entry{Symbol: old.Symbol, Provider: provider, Fetched: fetched, From: from, To: to, Bars: out}
	if old.From != 0 || old.To != 0 {
		e.From, e.To = min(old.From, from), max(old.To, to)
	}
	return e
}
