package app

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/alerts"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// Feed is everything the stream has delivered, folded by Apply: the one
// place where messages become data. The dashboard keeps one for its
// lifetime; the snapshot folds the same messages until Complete.
type Feed struct {
	Spec market.Spec
	Data ui.Data

	Loading       bool // a history load is under way
	Loaded, Total int  // its progress
	Settled       bool // the first complete load is in (feeds.SettledMsg)
	MacroDone     bool // a MacroMsg has arrived
	LongDone      bool // the LongMsg has arrived
	ConfigErr     string

	// Alerts is the log of the rules that fired while this feed was
	// folded, newest last (at most maxAlertLog).
	Alerts []alerts.Delivered
	// alertMarks marks the symbols the rules watch (AlertStatesMsg).
	alertMarks map[string]market.AlertMark

	// Refreshed is set by a QuotesMsg that answered the r key, with its
	// outcome in RefreshNote; the front end clears it once shown.
	Refreshed   bool
	RefreshNote string

	// IntradayDone is set by the first IntradayMsg (5-minute bars for 1D).
	IntradayDone bool

	wantMacro bool
	strict    bool        // --source yahoo: see strictView
	asOf      market.Date // fixed as-of date, or 0: today in New York
	dataClock bool
	warn      map[string]string // latest warning by topic
	axes      *axes             // date arrays shared by the series (clones share it too)
	computer  ui.Computer       // the last analysis, patched when only quotes move

	wantIntraday bool                // Complete waits for an IntradayMsg (a 1D snapshot)
	onWindow     func(market.Window) // Stream.Follow: told which window State draws
	shown        market.Window
	shownSet     bool
}

// warning topics, in the order they are shown.
var topics = []string{"alerts", "history", "quotes", "intraday", "macro", "cache", "config"}

// maxAlertLog bounds the alert log a feed keeps.
const maxAlertLog = 200

// FeedOptions are a feed's rules, set by the session that fills it.
type FeedOptions struct {
	AsOf      market.Date // a fixed as-of date; 0 follows today in New York
	DataClock bool        // measure ages against the data's newest observation (demo, CSV)
	WantMacro bool        // the source has macro series: Complete waits for them
	Strict    bool        // --source yahoo: never show the cache in Yahoo's place

	axes *axes // date arrays to share (the session's); nil: the feed's own
}

// NewFeed returns an empty feed for spec.
func NewFeed(spec market.Spec, o FeedOptions) *Feed {
	if o.axes == nil {
		o.axes = &axes{}
	}
	return &Feed{
		Spec:      spec,
		Data:      ui.Data{Histories: map[string]feeds.History{}, Series: map[string]market.Series{}, Quotes: map[string]feeds.Quote{}},
		Loading:   true,
		wantMacro: o.WantMacro,
		dataClock: o.DataClock,
		strict:    o.Strict,
		asOf:      o.AsOf,
		warn:      map[string]string{},
		axes:      o.axes,
	}
}

// NewFeed returns an empty feed for the session's spec and rules.
func (s *Session) NewFeed() *Feed {
	o := FeedOptions{DataClock: s.DataClock, WantMacro: s.macro != nil, Strict: s.strict, axes: &s.axes}
	if s.AsOfFixed {
		o.AsOf = s.AsOf
	}
	return NewFeed(s.Spec, o)
}

// Complete reports whether the first load is in: history, quotes, the
// scorecard's long history and (when the source has them) macro series.
func (f *Feed) Complete() bool {
	return f.Settled && f.LongDone && (f.MacroDone || !f.wantMacro) && (f.IntradayDone || !f.wantIntraday)
}

