package ui

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// SortKey is the column a basket table is sorted by.
type SortKey int

// The sort orders, in the order the s key cycles through them. Name sorts
// A→Z; the others largest first; NaN always last.
const (
	SortName SortKey = iota
	SortDay
	SortWindow
	SortContribution
)

var sortNames = [...]string{"name", "day %", "window %", "contribution"}

// String names the sort order.
func (k SortKey) String() string {
	if k < 0 || int(k) >= len(sortNames) {
		return fmt.Sprintf("SortKey(%d)", int(k))
	}
	return sortNames[k]
}

// Next returns the following sort order, wrapping around.
func (k SortKey) Next() SortKey { return SortKey((int(k) + 1) % len(sortNames)) }

// SortMembers returns the members ordered by key (a sorted copy; ties keep
// the basket's order).
func SortMembers(ms []market.MemberStat, key SortKey) []market.MemberStat {
	out := make([]market.MemberStat, len(ms))
	for i, k := range sortOrder(ms, key) {
		out[i] = ms[k]
	}
	return out
}

// sortOrder returns the indices of ms in SortMembers order. Sorting indices
// against precomputed keys, ties broken by index, is a stable sort without
// moving the (large) member structs.
func sortOrder(ms []market.MemberStat, key SortKey) []int {
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	if key == SortName {
		slices.SortFunc(order, func(a, b int) int {
			return cmp.Or(cmp.Compare(ms[a].Symbol, ms[b].Symbol), cmp.Compare(a, b))
		})
		return order
	}
	// Keys are computed once, not per comparison; non-finite values sort
	// last, in basket order.
	type sortKey struct {
		bad bool
		v   float64
		i   int
	}
	keys := make([]sortKey, len(ms))
	for i, m := range ms {
		v := m.Contribution
		switch key {
		case SortDay:
			v = m.DayPct
		case SortWindow:
			v = m.WindowPct
		}
		keys[i] = sortKey{bad: !finite(v), v: v, i: i}
	}
	slices.SortFunc(keys, func(a, b sortKey) int {
		switch {
		case a.bad != b.bad:
			if a.bad {
				return 1
			}
			return -1
		case a.bad || a.v == b.v:
			return cmp.Compare(a.i, b.i)
		case a.v > b.v:
			return -1
		default:
			return 1
		}
	})
	for k, key := range keys {
		order[k] = key.i
	}
	return order
}

// TableOptions say how a basket table is drawn: its sort order and the
// selected row (-1 for none) in sorted order.
type TableOptions struct {
	Sort     SortKey
	Selected int
	// Of, when a filter narrowed the members, is how many the basket
	// has: "1 of 10 members". Empty, when set, is what a table without
	// rows says ("no match for …") instead of the loading state.
	Of    int
	Empty string
}

// BitsPanel is the bits basket table sorted by contribution.
func BitsPanel(s State, width, height int) string {
	return BasketTable(s, s.Report.Bits, "Bits", TableOptions{Sort: SortContribution, Selected: -1}, width, height)
}

// AtomsPanel is the atoms basket table sorted by contribution.
func AtomsPanel(s State, width, height int) string {
	return BasketTable(s, s.Report.Atoms, "Atoms", TableOptions{Sort: SortContribution, Selected: -1}, width, height)
}

// Column widths of a basket table.
const (
	colSym     = 9
	colLast    = 10
	colMark    = 1 // extMark after the price
	colDay     = 8
	colWindow  = 9
	colContrib = 9
	tableMinW  = 2 + colSym + colLast + colMark + colDay + colWindow + colContrib // 48
)

