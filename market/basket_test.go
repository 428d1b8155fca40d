package market

import (
	"math"
	"testing"
)

// Two members, A weight 1 and B weight 3; B misses the last day.
//
//	A: 100, 110,  99, 108.9   returns  .1, −.1, .1
//	B:  50,  50,  55,   —     returns   0,  .1,  —
//
// t1: R = (1·.1 + 3·0)/4 = .025    I = 102.5
// t2: R = (1·−.1 + 3·.1)/4 = .05   I = 107.625
// t3: R = (1·.1)/1 = .1 (B has no return, so only A counts)  I = 118.3875
func TestBasketIndexHandComputed(t *testing.T) {
	ds := weekdays("2024-03-18", 4)
	p := Align([]Series{
		series("A", ds, 100, 110, 99, 108.9),
		series("B", ds, 50, 50, 55),
	}, ds[3], "")
	members := []Member{{"A", 1}, {"B", 3}}
	idx := BasketIndex(p, members)
	assertSlice(t, "index", idx, []float64{100, 102.5, 107.625, 118.3875})

	// Contributions, each day's share scaled by I_{t-1}/I_0 and W_t:
	// A: ¼·.1 + (1.025/4)·(−.1) + 1.07625·.1 = .025 − .025625 + .107625 = .107 → 10.7 pp
	// B: (1.025/4)·3·.1 = .076875 → 7.6875 pp; the sum is the basket's 18.3875 %.
	st := memberStats(p, members, idx, 0, 3)
	wantA := MemberStat{Symbol: "A", Weight: .25, Last: 108.9, DayPct: 10, WindowPct: 8.9, Contribution: 10.7}
	wantB := MemberStat{Symbol: "B", Weight: .75, Last: 55, DayPct: nan, WindowPct: nan, Contribution: 7.6875}
	for i, want := range []MemberStat{wantA, wantB} {
		got := st[i]
		if got.Symbol != want.Symbol || !near(got.Weight, want.Weight) || !near(got.Last, want.Last) ||
			!near(got.DayPct, want.DayPct) || !near(got.WindowPct, want.WindowPct) || !near(got.Contribution, want.Contribution) {
			t.Errorf("member %d = %+v, want %+v", i, got, want)
		}
	}
	if sum := st[0].Contribution + st[1].Contribution; !near(sum, 18.3875) {
		t.Errorf("contributions sum to %v, want the basket's 18.3875", sum)
	}
}

func TestBasketIndexLateJoinerAndMissingMember(t *testing.T) {
	// C joins on day 2: day 1 has only A's return (.1), day 2 only A's
	// (C has no previous close), day 3 both: (.1 + .5)/2 = .3.
	//   I: 100, 110, 110·(1+0)=110 … A: 100,110,110,121; C: —,—,10,15
	ds := weekdays("2024-03-18", 4)
	p := Align([]Series{
		series("A", ds, 100, 110, 110, 121),
		{Symbol: "C", Dates: ds[2:], Close: []float64{10, 15}},
	}, ds[3], "")
	members := []Member{{"A", 1}, {"C", 1}, {"GONE", 1}}
	assertSlice(t, "index", BasketIndex(p, members), []float64{100, 110, 110, 143})
	st := memberStats(p, members, BasketIndex(p, members), 0, 3)
	if !st[2].Missing || !math.IsNaN(st[2].Last) {
		t.Errorf("GONE not marked missing: %+v", st[2])
	}
	// C's window return runs from its first close: 15/10 − 1 = 50 %.
	if !near(st[1].WindowPct, 50) {
		t.Errorf("late joiner window %% = %v, want 50", st[1].WindowPct)
	}
	// Weights normalise over the basket as configured: 1/3 each.
	if !near(st[0].Weight, 1.0/3) {
		t.Errorf("weight %v", st[0].Weight)
	}
}

func TestBasketIndexBeforeAnyData(t *testing.T) {
	ds := weekdays("2024-03-18", 3)
	p := Align([]Series{{Symbol: "A", Dates: ds[1:], Close: []float64{5, 6}}, series("X", ds, 1, 1, 1)}, ds[2], "")
	assertSlice(t, "index", BasketIndex(p, []Member{{"A", 1}}), []float64{nan, 100, 120})
}

func TestBasketIndexIsScaleInvariant(t *testing.T) {
	// Property: multiplying a member's prices by a constant (a split, a
	// currency) changes no return, so the index is unchanged.
	ds := weekdays("2024-01-01", 30)
	a, b := make([]float64, 30), make([]float64, 30)
	for i := range a {
		a[i] = 100 + 10*math.Sin(float64(i))
		b[i] = 50 + float64(i%7)
	}
	scaled := make([]float64, 30)
	for i := range b {
		scaled[i] = 1000 * b[i]
	}
	m := []Member{{"A", 2}, {"B", 1}}
	p1 := Align([]Series{series("A", ds, a...), series("B", ds, b...)}, ds[29], "")
	p2 := Align([]Series{series("A", ds, a...), series("B", ds, scaled...)}, ds[29], "")
	assertSlice(t, "scaled", BasketIndex(p2, m), BasketIndex(p1, m))
}

func TestRebase(t *testing.T) {
	// Base at index 1: 200 → 100; 300 → 150; 100 → 50.
	assertSlice(t, "rebase", Rebase([]float64{7, 200, 300, 100}, 1), []float64{100, 150, 50})
	// No value at the base: the first later value becomes the base.
	assertSlice(t, "late", Rebase([]float64{nan, 4, 5}, 0), []float64{nan, 100, 125})
	// Property: rebasing at the base of a rebased series changes nothing.
	once := Rebase([]float64{3, 6, 9, 12}, 1)
	assertSlice(t, "twice", Rebase(once, 0), once)
}

// TestUnattributedContribution: in a report, a member without a window
// return (B above: no close on the last day) shows no contribution; its
// 7.6875 pp are the basket's unattributed part, so A's 10.7 plus 7.6875 is
// still the basket's 18.3875 %.
func TestUnattributedContribution(t *testing.T) {
	ds := weekdays("2024-03-18", 4)
	p := Align([]Series{
		series("A", ds, 100, 110, 99, 108.9),
		series("B", ds, 50, 50, 55),
	}, ds[3], "")
	b := Basket{Key: "k", Members: []Member{{"A", 1}, {"B", 3}}}
	_, br := basket(p, b, newPrepScratch(len(p.Dates)), 0, 3)
	if a, bb := br.Members[0], br.Members[1]; !near(a.Contribution, 10.7) || !math.IsNaN(bb.Contribution) {
		t.Errorf("contributions A %v B %v, want 10.7 and none", a.Contribution, bb.Contribution)
	}
	if !near(br.Unattributed, 7.6875) || !near(br.Members[0].Contribution+br.Unattributed, br.ReturnPct) {
		t.Errorf("unattributed %v, return %v: want 7.6875, and A + unattributed = return", br.Unattributed, br.ReturnPct)
	}
}
