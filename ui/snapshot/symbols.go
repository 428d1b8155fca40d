package snapshot

import (
	"bytes"
	"math"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// symbolInfos lists every symbol the state knows of, sorted.
func symbolInfos(s ui.State) []SymbolInfo {
	r := s.Report
	set := map[string]bool{}
	for sym := range s.Origins {
		set[sym] = true
	}
	for sym, q := range s.Quotes {
		if q.Err == nil { // a failed quote of a symbol without data is in Errors when it matters
			set[sym] = true
		}
	}
	for sym := range s.Status.Errors {
		set[sym] = true
	}
	for _, m := range r.Missing {
		set[m] = true
	}
	for _, b := range append([]market.BasketReport{r.Bits, r.Atoms}, r.Watchlists...) {
		for _, m := range b.Members {
			set[m.Symbol] = true
		}
	}
	if r.Gap.Tesla != "" {
		set[r.Gap.Tesla] = true
	}
	for _, sym := range r.Gap.Incumbents {
		set[sym] = true
	}
	delete(set, "")

	out := make([]SymbolInfo, 0, len(set))
	for _, sym := range sortedKeys(set) {
		info := SymbolInfo{
			Symbol:     ui.Sanitize(sym),
			Source:     "NONE",
			AgeSeconds: Float(math.NaN()),
			Last:       Float(math.NaN()),
			MarketCap:  Float(math.NaN()),
		}
		if ss, ok := s.Symbols[sym]; ok {
			// One observation: the price, cap and age the panels show.
			info.Source = ss.Badge()
			info.Provider = ui.Sanitize(ss.Origin.Provider)
			info.Fetched = timeOrNil(ss.Origin.Fetched)
			info.Observed = timeOrNil(ss.Observed)
			if !ss.Observed.IsZero() && !s.Now.IsZero() {
				info.AgeSeconds = Float(math.Floor(ss.Origin.Age(s.Now).Seconds()))
			}
			info.Last, info.MarketCap = Float(ss.Last), Float(ss.MarketCap)
		} else if q, ok := s.Quotes[sym]; ok && q.Err == nil {
			// Quoted but no history: the quote alone.
			info.Source, info.Provider = q.Origin.Kind.String(), ui.Sanitize(q.Origin.Provider)
			info.Fetched, info.Observed = timeOrNil(q.Origin.Fetched), timeOrNil(q.Time)
			if !q.Time.IsZero() && !s.Now.IsZero() && s.Now.After(q.Time) {
				info.AgeSeconds = Float(math.Floor(s.Now.Sub(q.Time).Seconds()))
			}
			info.Last, info.MarketCap = Float(q.Price), Float(q.MarketCap)
		}
		if e, ok := s.Status.Errors[sym]; ok {
			e = ui.Sanitize(e)
			info.Error = &e
		}
		out = append(out, info)
	}
	return out
}

// mdSymbols is the Markdown table of every symbol's source, age and price.
func mdSymbols(b *bytes.Buffer, s ui.State) {
	infos := symbolInfos(s)
	if len(infos) == 0 {
		return
	}
	b.WriteString("## Data\n\n")
	syms := make([]string, len(infos))
	for i, in := range infos {
		syms[i] = in.Symbol
	}
	cur := ui.TableCurrency(s, syms)
	rows := make([][]string, 0, len(infos))
	for _, in := range infos {
		age := dash
		if in.AgeSeconds.Valid() {
			age = feeds.ShortAge(timeSeconds(float64(in.AgeSeconds)))
		}
		errText := ""
		if in.Error != nil {
			errText = *in.Error
		}
		rows = append(rows, []string{in.Symbol, in.Source, age, money(s, in.Symbol, float64(in.Last), cur), errText})
	}
	table(b, []string{"symbol", "source", "age", lastHead(cur), "error"}, "lllrl", rows)
}
