package market

import (
	"fmt"
	"strings"
)

// Window is a look-back period for returns and charts.
type Window int

// The windows. ←/→ step through them in Windows' order, which puts 1D
// first (its value comes last only so that the daily windows keep theirs).
const (
	Win1M Window = iota
	Win3M
	Win6M
	WinYTD
	Win1Y
	Win2Y
	Win5Y
	WinEssay
	// Win1D is today's session (or the last closed one) on 5-minute bars;
	// its daily base is the previous session's close.
	Win1D
)

// EssayDate is the publication date of "The Big Whoosh"; the ESSAY window
// starts at its close.
var EssayDate = DateOf(2024, 3, 20)

var windowNames = [...]string{"1M", "3M", "6M", "YTD", "1Y", "2Y", "5Y", "ESSAY", "1D"}

// windowOrder is the display order.
var windowOrder = [...]Window{Win1D, Win1M, Win3M, Win6M, WinYTD, Win1Y, Win2Y, Win5Y, WinEssay}

// Windows returns every window in display order: 1D 1M 3M 6M YTD 1Y 2Y 5Y ESSAY.
func Windows() []Window { return windowOrder[:] }

// String returns the window's label: 1D 1M 3M 6M YTD 1Y 2Y 5Y ESSAY.
func (w Window) String() string {
	if w < 0 || int(w) >= len(windowNames) {
		return fmt.Sprintf("Window(%d)", int(w))
	}
	return windowNames[w]
}

// ParseWindow parses a window label, case-insensitively.
func ParseWindow(s string) (Window, error) {
	names := make([]string, len(windowOrder))
	for i, w := range windowOrder {
		if strings.EqualFold(strings.TrimSpace(s), w.String()) {
			return w, nil
		}
		names[i] = w.String()
	}
	return 0, fmt.Errorf("unknown window %q (want one of %s)", s, strings.Join(names, ", "))
}

// position is w's place in the display order (0 for an unknown window).
func (w Window) position() int {
	for i, x := range windowOrder {
		if x == w {
			return i
		}
	}
	return 0
}

// Next returns the following window, wrapping around; Prev the one before.
func (w Window) Next() Window { return windowOrder[(w.position()+1)%len(windowOrder)] }

// Prev returns the window before w, wrapping around.
func (w Window) Prev() Window {
	return windowOrder[(w.position()+len(windowOrder)-1)%len(windowOrder)]
}

// Intraday reports whether w is drawn on 5-minute bars (1D).
func (w Window) Intraday() bool { return w == Win1D }

// Base returns the calendar date whose close is the window's base: the
// window's return runs from the last trading day on or before Base(asOf) to
// asOf. YTD is based on the last close of the previous year; ESSAY on the
// essay's publication day; 1D on the previous session's close (the day
// before asOf, or the last trading day before it).
func (w Window) Base(asOf Date) Date {
	switch w {
	case Win1D:
		return asOf.AddDays(-1)
	case Win1M:
		return asOf.AddMonths(-1)
	case Win3M:
		return asOf.AddMonths(-3)
	case Win6M:
		return asOf.AddMonths(-6)
	case WinYTD:
		return DateOf(asOf.Year()-1, 12, 31)
	case Win1Y:
		return asOf.AddMonths(-12)
	case Win2Y:
		return asOf.AddMonths(-24)
	case Win5Y:
		return asOf.AddMonths(-60)
	default:
		return EssayDate
	}
}
