package cache

import (
	"errors"
	"fmt"
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

// Load returns symbol's cached history. It returns ErrNotCached when there
// is none and a *CorruptError when the file is unusable.
func (s *Store) Load(symbol string) (Entry, error) {
	path, err := s.historyPath(symbol)
	if err != nil {
		return Entry{}, err
	}
	return s.loadHistory(path, symbol, true)
}

// loadHistory reads path, or returns what this process decoded from it
// when the file has not changed since. remember keeps what it decodes for
// the next read (see memo); a read that is about to rewrite the file
// (Merge) must not, or the old bars would stay in memory until the file
// is read again, often the next day.
func (s *Store) loadHistory(path, symbol string, remember bool) (Entry, error) {
	if e, ok := s.memo.take(path); ok {
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
	if remember && stamped && int64(len(data)) == size {
		s.memo.put(path, mod, size, e)
	}
	return e, nil
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
	return s.locked(func() error { return writeAtomic(path, data) })
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
		old, err := s.loadHistory(path, symbol, false)
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
		return writeAtomic(path, data)
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
