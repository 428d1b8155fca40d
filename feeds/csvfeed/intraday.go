package csvfeed

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

var _ feeds.IntradayProvider = (*Provider)(nil)

// IntradayDir is the subdirectory of a csv:DIR source holding 5-minute
// bars: DIR/intraday/SYMBOL.csv.
const IntradayDir = "intraday"

// Intraday returns each symbol's bars of session s from
// DIR/intraday/SYMBOL.csv (see ParseIntraday for the layout). A symbol
// without a file fails with feeds.ErrNoData; the 1D window then shows it
// missing. Bars outside the session are ignored.
func (p *Provider) Intraday(ctx context.Context, symbols []string, s calendar.Session, since time.Time) ([]feeds.Intraday, error) {
	out := make([]feeds.Intraday, len(symbols))
	for i, raw := range symbols {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sym := market.NormalizeSymbol(raw)
		d := feeds.Intraday{Symbol: sym, Session: s, Origin: feeds.Origin{Kind: feeds.KindCSV, Provider: p.Name(), Fetched: s.Close}}
		bars, err := p.readIntraday(sym)
		if err != nil {
			d.Err = &feeds.SymbolError{Symbol: sym, Err: err}
		}
		d.Bars = feeds.ClipIntraday(bars, s, since)
		out[i] = d
	}
	return out, nil
}

func (p *Provider) readIntraday(sym string) ([]feeds.IntradayBar, error) {
	if !market.ValidSymbol(sym) {
		return nil, fmt.Errorf("%w: %q is not a valid ticker", feeds.ErrUnknownSymbol, sym)
	}
	path := filepath.Join(p.dir, IntradayDir, sym+".csv")
	fi, err := os.Stat(path)
	switch {
	case os.IsNotExist(err):
		return nil, fmt.Errorf("%w: no file %s", feeds.ErrNoData, path)
	case err != nil:
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseIntraday(path, f)
}

// ParseIntraday reads an intraday CSV: a header time,close (names matched
// case-insensitively, other columns ignored), then one row per bar. time
// is the bar's start, RFC 3339 with its offset (2024-10-02T09:30:00-04:00),
// or "YYYY-MM-DD HH:MM" in New York time; close is a positive number, or
// empty/null/NaN/"." for a bar without a price (skipped). A bad row is an
// error naming its line.
func ParseIntraday(file string, r io.Reader) ([]feeds.IntradayBar, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if int64(len(data)) > MaxFileSize {
		return nil, fmt.Errorf("%s: %w (limit %d bytes)", file, ErrTooLarge, MaxFileSize)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	tcol, ccol := -1, -1
	var out []feeds.IntradayBar
	for lineNo := 1; len(data) > 0; lineNo++ {
		var line []byte
		line, data, _ = bytes.Cut(data, []byte{'\n'})
		text := strings.TrimSpace(string(bytes.TrimSuffix(line, []byte{'\r'})))
		if text == "" {
			continue
		}
		fields := strings.Split(text, ",")
		if tcol < 0 {
			for i, f := range fields {
				switch normalizeName(f) {
				case "time", "datetime", "timestamp":
					tcol = i
				case "close":
					ccol = i
				}
			}
			if tcol < 0 || ccol < 0 {
				return nil, fmt.Errorf("%s:%d: header must name time and close columns", file, lineNo)
			}
			continue
		}
		if len(fields) <= max(tcol, ccol) {
			return nil, fmt.Errorf("%s:%d: %d fields, want at least %d", file, lineNo, len(fields), max(tcol, ccol)+1)
		}
		t, err := parseBarTime(unquote(strings.TrimSpace(fields[tcol])))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %s", file, lineNo, err)
		}
		c := strings.TrimSpace(unquote(strings.TrimSpace(fields[ccol])))
		switch strings.ToLower(c) {
		case "", "null", "nan", ".":
			continue
		}
		v, err := strconv.ParseFloat(c, 64)
		if err != nil || !(v > 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s:%d: close %q is not a positive number", file, lineNo, clip(c))
		}
		out = append(out, feeds.IntradayBar{Time: t, Close: v})
	}
	return out, nil
}

func parseBarTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(calendar.NewYork()), nil
	}
	if t, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.NewYork()); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("time %q: want RFC 3339 (2024-10-02T09:30:00-04:00) or YYYY-MM-DD HH:MM (New York)", clip(s))
}