// Apply folds one message into the feed and reports whether the data or
// the status changed. Messages it does not know change nothing.
func (f *Feed) Apply(msg any) bool {
	switch msg := msg.(type) {
	case feeds.HistoryMsg:
		msg = f.axes.compact(msg) // once per arrival, not per recompute
		for i, h := range msg.Histories {
			f.Data.Histories[h.Symbol] = h
			f.Data.Series[h.Symbol] = msg.Series[i]
		}
		if f.Total == 0 || f.Loaded >= f.Total {
			f.Loading = false // history without a load in progress (a test, a one-off)
		}
		f.setWarn("history", msg.Err)
	case feeds.QuotesMsg:
		for _, q := range msg.Quotes {
			f.Data.Quotes[q.Symbol] = q
		}
		f.setWarn("quotes", msg.Err)
		if msg.Manual {
			f.Refreshed, f.RefreshNote = true, refreshOutcome(msg)
		}
	case feeds.ProgressMsg:
		f.Loaded, f.Total = msg.Done, msg.Total
		f.Loading = msg.Done < msg.Total
	case feeds.SettledMsg:
		f.Settled, f.Loading = true, f.Loaded < f.Total
	case MacroMsg:
		if len(msg.Series) > 0 {
			f.Data.Macro, f.Data.MacroOrigin = msg.Series, msg.Origin
		}
		f.MacroDone = true
		f.warn["macro"] = joinWarnings(msg.Warnings)
	case ConfigMsg:
		if msg.Err != nil {
			// One line per problem: config.Errors puts each on its own.
			var lines []string
			for _, l := range strings.Split(msg.Err.Error(), "\n") {
				// The screen already says "config:" before each line.
				if l = strings.TrimPrefix(strings.TrimSpace(ui.Sanitize(l)), "config: "); l != "" {
					lines = append(lines, l)
				}
			}
			f.ConfigErr = strings.Join(lines, "\n")
			return true
		}
		f.ConfigErr, f.Spec = "", msg.Spec
	case AlertMsg:
		f.Alerts = append(f.Alerts, msg.Delivered...)
		// Deliveries run side by side: a slow webhook can bring an earlier
		// firing after a later one. The log stays in the data's order.
		slices.SortStableFunc(f.Alerts, func(a, b alerts.Delivered) int { return a.Firing.At.Compare(b.Firing.At) })
		if n := len(f.Alerts); n > maxAlertLog {
			f.Alerts = slices.Clone(f.Alerts[n-maxAlertLog:])
		}
		f.warn["alerts"] = Banner(msg.Delivered)
	case AlertStatesMsg:
		if maps.Equal(f.alertMarks, msg.Marks) {
			return false // after every evaluation: most change nothing
		}
		f.alertMarks = msg.Marks
	case LongMsg:
		f.Data.Long, f.LongDone = msg.Series, true
	case WarningMsg:
		f.warn["cache"] = ui.Sanitize(msg.Text)
	case IntradayMsg:
		f.applyIntraday(msg)
	default:
		return false
	}
	return true
}

func (f *Feed) setWarn(topic string, err error) {
	f.warn[topic] = ""
	if err != nil {
		f.warn[topic] = topic + ": " + ui.Sanitize(feeds.Reason(err))
	}
}

func joinWarnings(ws []string) string {
	out := ""
	for i, w := range ws {
		if i > 0 {
			out += "; "
		}
		out += ui.Sanitize(w)
	}
	return out
}

// refreshOutcome says in words how a manual refresh went.
func refreshOutcome(msg feeds.QuotesMsg) string {
	if msg.Err != nil {
		return "refresh failed: " + ui.Sanitize(feeds.Reason(msg.Err))
	}
	good, bad := 0, 0
	for _, q := range msg.Quotes {
		if q.Err == nil {
			good++
		} else {
			bad++
		}
	}
	if bad > 0 {
		return "refreshed: " + strconv.Itoa(good) + " quotes, " + strconv.Itoa(bad) + " failed"
	}
	return "refreshed: " + strconv.Itoa(good) + " quotes"
}

// AsOf returns the last date the analytics consider at now: the fixed
// as-of date, else today in New York.
func (f *Feed) AsOf(now time.Time) market.Date {
	if f.asOf != 0 {
		return f.asOf
	}
	return feeds.NewYorkDate(now)
}

// State computes what the panels draw for window at now: the analytics
// (ui.Compute) with the feed's loading state, warnings and config error
// laid over. Demo and CSV data are measured against their own newest
// observation instead of now.
func (f *Feed) State(w market.Window, now time.Time) ui.State {
	f.showing(w)
	asOf := f.AsOf(now)
	if f.dataClock {
		now = ui.DataTime(f.Data, asOf)
	}
	d := f.Data
	if f.strict {
		d = strictView(d)
	}
	var st ui.State
	if len(d.Histories) > 0 {
		st = f.computer.Compute(f.Spec, d, w, asOf, now)
	} else {
		st = ui.State{Now: now, Status: ui.Status{Errors: map[string]string{}}}
		st.Report.Window, st.Report.AsOf = w, asOf
	}
	s := &st.Status
	s.Loading, s.Loaded, s.Total = f.Loading, f.Loaded, f.Total
	s.ConfigError = f.ConfigErr
	st.AlertMarks = f.alertMarks
	for _, t := range topics {
		if text := f.warn[t]; text != "" {
			if !slices.Contains(s.Warnings, text) { // Compute may have said it already
				s.Warnings = append(s.Warnings, text)
			}
		}
	}
	return st
}
