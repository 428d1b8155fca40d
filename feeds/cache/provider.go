package cache

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// Overlap is how many calendar days before the last cached bar an
// incremental refresh starts, so that revised recent bars (late prints,
// corrected closes, the day's partial bar) are fetched again.
const Overlap = 5

// staleAfter is how far in the past a request's end must be for cached bars
// covering it to count as final whatever their age.
const staleAfter = 7

// Options tune a wrapped provider. The zero value is ready to use.
type Options struct {
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Warn receives warnings that do not fail a request: a corrupt cache
	// file that was ignored and refetched, a cache write that failed. Nil
	// discards them.
	Warn func(error)
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o Options) warn(err error) {
	if err != nil && o.Warn != nil {
		o.Warn(err)
	}
}

// Wrap returns a provider with live's name that serves daily history from
// store and fetches from live only what the cache lacks.
//
// History for a symbol is answered from the cache alone, with no live
// request, when the cached bars are current: they were fetched in the same
// trading session as now (feeds.SessionDate: sessions roll over at 16:30
// New York time and weekends belong to Friday's session) and cover the
// requested range. Cached bars that cover a range ending more than a week
// ago are current at any age. Such answers carry Origin{Kind: KindCached,
// Provider: <live provider>, Fetched: <last refresh>} and no Err: how fresh
// they look on screen depends on the quote beside them (see feeds.Shown).
//
// Otherwise only the tail is fetched, from Overlap days before the last
// cached bar to the requested end (everything when the cache is empty or
// starts after from), merged into the cache (a fetched bar replaces the
// cached bar of the same date), saved, and returned with live's Origin.
// Symbols needing the same start are fetched in one call.
//
// When the live fetch of a symbol fails, its cached bars are returned with
// Origin{Kind: KindCached} and Err set to the live error: usable data with a
// warning. A symbol with nothing cached keeps live's answer.
//
// Quotes go to live; good quotes are saved, and a failed symbol gets its
// last saved quote labelled KindCached with Err set to the live error.
//
// Neither method returns a call-level error except when ctx ends: every
// failure is reported per symbol.
func Wrap(live feeds.Provider, store *Store, opts Options) feeds.Provider {
	return &wrapped{live: live, store: store, opts: opts}
}

type wrapped struct {
	live  feeds.Provider
	store *Store
	opts  Options
}

func (w *wrapped) Name() string { return w.live.Name() }

// cachedOrigin labels bars served from e.
func cachedOrigin(e Entry) feeds.Origin {
	return feeds.Origin{Kind: feeds.KindCached, Provider: e.Provider, Fetched: e.Fetched}
}

// current reports whether e answers from..to without a live request.
func current(e Entry, from, to market.Date, now time.Time) bool {
	if len(e.Bars) == 0 && e.From == 0 && e.To == 0 {
		return false
	}
	if from < e.From {
		return false
	}
	session := feeds.SessionDate(now)
	if to < session.AddDays(-staleAfter) {
		return e.To >= to
	}
	if feeds.SessionDate(e.Fetched) != session {
		return false
	}
	// Fetched this session: bars through the session's date are final.
	// A request ending earlier needs only that much.
	return e.To >= min(to, session)
}

// fetchStart returns the first date to ask live for.
func fetchStart(e Entry, have bool, from market.Date) market.Date {
	last, ok := e.Last()
	if !have || !ok || from < e.From {
		return from
	}
	return max(from, last.AddDays(-Overlap))
}

