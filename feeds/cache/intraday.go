package cache

import (
	"context"
	"errors"
	"math"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
)

// intradayBlob is one symbol's 5-minute bars of one closed session, kept
// until the next session replaces it: one small file per symbol.
type intradayBlob struct {
	Symbol   string    `json:"symbol"`
	Session  string    `json:"session"` // YYYY-MM-DD
	Provider string    `json:"provider"`
	Fetched  time.Time `json:"fetched"`
	Times    []int64   `json:"times"` // bar starts, Unix seconds
	Closes   []float64 `json:"closes"`
}

func intradayName(sym string) string { return "intraday-" + sym }

// SaveIntraday stores d's bars when they cover its closed session, so the
// session is never fetched again; it replaces the symbol's previous
// session.
func (s *Store) SaveIntraday(d feeds.Intraday) error {
	b := intradayBlob{Symbol: d.Symbol, Session: d.Session.Date.String(), Provider: d.Origin.Provider, Fetched: d.Origin.Fetched.UTC()}
	for _, bar := range d.Bars {
		b.Times, b.Closes = append(b.Times, bar.Time.Unix()), append(b.Closes, bar.Close)
	}
	return s.SaveBlob(intradayName(d.Symbol), d.Origin.Fetched, b)
}

// LoadIntraday returns sym's cached bars of session s, labelled
// KindCached; ErrNotCached when the cache holds another session or none.
func (s *Store) LoadIntraday(sym string, sess calendar.Session) (feeds.Intraday, error) {
	var b intradayBlob
	if _, err := s.LoadBlob(intradayName(sym), &b); err != nil {
		return feeds.Intraday{}, err
	}
	if b.Symbol != sym || b.Session != sess.Date.String() || len(b.Times) != len(b.Closes) {
		return feeds.Intraday{}, ErrNotCached
	}
	loc := calendar.NewYork()
	d := feeds.Intraday{Symbol: sym, Session: sess, Origin: feeds.Origin{Kind: feeds.KindCached, Provider: b.Provider, Fetched: b.Fetched}}
	for i, t := range b.Times {
		if c := b.Closes[i]; c > 0 && !math.IsInf(c, 0) {
			d.Bars = append(d.Bars, feeds.IntradayBar{Time: time.Unix(t, 0).In(loc), Close: c})
		}
	}
	d.Bars = feeds.ClipIntraday(d.Bars, sess, time.Time{})
	return d, nil
}

// Intraday serves a closed session's bars from the cache when it holds
// all of them (zero requests), else asks live and saves what covers the
// closed session. A tail request (since set) always goes to live. Live
// failures keep live's answer: the dashboard keeps the bars it has.
func (w *wrapped) Intraday(ctx context.Context, symbols []string, sess calendar.Session, since time.Time) ([]feeds.Intraday, error) {
	now := w.opts.now()
	out := make([]feeds.Intraday, len(symbols))
	var ask []string
	var at []int
	for i, sym := range symbols {
		if since.IsZero() && sess.ClosedAt(now) && validBlobName(intradayName(sym)) {
			d, err := w.store.LoadIntraday(sym, sess)
			if err == nil && feeds.IntradayComplete(d.Bars, sess, now) {
				out[i] = d
				continue
			}
			var ce *CorruptError
			if errors.As(err, &ce) {
				w.opts.warn(err)
			}
		}
		ask, at = append(ask, sym), append(at, i)
	}
	if len(ask) == 0 {
		return out, nil
	}
	got, err := feeds.IntradayOf(ctx, w.live, ask, sess, since)
	for k, d := range got {
		if k >= len(at) {
			break
		}
		out[at[k]] = d
		if d.Err == nil && since.IsZero() && feeds.IntradayComplete(d.Bars, sess, now) && validBlobName(intradayName(d.Symbol)) {
			w.opts.warn(w.store.SaveIntraday(d))
		}
	}
	return out, err
}

// Intraday serves cached sessions only (--source cache).
func (c cacheOnly) Intraday(ctx context.Context, symbols []string, sess calendar.Session, since time.Time) ([]feeds.Intraday, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]feeds.Intraday, len(symbols))
	for i, sym := range symbols {
		d, err := c.store.LoadIntraday(sym, sess)
		if err != nil {
			d = feeds.Intraday{Symbol: sym, Session: sess, Err: &feeds.SymbolError{Symbol: sym, Err: err}}
		}
		d.Bars = feeds.ClipIntraday(d.Bars, sess, since)
		out[i] = d
	}
	return out, nil
}
