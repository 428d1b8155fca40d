package ui

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/whoosh-dev/whoosh/market"
)

// TestVisibleRows checks the scrolling window for every small case: the
// rows shown, hidden above and hidden below add up, everything fits in the
// room, and the selection is always on screen. Two lines of room hold the
// selected row and one joint marker line; one line, the row alone.
func TestVisibleRows(t *testing.T) {
	for n := 0; n <= 25; n++ {
		for room := 1; room <= 12; room++ {
			for sel := -1; sel < n; sel++ {
				v := visibleRows(n, room, sel)
				where := fmt.Sprintf("n=%d room=%d sel=%d: %+v", n, room, sel, v)
				lines := v.count
				top, bottom := v.marks()
				if top != "" {
					lines++
				}
				if bottom != "" {
					lines++
				}
				switch {
				case room >= 2 && (v.first != v.above || v.above+v.count+v.below != n):
					t.Errorf("%s: rows do not add up", where)
				case room == 1 && (v.above+v.below != 0 || v.first+v.count > n):
					t.Errorf("%s: markers without room for them", where)
				case room == 2 && n > 2 && (!v.joint || top != ""):
					t.Errorf("%s: two lines of room want one row and a joint marker line", where)
				case lines > room:
					t.Errorf("%s: %d lines", where, lines)
				case n > 0 && v.count < 1:
					t.Errorf("%s: no row shown", where)
				case sel >= 0 && (sel < v.first || sel >= v.first+v.count):
					t.Errorf("%s: selection off screen", where)
				case n <= room && v.count != n:
					t.Errorf("%s: hides rows that fit", where)
				case n > room && room >= 2 && lines != room:
					t.Errorf("%s: leaves lines empty", where)
				}
			}
		}
	}
}

var moreRE = regexp.MustCompile(`([↑↓]) (\d+) more`)

// hiddenCounts reads the "↑ N more" and "↓ N more" lines of a table.
func hiddenCounts(out string) (above, below int) {
	for _, m := range moreRE.FindAllStringSubmatch(ansi.Strip(out), -1) {
		k, _ := strconv.Atoi(m[2])
		if m[1] == "↑" {
			above = k
		} else {
			below = k
		}
	}
	return above, below
}

// memberRows counts the member rows (symbols W0000…) of a table.
func memberRows(out string) int {
	rows := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "  W") || strings.HasPrefix(l, "› W") {
			rows++
		}
	}
	return rows
}

// TestBigWatchlistRendersWhatFits renders a 1023-member watchlist at
// 200×60 with the selection at the top, in the middle and at the end: the
// panel has 60 lines, the selected row is on it, and the rows shown plus
// those said to be hidden are all the members.
func TestBigWatchlistRendersWhatFits(t *testing.T) {
	s := bigWatchlistState(1023)
	order := SortMembers(s.Report.Watchlists[0].Members, SortWindow)
	for _, sel := range []int{-1, 0, 56, 500, 1022} {
		out := WatchlistPanel(s, 0, TableOptions{Sort: SortWindow, Selected: sel}, 200, 60)
		lines := strings.Split(out, "\n")
		if len(lines) != 60 {
			t.Errorf("sel %d: %d lines, want 60", sel, len(lines))
		}
		rows := memberRows(out)
		above, below := hiddenCounts(out)
		if above+rows+below != 1023 {
			t.Errorf("sel %d: %d above + %d rows + %d below ≠ 1023", sel, above, rows, below)
		}
		if (sel == 1022) != (below == 0) || (sel <= 0) != (above == 0) {
			t.Errorf("sel %d: hidden %d above, %d below", sel, above, below)
		}
		if sel >= 0 && !strings.Contains(out, "› "+order[sel].Symbol+" ") {
			t.Errorf("sel %d: selected row %s not shown:\n%s", sel, order[sel].Symbol, out)
		}
	}
}

// TestBasketTableHeights: a table never exceeds its height, shows every row
// with height 0 (the snapshot), and says how many rows it hides.
func TestBasketTableHeights(t *testing.T) {
	b := bigWatchlistState(40).Report.Watchlists[0]
	s := FixtureState(market.WinEssay)
	o := TableOptions{Sort: SortDay, Selected: 20}
	head := len(tableHead(s, b, "W", o, "", 80))
	if n := strings.Count(BasketTable(s, b, "W", o, 80, 0), "\n") + 1; n != head+40 {
		t.Errorf("height 0: %d lines, want all %d", n, head+40)
	}
	for h := 1; h <= head+42; h++ {
		out := BasketTable(s, b, "W", o, 80, h)
		n := strings.Count(out, "\n") + 1
		if n > h {
			t.Errorf("height %d: %d lines", h, n)
		}
		above, below := hiddenCounts(out)
		if rows := memberRows(out); h >= head+3 && rows+above+below != 40 {
			t.Errorf("height %d: %d rows + %d above + %d below ≠ 40:\n%s", h, rows, above, below, out)
		}
	}
}

