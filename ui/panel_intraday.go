package ui

import (
	"fmt"
	"strings"

	"github.com/whoosh-dev/whoosh/feeds/calendar"
)

// rsIntradayPanel is RSPanel in the 1D window: both basket indices and RS
// on the session's 5-minute bars, 100 at the previous close, over a time
// axis from the open to the close (the chart grows bar by bar while the
// session runs).
func rsIntradayPanel(s State, width, height int) string {
	v := s.Intraday
	r := v.Report
	p := pal()
	state := "closed"
	if v.Live {
		state = "live"
	}
	head := "Bits vs Atoms · 1D · " + v.Session.Date.String() + " (" + state + ") · base 100 at the previous close"
	if len(r.Times) < 2 {
		msg := "no 5-minute bars for this session yet"
		if !v.Live {
			msg = "no 5-minute bars for this session (the status line says why)"
		}
		return placeholder(head, msg, width, height)
	}
	bitsName, atomsName := basketName(s.Report.Bits, "Bits"), basketName(s.Report.Atoms, "Atoms")
	legend := packSegments([]string{
		p.Bits.Render(legendMark(glyphBits)+" "+bitsName) + " " + fmtNum(lastFinite(r.Bits.Index), 1) + " " + p.Signed(r.Bits.ReturnPct, fmtPct(r.Bits.ReturnPct)),
		p.Atoms.Render(legendMark(glyphAtoms)+" "+atomsName) + " " + fmtNum(lastFinite(r.Atoms.Index), 1) + " " + p.Signed(r.Atoms.ReturnPct, fmtPct(r.Atoms.ReturnPct)),
		"RS " + fmtNum(r.RSLast, 1) + " · spread " + p.Signed(r.SpreadPP, fmtPP(r.SpreadPP)),
		p.Dim.Render(fmt.Sprintf("%d bars · last %s", len(r.Times)-1, r.Times[len(r.Times)-1].In(calendar.NewYork()).Format("15:04")+" ET")),
	}, "   ", width)
	lines := append([]string{title(head, width)}, legend...)
	chartH := height - len(lines)
	if height <= 0 {
		chartH = 10
	}
	rsH := 0
	if chartH >= 17 {
		rsH = chartH / 3
		chartH -= rsH + 1
	}
	times, bits := sessionSlots(v, r.Bits.Index)
	_, atoms := sessionSlots(v, r.Atoms.Index)
	lines = append(lines, plot([]chartLine{{Data: bits, Glyph: glyphBits}, {Data: atoms, Glyph: glyphAtoms}}, axes{Times: times}, width, chartH)...)
	if rsH > 0 {
		_, rs := sessionSlots(v, r.RS)
		lines = append(lines, p.Dim.Render("RS = 100·Bits/Atoms"))
		lines = append(lines, plot([]chartLine{{Data: rs, Glyph: glyphBits}}, axes{Times: times}, width, rsH)...)
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// intradaySegments is the gap panel's line in 1D: "Tesla today +$38B ≈
// 0.8 GMs / 1.0 Fords" (its market-cap move since the previous close).
func intradaySegments(s State) []string {
	v := s.Intraday
	if v == nil || !finite(v.TeslaToday) {
		return nil
	}
	g := s.Report.Gap
	sign := "+"
	if v.TeslaToday < 0 {
		sign = ""
	}
	segs := []string{"Tesla today", pal().Signed(v.TeslaToday, sign+fmtCap(v.TeslaToday))}
	var counts []string
	for i, n := range v.TeslaTodayIn {
		if i < len(g.Incumbents) && finite(n) {
			counts = append(counts, fmt.Sprintf("%.1f %s", n, unitName(Sanitize(g.Incumbents[i]))))
		}
	}
	if len(counts) > 0 {
		segs = append(segs, "≈ "+strings.Join(counts, " / "))
	}
	return segs
}

// dailyNote is what a daily-only panel says in the 1D window.
func dailyNote(s State) string {
	if s.Report.Window.Intraday() {
		return " · daily (1D is intraday)"
	}
	return ""
}

// tickerIntradayChart is a symbol's detail chart in 1D: its own path on
// the session's 5-minute bars, 100 at its previous close, over the time
// axis; nil outside 1D or without a path.
func tickerIntradayChart(s State, sym string, width, height int) []string {
	if s.Intraday == nil {
		return nil
	}
	path, ok := s.Intraday.Report.Members[sym]
	if !ok || !hasFinite(path) {
		return nil
	}
	times, v := sessionSlots(s.Intraday, path)
	ch := plot([]chartLine{{Data: v}}, axes{Times: times}, width, height-1)
	if ch == nil {
		return nil
	}
	return append([]string{pal().Dim.Render("1D · 100 = previous close")}, ch...)
}
