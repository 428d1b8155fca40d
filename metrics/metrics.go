// Package metrics exposes whoosh's numbers in the Prometheus exposition
// format. Nothing is stored between scrapes: every scrape computes the
// state of the shared feed (app.Hub.State) and reports it, so /metrics
// always says what a snapshot taken at the same moment would.
package metrics

import (
	"math"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// Options are where the collector reads its numbers.
type Options struct {
	// State computes the state of the shared feed for a window.
	State func(w market.Window) ui.State
	// Window is the window of the window-free series' report (the
	// served dashboard's default); RS, spread and baskets are reported for
	// every window.
	Window market.Window
	// Sessions returns the number of open SSH sessions (nil: not reported).
	Sessions func() int
	// Requests returns the provider requests made so far (nil: not
	// reported).
	Requests func() map[app.RequestKey]uint64
}

// NewRegistry returns a registry with whoosh's collector and the
// standard Go and process collectors.
func NewRegistry(o Options) *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), New(o))
	return reg
}

// Handler serves reg's metrics.
func Handler(reg *prometheus.Registry) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg})
}

func desc(name, help string, labels ...string) *prometheus.Desc {
	return prometheus.NewDesc("whoosh_"+name, help, labels, nil)
}

var (
	descIndex       = desc("index", "Whoosh Index, 0-100 (50 neutral, above: atoms losing to bits).")
	descLegPoints   = desc("index_leg_points", "Points a leg adds to the Whoosh Index.", "leg")
	descLegSignal   = desc("index_leg_signal", "A leg's signal tanh(c/s), -1 to 1.", "leg")
	descLegRaw      = desc("index_leg_raw", "A leg's raw measure c_k.", "leg")
	descRS          = desc("rs", "Bits vs atoms relative strength, rebased to 100 at the window start.", "window")
	descSpread      = desc("rs_spread_points", "Bits window return minus atoms window return, percentage points.", "window")
	descBasketIndex = desc("basket_index", "A basket's index, rebased to 100 at the window start.", "basket", "window")
	descBasketRet   = desc("basket_return_percent", "A basket's return over the window, percent.", "basket", "window")
	descTeslaGM     = desc("tesla_gm_ratio", "Tesla's market cap over the first incumbent's (TSLA/GM).")
	descTeslaAll    = desc("tesla_incumbents_ratio", "Tesla's market cap over the incumbents' sum (TSLA/(GM+F)).")
	descTeslaMonth  = desc("tesla_month_in_gms", "Tesla's market-cap move over the move days, in first incumbents (GMs).")
	descTeslaCorr   = desc("tesla_correlation", "Rolling correlation of Tesla's daily returns with a basket.", "basket")
	descTeslaBeta   = desc("tesla_beta", "Tesla's beta to a basket's index.", "basket")
	descClaimValue  = desc("thesis_claim_value", "A thesis claim's metric now.", "claim", "unit")
	descClaimVerd   = desc("thesis_claim_verdict", "1 for a thesis claim's current verdict, 0 for the others.", "claim", "verdict")
	descPrice       = desc("symbol_price", "The price shown for a symbol.", "symbol")
	descAge         = desc("symbol_data_age_seconds", "Age of a symbol's newest observation.", "symbol")
	descSessions    = desc("ssh_sessions", "Open SSH dashboard sessions.")
	descRequests    = desc("provider_requests_total", "Requests made to a data provider, by endpoint and HTTP status (error: no answer).", "provider", "endpoint", "status")
)

var verdicts = []market.Verdict{market.OnTrack, market.Confirmed, market.Against, market.Undecided, market.NotMeasurable}

// Collector reports the state of the shared feed on each scrape.
type Collector struct{ o Options }

// New returns the collector for o.
func New(o Options) *Collector { return &Collector{o: o} }

// Describe sends every descriptor.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descIndex, descLegPoints, descLegSignal, descLegRaw, descRS, descSpread,
		descBasketIndex, descBasketRet, descTeslaGM, descTeslaAll, descTeslaMonth, descTeslaCorr, descTeslaBeta,
		descClaimValue, descClaimVerd, descPrice, descAge, descSessions, descRequests} {
		ch <- d
	}
}

// Collect computes the state and sends its numbers. Unknown values (NaN)
// are left out rather than reported as NaN, so a gap in a graph means
// "not known".
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
		}
	}
	if c.o.Sessions != nil {
		gauge(descSessions, float64(c.o.Sessions()))
	}
	if c.o.Requests != nil {
		for k, n := range c.o.Requests() {
			ch <- prometheus.MustNewConstMetric(descRequests, prometheus.CounterValue, float64(n), k.Provider, k.Endpoint, k.Status)
		}
	}
	if c.o.State == nil {
		return
	}
	for _, w := range market.Windows() {
		st := c.o.State(w)
		r := st.Report
		ws := w.String()
		gauge(descRS, r.RS.Last, ws)
		gauge(descSpread, r.RS.SpreadPP, ws)
		seen := map[string]bool{"": true} // a series is reported once; a report without a basket has no key
		for _, b := range append([]market.BasketReport{r.Bits, r.Atoms}, r.Watchlists...) {
			if seen[b.Key] {
				continue
			}
			seen[b.Key] = true
			gauge(descBasketIndex, last(b.Index), b.Key, ws)
			gauge(descBasketRet, b.ReturnPct, b.Key, ws)
		}
		if w == c.o.Window {
			collectState(st, gauge)
		}
	}
}

// collectState sends the series that do not depend on the window.
func collectState(st ui.State, gauge func(*prometheus.Desc, float64, ...string)) {
	r := st.Report
	gauge(descIndex, r.Whoosh.Score)
	for _, leg := range r.Whoosh.Components {
		if leg.Present {
			gauge(descLegPoints, leg.Points, leg.Key)
			gauge(descLegSignal, leg.Signal, leg.Key)
			gauge(descLegRaw, leg.Raw, leg.Key)
		}
	}
	gauge(descTeslaGM, r.Gap.RatioFirst)
	gauge(descTeslaAll, r.Gap.RatioAll)
	gauge(descTeslaMonth, r.Gap.MoveInFirst)
	gauge(descTeslaCorr, r.Tesla.CorrBits, "bits")
	gauge(descTeslaCorr, r.Tesla.CorrAtoms, "atoms")
	gauge(descTeslaBeta, r.Tesla.BetaBits, "bits")
	gauge(descTeslaBeta, r.Tesla.BetaAtoms, "atoms")
	for _, cl := range st.Thesis {
		gauge(descClaimValue, cl.Value, cl.ID, cl.Unit)
		for _, v := range verdicts {
			gauge(descClaimVerd, b2f(cl.Verdict == v), cl.ID, string(v))
		}
	}
	for sym, ss := range st.Symbols {
		gauge(descPrice, ss.Last, sym)
		if !ss.Observed.IsZero() && !st.Now.IsZero() {
			gauge(descAge, math.Floor(ss.Origin.Age(st.Now).Seconds()), sym)
		}
	}
}

func last(vs []float64) float64 {
	if len(vs) == 0 {
		return math.NaN()
	}
	return vs[len(vs)-1]
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
