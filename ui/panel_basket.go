package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

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
	out := slices.Clone(ms)
	val := func(m market.MemberStat) float64 {
		switch key {
		case SortDay:
			return m.DayPct
		case SortWindow:
			return m.WindowPct
		default:
			return m.Contribution
		}
	}
	slices.SortStableFunc(out, func(a, b market.MemberStat) int {
		if key == SortName {
			return cmp.Compare(a.Symbol, b.Symbol)
		}
		va, vb := val(a), val(b)
		switch fa, fb := finite(va), finite(vb); {
		case !fa && !fb:
			return 0
		case !fa:
			return 1
		case !fb:
			return -1
		}
		return cmp.Compare(vb, va)
	})
	return out
}

// TableOptions say how a basket table is drawn: its sort order and the
// selected row (-1 for none) in sorted order.
type TableOptions struct {
	Sort     SortKey
	Selected int
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
	colDay     = 8
	colWindow  = 9
	colContrib = 9
	tableMinW  = 2 + colSym + colLast + colDay + colWindow + colContrib // 47
)

// BasketTable draws one basket: a summary line, then one row per member
// with symbol, last, day %, window % and contribution in points. A member
// with an error shows "!" beside its symbol and the error text at the end
// of its row when there is room; a member with no data is marked missing.
// At most height lines; rows scroll to keep the selection visible.
func BasketTable(s State, b market.BasketReport, def string, o TableOptions, width, height int) string {
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
		return strings.Join(fitLines([]string{title(name, width), p.Dim.Render(noDataMsg(s))}, width, height), "\n")
	}
	sum := fmt.Sprintf("window %s · day %s · %d members", p.Signed(b.ReturnPct, fmtPct(b.ReturnPct)), p.Signed(b.DayPct, fmtPct(b.DayPct)), len(b.Members))
	lines := packSegments([]string{head, sum}, "  ", width)
	cols := []string{"SYMBOL", "LAST", "DAY%", "WIN%", "CONTRIB"}
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
	hdr := "  " + padRight(cols[0], colSym) + padLeft(cols[1], colLast) + padLeft(cols[2], colDay) + padLeft(cols[3], colWindow) + padLeft(cols[4], colContrib)
	lines = append(lines, p.Dim.Render(hdr))
	rows := SortMembers(b.Members, o.Sort)
	room := len(rows)
	if height > 0 {
		room = max(height-len(lines), 1)
	}
	first := 0
	if o.Selected >= room {
		first = o.Selected - room + 1
	}
	for i := first; i < len(rows) && i < first+room; i++ {
		lines = append(lines, memberRow(s, rows[i], i == o.Selected, width))
	}
	if first+room < len(rows) && height > 0 {
		last := len(lines) - 1
		lines[last] = p.Dim.Render(fmt.Sprintf("  … %d more (↑/↓)", len(rows)-first-room+1))
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// memberRow is one line of a basket table.
func memberRow(s State, m market.MemberStat, selected bool, width int) string {
	p := pal()
	sym := Sanitize(m.Symbol)
	errText := s.Status.Errors[m.Symbol]
	mark := "  "
	if selected {
		mark = "› "
	}
	symCell := sym
	if errText != "" {
		symCell += "!"
	}
	row := mark + cell(symCell, colSym)
	if m.Missing {
		row += padLeft(p.Dim.Render("missing"), colLast)
	} else {
		num := func(v float64, s string, w int) string { return padLeft(p.Signed(v, s), w) }
		row += padLeft(fmtPrice(m.Last), colLast) +
			num(m.DayPct, fmtPct(m.DayPct), colDay) +
			num(m.WindowPct, fmtPct(m.WindowPct), colWindow) +
			num(m.Contribution, fmtSigned(m.Contribution, 2), colContrib)
		if s.Status.Stale {
			row = p.Dim.Render(row)
		}
	}
	if errText != "" {
		used := tableMinW
		if m.Missing {
			used = 2 + colSym + colLast
		}
		if room := width - used - 2; room >= 8 {
			row = padRight(row, used) + "  " + p.Err.Render(cell(Sanitize(errText), room))
		}
	}
	if selected && p.Color() {
		row = p.Selected.Render(row)
	}
	return row
}
