package ui

import (
	"math"
	"sort"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

// Intraday is what the 1D window draws: the session's report on 5-minute
// bars, the session itself, and Tesla's market-cap move since the previous
// close counted in incumbents.
type Intraday struct {
	Report  market.IntradayReport
	Session calendar.Session
	Live    bool // the session is running at the state's now
	// TeslaToday is Tesla's market-cap change since the previous close in
	// USD; TeslaTodayIn the same, unsigned, in each incumbent's market cap.
	TeslaToday   float64
	TeslaTodayIn []float64
}

// computeIntraday builds the 1D view from d's 5-minute bars and the daily
// series the rest of the state uses (their last point already moved by
// the live quote), so that 1D and the daily figures agree: each symbol's
// base is its close on the previous session and its last point its close
// (or live price) on the session. Nil without bars.
func computeIntraday(spec market.Spec, d Data, o observed, gap market.GapReport, now time.Time) *Intraday {
	if len(d.Intraday) == 0 || d.IntradaySession.Date == 0 {
		return nil
	}
	sess := d.IntradaySession
	prevDate := sess.Previous().Date
	in := market.IntradayInput{
		Spec: spec, Session: sess.Date, Open: sess.Open, Step: feeds.IntradayStep,
		Bars:       make(map[string]market.IntradaySeries, len(d.Intraday)),
		PrevClose:  make(map[string]float64, len(o.hist)),
		SessionEnd: make(map[string]float64, len(o.hist)),
	}
	for sym, b := range d.Intraday {
		s := market.IntradaySeries{Symbol: sym, Times: make([]time.Time, len(b.Bars)), Close: make([]float64, len(b.Bars))}
		for i, bar := range b.Bars {
			s.Times[i], s.Close[i] = bar.Time, bar.Close
		}
		in.Bars[sym] = s
	}
	for sym := range o.hist {
		in.PrevClose[sym] = o.closeOn(sym, prevDate)
		in.SessionEnd[sym] = o.closeOn(sym, sess.Date)
	}
	v := &Intraday{Report: market.AnalyzeIntraday(in), Session: sess, Live: sess.OpenAt(now)}
	incumbCaps := gap.IncumbCaps
	v.TeslaToday, v.TeslaTodayIn = market.DayMove(gap.TeslaCap, in.PrevClose[spec.Tesla], in.SessionEnd[spec.Tesla], incumbCaps)
	return v
}

// closeOn is s's close dated d, NaN when it has none (never the close of
// another day).
func closeOn(s market.Series, d market.Date) float64 {
	i := sort.Search(len(s.Dates), func(i int) bool { return s.Dates[i] >= d })
	if i < len(s.Dates) && s.Dates[i] == d && i < len(s.Close) {
		return s.Close[i]
	}
	return math.NaN()
}

// sessionSlots lays the report's points on the full session (the open and
// each 5-minute bar end up to the close), NaN where no point is yet, so the
// 1D chart spans 09:30 … 16:00 (13:00 on a half day) and grows bar by bar.
func sessionSlots(v *Intraday, values []float64) (times []time.Time, out []float64) {
	n := int(v.Session.Close.Sub(v.Session.Open)/feeds.IntradayStep) + 1
	times, out = make([]time.Time, n), make([]float64, n)
	for i := range out {
		times[i], out[i] = v.Session.Open.Add(time.Duration(i)*feeds.IntradayStep), math.NaN()
	}
	for i, t := range v.Report.Times {
		k := int(t.Sub(v.Session.Open) / feeds.IntradayStep)
		if k >= 0 && k < n && i < len(values) {
			out[k] = values[i]
		}
	}
	return times, out
}
