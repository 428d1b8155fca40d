// Package csvfeed reads the user's own daily prices from a directory of
// CSV files, one SYMBOL.csv per symbol (see Parse for the format). It is
// the csv:DIR source, and a convenient fixture for tests.
package csvfeed

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

// Provider serves history and quotes from CSV files. It reads the files on
// every call, so edits show up on the next refresh; it holds no state and
// is safe for concurrent use.
type Provider struct {
	dir  string
	asOf market.Date
}

var _ feeds.Provider = (*Provider)(nil)

// New returns a provider reading dir as of asOf: rows after that date are
// ignored by Quotes (History is bounded by its own range). It fails when
// dir does not exist or is not a directory.
func New(dir string, asOf market.Date) (*Provider, error) {
	if dir == "" {
		return nil, errors.New("csv source: no directory given (use csv:DIR)")
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("csv source: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("csv source: %s is not a directory", dir)
	}
	return &Provider{dir: dir, asOf: asOf}, nil
}

// Name returns "csv:DIR" with DIR as given to New.
func (p *Provider) Name() string { return "csv:" + p.dir }

// Dir returns the directory the provider reads.
func (p *Provider) Dir() string { return p.dir }

// History returns each symbol's bars from SYMBOL.csv between from and to
// inclusive. Each History's Origin is kind CSV, "fetched" at the close of
// its last row: the data's own time, so output made from the same files is
// the same on every machine whatever the files' modification times. A missing file is an error wrapping feeds.ErrNoData
// that names the expected path; a file with bad lines fails that symbol
// with a *FileError listing them (errors.As finds it).
func (p *Provider) History(ctx context.Context, symbols []string, from, to market.Date) ([]feeds.History, error) {
	out := make([]feeds.History, len(symbols))
	for i, s := range symbols {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h := feeds.History{Symbol: s, Origin: feeds.Origin{Kind: feeds.KindCSV, Provider: p.Name()}}
		bars, err := p.read(s)
		if err == nil {
			lo, hi := search(bars, from), search(bars, to+1)
			if lo < hi {
				h.Bars = bars[lo:hi]
				h.Origin.Fetched = calendar.CloseTime(h.Bars[len(h.Bars)-1].Date)
			} else {
				err = fmt.Errorf("%w: no rows from %s to %s", feeds.ErrNoData, from, to)
			}
		}
		if err != nil {
			h.Err = &feeds.SymbolError{Symbol: s, Err: err}
		}
		out[i] = h
	}
	return out, nil
}

// Quotes returns each symbol's last row on or before the as-of date as a
// quote: the price is its close and the change is against the row before.
// Market cap and shares are unknown (NaN); the quote time, like its
// Origin's, is that row's 16:00 New York close.
func (p *Provider) Quotes(ctx context.Context, symbols []string) ([]feeds.Quote, error) {
	out := make([]feeds.Quote, len(symbols))
	for i, s := range symbols {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		q := feeds.BlankQuote(s)
		q.Name, q.MarketState = market.NormalizeSymbol(s), "CLOSED"
		q.Origin = feeds.Origin{Kind: feeds.KindCSV, Provider: p.Name()}
		bars, err := p.read(s)
		if err == nil {
			if bars = bars[:search(bars, p.asOf+1)]; len(bars) == 0 {
				err = fmt.Errorf("%w: no rows on or before %s", feeds.ErrNoData, p.asOf)
			}
		}
		if err != nil {
			q.Err = &feeds.SymbolError{Symbol: s, Err: err}
			out[i] = q
			continue
		}
		last := bars[len(bars)-1]
		q.Price = priceOf(last)
		q.Time = calendar.CloseTime(last.Date)
		q.Origin.Fetched = q.Time
		if len(bars) > 1 {
			q.PrevClose = priceOf(bars[len(bars)-2])
			q.Change = q.Price - q.PrevClose
			q.ChangePct = 100 * q.Change / q.PrevClose
		}
		out[i] = q
	}
	return out, nil
}

// priceOf is a bar's close, or its adjusted close when the close is missing.
func priceOf(b feeds.Bar) float64 {
	if math.IsNaN(b.Close) {
		return b.AdjClose
	}
	return b.Close
}

// read parses sym's file. It returns at least one bar or an error.
func (p *Provider) read(s string) ([]feeds.Bar, error) {
	sym := market.NormalizeSymbol(s)
	if !market.ValidSymbol(sym) {
		// Checked before the name becomes a path: no separators, no "..".
		return nil, fmt.Errorf("%w: %q is not a valid ticker", feeds.ErrUnknownSymbol, s)
	}
	path, err := p.find(sym)
	if err != nil {
		return nil, err
	}
	// Check the type before opening: opening a FIFO would block.
	if fi, err := os.Stat(path); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() { // replaced since the check above
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	if fi.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: %w (%d bytes, limit %d)", path, ErrTooLarge, fi.Size(), MaxFileSize)
	}
	bars, err := Parse(path, f)
	if err != nil {
		return nil, err
	}
	if len(bars) == 0 {
		return nil, fmt.Errorf("%w: %s has no price rows", feeds.ErrNoData, path)
	}
	return bars, nil
}

// find returns the path of sym's file: SYM.csv, or failing that any file
// whose name matches it ignoring case (nvda.csv, Nvda.CSV).
func (p *Provider) find(sym string) (string, error) {
	want := sym + ".csv"
	path := filepath.Join(p.dir, want)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	entries, err := os.ReadDir(p.dir)
	if err != nil {
		return "", fmt.Errorf("%w: %s", feeds.ErrNoData, err)
	}
	for _, e := range entries { // sorted by name, so the choice is stable
		if strings.EqualFold(e.Name(), want) {
			return filepath.Join(p.dir, e.Name()), nil
		}
	}
	return "", fmt.Errorf("%w: no file %s", feeds.ErrNoData, path)
}

// search returns the index of the first bar dated on or after d.
func search(bars []feeds.Bar, d market.Date) int {
	lo, hi := 0, len(bars)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if bars[m].Date < d {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
