package ui

import (
	"math"
	"strings"
)

// CurrencyCode is a provider's currency code as whoosh shows it: 3 or 4
// ASCII letters ("USD", "CHF", "USDT"; Yahoo's minor units keep their case:
// "GBp" is pence, not pounds), or "" for anything else — a long, empty or
// hostile string never reaches a header or a cell.
func CurrencyCode(raw string) string {
	c := strings.TrimSpace(Sanitize(raw)) // escapes go first: "\x1b[31mUSD" is USD
	if len(c) < 3 || len(c) > 4 {
		return ""
	}
	for _, r := range c {
		if (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') {
			return ""
		}
	}
	return c
}

// CellPriceFit is CellPrice fitted to a column width cells wide, never
// wider: the price as CellPrice writes it ("CHF 315,189"), else without
// decimals ("CHF 1,133"), else compact with one decimal ("CHF 315.2k"),
// else none ("CHF 315k"), else cut with "…".
func CellPriceFit(s State, sym string, v float64, table string, width int) string {
	sign := ""
	if c := quoteCurrency(s, sym); c != "" && c != table {
		sign = CurrencySign(c)
	}
	return fitMoney(v, sign, width)
}

// fitMoney formats v after the currency sign sign ("" for a bare number),
// in at most width cells (see CellPriceFit).
func fitMoney(v float64, sign string, width int) string {
	if !finite(v) {
		return noValue
	}
	candidates := []string{fmtPrice(v), FormatThousands(v, 0), compactNum(v, 1), compactNum(v, 0)}
	var out string
	for _, num := range candidates {
		out = sign + num
		if neg, ok := strings.CutPrefix(num, "-"); ok {
			out = "-" + sign + neg // the minus before the sign: "-€5.00"
		}
		if Width(out) <= width {
			return out
		}
	}
	return cell(out, width)
}

// compactNum is v in thousands, millions, billions or trillions with prec
// decimals: "315.2k", "1.2M", "3T"; below 1,000 it has prec decimals. A
// rounding that reaches 1,000 of a unit moves to the next: 999,960 with
// one decimal is "1.0M", not "1000.0k".
func compactNum(v float64, prec int) string {
	units := []struct {
		size   float64
		suffix string
	}{{1, ""}, {1e3, "k"}, {1e6, "M"}, {1e9, "B"}, {1e12, "T"}}
	a := math.Abs(v)
	i := 0
	for i+1 < len(units) && a >= units[i+1].size {
		i++
	}
	scale := math.Pow(10, float64(prec))
	if i+1 < len(units) && math.Round(a/units[i].size*scale)/scale >= 1000 {
		i++
	}
	return FormatFixed(v/units[i].size, prec) + units[i].suffix
}
