package cache

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// The last quotes live in one small file rather than in each symbol's
// history file: quotes are saved on every poll (once a minute), and
// rewriting every history file that often would cost far more disk writes
// than the data is worth.
const quotesFile = "quotes.json"

type quotesFileData struct {
	SchemaVersion int                  `json:"schema_version"`
	Quotes        map[string]fileQuote `json:"quotes"`
}

// fileQuote is a saved quote; NaN numbers are stored as null.
type fileQuote struct {
	Name              string    `json:"name"`
	Currency          string    `json:"currency"`
	Price             *float64  `json:"price"`
	Change            *float64  `json:"change"`
	ChangePct         *float64  `json:"change_pct"`
	PrevClose         *float64  `json:"prev_close"`
	MarketCap         *float64  `json:"market_cap"`
	SharesOutstanding *float64  `json:"shares_outstanding"`
	MarketState       string    `json:"market_state"`
	Time              time.Time `json:"time"`
	Provider          string    `json:"provider"`
	Fetched           time.Time `json:"fetched"`
	// Pre and Post are absent in files written before whoosh kept
	// extended-hours trades, and when there was none: both read as none.
	Pre  *fileExtended `json:"pre,omitempty"`
	Post *fileExtended `json:"post,omitempty"`
}

// fileExtended is a saved extended-hours trade.
type fileExtended struct {
	Price     *float64  `json:"price"`
	Change    *float64  `json:"change"`
	ChangePct *float64  `json:"change_pct"`
	Time      time.Time `json:"time"`
}

func toFileExtended(e feeds.Extended) *fileExtended {
	if !e.Known() {
		return nil
	}
	return &fileExtended{Price: toNullable(e.Price), Change: toNullable(e.Change), ChangePct: toNullable(e.ChangePct), Time: e.Time.UTC()}
}

func (f *fileExtended) extended() feeds.Extended {
	if f == nil {
		nan := math.NaN()
		return feeds.Extended{Price: nan, Change: nan, ChangePct: nan}
	}
	return feeds.Extended{Price: fromNullable(f.Price), Change: fromNullable(f.Change), ChangePct: fromNullable(f.ChangePct), Time: f.Time}
}

func toFileQuote(q feeds.Quote) fileQuote {
	return fileQuote{
		Name: q.Name, Currency: q.Currency,
		Price: toNullable(q.Price), Change: toNullable(q.Change), ChangePct: toNullable(q.ChangePct),
		PrevClose: toNullable(q.PrevClose), MarketCap: toNullable(q.MarketCap),
		SharesOutstanding: toNullable(q.SharesOutstanding),
		MarketState:       q.MarketState, Time: q.Time.UTC(),
		Provider: q.Origin.Provider, Fetched: q.Origin.Fetched.UTC(),
		Pre: toFileExtended(q.Pre), Post: toFileExtended(q.Post),
	}
}

// quote returns the saved quote of symbol labelled as cached data.
func (f fileQuote) quote(symbol string) feeds.Quote {
	return feeds.Quote{
		Symbol: symbol, Name: f.Name, Currency: f.Currency,
		Price: fromNullable(f.Price), Change: fromNullable(f.Change), ChangePct: fromNullable(f.ChangePct),
		PrevClose: fromNullable(f.PrevClose), MarketCap: fromNullable(f.MarketCap),
		SharesOutstanding: fromNullable(f.SharesOutstanding),
		MarketState:       f.MarketState, Time: f.Time,
		Pre: f.Pre.extended(), Post: f.Post.extended(),
		Origin: feeds.Origin{Kind: feeds.KindCached, Provider: f.Provider, Fetched: f.Fetched},
	}
}

func loadQuotesFile(path string) (map[string]fileQuote, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	qs, err := decodeQuotes(data)
	if err != nil {
		return nil, &CorruptError{Path: path, Err: err}
	}
	return qs, nil
}

// decodeQuotes parses a quotes file, dropping entries under invalid symbols.
func decodeQuotes(data []byte) (map[string]fileQuote, error) {
	var f quotesFileData
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	if f.SchemaVersion != SchemaVersion {
		return nil, fmt.Errorf("schema version %d, want %d", f.SchemaVersion, SchemaVersion)
	}
	for sym := range f.Quotes {
		if !market.ValidSymbol(sym) {
			delete(f.Quotes, sym) // never hand an invalid symbol onwards
		}
	}
	return f.Quotes, nil
}

// LoadQuotes returns the saved quote of each symbol that has one, labelled
// KindCached with the time it was fetched. A corrupt file gives an empty
// map and a *CorruptError.
func (s *Store) LoadQuotes(symbols []string) (map[string]feeds.Quote, error) {
	saved, err := loadQuotesFile(filepath.Join(s.dir, quotesFile))
	if errors.Is(err, ErrNotCached) {
		err = nil
	}
	out := make(map[string]feeds.Quote, len(symbols))
	for _, sym := range symbols {
		if fq, ok := saved[sym]; ok {
			out[sym] = fq.quote(sym)
		}
	}
	return out, err
}

// SaveQuotes records quotes (those without Err and with a valid symbol) as
// the last known quote of their symbols, keeping the saved quotes of other
// symbols. A corrupt quotes file is replaced and reported as the returned
// *CorruptError after the save succeeded.
func (s *Store) SaveQuotes(quotes []feeds.Quote) error {
	path := filepath.Join(s.dir, quotesFile)
	var warn error
	err := s.locked(func() error {
		saved, err := loadQuotesFile(path)
		switch {
		case errors.Is(err, ErrNotCached):
		case err != nil:
			warn = err
		}
		if saved == nil {
			saved = make(map[string]fileQuote)
		}
		n := 0
		for _, q := range quotes {
			if q.Err == nil && market.ValidSymbol(q.Symbol) {
				saved[q.Symbol] = toFileQuote(q)
				n++
			}
		}
		if n == 0 && warn == nil {
			return nil
		}
		data, err := json.Marshal(quotesFileData{SchemaVersion: SchemaVersion, Quotes: saved})
		if err != nil {
			return fmt.Errorf("cache: encode quotes: %w", err)
		}
		return writeAtomic(path, data)
	})
	if err != nil {
		return err
	}
	return warn
}
