package snapshot

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"time"

	"github.com/whoosh-dev/whoosh/ui"
)

// Intraday describes the 1D window's session in the JSON document; the
// baskets' and RS's history then hold its 5-minute points.
type Intraday struct {
	Session string `json:"session"` // YYYY-MM-DD
	Open    string `json:"open"`    // RFC 3339 with the exchange's offset
	Close   string `json:"close"`
	HalfDay bool   `json:"half_day"`
	Live    bool   `json:"live"`   // the session was running at the snapshot's clock
	Points  int    `json:"points"` // per series: the previous close plus one per bar
	// TeslaToday is Tesla's market-cap change since the previous close,
	// USD, and the same unsigned in each incumbent's market cap.
	TeslaToday   Float   `json:"tesla_today_usd"`
	TeslaTodayIn []Float `json:"tesla_today_in"`
}

// intradayTime formats a point's instant with its zone's offset
// (2025-06-30T09:35:00-04:00).
func intradayTime(t time.Time) string { return t.Format(time.RFC3339) }

// applyIntraday puts the 1D window into d: the session, and for each basket
// and RS its 5-minute points (timestamped, with zone) as history, its last
// point as index and its 1D return (the day %) as return_pct.
func applyIntraday(d *Document, s ui.State) {
	v := s.Intraday
	if v == nil {
		return
	}
	r := v.Report
	in := &Intraday{
		Session: v.Session.Date.String(), Open: intradayTime(v.Session.Open), Close: intradayTime(v.Session.Close),
		HalfDay: v.Session.Half, Live: v.Live, Points: len(r.Times),
		TeslaToday: Float(v.TeslaToday), TeslaTodayIn: make([]Float, len(v.TeslaTodayIn)),
	}
	for i, x := range v.TeslaTodayIn {
		in.TeslaTodayIn[i] = Float(x)
	}
	d.Intraday = in
	d.WindowStart = nil
	if len(r.Times) > 0 {
		prev := v.Session.Previous().Date.String()
		d.WindowStart = &prev
	}
	timed := func(vs []float64) []Point {
		out := make([]Point, 0, len(r.Times))
		for i, t := range r.Times {
			ts := intradayTime(t)
			out = append(out, Point{Date: v.Session.Date.String(), Time: &ts, Value: Float(at(vs, i))})
		}
		return out
	}
	for _, b := range []*Basket{&d.Baskets.Bits, &d.Baskets.Atoms} {
		ib := r.Bits
		if b == &d.Baskets.Atoms {
			ib = r.Atoms
		}
		b.History, b.Index, b.ReturnPct = timed(ib.Index), Float(lastValue(ib.Index)), Float(ib.ReturnPct)
	}
	d.RS = RS{Last: Float(r.RSLast), SpreadPP: Float(r.SpreadPP), History: timed(r.RS)}
}

// writeIntradayCSV adds the 1D series to the series CSV, the time column
// holding each point's instant with its offset.
func writeIntradayCSV(cw *csv.Writer, s ui.State) {
	v := s.Intraday
	if v == nil {
		return
	}
	r := v.Report
	for _, sr := range []struct {
		name string
		vs   []float64
	}{{"bits.index_1d", r.Bits.Index}, {"atoms.index_1d", r.Atoms.Index}, {"rs_1d", r.RS}} {
		for i, t := range r.Times {
			_ = cw.Write([]string{intradayTime(t), sr.name, FormatNumber(at(sr.vs, i))})
		}
	}
}

// mdIntraday is the Markdown snapshot's 1D section: the session, the 1D
// chart on its time axis and Tesla's move today.
func mdIntraday(b *bytes.Buffer, s ui.State, width int) {
	v := s.Intraday
	if v == nil {
		return
	}
	r := v.Report
	fmt.Fprintf(b, "## Today (1D) · %s\n\n", v.Session.Date)
	fmt.Fprintf(b, "Bits %s · Atoms %s since the previous close · RS %s · spread %s pp · %d five-minute bars\n\n",
		FormatNumber(r.Bits.ReturnPct)+" %", FormatNumber(r.Atoms.ReturnPct)+" %", FormatNumber(r.RSLast), FormatNumber(r.SpreadPP), len(r.Times)-1)
	fence(b, ui.RSPanel(s, max(width, 40), 14))
}
