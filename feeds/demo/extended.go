package demo

import (
	"math"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// postAfterClose is when a simulated post-market trade happens: 17:35 New
// York time, 95 minutes after the close the demo's quotes carry.
const postAfterClose = 95 * time.Minute

// simulatedPost is the demo's post-market trade of sym on asOf, so the
// extended-hours display can be seen without a live feed. About one stock
// in four has one, chosen by a hash of the symbol and the date (the same
// every run); crypto trades around the clock and has none. Its move is
// −1.50% to +1.50% from the close in steps of 0.01%, rounded to the cent.
// It is simulated like every demo number and carries the demo's origin.
func simulatedPost(sym string, crypto bool, asOf market.Date, price float64, closeAt time.Time) (feeds.Extended, bool) {
	h := hash64("post", sym, asOf.String())
	if crypto || (h>>33)%4 != 0 || !(price > 0) {
		return feeds.Extended{}, false
	}
	pct := float64(int((h>>8)%301)-150) / 100
	post := math.Round(price*(1+pct/100)*100) / 100
	chg := post - price
	return feeds.Extended{Price: post, Change: chg, ChangePct: 100 * chg / price, Time: closeAt.Add(postAfterClose)}, true
}
