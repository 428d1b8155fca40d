package metrics

import (
	"math"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// TestCollector: the state's numbers come out under their names, unknown
// values are left out, and a claim's verdict is a 0/1 set.
func TestCollector(t *testing.T) {
	st := ui.State{}
	st.Report.Whoosh.Score = 61.5
	st.Report.RS.Last = math.NaN()
	st.Thesis = []market.Claim{{ID: "bits-beat-atoms", Unit: "index", Value: 112, Verdict: market.OnTrack}}
	c := New(Options{State: func(market.Window) ui.State { return st }, Window: market.WinEssay, Sessions: func() int { return 3 }})
	want := `
# HELP whoosh_index Whoosh Index, 0-100 (50 neutral, above: atoms losing to bits).
# TYPE whoosh_index gauge
whoosh_index 61.5
# HELP whoosh_ssh_sessions Open SSH dashboard sessions.
# TYPE whoosh_ssh_sessions gauge
whoosh_ssh_sessions 3
# HELP whoosh_thesis_claim_value A thesis claim's metric now.
# TYPE whoosh_thesis_claim_value gauge
whoosh_thesis_claim_value{claim="bits-beat-atoms",unit="index"} 112
`
	if err := testutil.CollectAndCompare(c, strings.NewReader(want), "whoosh_index", "whoosh_ssh_sessions", "whoosh_thesis_claim_value", "whoosh_rs"); err != nil {
		t.Error(err)
	}
	if n := testutil.CollectAndCount(c, "whoosh_thesis_claim_verdict"); n != 5 {
		t.Errorf("%d verdict series, want one per verdict (5)", n)
	}
}
