package snapshot

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// writeMarkdown writes the snapshot as GitHub-flavoured Markdown: a title,
// one section per panel with tables, and charts in fenced code blocks.
func writeMarkdown(w io.Writer, s ui.State, o Options) error {
	var b bytes.Buffer
	r := s.Report
	asOf := dash
	if r.AsOf != 0 {
		asOf = r.AsOf.String()
	}
	fmt.Fprintf(&b, "# whoosh snapshot — %s · %s · %s\n\n", asOf, r.Window, inline(s.Status.Badge))
	var facts []string
	if len(r.Dates) > 0 {
		facts = append(facts, fmt.Sprintf("Window %s → %s (%d trading days)", r.Start, r.Dates[len(r.Dates)-1], len(r.Dates)-1))
	}
	if s.Status.Provider != "" {
		facts = append(facts, "provider "+inline(s.Status.Provider))
	}
	if t := timeOrNil(s.Status.Updated); t != nil {
		facts = append(facts, "data from "+*t)
	}
	if s.Status.MarketState != "" {
		facts = append(facts, "market "+inline(s.Status.MarketState))
	}
	if s.Status.Stale {
		facts = append(facts, "**stale**")
	}
	if len(facts) > 0 {
		b.WriteString(strings.Join(facts, " · ") + "\n\n")
	}
	if ws := Warnings(s, o.Warnings); len(ws) > 0 {
		b.WriteString("> **Warnings**\n")
		for _, wn := range ws {
			b.WriteString("> - " + inline(wn) + "\n")
		}
		b.WriteString("\n")
	}

	mdIntraday(&b, s, o.Width)
	mdBaskets(&b, s, r, o.Width)
	mdGap(&b, r, o.Width)
	mdCorrelation(&b, r)
	mdWhoosh(&b, r, o.Width)
	mdWatchlists(&b, s, r, o.Width)
	if s.Macro != nil {
		mdMacro(&b, s.Macro)
	}
	mdThesis(&b, o.Thesis)
	mdSymbols(&b, s)
	_, err := w.Write(bytes.TrimRight(b.Bytes(), "\n"))
	if err == nil {
		_, err = io.WriteString(w, "\n")
	}
	return err
}

func mdBaskets(b *bytes.Buffer, s ui.State, r market.Report, width int) {
	b.WriteString("## Bits vs atoms\n\n")
	table(b, []string{"basket", "index", "window", "day"}, "lrrr", [][]string{
		basketRow(r.Bits), basketRow(r.Atoms),
	})
	fmt.Fprintf(b, "Relative strength (bits/atoms, base 100): **%s** · spread %s\n\n", fixed(r.RS.Last, 2), pp(r.RS.SpreadPP))
	// Without colour each line has its own glyph, named in the legend.
	if chart := ui.PlainChart([][]float64{r.Bits.Index, r.Atoms.Index}, []string{"", ui.Glyphs[1]}, r.Dates, width, chartHeight+2); chart != "" {
		fence(b, chart+"\n"+fmt.Sprintf("%s bits (ends %s)   %s atoms (ends %s), base 100",
			ui.Glyphs[0], fixed(lastValue(r.Bits.Index), 2), ui.Glyphs[1], fixed(lastValue(r.Atoms.Index), 2)))
	}
	fence(b, plot(width, "relative strength bits/atoms", r.RS.Series))
	for _, bk := range []market.BasketReport{r.Bits, r.Atoms} {
		fmt.Fprintf(b, "### %s\n\n", inline(basketTitle(bk)))
		membersTable(b, s, bk.Members)
	}
}

func basketTitle(bk market.BasketReport) string {
	if bk.Name != "" {
		return bk.Name
	}
	return bk.Key
}

func basketRow(bk market.BasketReport) []string {
	return []string{basketTitle(bk), fixed(lastValue(bk.Index), 2), pct(bk.ReturnPct), pct(bk.DayPct)}
}

