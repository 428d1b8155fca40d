package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// HeaderPanel is the top of every screen and of the snapshot: the source
// badge (LIVE · DELAYED · CACHED 3h · DEMO (simulated) · CSV), market
// state, last update, window and its dates, loading progress, stale mark,
// the per-symbol error summary, warnings and a config error. It wraps onto
// more lines rather than cutting, up to height lines (<= 0: all).
func HeaderPanel(s State, width, height int) string {
	p := pal()
	st := s.Status
	badge := Sanitize(st.Badge)
	if badge == "" {
		badge = "NO DATA"
	}
	segs := []string{p.Title.Render("WHOOSH"), p.Badge.Render("[" + badge + "]")}
	if st.Stale && badge != "STALE" {
		segs = append(segs, p.Warn.Render(staleText(s)))
	}
	if ms := Sanitize(st.MarketState); ms != "" {
		segs = append(segs, "market "+strings.ToLower(ms))
	}
	if !st.Updated.IsZero() {
		segs = append(segs, DataTimeText(st.Updated, s.Now))
	}
	r := s.Report
	win := "window " + r.Window.String()
	if len(r.Dates) > 0 {
		win += " " + r.Start.String() + "→" + r.AsOf.String()
		if nominal := calendarBase(r); r.Start > nominal.AddDays(7) {
			win += " (data from " + r.Start.String() + " only)"
		}
	} else if r.AsOf != 0 {
		win += " as of " + r.AsOf.String()
	}
	if r.Window == market.WinEssay && r.AsOf != 0 && r.AsOf < market.EssayDate {
		win += " (the essay is " + market.EssayDate.String() + ", after this date)"
	}
	segs = append(segs, win)
	if st.DataEnds != 0 {
		segs = append(segs, p.Warn.Render("data ends "+st.DataEnds.String()))
	}
	if st.Loading {
		if st.Total > 0 {
			segs = append(segs, p.Warn.Render(fmt.Sprintf("loading history %d/%d", st.Loaded, st.Total)))
		} else {
			segs = append(segs, p.Warn.Render("loading…"))
		}
	}
	lines := packSegments(segs, "  ", width)
	if e := st.ErrorSummary(); e != "" {
		lines = append(lines, wrapStyled(p.Err.Render, "! "+Sanitize(e), width)...)
	}
	if len(r.Missing) > 0 {
		miss := make([]string, len(r.Missing))
		for i, m := range r.Missing {
			miss[i] = Sanitize(m)
		}
		lines = append(lines, wrapStyled(p.Warn.Render, "missing: "+strings.Join(miss, " "), width)...)
	}
	for _, w := range st.Warnings {
		lines = append(lines, wrapStyled(p.Warn.Render, Sanitize(w), width)...)
	}
	if errs := st.ConfigErrors(); len(errs) > 0 {
		// One line per problem, each wrapped at word boundaries.
		for _, e := range errs {
			lines = append(lines, wrapStyled(p.Err.Render, "config: "+e, width)...)
		}
		lines = append(lines, p.Err.Render("(keeping the last good config)"))
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// wrapStyled wraps plain text to width and styles each line.
func wrapStyled(style func(...string) string, text string, width int) []string {
	ls := wrap(text, width)
	for i := range ls {
		ls[i] = style(ls[i])
	}
	return ls
}

// DataTimeText says when the data shown was observed, in the exchange's
// time, and how long ago: "data 2026-11-27 16:00 ET (3d ago)".
func DataTimeText(observed, now time.Time) string {
	t := "data " + FormatET(observed)
	if !now.IsZero() && now.After(observed) {
		t += " (" + feeds.ShortAge(now.Sub(observed)) + " ago)"
	}
	return t
}

// staleText names the stale symbols with the date of their data.
func staleText(s State) string {
	syms := s.Status.StaleSymbols
	parts := make([]string, 0, 3)
	for i, sym := range syms {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("+%d", len(syms)-3))
			break
		}
		parts = append(parts, Sanitize(sym)+" "+feeds.NewYorkDate(s.Symbols[sym].Observed).String())
	}
	return "STALE: " + strings.Join(parts, ", ")
}

// calendarBase is the first date the window asks for.
func calendarBase(r market.Report) market.Date { return r.Window.Base(r.AsOf) }