// oldSortMembers is SortMembers as first written: a stable sort of the
// member structs.
func oldSortMembers(ms []market.MemberStat, key SortKey) []market.MemberStat {
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

// tiedMembers has many equal values, NaN and ±Inf, and repeated symbols,
// so that only a stable order is correct.
func tiedMembers(seed uint64, n int) []market.MemberStat {
	rng := rand.New(rand.NewPCG(seed, 7))
	pick := func() float64 {
		switch rng.IntN(8) {
		case 0:
			return math.NaN()
		case 1:
			return math.Inf(1 - 2*rng.IntN(2))
		default:
			return float64(rng.IntN(5) - 2)
		}
	}
	ms := make([]market.MemberStat, n)
	for i := range ms {
		ms[i] = market.MemberStat{Symbol: fmt.Sprintf("S%d", rng.IntN(n/2+1)), Last: float64(i),
			DayPct: pick(), WindowPct: pick(), Contribution: pick()}
	}
	return ms
}

// TestSortMembersStable: sorting indices gives the stable sort's order.
func TestSortMembersStable(t *testing.T) {
	for seed := uint64(0); seed < 20; seed++ {
		ms := tiedMembers(seed, 1+int(seed)*7)
		for key := SortName; key <= SortContribution; key++ {
			got, want := SortMembers(ms, key), oldSortMembers(ms, key)
			for i := range want {
				if got[i].Last != want[i].Last { // Last is the original position
					t.Fatalf("seed %d %v: row %d is member %v, want %v", seed, key, i, got[i].Last, want[i].Last)
				}
			}
		}
	}
}

// TestMoversMatchSortedEnds: the one-pass selection picks what the ends
// of the stable sort by day % pick, ties included, gainers only among the
// best and losers only among the worst (never a symbol twice).
func TestMoversMatchSortedEnds(t *testing.T) {
	for seed := uint64(0); seed < 30; seed++ {
		ms := tiedMembers(seed, int(seed))
		for i := range ms {
			ms[i].Symbol = fmt.Sprintf("M%d", i) // tell tied members apart
		}
		var ok []market.MemberStat
		for _, m := range oldSortMembers(ms, SortDay) {
			if finite(m.DayPct) {
				ok = append(ok, m)
			}
		}
		var wantBest, wantWorst []string
		for i := 0; i < 3 && i < len(ok); i++ {
			if ok[i].DayPct > 0 {
				wantBest = append(wantBest, ok[i].Symbol)
			}
			if w := ok[len(ok)-1-i]; w.DayPct < 0 {
				wantWorst = append(wantWorst, w.Symbol)
			}
		}
		best, worst := movers(ms, 3, nil)
		syms := func(es []string) []string {
			var out []string
			for _, e := range es {
				if !strings.HasPrefix(e, "none") {
					out = append(out, strings.Fields(e)[0])
				}
			}
			return out
		}
		if got := syms(best); !slices.Equal(got, wantBest) {
			t.Errorf("seed %d: best %v, want %v", seed, got, wantBest)
		}
		if got := syms(worst); !slices.Equal(got, wantWorst) {
			t.Errorf("seed %d: worst %v, want %v", seed, got, wantWorst)
		}
	}
}

// TestWindowMarks: the marker lines' text, joint on one line below.
func TestWindowMarks(t *testing.T) {
	tests := []struct {
		v           window
		top, bottom string
	}{
		{window{count: 3}, "", ""},
		{window{first: 2, count: 3, above: 2, below: 4}, "  ↑ 2 more", "  ↓ 4 more"},
		{window{first: 3, count: 1, above: 3, below: 4, joint: true}, "", "  ↑ 3 more · ↓ 4 more"},
		{window{count: 1, below: 7, joint: true}, "", "  ↓ 7 more"},
		{window{first: 7, count: 1, above: 7, joint: true}, "", "  ↑ 7 more"},
	}
	for _, tc := range tests {
		if top, bottom := tc.v.marks(); top != tc.top || bottom != tc.bottom {
			t.Errorf("%+v: %q %q, want %q %q", tc.v, top, bottom, tc.top, tc.bottom)
		}
	}
}