// membersTable states the price currency once, in the "last" header; a
// member quoted in another currency carries its own sign (ui's rule).
// Members are in the text's order: by contribution, largest first.
func membersTable(b *bytes.Buffer, s ui.State, ms []market.MemberStat) {
	ms = ui.SortMembers(ms, ui.SortContribution)
	syms := make([]string, len(ms))
	for i, m := range ms {
		syms[i] = m.Symbol
	}
	cur := ui.TableCurrency(s, syms)
	rows := make([][]string, 0, len(ms))
	for _, m := range ms {
		sym := m.Symbol
		if m.Missing {
			sym += " (no data)"
		}
		rows = append(rows, []string{sym, fixed(m.Weight*100, 1) + "%", money(s, m.Symbol, m.Last, cur), pct(m.DayPct), pct(m.WindowPct), pp(m.Contribution)})
	}
	table(b, []string{"symbol", "weight", lastHead(cur), "day", "window", "contribution"}, "lrrrrr", rows)
}

func mdGap(b *bytes.Buffer, r market.Report, width int) {
	g := r.Gap
	first := "first incumbent"
	if len(g.Incumbents) > 0 {
		first = g.Incumbents[0]
	}
	fmt.Fprintf(b, "## %s vs %s\n\n", inline(g.Tesla), inline(strings.Join(g.Incumbents, ", ")))
	rows := [][]string{{g.Tesla + " market cap", usd(g.TeslaCap)}}
	for i, sym := range g.Incumbents {
		rows = append(rows, []string{sym + " market cap", usd(at(g.IncumbCaps, i))})
	}
	rows = append(rows,
		[]string{g.Tesla + "/" + first, times(g.RatioFirst)},
		[]string{g.Tesla + "/(" + strings.Join(g.Incumbents, "+") + ")", times(g.RatioAll)},
		[]string{"dollar gap (" + g.Tesla + " − " + first + ")", usd(g.DollarGap)},
		[]string{strconv.Itoa(g.MoveDays) + "-day move of " + g.Tesla, usd(g.MoveUSD)},
	)
	for i, sym := range g.Incumbents {
		rows = append(rows, []string{"… in " + sym + " market caps", times(at(g.MoveInEach, i))})
	}
	table(b, []string{"metric", "value"}, "lr", rows)
	if g.Approx {
		b.WriteString("Market caps marked approximate: adjusted close × current shares outstanding.\n\n")
	}
	fence(b, plot(width, g.Tesla+"/"+first+" market-cap ratio", g.RatioHistory))
	fence(b, plot(width, strconv.Itoa(g.MoveDays)+"-day move of "+g.Tesla+" in "+first+"s", g.MoveHistory))
}

func mdCorrelation(b *bytes.Buffer, r market.Report) {
	c := r.Tesla
	fmt.Fprintf(b, "## %s: bits or atoms?\n\n", inline(c.Symbol))
	table(b, []string{"basket", fmt.Sprintf("correlation (%dd)", c.Days), "beta"}, "lrr", [][]string{
		{"bits", fixed(c.CorrBits, 2), fixed(c.BetaBits, 2)},
		{"atoms", fixed(c.CorrAtoms, 2), fixed(c.BetaAtoms, 2)},
	})
	if c.Label != "" {
		fmt.Fprintf(b, "**%s**\n\n", inline(c.Label))
	}
}

func mdWhoosh(b *bytes.Buffer, r market.Report, width int) {
	wr := r.Whoosh
	b.WriteString("## Whoosh Index\n\n")
	fmt.Fprintf(b, "**%s** / 100 — %s\n\n", fixed(wr.Score, 1), inline(orDash(wr.Band)))
	rows := make([][]string, 0, len(wr.Components))
	for _, c := range wr.Components {
		note := ""
		if !c.Present {
			note = "absent"
			if c.Why != "" {
				note += ": " + c.Why
			}
		}
		rows = append(rows, []string{c.Name, fixed(c.Raw, 4), fixed(c.Scale, 2), fixed(c.Weight, 2), signed(c.Signal, 3), signed(c.Points, 2), note})
	}
	table(b, []string{"component", "raw", "scale", "weight", "signal", "points", "note"}, "lrrrrrl", rows)
	fence(b, plot(width, "Whoosh Index history", wr.History))
}

