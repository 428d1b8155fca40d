package feeds

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/whoosh-dev/whoosh/feeds/calendar"
)

// IntradayStep is the spacing of intraday bars: five minutes.
const IntradayStep = 5 * time.Minute

// IntradayRetention is how far back Yahoo keeps 5-minute bars (about 60
// days); older sessions are refused with ErrIntradayTooOld.
const IntradayRetention = 60 * 24 * time.Hour

// ErrIntradayTooOld is wrapped when a session's 5-minute bars are older
// than any source keeps them.
var ErrIntradayTooOld = errors.New("5-minute bars are kept for about 60 days")

// IntradayBar is one 5-minute bar: its start instant (in the exchange's
// zone) and its close. A bar whose price is missing is dropped, never 0.
type IntradayBar struct {
	Time  time.Time
	Close float64
}

// Intraday is one symbol's 5-minute bars over one session, and where they
// came from. Err is set when this symbol failed.
type Intraday struct {
	Symbol  string
	Session calendar.Session
	Bars    []IntradayBar
	Origin  Origin
	Err     error
}

// IntradayProvider is a Provider that also serves 5-minute bars.
type IntradayProvider interface {
	// Intraday returns each symbol's bars of session s starting at or
	// after since (the whole session when since is zero or before the
	// open), one Intraday per requested symbol in the same order, with
	// per-symbol failures in Intraday.Err. Bars are clipped to the regular
	// session [open, close).
	Intraday(ctx context.Context, symbols []string, s calendar.Session, since time.Time) ([]Intraday, error)
}

// CheckIntradayAge returns an error wrapping ErrIntradayTooOld when
// session s is older than IntradayRetention at now.
func CheckIntradayAge(s calendar.Session, now time.Time) error {
	if now.Sub(s.Close) > IntradayRetention {
		return fmt.Errorf("session %s: %w", s.Date, ErrIntradayTooOld)
	}
	return nil
}

// ClipIntraday returns bars sorted by time, one per instant (the last
// given wins), without missing, non-positive or infinite closes, inside
// [max(s.Open, since), s.Close).
func ClipIntraday(bars []IntradayBar, s calendar.Session, since time.Time) []IntradayBar {
	from := s.Open
	if since.After(from) {
		from = since
	}
	out := make([]IntradayBar, 0, len(bars))
	for _, b := range bars {
		if b.Time.Before(from) || !b.Time.Before(s.Close) || !(b.Close > 0) || math.IsInf(b.Close, 0) {
			continue
		}
		out = append(out, b)
	}
	slices.SortStableFunc(out, func(a, b IntradayBar) int { return a.Time.Compare(b.Time) })
	dedup := out[:0]
	for _, b := range out {
		if n := len(dedup); n > 0 && dedup[n-1].Time.Equal(b.Time) {
			dedup[n-1] = b
			continue
		}
		dedup = append(dedup, b)
	}
	return dedup
}

// MergeIntraday returns old's bars before the first of tail's, then tail:
// a tail fetched since the last bar replaces that bar (a partial bar's
// close moves until the bar ends) and adds the new ones.
func MergeIntraday(old, tail []IntradayBar) []IntradayBar {
	if len(tail) == 0 {
		return slices.Clone(old)
	}
	cut := len(old)
	for cut > 0 && !old[cut-1].Time.Before(tail[0].Time) {
		cut--
	}
	out := make([]IntradayBar, 0, cut+len(tail))
	return append(append(out, old[:cut]...), tail...)
}

// IntradayComplete reports whether bars cover session s up to its last
// 5-minute slot: the session has closed and the last bar starts in its
// last step.
func IntradayComplete(bars []IntradayBar, s calendar.Session, now time.Time) bool {
	return s.ClosedAt(now) && len(bars) > 0 && !bars[len(bars)-1].Time.Before(s.Close.Add(-IntradayStep))
}
