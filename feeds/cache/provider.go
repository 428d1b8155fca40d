package cache

import (
	"context"
	"errors"
	"fmt"
	"sync"
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
// Neither method returns a call-level error except when ctx ends with no
// data at all to return: every failure is reported per symbol. When ctx
// ends (deadline, Ctrl-C), what live answered so far (already merged) and
// the cached bars of the rest are returned, the rest labelled KindCached
// with an Err saying live was given up on. A live provider that streams
// (HistoryEach) has each chart merged into the cache as it arrives.
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

// streamer is a live provider that hands over each symbol's History as
// soon as it is complete (yahoo.Provider does), so each chart is merged
// into the cache as it arrives: a deadline or Ctrl-C keeps everything
// fetched so far, and a rerun fetches only what is missing.
type streamer interface {
	HistoryEach(ctx context.Context, symbols []string, from, to market.Date, each func(i int, h feeds.History))
}

func (w *wrapped) History(ctx context.Context, symbols []string, from, to market.Date) ([]feeds.History, error) {
	now := w.opts.now()
	out := make([]feeds.History, len(symbols))
	entries := make([]Entry, len(symbols))
	have := make([]bool, len(symbols))
	answered := make([]bool, len(symbols))
	groups := map[market.Date][]int{} // fetch start → indexes into symbols
	for i, sym := range symbols {
		out[i].Symbol = sym
		if !market.ValidSymbol(sym) {
			out[i].Err = &feeds.SymbolError{Symbol: sym, Err: fmt.Errorf("%w: invalid symbol", feeds.ErrUnknownSymbol)}
			answered[i] = true
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
			answered[i] = true
			continue
		}
		start := fetchStart(e, have[i], from)
		groups[start] = append(groups[start], i)
	}

	// Groups are fetched at once (a hung group must not hold up the
	// others); settle runs one symbol at a time.
	var mu sync.Mutex
	settle := func(i int, h feeds.History, start market.Date) {
		mu.Lock()
		defer mu.Unlock()
		out[i] = w.settle(symbols[i], h, entries[i], have[i], start, from, to, now)
		answered[i] = true
	}
	var wg sync.WaitGroup
	for start, idx := range groups {
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.fetchGroup(ctx, symbols, idx, start, to, func(i int, h feeds.History) { settle(i, h, start) })
		}()
	}
	wg.Wait()

	// Whatever live did not answer (the caller's context ended first)
	// gets its cached bars, labelled as such, with the reason.
	data := false
	for i, sym := range symbols {
		if !answered[i] {
			why := fmt.Errorf("gave up waiting for %s: %w", w.live.Name(), context.Cause(ctx))
			if ctx.Err() == nil {
				why = fmt.Errorf("%s gave no answer", w.live.Name())
			}
			out[i] = w.settle(sym, feeds.History{Symbol: sym, Err: &feeds.SymbolError{Symbol: sym, Err: why}}, entries[i], have[i], 0, from, to, now)
		}
		data = data || len(out[i].Bars) > 0
	}
	if err := ctx.Err(); err != nil && !data {
		return out, err
	}
	return out, nil
}

// fetchGroup asks live for the symbols at idx from start to to and hands
// each answer to settle as it arrives (or all at the end, for a live
// provider that cannot stream).
func (w *wrapped) fetchGroup(ctx context.Context, symbols []string, idx []int, start, to market.Date, settle func(i int, h feeds.History)) {
	syms := make([]string, len(idx))
	for k, i := range idx {
		syms[k] = symbols[i]
	}
	if s, ok := w.live.(streamer); ok {
		s.HistoryEach(ctx, syms, start, to, func(k int, h feeds.History) {
			if ctx.Err() != nil && h.Err != nil {
				return // left for the caller to answer from the cache
			}
			settle(idx[k], h)
		})
		return
	}
	hs, err := w.live.History(ctx, syms, start, to)
	perSymbol := len(hs) == len(syms)
	if err == nil && !perSymbol {
		err = fmt.Errorf("%s returned %d histories for %d symbols", w.live.Name(), len(hs), len(syms))
	}
	for k, i := range idx {
		// Each symbol keeps its own answer and its own error; the call's
		// error stands in only where live gave no answer for it.
		switch {
		case perSymbol && (err == nil || hs[k].Err != nil || len(hs[k].Bars) > 0):
			if ctx.Err() != nil && hs[k].Err != nil {
				continue
			}
			settle(i, hs[k])
		case ctx.Err() == nil:
			settle(i, feeds.History{Symbol: symbols[i], Err: &feeds.SymbolError{Symbol: symbols[i], Err: err}})
		}
	}
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
	var qs []feeds.Quote
	var err error
	if ctx.Err() == nil {
		qs, err = w.live.Quotes(ctx, symbols)
	}
	if ctxErr := ctx.Err(); ctxErr != nil && err == nil && len(qs) != len(symbols) {
		err = ctxErr
	}
	if err == nil && len(qs) != len(symbols) {
		err = fmt.Errorf("%s returned %d quotes for %d symbols", w.live.Name(), len(qs), len(symbols))
	}
	perSymbol := len(qs) == len(symbols)
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
	usable := len(good) > 0
	if len(failed) > 0 {
		saved, lerr := w.store.LoadQuotes(failed)
		w.opts.warn(lerr)
		for i, sym := range symbols {
			if c, ok := saved[sym]; ok && out[i].Err != nil {
				c.Err = out[i].Err
				out[i] = c
				usable = true
			}
		}
	}
	// Like History: when the caller gave up, what there is still counts.
	if ctxErr := ctx.Err(); ctxErr != nil && !usable {
		return out, ctxErr
	}
	return out, nil
}
