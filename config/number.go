package config

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// Weights: relative, so their scale does not matter, but 1e308 overflows a
// sum and 1e-320 is zero in all but name. Anything outside this range is a
// config error rather than a silent +0.00 % or a Whoosh of 50.0.
const (
	minWeight = 0.001
	maxWeight = 1000
)

// weightRange is a basket member's weight; legRange a Whoosh Index leg's,
// where 0 switches the leg off.
var (
	weightRange = numRange{lo: minWeight, hi: maxWeight, what: "weight",
		hint: "use a number from 0.001 to 1000; weights are relative"}
	legRange = numRange{lo: minWeight, hi: maxWeight, zeroOK: true, what: "weight",
		hint: "use 0 to switch the leg off, or a number from 0.001 to 1000; weights are relative"}
)

// numRange is the set of values a number field accepts: [lo, hi], and
// exactly 0 when zeroOK.
type numRange struct {
	lo, hi float64
	zeroOK bool
	what   string // the field's noun in messages: "weight"
	hint   string
}

func (r numRange) has(x float64) bool {
	return x >= r.lo && x <= r.hi || r.zeroOK && x == 0
}

// yamlNumber is YAML 1.2's core-schema decimal number. goccy reads a plain
// 1e308 or 2e308 as a string (it wants a dot), and an integer beyond 64 bits
// too; a user means a number by all of them.
var yamlNumber = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// numberValue reads n as a number. beyond is set for a number that a
// float64 cannot hold (x is then ±Inf or 0, not the value written). not
// says what n is when it is not a finite number ("" when it is one), for
// "must be a number, not …"; nonFinite marks .inf and .nan.
func numberValue(n ast.Node) (x float64, beyond bool, not string, nonFinite bool) {
	switch v := n.(type) {
	case *ast.IntegerNode:
		switch i := v.Value.(type) {
		case int64:
			return float64(i), false, "", false
		case uint64:
			return float64(i), false, "", false
		}
		return 0, false, quote(tokenText(n)), false
	case *ast.FloatNode:
		if math.IsNaN(v.Value) {
			return 0, false, quote(tokenText(n)), true
		}
		// ±Inf here is a literal such as 1.0e+400.
		return v.Value, math.IsInf(v.Value, 0), "", false
	case *ast.InfinityNode, *ast.NanNode:
		return 0, false, quote(tokenText(n)), true
	case *ast.StringNode:
		if t := n.GetToken(); t == nil || t.Type != token.StringType {
			return 0, false, "the string " + quote(v.Value), false // quoted on purpose
		}
		s := tokenText(n)
		if yamlNumber.MatchString(s) {
			x, err := strconv.ParseFloat(s, 64)
			// ParseFloat rounds 1e-400 to 0 without an error.
			mantissa, _, _ := strings.Cut(strings.ToLower(s), "e")
			underflow := x == 0 && strings.ContainsAny(mantissa, "123456789")
			return x, underflow || errors.Is(err, strconv.ErrRange), "", false
		}
		if _, err := strconv.ParseInt(s, 0, 64); errors.Is(err, strconv.ErrRange) {
			return math.Inf(1), true, "", false // 0x… and 0o… beyond 64 bits
		}
		return 0, false, quote(s), false
	}
	return 0, false, kind(n), false
}

// number decodes a finite number in r.
func (d *decoder) number(n ast.Node, path string, r numRange) (float64, bool) {
	x, beyond, not, nonFinite := numberValue(n)
	switch {
	case nonFinite:
		d.errorf(n, path, r.hint, "must be a finite number, not %s", not)
	case not != "":
		d.errorf(n, path, r.hint, "must be a number, not %s", not)
	case beyond || !r.has(x):
		d.errorf(n, path, r.hint, "%s %s is out of range", r.what, numberText(n))
	default:
		return x, true
	}
	return 0, false
}

// integer decodes a whole number in [lo, hi]. 1.5 is an error, not 1.
func (d *decoder) integer(n ast.Node, path string, lo, hi int) (int, bool) {
	hint := fmt.Sprintf("use a whole number from %d to %d", lo, hi)
	x, beyond, not, _ := numberValue(n)
	switch {
	case not != "":
		d.errorf(n, path, hint, "must be a whole number, not %s", not)
	case !beyond && x != math.Trunc(x):
		d.errorf(n, path, hint, "must be a whole number, not %s", numberText(n))
	case beyond || x < float64(lo) || x > float64(hi):
		d.errorf(n, path, hint, "%s is out of range", numberText(n))
	default:
		return int(x), true
	}
	return 0, false
}

// tokenText is a scalar's text as written.
func tokenText(n ast.Node) string {
	if t := n.GetToken(); t != nil {
		return t.Value
	}
	return ""
}

// numberText is a number as written, for a message: a number token has no
// control characters, but a 309-digit one is cut.
func numberText(n ast.Node) string {
	s := tokenText(n)
	if len(s) > 24 {
		s = s[:20] + "…"
	}
	return s
}
