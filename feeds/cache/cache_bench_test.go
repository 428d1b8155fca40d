package cache

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// fiveYearEntry is one equity's cached history on 2025-06-30: a bar on
// each weekday from 2020-05-30 (DefaultFrom) on, 1,326 bars.
func fiveYearEntry() Entry {
	from, to := market.DateOf(2020, 5, 30), market.DateOf(2025, 6, 30)
	e := Entry{Symbol: "NVDA", Provider: "yahoo", Fetched: time.Date(2025, 6, 30, 22, 0, 0, 0, time.UTC), From: from, To: to}
	p := 100.0
	for d := from; d <= to; d++ {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		p *= 1.0003
		e.Bars = append(e.Bars, feeds.Bar{Date: d, Close: p, AdjClose: p * 0.995})
	}
	return e
}

// tail is the next day's incremental fetch: last cached bar − Overlap
// (2025-06-25) to 2025-07-01, five weekday bars, four of them revisions.
func tail() []feeds.Bar {
	var bars []feeds.Bar
	for d := market.DateOf(2025, 6, 25); d <= market.DateOf(2025, 7, 1); d++ {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			bars = append(bars, feeds.Bar{Date: d, Close: 200, AdjClose: 199})
		}
	}
	return bars
}

// BenchmarkCache measures one 5-year entry: decode and encode of the file
// alone, Load from disk, the in-memory merge of a next-day tail, and
// Store.Merge, which reads, merges, encodes and writes the file atomically
// (fsync of the file and of the directory: disk-bound).
func BenchmarkCache(b *testing.B) {
	e := fiveYearEntry()
	data, err := encodeHistory(e)
	if err != nil {
		b.Fatal(err)
	}
	fresh := tail()
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := decodeHistory(data, "NVDA"); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(e.Bars)), "bars")
	})
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := encodeHistory(e); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("load", func(b *testing.B) {
		s := benchStore(b, e)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Load("NVDA"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("mergeEntry", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m := mergeEntry(e, "yahoo", e.Fetched, market.DateOf(2025, 6, 25), market.DateOf(2025, 7, 1), fresh)
			if len(m.Bars) != len(e.Bars)+1 {
				b.Fatalf("merged %d bars, want %d", len(m.Bars), len(e.Bars)+1)
			}
		}
	})
	b.Run("Merge", func(b *testing.B) {
		s := benchStore(b, e)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Merge("NVDA", "yahoo", e.Fetched, market.DateOf(2025, 6, 25), market.DateOf(2025, 7, 1), fresh); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func benchStore(b *testing.B, e Entry) *Store {
	b.Helper()
	s, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Save(e); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkDecodeHistory reads one five-year history file (1,300 bars) in
// each schema: what a warm start pays per symbol.
func BenchmarkDecodeHistory(b *testing.B) {
	e := Entry{Symbol: "AAPL", Provider: "yahoo", Fetched: time.Date(2026, 12, 1, 22, 0, 0, 0, time.UTC)}
	for d := market.DateOf(2021, 8, 2); len(e.Bars) < 1300; d++ {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			e.Bars = append(e.Bars, feeds.Bar{Date: d, Close: 100 + float64(len(e.Bars))/7, AdjClose: 99 + float64(len(e.Bars))/7})
		}
	}
	v2, err := encodeHistory(e)
	if err != nil {
		b.Fatal(err)
	}
	f := historyFile{SchemaVersion: 1, Symbol: e.Symbol, Provider: e.Provider, Fetched: e.Fetched}
	for _, bar := range e.Bars {
		f.Bars = append(f.Bars, fileBar{Date: bar.Date.String(), Close: toNullable(bar.Close), AdjClose: toNullable(bar.AdjClose)})
	}
	v1, err := json.Marshal(f)
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{{"v1", v1}, {"v2", v2}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decodeHistory(tc.data, "AAPL"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