// BasketTable draws one basket: a summary line, then one row per member
// with symbol, last, day %, window % and contribution in points. A member
// with an error shows "!" beside its symbol and the error text at the end
// of its row when there is room; a member with no data is marked missing.
// A member an alert rule watches shows the rule's mark before its symbol
// (◆ fired, ◇ armed). At most height lines (every row when height ≤ 0);
// rows scroll to keep the selection visible, and lines say how many rows
// are hidden above and below.
func BasketTable(s State, b market.BasketReport, def string, o TableOptions, width, height int) string {
	p := pal()
	cur := TableCurrency(s, memberSymbols(b))
	lines := tableHead(s, b, def, o, cur, width)
	if len(b.Members) == 0 {
		return strings.Join(fitLines(lines, width, height), "\n")
	}
	order := sortOrder(b.Members, o.Sort)
	room := len(order)
	if height > 0 {
		room = max(height-len(lines), 1)
	}
	// Only the rows that fit are rendered: a frame costs the screen, not
	// the basket.
	v := visibleRows(len(order), room, o.Selected)
	top, bottom := v.marks()
	if top != "" {
		lines = append(lines, p.Dim.Render(top))
	}
	marked := false
	for i := v.first; i < v.first+v.count; i++ {
		row, mark := memberRow(s, b.Members[order[i]], i == o.Selected, cur, width)
		lines, marked = append(lines, row), marked || mark
	}
	if bottom != "" {
		lines = append(lines, p.Dim.Render(bottom))
	}
	switch {
	case !marked:
	case height <= 0 || len(lines) < height:
		lines = append(lines, p.Dim.Render(extLegend))
	case bottom != "":
		// No line to spare: the legend joins the hidden-rows line.
		lines[len(lines)-1] = p.Dim.Render(bottom + " · " + extLegendShort)
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// tableHead is the lines of a basket table above its rows (for a basket
// without members, all of its lines).
func tableHead(s State, b market.BasketReport, def string, o TableOptions, cur string, width int) []string {
	p := pal()
	name := basketName(b, def)
	style := p.Bits
	if b.Key == "atoms" || def == "Atoms" {
		style = p.Atoms
	}
	head := style.Render(name) + " " + p.Dim.Render("("+Sanitize(b.Key)+")")
	if b.Key == "" || Sanitize(b.Key) == name {
		head = style.Render(name)
	}
	if len(b.Members) == 0 {
		return []string{title(name, width), p.Dim.Render(cmp.Or(o.Empty, noDataMsg(s)))}
	}
	count := fmt.Sprintf("%d members", len(b.Members))
	if len(b.Members) == 1 {
		count = "1 member"
	}
	if o.Of > len(b.Members) {
		count = fmt.Sprintf("%d of %d members", len(b.Members), o.Of)
	}
	sum := fmt.Sprintf("window %s · day %s · %s", p.Signed(b.ReturnPct, fmtPct(b.ReturnPct)), p.Signed(b.DayPct, fmtPct(b.DayPct)), count)
	if b.Unattributed != 0 && !math.IsNaN(b.Unattributed) {
		sum += " · " + fmtSigned(b.Unattributed, 2) + " pp from members without a window return"
	}
	lines := packSegments([]string{head, sum}, "  ", width)
	cols := []string{"SYMBOL", strings.TrimSpace("LAST " + cur), "DAY%", "WIN%", "CONTRIB"}
	switch o.Sort {
	case SortName:
		cols[0] += "▲"
	case SortDay:
		cols[2] += "▼"
	case SortWindow:
		cols[3] += "▼"
	case SortContribution:
		cols[4] += "▼"
	}
	hdr := "  " + padRight(cols[0], colSym) + padLeft(cols[1], colLast) + strings.Repeat(" ", colMark) + padLeft(cols[2], colDay) + padLeft(cols[3], colWindow) + padLeft(cols[4], colContrib)
	return append(lines, p.Dim.Render(hdr))
}

// memberSymbols lists b's members' symbols in basket order.
func memberSymbols(b market.BasketReport) []string {
	out := make([]string, len(b.Members))
	for i, m := range b.Members {
		out[i] = m.Symbol
	}
	return out
}

// memberRow is one line of a basket table, its price bare in the table's
// currency cur, and whether it carries extMark.
func memberRow(s State, m market.MemberStat, selected bool, cur string, width int) (string, bool) {
	p := pal()
	sym := Sanitize(m.Symbol)
	errText := s.Status.Errors[m.Symbol]
	ss, shown := s.Symbols[m.Symbol]
	late := shown && (ss.Fresh == feeds.FreshStale || ss.Origin.Kind == feeds.KindCached)
	note, noteStyle := errText, p.Err.Render
	if note == "" && late {
		// A row whose data is not current says so, with its date.
		note, noteStyle = ss.Badge()+" · "+feeds.NewYorkDate(ss.Observed).String(), p.Warn.Render
	}
	lead := " " + alertGlyph(s.AlertMarks[m.Symbol], " ")
	if selected {
		lead = "›" + alertGlyph(s.AlertMarks[m.Symbol], " ")
	}
	symCell := sym
	if errText != "" {
		symCell += "!"
	}
	mark, marked := " ", false // the extended-hours marker after the price
	row := lead + cell(symCell, colSym)
	if m.Missing {
		what := "missing"
		if s.Status.Loading {
			what = "loading…" // not yet: its history is on its way
		}
		row += padLeft(p.Dim.Render(what), colLast)
	} else {
		num := func(v float64, s string, w int) string { return padLeft(p.Signed(v, s), w) }
		if _, _, ok := ExtendedOf(s, m.Symbol); ok {
			mark, marked = extMark, true
		}
		row += padLeft(CellPriceFit(s, m.Symbol, m.Last, cur, colLast), colLast) + mark +
			num(m.DayPct, fmtPct(m.DayPct), colDay) +
			num(m.WindowPct, fmtPct(m.WindowPct), colWindow) +
			num(m.Contribution, fmtSigned(m.Contribution, 2), colContrib)
		if late {
			row = p.Dim.Render(row)
		}
	}
	if note != "" {
		used := tableMinW
		if m.Missing {
			used = 2 + colSym + colLast + colMark
		}
		if room := width - used - 2; room >= 8 {
			row = padRight(row, used) + "  " + noteStyle(cell(Sanitize(note), room))
		}
	}
	if selected && p.Color() {
		row = p.Selected.Render(row)
	}
	return row, marked
}
