package market

import (
	"fmt"
	"strings"
)

// Window is a look-back period for returns and charts.
type Window int

// The windows, in the order ←/→ step through them.
const (
	Win1M Window = iota
	Win3M
	Win6M
	WinYTD
	Win1Y
	Win2Y
	Win5Y
	WinEssay
)

// EssayDate is the publication date of "The Big Whoosh"; the ESSAY window
// starts at its close.
var EssayDate = DateOf(2024, 3, 20)

var windowNames = [...]string{"1M", "3M", "6M", "YTD", "1Y", "2Y", "5Y", "ESSAY"}

// Windows returns every window in display order.
func Windows() []Window {
	return []Window{Win1M, Win3M, Win6M, WinYTD, Win1Y, Win2Y, Win5Y, WinEssay}
}

// String returns the window's label: 1M 3M 6M YTD 1Y 2Y 5Y ESSAY.
func (w Window) String() string {
	if w < 0 || int(w) >= len(windowNames) {
		return fmt.Sprintf("Window(%d)", int(w))
	}
	return windowNames[w]
}

// ParseWindow parses a window label, case-insensitively.
func ParseWindow(s string) (Window, error) {
	for i, n := range windowNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Window(i), nil
		}
	}
	return 0, fmt.Errorf("unknown window %q (want one of %s)", s, strings.Join(windowNames[:], ", "))
}

// Next returns the following window, wrapping around; Prev the one before.
func (w Window) Next() Window { return Window((int(w) + 1) % len(windowNames)) }

// Prev returns the window before w, wrapping around.
func (w Window) Prev() Window {
	return Window((int(w) + len(windowNames) - 1) % len(windowNames))
}

// Base returns the calendar date whose close is the window's base: the
// window's return runs from the last trading day on or before Base(asOf) to
// asOf. YTD is based on the last close of the previous year; ESSAY on the
// essay's publication day.
func (w Window) Base(asOf Date) Date {
	switch w {
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