func mdWatchlists(b *bytes.Buffer, s ui.State, r market.Report, width int) {
	if len(r.Watchlists) == 0 {
		return
	}
	b.WriteString("## Watchlists\n\n")
	rows := make([][]string, 0, len(r.Watchlists))
	for _, wl := range r.Watchlists {
		rows = append(rows, basketRow(wl))
	}
	table(b, []string{"watchlist", "index", "window", "day"}, "lrrr", rows)
	for _, wl := range r.Watchlists {
		fmt.Fprintf(b, "### %s\n\n", inline(basketTitle(wl)))
		membersTable(b, s, wl.Members)
		fence(b, plot(width, "equal-weight index, base 100", wl.Index))
	}
}

func mdMacro(b *bytes.Buffer, m *market.MacroReport) {
	b.WriteString("## Macro\n\n")
	rows := make([][]string, 0, len(m.Series))
	for _, s := range m.Series {
		date := dash
		if finite(s.Last.Value) {
			date = s.Last.Date.String()
		}
		// ui's macro formats, the text's and the screen's: "12.51M", "-18k".
		rows = append(rows, []string{s.Name + " (" + s.ID + ")", ui.MacroValue(s, s.Last.Value), date,
			ui.MacroChange(s, s.Change3M), ui.MacroChange(s, s.Change6M), ui.MacroChange(s, s.Change12M)})
	}
	table(b, []string{"series", "last", "date", "3m", "6m", "12m"}, "lrlrrr", rows)
	hit := "not triggered"
	if m.SahmHit {
		hit = "**triggered**"
	}
	fmt.Fprintf(b, "Sahm rule: %s pt (%s) · food services vs 12-month high: %s\n\n", fixed(m.Sahm, 2), hit, pct(m.FoodVsHigh))
	if len(m.Roadmap) > 0 {
		rows := make([][]string, 0, len(m.Roadmap))
		for _, st := range m.Roadmap {
			status := "not yet"
			switch {
			case !st.Known:
				status = "unknown"
			case st.Triggered:
				status = "✓ triggered"
			}
			rows = append(rows, []string{st.Name, status, st.Detail})
		}
		table(b, []string{"roadmap step", "status", "number"}, "lll", rows)
	}
}

// table writes a GitHub table. align has one letter per column: 'l' or 'r'.
// Every cell is sanitized and has its pipes escaped; short rows are padded
// so every row has the header's column count.
func table(b *bytes.Buffer, header []string, align string, rows [][]string) {
	line := func(cells []string) {
		b.WriteString("|")
		for i := range header {
			c := ""
			if i < len(cells) {
				c = cell(cells[i])
			}
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
	}
	line(header)
	b.WriteString("|")
	for i := range header {
		if i < len(align) && align[i] == 'r' {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	for _, r := range rows {
		line(r)
	}
	b.WriteString("\n")
}

// cell makes s safe inside a table cell: sanitized, pipes escaped, never
// empty-looking because of surrounding spaces.
func cell(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(ui.Sanitize(s)), "|", `\|`)
}

// inline makes s safe in running text and headings (sanitized, pipes
// escaped so that it cannot open a table).
func inline(s string) string { return cell(s) }

// fence writes a chart in a fenced code block; nothing when chart is "".
func fence(b *bytes.Buffer, chart string) {
	if chart == "" {
		return
	}
	b.WriteString("```text\n" + chart + "\n```\n\n")
}

func orDash(s string) string {
	if s == "" {
		return dash
	}
	return s
}
