package yahoo

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// Yahoo's JSON drifts: an integer field arrives as 3220000000.0, a number
// as "3220000000", as null, as {"raw": 1.5, "fmt": "1.50"}, or not at all.
// Every number of the quote and chart answers is read through num (see
// normalize.go), which never fails: a field it cannot read is missing, so
// a drift costs that field, never the batch or the symbol.

// num is a leniently decoded JSON number; see Float.
type num struct {
	v   float64
	set bool
}

// Float returns the number, or NaN when it was missing or unreadable.
func (n num) Float() float64 {
	if !n.set {
		return math.NaN()
	}
	return n.v
}

// UnmarshalJSON accepts a number, a numeric string, or an object with a
// "raw" number; anything else (null, true, [], "n/a") leaves n missing.
// It never returns an error.
func (n *num) UnmarshalJSON(b []byte) error {
	v, ok := parseNum(b, 0)
	*n = num{v: v, set: ok}
	return nil
}

func parseNum(b []byte, depth int) (float64, bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return 0, false
	}
	var s string
	switch b[0] {
	case '"':
		if json.Unmarshal(b, &s) != nil {
			return 0, false
		}
		s = strings.TrimSpace(s)
	case '{':
		var o struct {
			Raw json.RawMessage `json:"raw"`
		}
		if depth > 0 || json.Unmarshal(b, &o) != nil || o.Raw == nil {
			return 0, false
		}
		return parseNum(o.Raw, depth+1)
	case 'n', 't', 'f', '[':
		return 0, false
	default:
		s = string(b)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}
