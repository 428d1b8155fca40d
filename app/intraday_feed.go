package app

import (
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// applyIntraday folds 5-minute bars into the feed: a new session replaces
// the old one's bars, a tail is merged into each symbol's bars, and a
// symbol that failed keeps the bars it had, with the error.
func (f *Feed) applyIntraday(msg IntradayMsg) {
	f.IntradayDone = true
	d := &f.Data
	if d.Intraday == nil || d.IntradaySession.Date != msg.Session.Date {
		d.Intraday, d.IntradaySession = map[string]feeds.Intraday{}, msg.Session
	}
	for _, s := range msg.Series {
		old, had := d.Intraday[s.Symbol]
		switch {
		case s.Err != nil && had:
			old.Err = s.Err
			s = old
		case msg.Tail && had:
			s.Bars = feeds.MergeIntraday(old.Bars, s.Bars)
		}
		d.Intraday[s.Symbol] = s
	}
	f.setWarn("intraday", msg.Err)
}

// showing tells the stream following f (Stream.Follow) which window f is
// drawn in, when it changed.
func (f *Feed) showing(w market.Window) {
	if f.onWindow != nil && (!f.shownSet || f.shown != w) {
		f.shown, f.shownSet = w, true
		f.onWindow(w)
	}
}
