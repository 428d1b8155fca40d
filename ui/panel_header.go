package ui

import (
	"fmt"
	"strings"

	"github.com/whoosh-dev/whoosh/feeds"
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
	if st.Stale {
		segs = append(segs, p.Warn.Render("STALE"))
	}
	if ms := Sanitize(st.MarketState); ms != "" {
		segs = append(segs, "market "+strings.ToLower(ms))
	}
	if !st.Updated.IsZero() {
		u := "updated " + st.Updated.UTC().Format("2006-01-02 15:04Z")
		if !s.Now.IsZero() && s.Now.After(st.Updated) {
			u += " (" + feeds.ShortAge(s.Now.Sub(st.Updated)) + " ago)"
		}
		segs = append(segs, u)
	}
	r := s.Report
	win := "window " + r.Window.String()
	if len(r.Dates) > 0 {
		win += " " + r.Start.String() + "→" + r.AsOf.String()
	} else if r.AsOf != 0 {
		win += " as of " + r.AsOf.String()
	}
	segs = append(segs, win)
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
	if st.ConfigError != "" {
		lines = append(lines, wrapStyled(p.Err.Render, "config: "+Sanitize(st.ConfigError)+" (keeping last good config)", width)...)
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