func (w *wrapped) History(ctx context.Context, symbols []string, from, to market.Date) ([]feeds.History, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	now := w.opts.now()
	out := make([]feeds.History, len(symbols))
	entries := make([]Entry, len(symbols))
	have := make([]bool, len(symbols))
	groups := map[market.Date][]int{} // fetch start → indexes into symbols
	for i, sym := range symbols {
		out[i].Symbol = sym
		if !market.ValidSymbol(sym) {
			out[i].Err = &feeds.SymbolError{Symbol: sym, Err: fmt.Errorf("%w: invalid symbol", feeds.ErrUnknownSymbol)}
			continue
		}
		e, err := w.store.Load(sym)
		switch {
		case err == nil:
			entries[i], have[i] = e, true
		case !errors.Is(err, ErrNotCached):
			w.opts.warn(err)
		}
		if have[i] && current(e, from, to, now) {
			out[i].Bars = e.In(from, to)
			out[i].Origin = cachedOrigin(e)
			continue
		}
		start := fetchStart(e, have[i], from)
		groups[start] = append(groups[start], i)
	}

	starts := make([]market.Date, 0, len(groups))
	for s := range groups {
		starts = append(starts, s)
	}
	slices.SortFunc(starts, cmp.Compare)
	for _, start := range starts {
		idx := groups[start]
		syms := make([]string, len(idx))
		for k, i := range idx {
			syms[k] = symbols[i]
		}
		hs, err := w.live.History(ctx, syms, start, to)
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		perSymbol := len(hs) == len(syms)
		if err == nil && !perSymbol {
			err = fmt.Errorf("%s returned %d histories for %d symbols", w.live.Name(), len(hs), len(syms))
		}
		for k, i := range idx {
			// Each symbol keeps its own answer and its own error; the call's
			// error stands in only where live gave no answer for it.
			var h feeds.History
			if perSymbol && (err == nil || hs[k].Err != nil || len(hs[k].Bars) > 0) {
				h = hs[k]
			} else {
				h = feeds.History{Symbol: symbols[i], Err: &feeds.SymbolError{Symbol: symbols[i], Err: err}}
			}
			out[i] = w.settle(symbols[i], h, entries[i], have[i], start, from, to, now)
		}
	}
	return out, nil
}

// settle turns live's answer h for sym into the History to return.
func (w *wrapped) settle(sym string, h feeds.History, e Entry, have bool, start, from, to market.Date, now time.Time) feeds.History {
	if h.Err == nil {
		fetched := h.Origin.Fetched
		if fetched.IsZero() {
			fetched = now
		}
		merged, err := w.store.Merge(sym, w.live.Name(), fetched, start, to, h.Bars)
		if merged.Symbol == "" { // the save failed before merging: merge in memory
			merged = mergeEntry(Entry{Symbol: sym, Bars: e.Bars, From: e.From, To: e.To}, w.live.Name(), fetched, start, to, h.Bars)
		}
		w.opts.warn(err)
		return feeds.History{Symbol: sym, Bars: merged.In(from, to), Origin: h.Origin}
	}
	if have && len(e.Bars) > 0 {
		return feeds.History{Symbol: sym, Bars: e.In(from, to), Origin: cachedOrigin(e), Err: h.Err}
	}
	h.Symbol = sym
	return h
}

func (w *wrapped) Quotes(ctx context.Context, symbols []string) ([]feeds.Quote, error) {
	qs, err := w.live.Quotes(ctx, symbols)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return nil, ctxErr
	}
	perSymbol := len(qs) == len(symbols)
	if err == nil && !perSymbol {
		err = fmt.Errorf("%s returned %d quotes for %d symbols", w.live.Name(), len(qs), len(symbols))
	}
	out := make([]feeds.Quote, len(symbols))
	var good []feeds.Quote
	var failed []string
	for i, sym := range symbols {
		if perSymbol && (err == nil || qs[i].Err != nil) {
			out[i] = qs[i] // its own answer, with its own error
		} else {
			out[i] = feeds.FailedQuote(sym, err)
		}
		if out[i].Err == nil {
			good = append(good, out[i])
		} else {
			failed = append(failed, sym)
		}
	}
	if len(good) > 0 {
		w.opts.warn(w.store.SaveQuotes(good))
	}
	if len(failed) > 0 {
		saved, lerr := w.store.LoadQuotes(failed)
		w.opts.warn(lerr)
		for i, sym := range symbols {
			if c, ok := saved[sym]; ok && out[i].Err != nil {
				c.Err = out[i].Err
				out[i] = c
			}
		}
	}
	return out, nil
}
